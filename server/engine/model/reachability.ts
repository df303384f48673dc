import type { FlowModel, NodeModel } from './process-model';

/**
 * For every node, the nodes a token there can still reach in its scope, following sequence
 * flows and the boundary events of activities. An inclusive join fires once no other token of
 * its scope can reach it.
 */
export function computeReachability(
  nodes: ReadonlyMap<string, NodeModel>,
  flows: ReadonlyMap<string, FlowModel>,
): Map<string, Set<string>> {
  const next = new Map<string, string[]>();
  for (const node of nodes.values()) {
    const targets = node.outgoing.map((f) => flows.get(f)?.targetId).filter((t): t is string => !!t);
    next.set(node.id, [...targets, ...node.boundaryEventIds]);
  }
  const result = new Map<string, Set<string>>();
  for (const node of nodes.values()) {
    const seen = new Set<string>();
    const stack = [...(next.get(node.id) ?? [])];
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...(next.get(id) ?? []));
    }
    result.set(node.id, seen);
  }
  return result;
}
