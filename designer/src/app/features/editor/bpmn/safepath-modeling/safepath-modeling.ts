import { getNewShapePosition as bpmnNewShapePosition } from 'bpmn-js/lib/features/auto-place/BpmnAutoPlaceUtil';
import {
  type BpmnFactory,
  type CommandStack,
  type Element,
  type ElementFactory,
  type ElementRegistry,
  type ModdleElement,
  type Modeling,
  type Shape,
  isType,
} from '../bpmn-services';
import { type Deadline, formatDeadline, parseDeadline } from './deadline';

const COMPOUND = 'safepath.update';
/** The camunda:property holding the space-separated names of sensitive variables. */
export const SENSITIVE_PROPERTY = 'safepath.sensitive';
export const DEADLINE_EVENT_NAME = 'Deadline passed';

interface CompoundContext {
  run: () => void;
  /** The element the change is about: marked changed, so its properties are shown afresh. */
  element: Element;
}

/** Runs `context.run()` as nested commands, so that one Safepath change is one undo step. */
class CompoundHandler {
  preExecute(context: CompoundContext): void {
    context.run();
  }
  execute(context: CompoundContext): Element[] {
    return [context.element];
  }
  revert(context: CompoundContext): Element[] {
    return [context.element];
  }
}

/** A deadline of a user task as the model has it. */
export interface TaskDeadline {
  /** camunda:dueDate as written (Safepath notation, ISO 8601 or an expression); null without one. */
  text: string | null;
  /** The deadline when the text is plain Safepath notation the panel can edit. */
  parsed: Deadline | null;
}

/**
 * Safepath's way of modelling what the properties panel edits, each change one command (one
 * undo step) built from bpmn-js modeling operations:
 *
 * - **role**: `camunda:candidateGroups` of a user task;
 * - **deadline**: `camunda:dueDate` in Safepath notation plus a non-interrupting boundary timer
 *   "Deadline passed" on the task with the same `timeDuration` (as processes/tai-calon model it);
 * - **escalation**: the timer's outgoing flow to a user task "… overdue" for the escalation role,
 *   followed by an end event "Escalation handled". Without it the timer leads nowhere, which the
 *   Safepath lint rule `deadline-has-escalation` reports as an error;
 * - **guidance**: the element's `bpmn:documentation`;
 * - **form**: `camunda:formRef` (binding `deployment`);
 * - **sensitive variables**: the process's `camunda:property` `safepath.sensitive`.
 */
export class SafepathModeling {
  static $inject = ['modeling', 'elementFactory', 'bpmnFactory', 'commandStack', 'elementRegistry'];

  constructor(
    private readonly modeling: Modeling,
    private readonly elementFactory: ElementFactory,
    private readonly bpmnFactory: BpmnFactory,
    private readonly commandStack: CommandStack,
    private readonly elementRegistry: ElementRegistry,
  ) {
    commandStack.registerHandler(COMPOUND, CompoundHandler);
  }

  // Role ///////////////////////////////////////////////////////////////////////////////////////

  role(task: Element): string {
    return (task.businessObject.get('camunda:candidateGroups') as string | undefined) ?? '';
  }

  setRole(task: Element, role: string): void {
    this.modeling.updateProperties(task, { 'camunda:candidateGroups': role || undefined });
  }

  // Deadline ///////////////////////////////////////////////////////////////////////////////////

  deadline(task: Element): TaskDeadline {
    const text = (task.businessObject.get('camunda:dueDate') as string | undefined) || null;
    return { text, parsed: parseDeadline(text) };
  }

  /** The task's own boundary timer (the one Safepath writes), if any. */
  deadlineTimer(task: Element): Shape | null {
    const attachers = ((task as Shape).attachers ?? []) as Shape[];
    const timers = attachers.filter((a) => isTimer(a.businessObject));
    return timers.find((t) => t.businessObject['cancelActivity'] === false) ?? timers[0] ?? null;
  }

  /** Sets (or with null removes) the deadline: due date, boundary timer and, on removal, its escalation. */
  setDeadline(task: Element, deadline: Deadline | null): void {
    this.compound(task, () => {
      const timer = this.deadlineTimer(task);
      if (deadline === null) {
        this.modeling.updateProperties(task, { 'camunda:dueDate': undefined });
        if (timer) this.modeling.removeElements([...this.escalationChain(timer), timer]);
        return;
      }
      const text = formatDeadline(deadline);
      this.modeling.updateProperties(task, { 'camunda:dueDate': text });
      if (timer) this.setTimerText(timer, text);
      else this.createTimer(task as Shape, text);
    });
  }

  // Escalation /////////////////////////////////////////////////////////////////////////////////

