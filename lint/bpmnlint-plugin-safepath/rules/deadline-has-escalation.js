const { is } = require('bpmnlint-utils');
const { camundaAttribute, outgoingOf } = require('./model-helpers');

function isTimer(event) {
  return (event.eventDefinitions || []).some((d) => is(d, 'bpmn:TimerEventDefinition'));
}

function leadsSomewhere(event) {
  return outgoingOf(event).some((flow) => flow.targetRef);
}

/**
 * Every deadline has an escalation: a user task with a due date (camunda:dueDate) carries a
 * boundary timer (on itself or an enclosing subprocess) whose outgoing flow leads to the escalation, and every boundary timer has an
 * outgoing flow (a timer that leads nowhere escalates to nobody).
 */
module.exports = function deadlineHasEscalation() {
  function check(node, reporter) {
    if (is(node, 'bpmn:BoundaryEvent') && isTimer(node) && !leadsSomewhere(node)) {
      reporter.report(node.id, 'Boundary timer has no outgoing flow: connect it to the escalation');
      return;
    }
    if (!is(node, 'bpmn:UserTask') || !camundaAttribute(node, 'dueDate')) return;
    // The escalating timer sits on the task or on a subprocess enclosing it (a deadline that
    // covers several steps, such as Tai Calon's safe-contact window with its retries).
    const timers = [];
    for (let host = node; host && !is(host, 'bpmn:Process'); host = host.$parent) {
      const siblings = (host.$parent && host.$parent.flowElements) || [];
      timers.push(...siblings.filter((e) => is(e, 'bpmn:BoundaryEvent') && e.attachedToRef === host && isTimer(e)));
    }
    if (!timers.length) {
      reporter.report(node.id, 'Deadline without escalation: add a boundary timer (same duration as camunda:dueDate) leading to the escalation', ['dueDate']);
    } else if (!timers.some(leadsSomewhere)) {
      reporter.report(node.id, 'Deadline without escalation: the boundary timer leads nowhere', ['dueDate']);
    }
  }
  return { check };
};
