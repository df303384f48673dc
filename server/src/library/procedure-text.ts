/**
 * The wording and styling of the readable procedure (procedure-document.ts): HTML escaping,
 * names and kinds of steps, timer and trigger texts, form fields as table rows, the page's CSS.
 */
import type { ModdleElement } from 'bpmn-moddle';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML-escapes text for element content and quoted attribute values. */
export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const FIELD_TYPES: Record<string, string> = {
  textfield: 'Text',
  textarea: 'Long text',
  number: 'Number',
  radio: 'One choice',
  select: 'One choice (list)',
  checkbox: 'Yes / no',
  checklist: 'Several choices',
  taglist: 'Several choices (tags)',
  datetime: 'Date and time',
  filepicker: 'File',
  expression: 'Calculated',
};

/** Flow elements that are not steps of the procedure. */
export const NOT_STEPS = new Set(['bpmn:SequenceFlow', 'bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference', 'bpmn:Association', 'bpmn:TextAnnotation']);

/** The page's CSS: screen and print (the server's CSP allows inline styles, never scripts). */
export const STYLE = `
  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1b1b1b; line-height: 1.45; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
  h1 { font-size: 1.6rem; margin-bottom: .2rem; }
  .meta { color: #555; margin-top: 0; }
  .intro { border-left: 4px solid #ccc; padding-left: .8rem; }
  ol.steps { padding-left: 0; list-style: none; counter-reset: step; }
  li.step { counter-increment: step; border-top: 1px solid #ddd; padding: .6rem 0 .8rem; }
  li.step > h2 { font-size: 1.1rem; margin: 0 0 .3rem; }
  li.step > h2::before { content: counter(step) ". "; }
  .kind { font-weight: normal; color: #555; font-size: .9rem; }
  dl { display: grid; grid-template-columns: 8.5rem 1fr; gap: .2rem .8rem; margin: .3rem 0; }
  dt { font-weight: 600; }
  dd { margin: 0; }
  dd > p:first-child { margin-top: 0; }
  dd > p:last-child { margin-bottom: 0; }
  dd > ul { margin: 0; padding-left: 1.1rem; }
  table { border-collapse: collapse; width: 100%; margin-top: .2rem; font-size: .92rem; }
  th, td { border: 1px solid #ccc; padding: .2rem .4rem; text-align: left; vertical-align: top; }
  code { font-family: ui-monospace, Consolas, monospace; font-size: .9em; }
  .within { color: #555; font-size: .9rem; }
  footer { margin-top: 2rem; color: #666; font-size: .85rem; }
  @media print {
    body { max-width: none; margin: 0; font-size: 10.5pt; }
    li.step { break-inside: avoid; page-break-inside: avoid; }
    h1, h2 { break-after: avoid; page-break-after: avoid; }
    a { color: inherit; text-decoration: none; }
    @page { margin: 18mm; }
  }
`;

export function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n|\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('');
}

export function nameOf(element: ModdleElement | undefined): string {
  if (!element) return '(unknown step)';
  if (element.name?.trim()) return element.name.trim();
  // An unnamed gateway is named by what it does, not by its technical id.
  return /Gateway$/.test(element.$type) ? kindOf(element) : element.id || '(unnamed)';
}

/** The text of a timer event definition: the Safepath notation, ISO 8601 or an expression, as written. */
export function timerText(definition: ModdleElement): string {
  const expression = definition.timeDuration ?? definition.timeDate ?? definition.timeCycle;
  const body = String(expression?.body ?? '').trim();
  if (definition.timeCycle) return `every ${body}`;
  return body;
}

export function eventDefinition(element: ModdleElement): ModdleElement | null {
  return ((element.eventDefinitions ?? []) as ModdleElement[])[0] ?? null;
}

/** "on a message ‘x’", "after 1 working day", … for an event. */
export function triggerOf(element: ModdleElement): string | null {
  const definition = eventDefinition(element);
  if (!definition) return null;
  switch (definition.$type) {
    case 'bpmn:TimerEventDefinition':
      return `Timer: ${timerText(definition)}`;
    case 'bpmn:MessageEventDefinition':
      return `Message: ${definition.messageRef?.name ?? definition.messageRef?.id ?? 'a message'}`;
    case 'bpmn:SignalEventDefinition':
      return `Signal: ${definition.signalRef?.name ?? definition.signalRef?.id ?? 'a signal'}`;
    case 'bpmn:ErrorEventDefinition':
      return `Error: ${definition.errorRef?.name ?? definition.errorRef?.errorCode ?? 'any error'}`;
    case 'bpmn:EscalationEventDefinition':
      return `Escalation: ${definition.escalationRef?.name ?? 'an escalation'}`;
    case 'bpmn:TerminateEventDefinition':
      return 'Ends the whole case';
    default:
      return null;
  }
}

export function kindOf(element: ModdleElement): string {
  switch (element.$type) {
    case 'bpmn:StartEvent':
      return 'Start';
    case 'bpmn:EndEvent':
      return 'End';
    case 'bpmn:UserTask':
    case 'bpmn:ManualTask':
    case 'bpmn:Task':
      return 'Step';
    case 'bpmn:ServiceTask':
    case 'bpmn:SendTask':
      return 'Automatic step';
    case 'bpmn:BusinessRuleTask':
      return 'Decision table';
    case 'bpmn:ReceiveTask':
    case 'bpmn:IntermediateCatchEvent':
      return 'Wait';
    case 'bpmn:IntermediateThrowEvent':
      return 'Notify';
    case 'bpmn:CallActivity':
      return 'Follow another procedure';
    case 'bpmn:SubProcess':
      return element.triggeredByEvent ? 'At any time during the case' : 'Stage';
    case 'bpmn:ExclusiveGateway':
    case 'bpmn:InclusiveGateway':
    case 'bpmn:EventBasedGateway':
      return 'Decision';
    case 'bpmn:ParallelGateway':
      return 'At the same time';
    default:
      return element.$type.replace(/^bpmn:/, '');
  }
}

/** The form's fields as table rows: label, type, required (with choices, and the group they sit in). */
export function fieldRows(components: unknown, prefix = ''): string[] {
  if (!Array.isArray(components)) return [];
  const rows: string[] = [];
  for (const raw of components) {
    if (typeof raw !== 'object' || raw === null) continue;
    const c = raw as { type?: unknown; key?: unknown; label?: unknown; validate?: { required?: unknown }; values?: unknown; components?: unknown; subtype?: unknown };
    const type = String(c.type ?? '');
    const label = typeof c.label === 'string' && c.label.trim() !== '' ? c.label : typeof c.key === 'string' ? c.key : '';
    if (Array.isArray(c.components)) {
      rows.push(...fieldRows(c.components, label ? `${prefix}${label} › ` : prefix));
      continue;
    }
    if (typeof c.key !== 'string') continue;
    let typeName = FIELD_TYPES[type] ?? type;
    if (type === 'datetime' && c.subtype === 'date') typeName = 'Date';
    if (type === 'datetime' && c.subtype === 'time') typeName = 'Time';
    const choices = Array.isArray(c.values)
      ? (c.values as { label?: unknown; value?: unknown }[]).map((v) => String(v?.label ?? v?.value ?? '')).filter((v) => v !== '')
      : [];
    const typeCell = choices.length ? `${escapeHtml(typeName)}: ${choices.map(escapeHtml).join(' / ')}` : escapeHtml(typeName);
    rows.push(`<tr><td>${escapeHtml(prefix + label)}</td><td>${typeCell}</td><td>${c.validate?.required === true ? 'Required' : 'Optional'}</td></tr>`);
  }
  return rows;
}
