import { Engine } from '../runtime/engine';
import { ManualClock } from '../ports/clock';
import type { TypedValue } from '../runtime/state';
import { InMemoryCaseStore } from './in-memory-case-store';

/** An engine on an in-memory store with a manual clock, and shortcuts the specs read well with. */
export class EngineHarness {
  readonly store = new InMemoryCaseStore();
  readonly clock = new ManualClock(new Date('2026-11-23T10:00:00Z'));
  readonly engine = new Engine({ store: this.store, clock: this.clock });

  async deploy(xml: string, name = 'process.bpmn', tenantId: string | null = null) {
    return this.engine.deploy({ name: 'test', tenantId, resources: [{ name, content: xml }] });
  }

  async start(key: string, variables: Record<string, unknown> = {}, businessKey?: string, tenantId?: string | null) {
    const typed = Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, typedOf(v)]));
    return (await this.engine.startProcessInstance({ definitionKey: key, variables: typed, businessKey, tenantId })).instance;
  }

  instance(id: string) {
    return this.store.data.instances.get(id) ?? null;
  }

  tasks(instanceId?: string) {
    const all = [...this.store.data.instances.values()].filter((i) => !instanceId || i.id === instanceId);
    return all.flatMap((i) => i.tasks);
  }

  /** The ids of the user tasks waiting, sorted. */
  openTaskKeys(instanceId?: string): string[] {
    return this.tasks(instanceId).map((t) => t.taskDefinitionKey).sort();
  }

  async complete(taskKey: string, variables: Record<string, unknown> = {}, instanceId?: string) {
    const task = this.tasks(instanceId).find((t) => t.taskDefinitionKey === taskKey);
    if (!task) throw new Error(`No open task '${taskKey}' (open: ${this.openTaskKeys(instanceId).join(', ') || 'none'})`);
    const typed = Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, typedOf(v)]));
    return this.engine.completeTask(task.id, typed);
  }

  /** Activity ids of finished activity instances of an instance, in order. */
  path(instanceId: string): string[] {
    return this.store
      .historyOf('activity-instance')
      .filter((a) => a.processInstanceId === instanceId && a.endTime && !a.canceled)
      .sort((a, b) => (a.endTime! < b.endTime! ? -1 : a.endTime! > b.endTime! ? 1 : 0))
      .map((a) => a.activityId);
  }

  visited(instanceId: string): string[] {
    return this.store.historyOf('activity-instance').filter((a) => a.processInstanceId === instanceId).map((a) => a.activityId);
  }

  processState(instanceId: string): string | undefined {
    return this.store.historyOf('process-instance').find((p) => p.id === instanceId)?.state;
  }

  variable(instanceId: string, name: string): unknown {
    const live = this.instance(instanceId)?.variables.find((v) => v.name === name && v.scopeId === instanceId);
    if (live) return live.value;
    return this.store.historyOf('variable').find((v) => v.processInstanceId === instanceId && v.name === name && v.state === 'CREATED')?.value;
  }
}

export function typedOf(value: unknown): TypedValue {
  if (value === null) return { type: 'Null', value: null };
  if (typeof value === 'string') return { type: 'String', value };
  if (typeof value === 'boolean') return { type: 'Boolean', value };
  if (typeof value === 'number') return Number.isInteger(value) ? { type: 'Integer', value } : { type: 'Double', value };
  return { type: 'Json', value };
}
