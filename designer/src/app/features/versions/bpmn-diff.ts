/**
 * What changed between two versions of a process, in words: bpmn-js-differ's semantic diff of
 * two bpmn-moddle definitions, turned into one entry per element (added, removed or changed, with
 * what changed) plus the elements that only moved.
 *
 * bpmn-js-differ records a change only on the element whose own attribute changed. A changed
 * guidance text (`bpmn:Documentation`), Safepath property (`camunda:Property` in the extension
 * elements) or timer (`bpmn:TimerEventDefinition`) sits on a child that it does not track, so
 * {@link OwnerChangeHandler} credits such changes to the nearest tracked ancestor (the task, the
 * event, the flow).
 */
import { ChangeHandler, diff } from 'bpmn-js-differ';

/** A bpmn-moddle element, as far as the comparison reads it. */
export interface ModdleElement {
  $type: string;
  id?: string;
  name?: string;
  $parent?: ModdleElement;
  $descriptor?: { properties: { name: string; isReference?: boolean; isMany?: boolean }[] };
  [property: string]: unknown;
}

export type ChangeKind = 'added' | 'removed' | 'changed';

/** One element that differs between the older and the newer version. */
export interface ElementChange {
  kind: ChangeKind;
  id: string;
  /** Its name (the newer one, the older one for a removed element), or a description. */
  label: string;
  /** Its kind of BPMN element in words, e.g. "User task". */
  type: string;
  /** What changed (changed elements only), e.g. `name: "Call" → "Phone"`, `guidance text`. */
  details: string[];
}

export interface BpmnComparison {
  /** Added, then removed, then changed elements, each group by label. */
  changes: ElementChange[];
  /** Elements that only moved or were re-routed on the diagram (no other change), by label. */
  moved: { id: string; label: string; type: string }[];
}

/** Words for the attributes a policy lead edits; others show their BPMN/Camunda name. */
const ATTRIBUTE_WORDS: Record<string, string> = {
  name: 'name',
  documentation: 'guidance text',
  candidateGroups: 'role',
  candidateUsers: 'named people',
  assignee: 'assignee',
  dueDate: 'deadline',
  followUpDate: 'follow-up date',
  formRef: 'form',
  formKey: 'form',
  formRefBinding: 'form',
  formRefVersion: 'form',
  extensionElements: 'Safepath and Camunda properties',
  conditionExpression: 'condition',
  sourceRef: 'comes from',
  targetRef: 'leads to',
  default: 'default path',
  eventDefinitions: 'event definition (timer, message, signal or error)',
  loopCharacteristics: 'repetition (multi-instance)',
  $type: 'kind of element',
  cancelActivity: 'interrupting',
  attachedToRef: 'attached to',
  calledElement: 'called process',
  decisionRef: 'decision',
  flowElements: 'steps',
  laneSets: 'lanes',
  childLaneSet: 'lanes',
};

/** Attributes whose values are short enough to show as `old → new`. */
const SHOW_VALUES = new Set(['name', 'candidateGroups', 'candidateUsers', 'assignee', 'dueDate', 'followUpDate', 'formRef', 'formKey', 'calledElement', 'decisionRef']);

const isDi = (element: ModdleElement | undefined) => !!element && /^(bpmndi|di|dc):/.test(element.$type);

/** The name of `parent`'s property that contains `child`, e.g. `extensionElements`, `values`. */
function containingProperty(parent: ModdleElement, child: ModdleElement): string {
  for (const property of parent.$descriptor?.properties ?? []) {
    const value = parent[property.name];
    if (value === child || (Array.isArray(value) && value.includes(child))) return property.name;
  }
  return child.$type;
}

/** bpmn-js-differ's handler, crediting changes inside untracked children to their tracked owner. */
class OwnerChangeHandler extends ChangeHandler {
  /** The nearest tracked ancestor of an untracked element and the path from it, or null. */
  private owner(model: ModdleElement): { element: ModdleElement; path: string } | null {
    let path = '';
    let child = model;
    for (let parent = model.$parent; parent && !isDi(parent); child = parent, parent = parent.$parent) {
      path = `${containingProperty(parent, child)}.${path}`;
      const tracked = this._isTracked(parent);
      if (tracked) return { element: tracked.element as ModdleElement, path: tracked.property + path };
    }
    return null;
  }

  override changed(model: ModdleElement, property: string, newValue?: unknown, oldValue?: unknown): void {
    const owner = !isDi(model) && !this._isTracked(model) ? this.owner(model) : null;
    if (owner) super.changed(owner.element, owner.path + property, newValue, oldValue);
    else super.changed(model, property, newValue, oldValue);
  }

  override added(model: ModdleElement, property: string, element: ModdleElement, index: number): void {
    const owner = !isDi(model) && !this._isTracked(element) && !this._isTracked(model) ? this.owner(model) : null;
    if (owner) super.changed(owner.element, `${owner.path}${property}[${index}]`, element, null);
    else super.added(model, property, element, index);
  }

