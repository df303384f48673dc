const { is } = require('bpmnlint-utils');
const { camundaAttribute } = require('./model-helpers');

/**
 * Every user task names who does it: a candidate group (its lane's role) or an assignee.
 * A task nobody can see in their inbox is a step that silently never happens.
 */
module.exports = function userTaskHasRole() {
  function check(node, reporter) {
    if (!is(node, 'bpmn:UserTask')) return;
    if (camundaAttribute(node, 'candidateGroups') || camundaAttribute(node, 'assignee')) return;
    reporter.report(node.id, 'User task has no role: set camunda:candidateGroups (the lane\'s role) or camunda:assignee', ['candidateGroups']);
  }
  return { check };
};
