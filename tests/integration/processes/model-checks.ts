import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import camundaDescriptor from 'camunda-bpmn-moddle/resources/camunda.json';

/**
 * The checks every model in `processes/` must pass, as functions returning readable problems
 * (an empty list means the model passes), so that a failing test names the element to fix.
 */

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface DrawnShape {
  element: ModdleElement;
  bounds: Box;
  expanded: boolean;
}

/** Every `.bpmn` file under `dir`, sorted, at any depth. */
export function bpmnFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return bpmnFilesUnder(path);
      return /\.bpmn$/i.test(name) ? [path] : [];
    });
}

/** Parses with the engine's moddle (BPMN + Camunda); `warnings` are what bpmn-js would warn about on import. */
export async function readModel(xml: string): Promise<{ definitions: ModdleElement; warnings: string[] }> {
  const { rootElement, warnings } = await new BpmnModdle({ camunda: camundaDescriptor }).fromXML(xml, 'bpmn:Definitions');
  return { definitions: rootElement, warnings: warnings.map((w) => w.message.split('\n')[0]) };
}

/** Walks every flow element (inside subprocesses too) of every process, with lanes. */
function* semanticElements(definitions: ModdleElement): Generator<ModdleElement> {
  function* visit(container: ModdleElement): Generator<ModdleElement> {
    for (const set of container.laneSets ?? []) for (const lane of set.lanes ?? []) yield lane;
    for (const e of container.flowElements ?? []) {
      yield e;
      if (e.flowElements) yield* visit(e);
    }
  }
  for (const root of definitions.rootElements ?? []) {
    if (root.$type === 'bpmn:Process') yield* visit(root);
    if (root.$type === 'bpmn:Collaboration') yield* root.participants ?? [];
  }
}

function planeElements(definitions: ModdleElement): ModdleElement[][] {
  return (definitions.diagrams ?? []).map((d: ModdleElement) => d.plane?.planeElement ?? []);
}

function needsExternalLabel(element: ModdleElement): boolean {
  if (!element.name?.trim()) return false;
  return element.$instanceOf('bpmn:Event') || element.$instanceOf('bpmn:Gateway') || element.$type === 'bpmn:SequenceFlow';
}

/** (a) Every flow node, sequence flow, lane and participant has a shape or edge; named events, gateways and flows have label bounds. */
export function diagramCoverageProblems(definitions: ModdleElement): string[] {
  const drawn = new Map<string, ModdleElement>();
  for (const items of planeElements(definitions)) for (const di of items) if (di.bpmnElement) drawn.set(di.bpmnElement.id, di);
  const problems: string[] = [];
  for (const e of semanticElements(definitions)) {
    const drawable = e.$instanceOf('bpmn:FlowNode') || e.$type === 'bpmn:SequenceFlow' || e.$type === 'bpmn:Lane' || e.$type === 'bpmn:Participant';
    if (!drawable) continue;
    const di = drawn.get(e.id ?? '');
    if (!di) problems.push(`${e.id}: no shape or edge in the diagram`);
    else if (needsExternalLabel(e) && !di.label?.bounds) problems.push(`${e.id}: named, but its label has no bounds`);
  }
  return problems;
}

function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function isAncestor(ancestor: ModdleElement, element: ModdleElement): boolean {
  let current: ModdleElement | undefined = element.$type === 'bpmn:BoundaryEvent' ? element.attachedToRef : element.$parent;
  for (; current; current = current.$parent) if (current === ancestor) return true;
  return false;
}

function mayOverlap(a: DrawnShape, b: DrawnShape): boolean {
  const lanesOrPools = ['bpmn:Lane', 'bpmn:Participant'];
  if (lanesOrPools.includes(a.element.$type) || lanesOrPools.includes(b.element.$type)) return true;
  if (a.element.attachedToRef === b.element || b.element.attachedToRef === a.element) return true;
  if (a.expanded && isAncestor(a.element, b.element)) return true;
  if (b.expanded && isAncestor(b.element, a.element)) return true;
  return false;
}

