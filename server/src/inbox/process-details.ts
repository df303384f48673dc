/**
 * What the inbox and the dashboard read from a deployed BPMN model beyond what the engine
 * executes: each step's guidance (`bpmn:documentation`), the signposting it needs
 * (`safepath.signposting`), its deadline as written (`camunda:dueDate`), who may start the
 * process (`camunda:candidateStarterGroups`), its start events and forms, the lanes' names for
 * candidate groups, and the processes it calls. See processes/README.md for the conventions.
 *
 * Deployed definitions never change, so each one is read once and kept (a few hundred at most).
 */
import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import camundaDescriptor from 'camunda-bpmn-moddle/resources/camunda.json';

export interface StepDetails {
  id: string;
  name: string | null;
  type: string;
  guidance: string | null;
  signpostingKeys: string[];
  /** `camunda:dueDate` as the model writes it (notation, ISO 8601 or an expression). */
  dueDate: string | null;
  formRef: string | null;
  formKey: string | null;
  candidateGroups: string | null;
}

export interface StartEventDetails {
  id: string;
  name: string | null;
  kind: 'none' | 'message' | 'signal' | 'timer' | 'other';
  formRef: string | null;
  formKey: string | null;
}

export interface ProcessDetails {
  key: string;
  name: string | null;
  /** Null when the model does not restrict who starts it. */
  candidateStarterGroups: string[] | null;
  /** The process's own start events (not those of subprocesses). */
  startEvents: StartEventDetails[];
  steps: ReadonlyMap<string, StepDetails>;
  /** Candidate group → the name of the lane whose tasks it works (for labels). */
  groupLabels: ReadonlyMap<string, string>;
  /** Process keys this one calls (call activities with a literal calledElement). */
  calls: string[];
  sensitive: ReadonlySet<string>;
}

const EMPTY: ProcessDetails = {
  key: '',
  name: null,
  candidateStarterGroups: null,
  startEvents: [],
  steps: new Map(),
  groupLabels: new Map(),
  calls: [],
  sensitive: new Set(),
};

const MAX_CACHED = 500;

let moddle: BpmnModdle | null = null;

function properties(element: ModdleElement): { name: string; value: string }[] {
  const values: ModdleElement[] = element.extensionElements?.values ?? [];
  return values
    .filter((x) => x.$type === 'camunda:Properties')
    .flatMap((x) => (x.values ?? []) as ModdleElement[])
    .map((x) => ({ name: String(x.name ?? ''), value: String(x.value ?? '') }));
}

function words(text: string | undefined | null): string[] {
  return String(text ?? '').split(/[\s,]+/).filter((w) => w !== '');
}

function eventKind(element: ModdleElement): StartEventDetails['kind'] {
  const definitions: ModdleElement[] = element.eventDefinitions ?? [];
  if (definitions.length === 0) return 'none';
  const type = definitions[0].$type;
  if (type === 'bpmn:MessageEventDefinition') return 'message';
  if (type === 'bpmn:SignalEventDefinition') return 'signal';
  if (type === 'bpmn:TimerEventDefinition') return 'timer';
  return 'other';
}

function stepOf(element: ModdleElement): StepDetails {
  const documentation = ((element.documentation ?? []) as ModdleElement[]).map((d) => String(d.text ?? '')).join('\n').trim();
  return {
    id: element.id!,
    name: element.name ?? null,
    type: element.$type,
    guidance: documentation || null,
    signpostingKeys: properties(element).filter((p) => p.name === 'safepath.signposting').flatMap((p) => words(p.value)),
    dueDate: element.dueDate ?? null,
    formRef: element.formRef ?? null,
    formKey: element.formKey ?? null,
    candidateGroups: element.candidateGroups ?? null,
  };
}

function collect(container: ModdleElement, steps: Map<string, StepDetails>, calls: Set<string>): void {
  for (const element of (container.flowElements ?? []) as ModdleElement[]) {
    if (element.$type === 'bpmn:SequenceFlow') continue;
    steps.set(element.id!, stepOf(element));
    if (element.$type === 'bpmn:CallActivity' && element.calledElement && !String(element.calledElement).includes('$')) calls.add(String(element.calledElement));
    if (element.flowElements) collect(element, steps, calls);
  }
}

/**
 * Candidate group → lane name. By the convention (processes/README.md) a role's lane is
 * `lane_<group>`; otherwise the lane holding most of the group's tasks names it.
 */
function labelsOfGroups(laneSets: ModdleElement[], steps: ReadonlyMap<string, StepDetails>): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  const labels = new Map<string, string>();
  for (const laneSet of laneSets) {
    for (const lane of (laneSet.lanes ?? []) as ModdleElement[]) {
      if (!lane.name) continue;
      for (const node of (lane.flowNodeRef ?? []) as ModdleElement[]) {
        for (const group of words(steps.get(node.id!)?.candidateGroups)) {
          if (lane.id === `lane_${group}`) labels.set(group, String(lane.name));
          const byLane = counts.get(group) ?? new Map<string, number>();
          byLane.set(String(lane.name), (byLane.get(String(lane.name)) ?? 0) + 1);
          counts.set(group, byLane);
        }
      }
    }
  }
  for (const [group, byLane] of counts) {
    if (!labels.has(group)) labels.set(group, [...byLane].sort((a, b) => b[1] - a[1])[0][0]);
  }
  return labels;
}

/** Reads the details of process `key` from a definition's BPMN XML (empty details when unreadable). */
export async function readProcessDetails(xml: string, key: string): Promise<ProcessDetails> {
  moddle ??= new BpmnModdle({ camunda: camundaDescriptor });
  let root: ModdleElement;
  try {
    root = (await moddle.fromXML(xml, 'bpmn:Definitions')).rootElement;
  } catch {
    return { ...EMPTY, key };
  }
  const process = ((root.rootElements ?? []) as ModdleElement[]).find((e) => e.$type === 'bpmn:Process' && e.id === key);
  if (!process) return { ...EMPTY, key };
  const steps = new Map<string, StepDetails>();
  const calls = new Set<string>();
  collect(process, steps, calls);
  const groupLabels = labelsOfGroups((process.laneSets ?? []) as ModdleElement[], steps);
  const starters = process.candidateStarterGroups;
  return {
    key,
    name: process.name ?? null,
    candidateStarterGroups: starters ? words(starters) : null,
    startEvents: ((process.flowElements ?? []) as ModdleElement[])
      .filter((e) => e.$type === 'bpmn:StartEvent')
      .map((e) => ({ id: e.id!, name: e.name ?? null, kind: eventKind(e), formRef: e.formRef ?? null, formKey: e.formKey ?? null })),
    steps,
    groupLabels,
    calls: [...calls],
    sensitive: new Set(properties(process).filter((p) => p.name === 'safepath.sensitive').flatMap((p) => words(p.value))),
  };
}

/** Process details by definition id, read once per definition. */
export class ProcessDetailsCache {
  private readonly cache = new Map<string, Promise<ProcessDetails>>();

  /** `loadXml` answers null when the caller may not see the definition: nothing is kept then. */
  async get(definitionId: string, key: string, loadXml: () => Promise<string | null>): Promise<ProcessDetails> {
    const known = this.cache.get(definitionId);
    if (known) return known;
    const xml = await loadXml();
    if (xml === null) return { ...EMPTY, key };
    const details = readProcessDetails(xml, key);
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(definitionId, details);
    return details;
  }
}