  override removed(model: ModdleElement, property: string, element: ModdleElement, index: number): void {
    const owner = !isDi(model) && !this._isTracked(element) && !this._isTracked(model) ? this.owner(model) : null;
    if (owner) super.changed(owner.element, `${owner.path}${property}[${index}]`, null, element);
    else super.removed(model, property, element, index);
  }
}

/** Every element with an id in the document, by id (containment only, references are not followed). */
function indexById(root: ModdleElement): Map<string, ModdleElement> {
  const byId = new Map<string, ModdleElement>();
  const visit = (element: ModdleElement) => {
    if (typeof element.id === 'string' && !byId.has(element.id)) byId.set(element.id, element);
    for (const property of element.$descriptor?.properties ?? []) {
      if (property.isReference) continue;
      const value = element[property.name];
      for (const child of Array.isArray(value) ? value : [value]) {
        if (typeof child === 'object' && child !== null && typeof (child as ModdleElement).$type === 'string') visit(child as ModdleElement);
      }
    }
  };
  visit(root);
  return byId;
}

/** "bpmn:UserTask" → "User task". */
export function typeInWords(type: string): string {
  const local = type.replace(/^[^:]*:/, '').replace(/([a-z])([A-Z])/g, '$1 $2');
  return local.charAt(0).toUpperCase() + local.slice(1).toLowerCase();
}

/** The element's name, or for an unnamed flow "from A to B", or its id. */
function labelOf(element: ModdleElement): string {
  if (typeof element.name === 'string' && element.name.trim() !== '') return element.name.trim();
  const source = element['sourceRef'] as ModdleElement | undefined;
  const target = element['targetRef'] as ModdleElement | undefined;
  if (source && target) return `from ${labelOf(source)} to ${labelOf(target)}`;
  return element.id ?? typeInWords(element.$type);
}

const shown = (value: unknown) => (value === undefined || value === null || value === '' ? '(none)' : `"${String(value)}"`);

/** The readable details of a changed element: one entry per attribute a person would recognise. */
function describeChanges(paths: string[], older: ModdleElement | undefined, newer: ModdleElement | undefined): string[] {
  const details: string[] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    const attribute = path.replace(/^processRef\./, '').split(/[.[]/)[0];
    const words = ATTRIBUTE_WORDS[attribute] ?? attribute;
    if (seen.has(words)) continue;
    seen.add(words);
    const before = older?.[attribute];
    const after = newer?.[attribute];
    if (attribute === 'sourceRef' || attribute === 'targetRef') {
      const name = (end: unknown) => (end && typeof end === 'object' ? labelOf(end as ModdleElement) : undefined);
      details.push(`${words}: ${shown(name(before))} → ${shown(name(after))}`);
    } else if (SHOW_VALUES.has(attribute) && typeof (before ?? '') !== 'object' && typeof (after ?? '') !== 'object') details.push(`${words}: ${shown(before)} → ${shown(after)}`);
    else details.push(words);
  }
  return details;
}

/**
 * Compares two definitions read by bpmn-moddle (e.g. `viewer.getDefinitions()` of two bpmn-js
 * viewers): what the newer version added, removed and changed.
 */
export function compareDefinitions(older: object, newer: object): BpmnComparison {
  const result = diff(older, newer, new OwnerChangeHandler());
  const olderById = indexById(older as ModdleElement);
  const newerById = indexById(newer as ModdleElement);
  const changes: ElementChange[] = [];
  const entry = (kind: ChangeKind, id: string, element: ModdleElement, details: string[] = []): ElementChange => ({ kind, id, label: labelOf(element), type: typeInWords(element.$type), details });

  for (const [id, element] of Object.entries(result._added)) changes.push(entry('added', id, newerById.get(id) ?? (element as ModdleElement)));
  for (const [id, element] of Object.entries(result._removed)) changes.push(entry('removed', id, olderById.get(id) ?? (element as ModdleElement)));
  for (const [id, change] of Object.entries(result._changed)) {
    if (result._added[id] || result._removed[id]) continue;
    const paths = Object.keys(change.attrs);
    // An entry without attributes is a container whose children were only re-ordered.
    if (paths.length === 0) continue;
    const newerElement = newerById.get(id) ?? (change.model as ModdleElement);
    changes.push(entry('changed', id, newerElement, describeChanges(paths, olderById.get(id), newerElement)));
  }
  const order: Record<ChangeKind, number> = { added: 0, removed: 1, changed: 2 };
  changes.sort((a, b) => order[a.kind] - order[b.kind] || a.label.localeCompare(b.label) || a.id.localeCompare(b.id));
  const listed = new Set(changes.map((c) => c.id));
  const moved = Object.keys(result._layoutChanged)
    .filter((id) => !listed.has(id) && newerById.has(id))
    .map((id) => ({ id, label: labelOf(newerById.get(id)!), type: typeInWords(newerById.get(id)!.$type) }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return { changes, moved };
}
