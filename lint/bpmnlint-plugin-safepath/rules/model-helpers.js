/**
 * Reads a Camunda extension attribute whether or not the moddle knows the Camunda package
 * (with it the value is a property; without it, an unknown attribute in `$attrs`).
 */
function camundaAttribute(node, name) {
  const value = node[name] !== undefined ? node[name] : node.$attrs && node.$attrs[`camunda:${name}`];
  return typeof value === 'string' ? value.trim() : '';
}

module.exports = { camundaAttribute };

/**
 * The sequence flows leaving a node, from the flows' sourceRef (what the engine follows) as well
 * as the node's own `outgoing` list, which hand-written XML may leave out.
 */
function outgoingOf(node) {
  const siblings = (node.$parent && node.$parent.flowElements) || [];
  const fromFlows = siblings.filter((e) => e.$type === 'bpmn:SequenceFlow' && e.sourceRef === node);
  return [...new Set([...(node.outgoing || []), ...fromFlows])];
}

module.exports.outgoingOf = outgoingOf;
