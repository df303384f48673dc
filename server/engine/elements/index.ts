import type { NodeModel } from '../model/process-model';
import type { ExecutionState } from '../runtime/state';
import type { Behaviours, Step } from '../runtime/step';
import { executeBoundaryEvent, listenForBoundaryEvents } from './boundary';
import {
  executeEndEvent,
  executeIntermediateCatchEvent,
  executeIntermediateThrowEvent,
  executeStartEvent,
} from './events';
import {
  executeEventBasedGateway,
  executeExclusiveGateway,
  executeInclusiveGateway,
  executeParallelGateway,
  recheckInclusiveJoins,
} from './gateways';
import { enterBody, innerCompleted, leaveBody } from './multi-instance';
import { executeCallActivity, executeSubProcess } from './sub-processes';
import { executeExternalTask, executeReceiveTask, executeUserTask } from './tasks';
import { executeBusinessRuleTask } from './business-rule-task';

/** What each kind of node does when a token arrives. */
function execute(step: Step, execution: ExecutionState, node: NodeModel): void {
  switch (node.kind) {
    case 'startEvent':
      return executeStartEvent(step, execution, node);
    case 'endEvent':
      return executeEndEvent(step, execution, node);
    case 'intermediateThrowEvent':
      return executeIntermediateThrowEvent(step, execution, node);
    case 'intermediateCatchEvent':
      return executeIntermediateCatchEvent(step, execution, node);
    case 'boundaryEvent':
      return executeBoundaryEvent(step, execution, node);
    case 'userTask':
      return executeUserTask(step, execution, node);
    case 'manualTask':
    case 'task':
      return step.leave(execution, node);
    case 'receiveTask':
      return executeReceiveTask(step, execution, node);
    case 'serviceTask':
    case 'sendTask':
    case 'businessRuleTask':
      if (node.external) return executeExternalTask(step, execution, node, node.external.topic, node.external.priority);
      if (node.decision) return executeBusinessRuleTask(step, execution, node);
      return step.leave(execution, node);
    case 'subProcess':
      return executeSubProcess(step, execution, node);
    case 'callActivity':
      return executeCallActivity(step, execution, node);
    case 'exclusiveGateway':
      return executeExclusiveGateway(step, execution, node);
    case 'parallelGateway':
      return executeParallelGateway(step, execution, node);
    case 'inclusiveGateway':
      return executeInclusiveGateway(step, execution, node);
    case 'eventBasedGateway':
      return executeEventBasedGateway(step, execution, node);
  }
}

export const behaviours: Behaviours = {
  execute,
  listenForBoundaryEvents,
  multiInstance: { enterBody, innerCompleted, leaveBody },
  inclusiveGateway: { recheckJoins: recheckInclusiveJoins },
};
