import { EngineError, EngineErrorCode } from '../engine-error';
import type { CompiledExpression } from '../expressions';
import { evaluateCondition } from '../expressions';
import type { HistoryEvent } from '../history/history-event';
import type { DefinitionRecord } from '../ports/case-store';
import type { FlowModel, MappingValue, NodeModel, ProcessModel } from '../model/process-model';
import { flowOf, nodeOf } from '../model/process-model';
import type { Effect } from './effects';
import type { NotificationRecord } from './notifications';
import { activityRecord, taskRecord, variableRecord, instanceRecord } from './history-records';
import type { ExecutionState, IncidentState, InstanceState, TaskState, TypedValue, VariableState } from './state';
import { ancestorsOf, markSensitive, typedValueOf, visibleVariables } from './variables';

/** Everything a step needs from outside its instance. */
export interface StepEnv {
  now: Date;
  newId(): string;
  /** Computes a timer's or due date's moment (working-day calendars live behind this). */
  dueDate(kind: 'date' | 'duration' | 'cycle', value: unknown, tenantId: string | null): { due: Date; repeat?: { cycle: string; remaining: number | null } };
  history: HistoryEvent[];
  effects: Effect[];
  /** Jobs created (to schedule after commit) and removed (to cancel). */
  jobsCreated: { id: string; dueDate: Date | null }[];
  jobsRemoved: string[];
  /** Existing jobs whose wake-up moves (same id, new due date): cancelled and scheduled again after commit. */
  jobsRescheduled: { id: string; dueDate: Date | null }[];
  /** Notifications to store with the step (overdue, escalation, assignment). */
  notifications: NotificationRecord[];
  /** Evaluates a deployed DMN decision by key (business rule tasks); absent when none is wired. */
  evaluateDecision?: (key: string, tenantId: string | null, variables: Record<string, unknown>, mapDecisionResult: string) => TypedValue;
}

/** Thrown inside a step to stop a runaway loop without a wait state. */
const MAX_OPERATIONS = 20000;

/**
 * One engine step on one instance: runs the agenda of token operations until every token rests
 * at a wait state. The behaviours of the elements (`../elements`) call back into this class.
 *
 * Lifecycle of a token: `enter` (activity instance starts, input mappings, boundary listeners)
 * → the element's `execute` → either a wait state, or `leave` (output mappings, activity
 * instance ends) → `takeFlows` into the next element. A token without outgoing flows ends, and
 * a scope whose last token ended completes.
 */
export class Step {
  private readonly agenda: (() => void)[] = [];
  private operations = 0;
  /** Set while a timer boundary event fires: user tasks created then are escalations. */
  escalating = false;
  /** Tasks completed or cancelled in this step: their activity's history still names task and assignee. */
  readonly endedTasks: TaskState[] = [];

  constructor(
    readonly instance: InstanceState,
    readonly model: ProcessModel,
    readonly definition: DefinitionRecord,
    readonly env: StepEnv,
    readonly behaviours: Behaviours,
  ) {}

  get nowIso(): string {
    return this.env.now.toISOString();
  }

  /** Queues an operation; `run` drains the queue. */
  schedule(operation: () => void): void {
    this.agenda.push(operation);
  }

  run(): void {
    while (this.agenda.length) {
      if (++this.operations > MAX_OPERATIONS) {
        throw new EngineError(EngineErrorCode.InvalidRequest, `The process '${this.model.id}' loops without reaching a wait state.`);
      }
      this.agenda.shift()!();
    }
  }

  // ---- executions -------------------------------------------------------------------------

  execution(id: string): ExecutionState {
    const execution = this.instance.executions.find((e) => e.id === id);
    if (!execution) throw new EngineError(EngineErrorCode.NotFound, `Execution '${id}' does not exist.`);
    return execution;
  }

  findExecution(id: string): ExecutionState | undefined {
    return this.instance.executions.find((e) => e.id === id);
  }