  /** The user task the deadline escalates to, when modelled as Safepath writes it. */
  escalationTask(task: Element): Shape | null {
    const timer = this.deadlineTimer(task);
    const target = timer?.outgoing[0]?.target as Shape | undefined;
    return target && isType(target.businessObject, 'bpmn:UserTask') ? target : null;
  }

  /** Whether the deadline leads somewhere (an escalation of any shape, not only Safepath's). */
  hasEscalation(task: Element): boolean {
    const timer = this.deadlineTimer(task);
    return !!timer && timer.outgoing.length > 0;
  }

  /**
   * Sends the deadline's escalation to `role` (creating the escalation task after the timer if
   * needed), or with null removes it: the timer then leads nowhere and lint reports it.
   */
  setEscalation(task: Element, role: string | null, options: { formId?: string | null } = {}): void {
    this.compound(task, () => {
      let timer = this.deadlineTimer(task);
      if (role === null) {
        if (timer) this.modeling.removeElements(this.escalationChain(timer));
        return;
      }
      if (!timer) {
        const text = this.deadline(task).text ?? formatDeadline({ amount: 1, unit: 'days' });
        if (!this.deadline(task).text) this.modeling.updateProperties(task, { 'camunda:dueDate': text });
        timer = this.createTimer(task as Shape, text);
      }
      const existing = this.escalationTask(task);
      if (existing) {
        this.modeling.updateProperties(existing, { 'camunda:candidateGroups': role });
        return;
      }
      this.createEscalation(task, timer, role, options.formId ?? null);
    });
  }

  // Guidance, form, sensitive variables ///////////////////////////////////////////////////////

  guidance(element: Element): string {
    const docs = (processOf(element).get('documentation') as ModdleElement[] | undefined) ?? [];
    return (docs[0]?.['text'] as string | undefined) ?? '';
  }

  setGuidance(element: Element, text: string): void {
    const bo = processOf(element);
    const docs = (bo.get('documentation') as ModdleElement[] | undefined) ?? [];
    if (docs[0]) {
      if (text) this.modeling.updateModdleProperties(element, docs[0], { text });
      else this.modeling.updateModdleProperties(element, bo, { documentation: docs.slice(1) });
    } else if (text) {
      const doc = this.bpmnFactory.create('bpmn:Documentation', { text });
      doc.$parent = bo;
      this.modeling.updateModdleProperties(element, bo, { documentation: [doc] });
    }
  }

  formRef(task: Element): string {
    return (task.businessObject.get('camunda:formRef') as string | undefined) ?? '';
  }

  setForm(task: Element, formId: string): void {
    this.modeling.updateProperties(task, {
      'camunda:formRef': formId || undefined,
      'camunda:formRefBinding': formId ? 'deployment' : undefined,
    });
  }

  /** The process's sensitive variable names (camunda:property safepath.sensitive, space-separated). */
  sensitive(element: Element): string[] {
    const value = this.propertyOf(processOf(element), SENSITIVE_PROPERTY)?.['value'] as string | undefined;
    return (value ?? '').split(/\s+/).filter(Boolean);
  }

  setSensitive(element: Element, names: string[]): void {
    const value = [...new Set(names.map((n) => n.trim()).filter(Boolean))].join(' ');
    this.compound(element, () => this.setCamundaProperty(element, processOf(element), SENSITIVE_PROPERTY, value || null));
  }

  // Helpers ////////////////////////////////////////////////////////////////////////////////////

  private compound(element: Element, run: () => void): void {
    this.commandStack.execute(COMPOUND, { run, element });
  }

  private createTimer(task: Shape, text: string): Shape {
    const expression = this.bpmnFactory.create('bpmn:FormalExpression', { body: text });
    const shape = this.elementFactory.createShape({
      type: 'bpmn:BoundaryEvent',
      eventDefinitionType: 'bpmn:TimerEventDefinition',
      eventDefinitionAttrs: { timeDuration: expression },
      cancelActivity: false,
    });
    const definition = (shape.businessObject.get('eventDefinitions') as ModdleElement[])[0];
    expression.$parent = definition;
    shape.businessObject.name = DEADLINE_EVENT_NAME;
    // On the task's bottom edge, right of any events already attached there.
    const taken = (task.attachers ?? []).length;
    const position = { x: task.x + task.width - 20 - taken * 40, y: task.y + task.height };
    return this.modeling.createShape(shape, position, task, { attach: true });
  }

  private setTimerText(timer: Shape, text: string): void {
    const definition = (timer.businessObject.get('eventDefinitions') as ModdleElement[])[0];
    const current = definition.get('timeDuration') as ModdleElement | undefined;
    if (current && !definition.get('timeDate') && !definition.get('timeCycle')) {
      this.modeling.updateModdleProperties(timer, current, { body: text });
      return;
    }
    const expression = this.bpmnFactory.create('bpmn:FormalExpression', { body: text });
    expression.$parent = definition;
    this.modeling.updateModdleProperties(timer, definition, { timeDuration: expression, timeDate: undefined, timeCycle: undefined });
  }

