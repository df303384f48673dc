/**
 * The graph side of the layout: which elements a process or subprocess draws, and the column
 * (layer) of each flow node by longest path from the start events, ignoring back edges.
 */

const SKIPPED = new Set(['bpmn:SequenceFlow', 'bpmn:BoundaryEvent', 'bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference']);

/**
 * Splits a process or subprocess into what the layout needs: flow nodes (boundary events
 * apart), boundary events by host id, and sequence flows, all in document order.
 */
export function containerOf(element) {
  const flowElements = element.flowElements ?? [];
  const nodes = flowElements.filter((e) => !SKIPPED.has(e.$type) && e.$instanceOf('bpmn:FlowNode'));
  const flows = flowElements.filter((e) => e.$type === 'bpmn:SequenceFlow');
  const boundariesByHost = new Map();
  for (const e of flowElements) {
    if (e.$type !== 'bpmn:BoundaryEvent' || !e.attachedToRef) continue;
    const list = boundariesByHost.get(e.attachedToRef.id) ?? [];
    list.push(e);
    boundariesByHost.set(e.attachedToRef.id, list);
  }
  return { element, nodes, flows, boundariesByHost };
}

/** The node a flow is drawn from for layering: a boundary event counts as its host. */
function layerSource(flow) {
  const source = flow.sourceRef;
  return source?.$type === 'bpmn:BoundaryEvent' ? source.attachedToRef : source;
}

/**
 * Longest-path layering. A depth-first search from the start events (then from any node not
 * yet reached, in document order) marks edges that close a cycle as back edges; the rest form
 * a DAG whose longest path from a source gives each node's column. Event subprocesses and other
 * unconnected nodes go into a last column of their own.
 * Returns the layer of each node id and the set of back-edge flow ids.
 */
export function layerNodes(container) {
  const { nodes, flows } = container;
  const ids = new Set(nodes.map((n) => n.id));
  const out = new Map(nodes.map((n) => [n.id, []]));
  const connected = new Set();
  for (const flow of flows) {
    const from = layerSource(flow);
    const to = flow.targetRef;
    if (!from || !to || !ids.has(from.id) || !ids.has(to.id)) continue;
    out.get(from.id).push({ flow, to: to.id });
    connected.add(from.id);
    connected.add(to.id);
  }
  const starts = nodes.filter((n) => n.$type === 'bpmn:StartEvent');
  const roots = [...starts, ...nodes.filter((n) => !starts.includes(n))];
  const state = new Map();
  const back = new Set();
  const finished = [];
  for (const root of roots) {
    if (state.has(root.id)) continue;
    // Iterative DFS so a long chain cannot overflow the stack.
    const stack = [{ id: root.id, next: 0 }];
    state.set(root.id, 'open');
    while (stack.length) {
      const top = stack[stack.length - 1];
      const edges = out.get(top.id);
      if (top.next < edges.length) {
        const { flow, to } = edges[top.next++];
        const s = state.get(to);
        if (s === 'open') back.add(flow.id);
        else if (!s) {
          state.set(to, 'open');
          stack.push({ id: to, next: 0 });
        }
      } else {
        state.set(top.id, 'done');
        finished.push(top.id);
        stack.pop();
      }
    }
  }
  const layer = new Map(nodes.map((n) => [n.id, 0]));
  for (const id of finished.reverse()) {
    for (const { flow, to } of out.get(id)) {
      if (!back.has(flow.id)) layer.set(to, Math.max(layer.get(to), layer.get(id) + 1));
    }
  }
  const lastLayer = Math.max(0, ...[...layer.entries()].filter(([id]) => connected.has(id)).map(([, l]) => l));
  for (const node of nodes) {
    if (!connected.has(node.id) && node.$type !== 'bpmn:StartEvent' && nodes.length > 1) layer.set(node.id, lastLayer + 1);
  }
  return { layer, back };
}