  root(): ExecutionState {
    return this.execution(this.instance.id);
  }

  children(executionId: string): ExecutionState[] {
    return this.instance.executions.filter((e) => e.parentId === executionId);
  }

  newExecution(parentId: string, activityId: string | null, phase: ExecutionState['phase'] = 'waiting'): ExecutionState {
    const execution: ExecutionState = {
      id: this.env.newId(),
      parentId,
      activityId,
      activityInstanceId: null,
      phase,
      startTime: this.nowIso,
    };
    this.instance.executions.push(execution);
    return execution;
  }

  node(id: string): NodeModel {
    return nodeOf(this.model, id);
  }

  // ---- token movement ---------------------------------------------------------------------

  /** A token arrives at a node. */
  enter(execution: ExecutionState, node: NodeModel, viaFlowId: string | null): void {
    execution.activityId = node.id;
    execution.arrivedBy = viaFlowId;
    execution.startTime = this.nowIso;
    execution.phase = 'waiting';
    if (node.multiInstance && !this.isInnerInstance(execution, node)) {
      this.behaviours.multiInstance.enterBody(this, execution, node);
      return;
    }
    this.startActivity(execution, node);
    this.behaviours.execute(this, execution, node);
  }

  /** Starts the activity instance of a token at a node: history, inputs, boundary listeners. */
  startActivity(execution: ExecutionState, node: NodeModel, activityType?: string): void {
    execution.activityInstanceId = `${node.id}:${this.env.newId()}`;
    execution.startTime = this.nowIso;
    this.recordActivity(execution, node, null, false, activityType);
    for (const input of node.inputs) {
      this.setLocalVariable(execution.id, input.name, typedValueOf(this.mappingValue(input.value, execution.id)));
    }
    if (!node.multiInstance || !this.isInnerInstance(execution, node)) {
      this.behaviours.listenForBoundaryEvents(this, execution, node);
    }
  }

  /** The token completes its activity and moves on. */
  leave(execution: ExecutionState, node: NodeModel): void {
    this.endActivity(execution, node, false);
    if (node.multiInstance && this.isInnerInstance(execution, node)) {
      this.behaviours.multiInstance.innerCompleted(this, execution, node);
      return;
    }
    const flows = this.selectActivityFlows(execution, node);
    if (flows === null) return;
    if (flows.length === 0) {
      this.endToken(execution);
      return;
    }
    this.takeFlows(execution, flows);
  }

  /** Ends a token's activity instance: outputs, local variables, listeners, history. */
  endActivity(execution: ExecutionState, node: NodeModel, canceled: boolean): void {
    if (!canceled) {
      const outputs = node.outputs.map((o) => ({ name: o.name, value: this.mappingValue(o.value, execution.id) }));
      this.clearLocal(execution.id);
      const parentScope = execution.parentId ?? this.instance.id;
      for (const o of outputs) this.setVariable(parentScope, o.name, typedValueOf(o.value));
    } else {
      this.clearLocal(execution.id);
    }
    this.removeListeners(execution.id);
    this.recordActivity(execution, node, this.nowIso, canceled);
  }

  /** Outgoing flows of an activity: unconditional ones and those whose condition holds. */
  private selectActivityFlows(execution: ExecutionState, node: NodeModel): FlowModel[] | null {
    const flows = node.outgoing.map((id) => flowOf(this.model, id));
    if (flows.length <= 1 && !flows.some((f) => f.condition)) return flows;
    const vars = this.variablesOf(execution.id);
    const taken = flows.filter((f) => f.id !== node.defaultFlowId && (!f.condition || this.condition(f.condition, vars, f.id)));
    if (taken.length) return taken;
    const fallback = flows.find((f) => f.id === node.defaultFlowId);
    if (fallback) return [fallback];
    this.raiseIncident(execution, node, 'noMatchingFlow', `No outgoing sequence flow of '${node.name ?? node.id}' matches: check the conditions or add a default flow.`);
    return null;
  }

