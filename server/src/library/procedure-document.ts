/**
 * The readable procedure: one self-contained, print-friendly HTML page built from a process
 * model, for people who follow the procedure on paper or check it against the written policy.
 *
 * The steps are listed in flow order (breadth-first from the start events; embedded
 * subprocesses right after they are entered; event subprocesses and anything unreachable at the
 * end). Each step shows who does it (candidate groups as role names, and its lane), its guidance
 * (`bpmn:documentation`), its deadline (`camunda:dueDate` and boundary timers with where they
 * escalate), the fields of its form, its signposting and its source. Every text from the model
 * is HTML-escaped; the page has no scripts and no external resources.
 */
import type { ModdleElement } from 'bpmn-moddle';
import { allFlowElements, camundaProperties, candidateGroupsOf, documentationOf, formReferenceOf, isLiteral, lanesOf } from './bpmn-outline';
import type { CatalogueForm } from './form-catalogue';
import { escapeHtml, eventDefinition, fieldRows, kindOf, nameOf, NOT_STEPS, paragraphs, STYLE, timerText, triggerOf } from './procedure-text';

export { escapeHtml } from './procedure-text';

/** One `signposting.json` entry (processes/README.md). */
export interface SignpostingEntry {
  key: string;
  name: string;
  contacts?: { kind?: string; value?: string }[];
}

export interface DocumentInput {
  /** The executable process to describe. */
  process: ModdleElement;
  organisationName: string;
  /** E.g. "Version 3, published 2026-11-23 by tc.policy" or "Draft, last saved …". */
  versionLine: string;
  /** The form a step names (already resolved against the right deployment or draft). */
  formOf: (element: ModdleElement) => CatalogueForm | null;
  roleLabel: (groupId: string) => string;
  /** The organisation's signposting entries by key (empty when it has none). */
  signposting: ReadonlyMap<string, SignpostingEntry>;
  /** Names of called processes by key, when known. */
  processName: (key: string) => string | null;
  generatedAt: Date;
}

class DocumentWriter {
  private readonly elements: ModdleElement[];
  private readonly flows: ModdleElement[];
  private readonly laneOf = new Map<string, string>();
  private readonly usedSignposting = new Set<string>();

  constructor(private readonly input: DocumentInput) {
    const all = allFlowElements(input.process);
    this.elements = all.filter((e) => !NOT_STEPS.has(e.$type));
    this.flows = all.filter((e) => e.$type === 'bpmn:SequenceFlow');
    for (const lane of lanesOf(input.process)) {
      for (const id of lane.nodeIds) if (lane.name) this.laneOf.set(id, lane.name);
    }
  }

  private outgoing(element: ModdleElement): ModdleElement[] {
    return this.flows.filter((f) => f.sourceRef === element);
  }

  private boundaryEventsOf(element: ModdleElement): ModdleElement[] {
    return this.elements.filter((e) => e.$type === 'bpmn:BoundaryEvent' && e.attachedToRef === element);
  }

  private startsOf(container: ModdleElement): ModdleElement[] {
    return ((container.flowElements ?? []) as ModdleElement[]).filter((e) => e.$type === 'bpmn:StartEvent');
  }

  /** Steps in flow order: breadth-first from the process's start events, then whatever is left. */
  order(): ModdleElement[] {
    const visited = new Set<ModdleElement>();
    const ordered: ModdleElement[] = [];
    const walk = (starts: ModdleElement[]): void => {
      const queue = [...starts];
      while (queue.length) {
        const element = queue.shift()!;
        if (visited.has(element)) continue;
        visited.add(element);
        ordered.push(element);
        const next: ModdleElement[] = [];
        if (element.$type === 'bpmn:SubProcess') next.push(...this.startsOf(element));
        next.push(...this.outgoing(element).map((f) => f.targetRef));
        // Escalations after the normal path.
        for (const boundary of this.boundaryEventsOf(element)) {
          visited.add(boundary);
          next.push(...this.outgoing(boundary).map((f) => f.targetRef));
        }
        // A subprocess's own steps come right after it, before the rest of the level.
        if (element.$type === 'bpmn:SubProcess') queue.unshift(...next.filter(Boolean));
        else queue.push(...next.filter(Boolean));
      }
    };
    walk(this.startsOf(this.input.process));
    for (const element of this.elements) {
      // Event subprocesses, and anything no start event reaches.
      if (!visited.has(element)) walk([element]);
    }
    return ordered;
  }