/** (b) Within each plane no two shapes overlap (boundary events on their host and children in their subprocess excepted), and no label overlaps a shape or another label. */
export function overlapProblems(definitions: ModdleElement): string[] {
  const problems: string[] = [];
  for (const items of planeElements(definitions)) {
    const shapes: DrawnShape[] = items
      .filter((di) => di.$type === 'bpmndi:BPMNShape' && di.bounds && di.bpmnElement)
      .map((di) => ({ element: di.bpmnElement, bounds: di.bounds, expanded: di.isExpanded === true }));
    const labels = items
      .filter((di) => di.label?.bounds && di.bpmnElement)
      .map((di) => ({ id: di.bpmnElement.id as string, bounds: di.label.bounds as Box }));
    for (let i = 0; i < shapes.length; i++) {
      for (let j = i + 1; j < shapes.length; j++) {
        if (!mayOverlap(shapes[i], shapes[j]) && overlap(shapes[i].bounds, shapes[j].bounds)) {
          problems.push(`${shapes[i].element.id} and ${shapes[j].element.id} overlap`);
        }
      }
    }
    const solid = shapes.filter((s) => !s.expanded && !['bpmn:Lane', 'bpmn:Participant'].includes(s.element.$type));
    labels.forEach((label, i) => {
      for (const s of solid) if (overlap(label.bounds, s.bounds)) problems.push(`the label of ${label.id} overlaps ${s.element.id}`);
      for (const other of labels.slice(i + 1)) if (overlap(label.bounds, other.bounds)) problems.push(`the labels of ${label.id} and ${other.id} overlap`);
    });
  }
  return problems;
}

function formIdsIn(dir: string): Set<string> {
  if (!existsSync(dir)) return new Set();
  const ids = readdirSync(dir)
    .filter((name) => name.endsWith('.form'))
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')).id as string);
  return new Set(ids);
}

/** (d) Every `camunda:formRef` names a `.form` whose `id` matches, in the model's folder or in `_shared/`. */
export function formRefProblems(definitions: ModdleElement, modelFile: string, sharedDir: string): string[] {
  const available = new Set([...formIdsIn(dirname(modelFile)), ...formIdsIn(sharedDir)]);
  const problems: string[] = [];
  for (const e of semanticElements(definitions)) {
    const ref: string | undefined = e.formRef;
    if (!ref || ref.includes('${') || ref.startsWith('=')) continue;
    if (!available.has(ref)) problems.push(`${e.id}: form '${ref}' has no .form file with that id next to ${basename(modelFile)} or in _shared/`);
  }
  return problems;
}

function signpostingKeysIn(dir: string): Set<string> {
  const file = join(dir, 'signposting.json');
  if (!existsSync(file)) return new Set();
  const data = JSON.parse(readFileSync(file, 'utf8')) as { entries?: { key: string }[] };
  return new Set((data.entries ?? []).map((entry) => entry.key));
}

/** (e) Every key in a `safepath.signposting` property exists in the folder's `signposting.json` (or `_shared/`'s). */
export function signpostingProblems(definitions: ModdleElement, modelFile: string, sharedDir: string): string[] {
  const keys = new Set([...signpostingKeysIn(dirname(modelFile)), ...signpostingKeysIn(sharedDir)]);
  const problems: string[] = [];
  for (const e of semanticElements(definitions)) {
    for (const ext of e.extensionElements?.values ?? []) {
      if (ext.$type !== 'camunda:Properties') continue;
      for (const property of ext.values ?? []) {
        if (property.name !== 'safepath.signposting') continue;
        for (const key of String(property.value ?? '').split(/\s+/).filter(Boolean)) {
          if (!keys.has(key)) problems.push(`${e.id}: signposting key '${key}' is not in signposting.json`);
        }
      }
    }
  }
  return problems;
}
