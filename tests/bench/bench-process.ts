/**
 * The process every benchmark runs: start → user task "review" → exclusive gateway on
 * `approved` → user task "approve" or "reject" → end. It is the smallest model that exercises
 * a wait state, a variable-driven decision and a second wait state.
 */
import { bpmn, flow, userTask } from '../../server/engine/testing/bpmn-fixtures';
import type { VariableMap } from '../../server/engine';

/** The process definition key the benchmark deploys and starts. */
export const BENCH_PROCESS_KEY = 'bench_cycle';

/** The BPMN 2.0 XML of the benchmark process. */
export const BENCH_BPMN = bpmn(
  BENCH_PROCESS_KEY,
  [
    '<bpmn:startEvent id="start" />',
    userTask('review'),
    '<bpmn:exclusiveGateway id="decide" />',
    userTask('approve'),
    userTask('reject'),
    '<bpmn:endEvent id="end" />',
    flow('f1', 'start', 'review'),
    flow('f2', 'review', 'decide'),
    flow('f3', 'decide', 'approve', '${approved}'),
    flow('f4', 'decide', 'reject', '${!approved}'),
    flow('f5', 'approve', 'end'),
    flow('f6', 'reject', 'end'),
  ].join('\n'),
);

/** The variables an instance starts with: a few of the common types, no personal data. */
export function startVariables(n: number): VariableMap {
  return {
    amount: { type: 'Integer', value: n % 1000 },
    category: { type: 'String', value: n % 2 === 0 ? 'housing' : 'safety' },
    urgent: { type: 'Boolean', value: n % 3 === 0 },
  };
}

/** The variables that complete the first task; half the cycles take each branch of the gateway. */
export function decisionVariables(n: number): VariableMap {
  return { approved: { type: 'Boolean', value: n % 2 === 0 }, note: { type: 'String', value: `reviewed ${n}` } };
}

/** The variables that complete the second task. */
export function closingVariables(): VariableMap {
  return { closed: { type: 'Boolean', value: true } };
}