  /** Joining gateways and unnamed pass-through gateways are not worth a numbered step. */
  private isNoise(element: ModdleElement): boolean {
    if (!/Gateway$/.test(element.$type)) return false;
    return this.outgoing(element).length <= 1;
  }

  /** The step a flow really leads to: through joining gateways, which are not listed. */
  private destination(target: ModdleElement | undefined): ModdleElement | undefined {
    let element = target;
    for (let hops = 0; element && this.isNoise(element) && hops < 20; hops++) element = this.outgoing(element)[0]?.targetRef;
    return element ?? target;
  }

  /** Where a flow leads, in words: an unnamed split is described by the steps it starts. */
  private describeDestination(target: ModdleElement | undefined): string {
    const element = this.destination(target);
    if (element && !element.name?.trim() && /Gateway$/.test(element.$type)) {
      const next = this.outgoing(element).map((f) => nameOf(this.destination(f.targetRef)));
      return `${element.$type === 'bpmn:ParallelGateway' ? 'at the same time' : 'a decision'}: ${next.join(' + ')}`;
    }
    return nameOf(element);
  }

  private enclosing(element: ModdleElement): ModdleElement | null {
    const parent = element.$parent;
    return parent && parent.$type === 'bpmn:SubProcess' ? parent : null;
  }

  private roleOf(element: ModdleElement): string | null {
    const groups = candidateGroupsOf(element).map((g) => this.input.roleLabel(g));
    const parts: string[] = [];
    if (groups.length) parts.push(groups.join(', '));
    if (isLiteral(element.assignee)) parts.push(`assigned to ${element.assignee}`);
    if (!parts.length && typeof element.candidateGroups === 'string' && element.candidateGroups.trim() !== '') parts.push(`decided during the case (${element.candidateGroups.trim()})`);
    return parts.length ? parts.join('; ') : null;
  }

  private deadlineOf(element: ModdleElement): string[] {
    const lines: string[] = [];
    if (typeof element.dueDate === 'string' && element.dueDate.trim() !== '') lines.push(`Due: <code>${escapeHtml(element.dueDate.trim())}</code>`);
    if (typeof element.followUpDate === 'string' && element.followUpDate.trim() !== '') lines.push(`Follow up: <code>${escapeHtml(element.followUpDate.trim())}</code>`);
    for (const boundary of this.boundaryEventsOf(element)) {
      const definition = eventDefinition(boundary);
      const targets = this.outgoing(boundary).map((f) => escapeHtml(this.describeDestination(f.targetRef)));
      const then = targets.length ? ` → ${targets.join(', ')}` : ' → (leads nowhere: no escalation)';
      const interrupting = boundary.cancelActivity === false ? ' (the step stays open)' : ' (the step is stopped)';
      if (definition?.$type === 'bpmn:TimerEventDefinition') {
        const when = definition.timeCycle ? '' : 'after ';
        lines.push(`${escapeHtml(nameOf(boundary))}: ${when}<code>${escapeHtml(timerText(definition))}</code>${then}${interrupting}`);
      } else {
        const trigger = triggerOf(boundary);
        lines.push(`${escapeHtml(trigger ?? nameOf(boundary))}${then}${interrupting}`);
      }
    }
    return lines;
  }

  private decisionOf(element: ModdleElement): string | null {
    const outgoing = this.outgoing(element);
    if (!/Gateway$/.test(element.$type) || outgoing.length < 2) return null;
    const parallel = element.$type === 'bpmn:ParallelGateway';
    const items = outgoing.map((flow) => {
      if (parallel) return `<li>${escapeHtml(this.describeDestination(flow.targetRef))}</li>`;
      const isDefault = element.default === flow;
      const label = flow.name?.trim() || (isDefault ? 'Otherwise' : flow.conditionExpression?.body?.trim() ? `When ${flow.conditionExpression.body.trim()}` : 'Always');
      return `<li>${escapeHtml(label)} → ${escapeHtml(this.describeDestination(flow.targetRef))}</li>`;
    });
    return `<ul>${items.join('')}</ul>`;
  }

  private signpostingOf(element: ModdleElement): string | null {
    const keys = camundaProperties(element, 'safepath.signposting').flatMap((v) => v.split(/[\s,]+/)).filter((k) => k !== '');
    if (!keys.length) return null;
    const items = keys.map((key) => {
      this.usedSignposting.add(key);
      const entry = this.input.signposting.get(key);
      return `<li>${entry ? this.signpostingEntry(entry) : escapeHtml(key)}</li>`;
    });
    return `<ul>${items.join('')}</ul>`;
  }