  /** Moves a token along flows: the first reuses the token, the others fork new tokens. */
  takeFlows(execution: ExecutionState, flows: FlowModel[]): void {
    flows.forEach((flow, index) => {
      const token = index === 0 ? execution : this.newExecution(execution.parentId ?? this.instance.id, null);
      const target = this.node(flow.targetId);
      this.schedule(() => this.enter(token, target, flow.id));
    });
  }

  /** A token has nowhere to go: remove it and complete its scope if it was the last. */
  endToken(execution: ExecutionState): void {
    this.removeExecution(execution.id);
    const parentId = execution.parentId;
    if (!parentId) return;
    this.schedule(() => this.scopeMayComplete(parentId));
  }

  scopeMayComplete(scopeId: string): void {
    const scope = this.findExecution(scopeId);
    if (!scope || scope.phase !== 'scope') return;
    if (this.children(scopeId).length > 0) {
      this.behaviours.inclusiveGateway.recheckJoins(this, scopeId);
      return;
    }
    this.completeScope(scope);
  }

  /** Every token of a scope has ended: the scope completes. */
  completeScope(scope: ExecutionState): void {
    if (scope.id === this.instance.id) {
      this.completeInstance('COMPLETED', null);
      return;
    }
    const node = this.node(scope.activityId!);
    if (node.triggeredByEvent) {
      this.endActivity(scope, node, false);
      this.endToken(scope);
      return;
    }
    if (node.multiInstance && scope.loop?.nrOfInstances !== undefined) {
      this.behaviours.multiInstance.leaveBody(this, scope, node);
      return;
    }
    scope.phase = 'waiting';
    this.leave(scope, node);
  }

  completeInstance(state: 'COMPLETED' | 'EXTERNALLY_TERMINATED' | 'INTERNALLY_TERMINATED', reason: string | null, endActivityId?: string): void {
    const root = this.root();
    for (const child of this.children(root.id)) this.cancelTree(child, reason ?? 'completed');
    this.removeListeners(root.id);
    this.instance.state = state;
    this.instance.endTime = this.nowIso;
    this.env.history.push({ kind: 'process-instance', record: instanceRecord(this, reason, endActivityId ?? null) });
    if (state === 'COMPLETED' && this.instance.superInstanceId) {
      this.env.effects.push({
        kind: 'child-completed',
        superInstanceId: this.instance.superInstanceId,
        superExecutionId: this.instance.superExecutionId!,
        childInstanceId: this.instance.id,
        variables: Object.fromEntries(
          this.instance.variables.filter((v) => v.scopeId === this.instance.id && v.taskId === null).map((v) => [v.name, { type: v.type, value: v.value, ...(v.sensitive ? { sensitive: true } : {}) }]),
        ),
      });
    }
  }

  /** Cancels an execution and everything inside it (tasks, listeners, called instances). */
  cancelTree(execution: ExecutionState, reason: string): void {
    this.interrupt(execution, reason);
    if (execution.id !== this.instance.id) this.removeExecution(execution.id);
  }

  /**
   * Stops whatever an execution is doing, keeping the execution itself: its inner tokens, its
   * tasks, external tasks, listeners and called instance go; its activity instance is canceled.
   */
  interrupt(execution: ExecutionState, reason: string): void {
    for (const child of this.children(execution.id)) this.cancelTree(child, reason);
    for (const task of this.instance.tasks.filter((t) => t.executionId === execution.id)) {
      this.env.history.push({ kind: 'task', record: taskRecord(this, task, this.nowIso, reason) });
      this.endedTasks.push(task);
    }
    this.instance.tasks = this.instance.tasks.filter((t) => t.executionId !== execution.id);
    this.instance.externalTasks = this.instance.externalTasks.filter((t) => t.executionId !== execution.id);
    this.resolveIncidents(execution.id, 'deleted');
    if (execution.calledInstanceId) {
      this.env.effects.push({ kind: 'delete-child', childInstanceId: execution.calledInstanceId, reason });
      execution.calledInstanceId = null;
    }
    if (execution.activityId && execution.activityInstanceId && execution.id !== this.instance.id) {
      this.endActivity(execution, this.node(execution.activityId), true);
    } else {
      this.removeListeners(execution.id);
      this.clearLocal(execution.id);
    }
    execution.phase = 'waiting';
    delete execution.loop;
  }

