/**
 * What the library reads from a BPMN document without executing it: its executable process, the
 * forms, called processes and decisions it refers to, the roles it names and its lanes. Works on
 * drafts too (a draft may not yet pass the engine's deploy check), so it reads bpmn-moddle's tree
 * rather than the engine's checked model.
 */
import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import camundaDescriptor from 'camunda-bpmn-moddle/resources/camunda.json';

/** `camunda:formKey` of a form-js schema deployed with the process. */
export const DEPLOYMENT_FORM_KEY = 'camunda-forms:deployment:';

/** A user task's or start event's form: by schema id (`camunda:formRef`) or by resource name (`camunda:formKey`). */
export type FormReference = { kind: 'id'; value: string } | { kind: 'name'; value: string };

export class UnreadableBpmnError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableBpmnError';
  }
}

let moddle: BpmnModdle | null = null;

/** Reads BPMN XML into bpmn-moddle's tree (with the Camunda extensions); throws `UnreadableBpmnError`. */
export async function readBpmn(xml: string): Promise<ModdleElement> {
  moddle ??= new BpmnModdle({ camunda: camundaDescriptor });
  try {
    const { rootElement } = await moddle.fromXML(xml, 'bpmn:Definitions');
    return rootElement;
  } catch (error) {
    throw new UnreadableBpmnError(`The file is not readable BPMN 2.0 XML: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
  }
}

/** The executable processes of a document. */
export function executableProcesses(definitions: ModdleElement): ModdleElement[] {
  return ((definitions.rootElements ?? []) as ModdleElement[]).filter((e) => e.$type === 'bpmn:Process' && e.isExecutable);
}

/** Every flow element of a process, inside subprocesses too, in document order. */
export function allFlowElements(container: ModdleElement): ModdleElement[] {
  const out: ModdleElement[] = [];
  for (const element of (container.flowElements ?? []) as ModdleElement[]) {
    out.push(element);
    if (element.flowElements) out.push(...allFlowElements(element));
  }
  return out;
}

/** True when an attribute value is plain text, not a `${…}` or FEEL `=…` expression. */
export function isLiteral(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && !value.includes('${') && !value.includes('#{') && !value.trim().startsWith('=');
}

/** The form an element names, if any (Camunda's `formRef` wins over `formKey`, as in the engine). */
export function formReferenceOf(element: ModdleElement): FormReference | null {
  if (isLiteral(element.formRef)) return { kind: 'id', value: element.formRef.trim() };
  const key = typeof element.formKey === 'string' ? element.formKey.trim() : '';
  if (key.startsWith(DEPLOYMENT_FORM_KEY)) return { kind: 'name', value: key.slice(DEPLOYMENT_FORM_KEY.length).split('/').pop()! };
  return null;
}

/** Every form the process's user tasks and start events name (each once). */
export function formReferences(process: ModdleElement): FormReference[] {
  const seen = new Map<string, FormReference>();
  for (const element of allFlowElements(process)) {
    if (element.$type !== 'bpmn:UserTask' && element.$type !== 'bpmn:StartEvent') continue;
    const reference = formReferenceOf(element);
    if (reference) seen.set(`${reference.kind}:${reference.value}`, reference);
  }
  return [...seen.values()];
}

/** Keys of the processes called with `camunda:calledElementBinding="deployment"` (they must be deployed alongside). */
export function deploymentBoundCalls(process: ModdleElement): string[] {
  const keys = allFlowElements(process)
    .filter((e) => e.$type === 'bpmn:CallActivity' && e.calledElementBinding === 'deployment' && isLiteral(e.calledElement))
    .map((e) => String(e.calledElement).trim());
  return [...new Set(keys)];
}

/** Decision keys of the process's business rule tasks (the engine evaluates them from the process's own deployment). */
export function decisionReferences(process: ModdleElement): string[] {
  const keys = allFlowElements(process)
    .filter((e) => e.$type === 'bpmn:BusinessRuleTask' && isLiteral(e.decisionRef))
    .map((e) => String(e.decisionRef).trim());
  return [...new Set(keys)];
}

/** The candidate groups an element names literally (comma-separated). */
export function candidateGroupsOf(element: ModdleElement): string[] {
  if (!isLiteral(element.candidateGroups)) return [];
  return String(element.candidateGroups)
    .split(',')
    .map((g) => g.trim())
    .filter((g) => g !== '');
}

/** Every candidate group the process names. */
export function candidateGroups(process: ModdleElement): string[] {
  return [...new Set(allFlowElements(process).flatMap(candidateGroupsOf))];
}

/** Lanes of the process (nested lane sets included): each with the ids of the flow nodes in it. */
export function lanesOf(process: ModdleElement): { id: string; name: string | null; nodeIds: string[] }[] {
  const lanes: { id: string; name: string | null; nodeIds: string[] }[] = [];
  const visit = (laneSets: ModdleElement[] | undefined): void => {
    for (const set of laneSets ?? []) {
      for (const lane of (set.lanes ?? []) as ModdleElement[]) {
        lanes.push({ id: String(lane.id), name: lane.name ?? null, nodeIds: ((lane.flowNodeRef ?? []) as ModdleElement[]).map((n) => String(n.id)) });
        if (lane.childLaneSet) visit([lane.childLaneSet]);
      }
    }
  };
  visit(process.laneSets as ModdleElement[] | undefined);
  return lanes;
}

/** The values of a Camunda property (`camunda:properties`) on an element, e.g. `safepath.signposting`. */
export function camundaProperties(element: ModdleElement, name: string): string[] {
  const values = ((element.extensionElements?.values ?? []) as ModdleElement[])
    .filter((x) => x.$type === 'camunda:Properties')
    .flatMap((x) => (x.values ?? []) as ModdleElement[]);
  return values.filter((p) => p.name === name && typeof p.value === 'string').map((p) => String(p.value));
}

/** An element's documentation text (all `bpmn:documentation` entries), or null. */
export function documentationOf(element: ModdleElement): string | null {
  const texts = ((element.documentation ?? []) as ModdleElement[]).map((d) => String(d.text ?? '').trim()).filter((t) => t !== '');
  return texts.length ? texts.join('\n\n') : null;
}