  private signpostingEntry(entry: SignpostingEntry): string {
    const contacts = (entry.contacts ?? []).filter((c) => c && c.value).map((c) => `${escapeHtml(c.kind ?? 'contact')}: ${escapeHtml(c.value)}`);
    return `${escapeHtml(entry.name)}${contacts.length ? ` (${contacts.join('; ')})` : ''}`;
  }

  private step(element: ModdleElement): string {
    const facts: [string, string][] = [];
    const within = this.enclosing(element);
    const trigger = element.$type !== 'bpmn:BoundaryEvent' ? triggerOf(element) : null;
    if (trigger) facts.push(['Trigger', escapeHtml(trigger)]);
    const role = this.roleOf(element);
    if (role) facts.push(['Role', escapeHtml(role)]);
    const lane = this.laneOf.get(String(element.id)) ?? (within ? this.laneOf.get(String(within.id)) : undefined);
    if (lane && /Task$/.test(element.$type) && lane !== role) facts.push(['Lane', escapeHtml(lane)]);
    if (element.$type === 'bpmn:CallActivity' && typeof element.calledElement === 'string') {
      const name = this.input.processName(element.calledElement);
      facts.push(['Procedure', escapeHtml(name ? `${name} (${element.calledElement})` : element.calledElement)]);
    }
    if (element.$type === 'bpmn:BusinessRuleTask' && typeof element.decisionRef === 'string') facts.push(['Decision table', `<code>${escapeHtml(element.decisionRef)}</code>`]);
    const deadline = this.deadlineOf(element);
    if (deadline.length) facts.push(['Deadline', deadline.join('<br>')]);
    const decision = this.decisionOf(element);
    if (decision) facts.push(['Outcomes', decision]);
    const guidance = documentationOf(element);
    if (guidance) facts.push(['Guidance', paragraphs(guidance)]);
    const form = formReferenceOf(element) ? this.input.formOf(element) : null;
    if (form) {
      const rows = fieldRows(form.schema.components);
      facts.push(['Form', rows.length ? `<table><thead><tr><th>Field</th><th>Type</th><th>Required</th></tr></thead><tbody>${rows.join('')}</tbody></table>` : 'No fields']);
    } else if (formReferenceOf(element)) {
      facts.push(['Form', `Not found: <code>${escapeHtml(formReferenceOf(element)!.value)}</code>`]);
    }
    const signposting = this.signpostingOf(element);
    if (signposting) facts.push(['Signposting', signposting]);
    const sources = camundaProperties(element, 'safepath.source');
    if (sources.length) facts.push(['Source', escapeHtml(sources.join('; '))]);
    const withinLine = within ? `<div class="within">Part of: ${escapeHtml(nameOf(within))}</div>` : '';
    const dl = facts.length ? `<dl>${facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${v}</dd>`).join('')}</dl>` : '';
    return `<li class="step" id="step-${escapeHtml(element.id)}"><h2>${escapeHtml(nameOf(element))} <span class="kind">· ${escapeHtml(kindOf(element))}</span></h2>${withinLine}${dl}</li>`;
  }

  write(): string {
    const { process, organisationName, versionLine, generatedAt } = this.input;
    const title = nameOf(process);
    const steps = this.order()
      .filter((e) => !this.isNoise(e))
      .map((e) => this.step(e));
    const intro = documentationOf(process);
    const used = [...this.usedSignposting].map((key) => this.input.signposting.get(key)).filter((e): e is SignpostingEntry => e !== undefined);
    const signposting = used.length
      ? `<section><h2>Signposting in this procedure</h2><ul>${used.map((e) => `<li>${this.signpostingEntry(e)}</li>`).join('')}</ul></section>`
      : '';
    return [
      '<!DOCTYPE html>',
      '<html lang="en"><head><meta charset="utf-8">',
      `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>`,
      `<style>${STYLE}</style></head><body>`,
      `<header><h1>${escapeHtml(title)}</h1><p class="meta">${escapeHtml(organisationName)} · ${escapeHtml(versionLine)} · process <code>${escapeHtml(process.id)}</code></p></header>`,
      intro ? `<section class="intro">${paragraphs(intro)}</section>` : '',
      `<main><ol class="steps">${steps.join('\n')}</ol></main>`,
      signposting,
      `<footer>Generated by Safepath on ${escapeHtml(generatedAt.toISOString().slice(0, 16).replace('T', ' '))} UTC from the process model.</footer>`,
      '</body></html>',
    ].join('\n');
  }
}

/** The procedure document of one process as a complete HTML page. */
export function procedureDocument(input: DocumentInput): string {
  return new DocumentWriter(input).write();
}