  removeExecution(id: string): void {
    this.clearLocal(id);
    this.removeListeners(id);
    this.instance.executions = this.instance.executions.filter((e) => e.id !== id);
  }

  /** Removes subscriptions and jobs owned by an execution. */
  removeListeners(executionId: string): void {
    this.instance.subscriptions = this.instance.subscriptions.filter((s) => s.executionId !== executionId);
    const removed = this.instance.jobs.filter((j) => j.executionId === executionId);
    if (removed.length) {
      this.env.jobsRemoved.push(...removed.map((j) => j.id));
      this.instance.jobs = this.instance.jobs.filter((j) => j.executionId !== executionId);
    }
  }

  isInnerInstance(execution: ExecutionState, node: NodeModel): boolean {
    const parent = execution.parentId ? this.findExecution(execution.parentId) : undefined;
    return !!parent && parent.activityId === node.id && parent.phase === 'scope' && parent.loop?.nrOfInstances !== undefined;
  }

  // ---- variables ---------------------------------------------------------------------------

  variablesOf(executionId: string, taskId?: string): Record<string, unknown> {
    return visibleVariables(this.instance, executionId, taskId);
  }

  /** Sets a variable where it is visible from the execution, or on the instance when new. */
  setVariable(executionId: string, name: string, value: TypedValue): void {
    for (const scope of ancestorsOf(this.instance, executionId)) {
      const existing = this.instance.variables.find((v) => v.scopeId === scope.id && v.name === name && v.taskId === null);
      if (existing) {
        this.writeVariable(existing, value);
        return;
      }
    }
    this.setLocalVariable(this.instance.id, name, value);
  }

  setLocalVariable(scopeId: string, name: string, value: TypedValue, taskId: string | null = null): void {
    const existing = this.instance.variables.find((v) => v.scopeId === scopeId && v.name === name && v.taskId === taskId);
    if (existing) {
      this.writeVariable(existing, value);
      return;
    }
    const variable: VariableState = { id: this.env.newId(), name, scopeId, taskId, type: value.type, value: value.value };
    if (value.valueInfo) variable.valueInfo = value.valueInfo;
    markSensitive(variable, value, this.model.sensitiveVariables);
    this.instance.variables.push(variable);
    this.env.history.push({ kind: 'variable', record: variableRecord(this, variable, 'CREATED') });
  }

  removeVariable(variable: VariableState): void {
    this.instance.variables = this.instance.variables.filter((v) => v.id !== variable.id);
    this.env.history.push({ kind: 'variable', record: variableRecord(this, variable, 'DELETED') });
  }

  private writeVariable(variable: VariableState, value: TypedValue): void {
    variable.type = value.type;
    variable.value = value.value;
    if (value.valueInfo) variable.valueInfo = value.valueInfo;
    else delete variable.valueInfo;
    markSensitive(variable, value, this.model.sensitiveVariables);
    this.env.history.push({ kind: 'variable', record: variableRecord(this, variable, 'CREATED') });
  }

  /** Local variables of a scope die with it (history keeps their last value). */
  clearLocal(scopeId: string): void {
    if (scopeId === this.instance.id) return;
    for (const v of this.instance.variables.filter((x) => x.scopeId === scopeId)) this.removeVariable(v);
  }

  // ---- expressions ------------------------------------------------------------------------

