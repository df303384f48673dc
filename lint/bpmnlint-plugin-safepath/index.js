/**
 * bpmnlint-plugin-safepath: Safepath's modelling rules in bpmnlint's plugin format, so that the
 * same checks run in CI (`npm run lint:processes`), in the integration tests and in the
 * designer (bpmn-js-bpmnlint). The engine's deploy check makes the full versions of these
 * checks (e.g. it really parses every condition); these are the fast, browser-safe versions.
 */
module.exports = {
  configs: {
    recommended: {
      rules: {
        'user-task-has-role': 'error',
        'deadline-has-escalation': 'error',
        'no-script-task': 'error',
        'conditions-parse': 'error',
        'exclusive-gateway-complete': 'error',
      },
    },
  },
  rules: {
    'user-task-has-role': './rules/user-task-has-role',
    'deadline-has-escalation': './rules/deadline-has-escalation',
    'no-script-task': './rules/no-script-task',
    'conditions-parse': './rules/conditions-parse',
    'exclusive-gateway-complete': './rules/exclusive-gateway-complete',
  },
};