  private createEscalation(task: Element, timer: Shape, role: string, formId: string | null): void {
    const taskName = (task.businessObject.name as string | undefined)?.trim() || 'Task';
    const escalation = this.elementFactory.createShape({ type: 'bpmn:UserTask' });
    const bo = escalation.businessObject as ModdleElement;
    bo.name = `${taskName}: deadline passed`;
    bo.set('camunda:candidateGroups', role);
    if (formId) {
      bo.set('camunda:formRef', formId);
      bo.set('camunda:formRefBinding', 'deployment');
    }
    const doc = this.bpmnFactory.create('bpmn:Documentation', {
      text: `The deadline of "${taskName}" (${this.deadline(task).text ?? 'its deadline'}) has passed. Find out why and make sure it is done now.`,
    });
    doc.$parent = bo;
    bo.set('documentation', [doc]);
    const created = this.modeling.appendShape(timer, escalation, getNewShapePosition(timer, escalation, this.elementRegistry), timer.parent!);
    const end = this.elementFactory.createShape({ type: 'bpmn:EndEvent' });
    end.businessObject.name = 'Escalation handled';
    this.modeling.appendShape(created, end, getNewShapePosition(created, end, this.elementRegistry), created.parent!);
  }

  /** The escalation task and end event after a timer, when nothing else leads into them. */
  private escalationChain(timer: Shape): Element[] {
    const chain: Element[] = [];
    const escalation = timer.outgoing[0]?.target;
    if (!escalation || escalation.incoming.length !== 1) return [...timer.outgoing];
    chain.push(escalation);
    for (const flow of escalation.outgoing) {
      const next = flow.target;
      if (next && isType(next.businessObject, 'bpmn:EndEvent') && next.incoming.length === 1) chain.push(next);
    }
    return chain;
  }

  private propertyOf(bo: ModdleElement, name: string): ModdleElement | null {
    const properties = this.camundaProperties(bo);
    return ((properties?.get('values') as ModdleElement[] | undefined) ?? []).find((p) => p['name'] === name) ?? null;
  }

  private camundaProperties(bo: ModdleElement): ModdleElement | null {
    const extension = bo.get('extensionElements') as ModdleElement | undefined;
    return ((extension?.get('values') as ModdleElement[] | undefined) ?? []).find((v) => isType(v, 'camunda:Properties')) ?? null;
  }

  private setCamundaProperty(element: Element, bo: ModdleElement, name: string, value: string | null): void {
    const existing = this.propertyOf(bo, name);
    if (value === null) {
      if (!existing) return;
      const properties = existing.$parent!;
      this.modeling.updateModdleProperties(element, properties, { values: (properties.get('values') as ModdleElement[]).filter((p) => p !== existing) });
      return;
    }
    if (existing) {
      this.modeling.updateModdleProperties(element, existing, { value });
      return;
    }
    let extension = bo.get('extensionElements') as ModdleElement | undefined;
    if (!extension) {
      extension = this.bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
      extension.$parent = bo;
      this.modeling.updateModdleProperties(element, bo, { extensionElements: extension });
    }
    let properties = this.camundaProperties(bo);
    if (!properties) {
      properties = this.bpmnFactory.create('camunda:Properties', { values: [] });
      properties.$parent = extension;
      this.modeling.updateModdleProperties(element, extension, { values: [...(extension.get('values') as ModdleElement[]), properties] });
    }
    const property = this.bpmnFactory.create('camunda:Property', { name, value });
    property.$parent = properties;
    this.modeling.updateModdleProperties(element, properties, { values: [...(properties.get('values') as ModdleElement[]), property] });
  }
}

/** Where bpmn-js's auto-place (the context pad's "append") would put `shape` after `source`. */
function getNewShapePosition(source: Shape, shape: Shape, registry: ElementRegistry): { x: number; y: number } {
  return (bpmnNewShapePosition as (s: unknown, e: unknown, r: unknown) => { x: number; y: number })(source, shape, registry);
}

function isTimer(bo: ModdleElement): boolean {
  return isType(bo, 'bpmn:BoundaryEvent') && ((bo.get('eventDefinitions') as ModdleElement[] | undefined) ?? []).some((d) => isType(d, 'bpmn:TimerEventDefinition'));
}

/** The business object holding an element's process-level properties: the process of a participant. */
export function processOf(element: Element): ModdleElement {
  const bo = element.businessObject as ModdleElement;
  return isType(bo, 'bpmn:Participant') ? (bo.get('processRef') as ModdleElement) : bo;
}