  evaluate(expression: CompiledExpression, executionId: string, elementId: string): unknown {
    try {
      return expression.evaluate(this.variablesOf(executionId));
    } catch (error) {
      throw new EngineError(EngineErrorCode.Expression, `Element '${elementId}': ${(error as Error).message}`, { elementId });
    }
  }

  condition(expression: CompiledExpression, vars: Record<string, unknown>, elementId: string): boolean {
    try {
      return evaluateCondition(expression, vars);
    } catch (error) {
      throw new EngineError(EngineErrorCode.Expression, `Condition of '${elementId}': ${(error as Error).message}`, { elementId });
    }
  }

  mappingValue(value: MappingValue, executionId: string): unknown {
    switch (value.kind) {
      case 'null':
        return null;
      case 'expression':
        return this.evaluate(value.expression, executionId, 'inputOutput');
      case 'list':
        return value.items.map((item) => this.mappingValue(item, executionId));
      case 'map':
        return Object.fromEntries(value.entries.map((e) => [e.key, this.mappingValue(e.value, executionId)]));
    }
  }

  // ---- incidents and history --------------------------------------------------------------

  raiseIncident(execution: ExecutionState, node: NodeModel, type: IncidentState['type'], message: string, configuration: string | null = null): IncidentState {
    execution.phase = 'waiting';
    return this.addIncident(execution.id, node.id, type, message, configuration);
  }

  /** Opens an incident without touching the execution (e.g. a failed job of a waiting token). */
  addIncident(executionId: string, activityId: string, type: IncidentState['type'], message: string, configuration: string | null): IncidentState {
    const incident: IncidentState = { id: this.env.newId(), executionId, activityId, type, message, configuration, created: this.nowIso };
    this.instance.incidents.push(incident);
    this.recordIncident(incident, false);
    return incident;
  }

  resolveIncidents(executionId: string, how: 'resolved' | 'deleted'): void {
    this.resolveIncidentsWhere((i) => i.executionId === executionId, how);
  }

  /** Ends the open incidents that match, recording how in history. */
  resolveIncidentsWhere(match: (incident: IncidentState) => boolean, how: 'resolved' | 'deleted'): void {
    for (const incident of this.instance.incidents.filter(match)) {
      this.recordIncident(incident, true, how);
    }
    this.instance.incidents = this.instance.incidents.filter((i) => !match(i));
  }

  private recordIncident(incident: IncidentState, ended: boolean, how: 'resolved' | 'deleted' = 'resolved'): void {
    this.env.history.push({
      kind: 'incident',
      record: {
        id: incident.id,
        processDefinitionId: this.definition.id,
        processDefinitionKey: this.definition.key,
        processInstanceId: this.instance.id,
        executionId: incident.executionId,
        activityId: incident.activityId,
        incidentType: incident.type,
        incidentMessage: incident.message,
        configuration: incident.configuration,
        createTime: incident.created,
        endTime: ended ? this.nowIso : null,
        open: !ended,
        resolved: ended && how === 'resolved',
        deleted: ended && how === 'deleted',
        tenantId: this.instance.tenantId,
      },
    });
  }

  recordActivity(execution: ExecutionState, node: NodeModel, endTime: string | null, canceled: boolean, activityType?: string): void {
    this.env.history.push({ kind: 'activity-instance', record: activityRecord(this, execution, node, endTime, canceled, activityType) });
  }
}

/** The element behaviours a step dispatches to (see `../elements`). */
export interface Behaviours {
  execute(step: Step, execution: ExecutionState, node: NodeModel): void;
  listenForBoundaryEvents(step: Step, execution: ExecutionState, node: NodeModel): void;
  multiInstance: {
    enterBody(step: Step, execution: ExecutionState, node: NodeModel): void;
    innerCompleted(step: Step, execution: ExecutionState, node: NodeModel): void;
    leaveBody(step: Step, body: ExecutionState, node: NodeModel): void;
  };
  inclusiveGateway: { recheckJoins(step: Step, scopeId: string): void };
}
