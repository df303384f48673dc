const { is } = require('bpmnlint-utils');

/**
 * No script tasks: the engine does not run scripts (case data is too sensitive for arbitrary
 * code). Use a user task, or a service task with camunda:type="external".
 */
module.exports = function noScriptTask() {
  function check(node, reporter) {
    if (is(node, 'bpmn:ScriptTask')) {
      reporter.report(node.id, 'Script tasks are not executed: use a user task or an external service task');
    }
  }
  return { check };
};
