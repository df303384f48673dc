const { isAny } = require('bpmnlint-utils');
const { outgoingOf } = require('./model-helpers');

/**
 * An exclusive (or inclusive) gateway with several outgoing flows is complete: every flow that
 * is not the default has a condition, and the default is one of its outgoing flows. Otherwise
 * a case can reach a state where no path is taken and the engine raises an incident.
 */
module.exports = function exclusiveGatewayComplete() {
  function check(node, reporter) {
    if (!isAny(node, ['bpmn:ExclusiveGateway', 'bpmn:InclusiveGateway'])) return;
    const outgoing = outgoingOf(node);
    if (node.default && !outgoing.includes(node.default)) {
      reporter.report(node.id, `Default flow <${node.default.id}> is not an outgoing flow of this gateway`, ['default']);
    }
    if (outgoing.length < 2) return;
    for (const flow of outgoing) {
      if (flow !== node.default && !flow.conditionExpression) {
        reporter.report(flow.id, `Flow leaving gateway <${node.id}> needs a condition, or must be the gateway's default flow`, ['conditionExpression']);
      }
    }
  }
  return { check };
};
