import { type RecordedStep, type ScenarioStep, type SimulationTask, formatSimulatedTime } from './simulation-api';

/**
 * Scenario steps and form answers in plain words, for the replay controls ("what the next step
 * will do"), what others did in a shared simulation, and the comparison of a practice attempt.
 * Pure functions: no Angular.
 */

/** One answer for people: "Yes"/"No", lists joined, dates in UK time, "(no answer)" for nothing. */
export function formatAnswer(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(no answer)';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map(formatAnswer).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  if (typeof value === 'string') return formatDateAnswer(value) ?? value;
  return String(value);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const WEEKDAY = new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: 'UTC' });

/**
 * An ISO date or date-time as people in the UK read it: "22 May 2026"; "Fri 22 May 2026, 16:30".
 * An instant (with Z or an offset, as scenarios store it) is shown in UK time; a date-time without
 * one (as a form's date and time fields give it) already is UK time. Null for anything else.
 */
function formatDateAnswer(value: string): string | null {
  const date = ISO_DATE.exec(value);
  if (date) {
    const day = calendarDate(date[1], date[2], date[3], '00', '00');
    return day && DAY.format(day);
  }
  const dateTime = ISO_DATE_TIME.exec(value);
  if (!dateTime) return null;
  if (dateTime[6]) return formatSimulatedTime(value);
  const [, year, month, day, hour, minute] = dateTime;
  // The wall-clock time as written, read and shown in the same zone (UTC) so that nothing shifts it.
  const wallClock = calendarDate(year, month, day, hour, minute);
  return wallClock && `${WEEKDAY.format(wallClock)} ${DAY.format(wallClock)}, ${hour}:${minute}`;
}

/** The date as a UTC instant; null for a date that does not exist (31 June, hour 25). */
function calendarDate(year: string, month: string, day: string, hour: string, minute: string): Date | null {
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute)));
  const exists = date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day) && date.getUTCHours() === Number(hour) && date.getUTCMinutes() === Number(minute);
  return exists ? date : null;
}

/** A variable and its value as a condition reads it: `areYouSafe = "Not safe"`. */
export function formatVariable(name: string, value: unknown): string {
  return `${name} = ${value === undefined ? 'not set' : JSON.stringify(value)}`;
}

interface SchemaComponent {
  key?: string;
  label?: string;
  components?: SchemaComponent[];
}

/** The labels of a form's fields by key (nested groups included). */
export function fieldLabels(schema: Record<string, unknown> | null | undefined): Map<string, string> {
  const labels = new Map<string, string>();
  const visit = (components: SchemaComponent[] | undefined) => {
    for (const component of components ?? []) {
      if (component.key && component.label) labels.set(component.key, component.label);
      visit(component.components);
    }
  };
  visit(schema?.['components'] as SchemaComponent[] | undefined);
  return labels;
}

/** A scenario step in words: what it will do, what it did, and the answers it gives (field label and value). */
export interface StepInWords {
  /** Before it is played: "“Log the disclosure” is completed with these answers:". */
  text: string;
  /** After it is played, a whole sentence: "“Log the disclosure” completed." */
  done: string;
  answers: { label: string; value: string }[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * A scenario step in words. `tasks` are the open steps (for the task's name and its fields'
 * labels); `nameOf` names a diagram element.
 */
export function stepInWords(step: ScenarioStep, tasks: readonly SimulationTask[], nameOf: (activityId: string) => string): StepInWords {
  switch (step.kind) {
    case 'complete': {
      const task = tasks.find((t) => t.taskKey === step.taskKey);
      const labels = fieldLabels(task?.formSchema);
      const name = `“${task?.name ?? nameOf(step.taskKey)}”`;
      const answers = Object.entries(step.values).map(([key, value]) => ({ label: labels.get(key) ?? key, value: formatAnswer(value) }));
      return {
        text: answers.length > 0 ? `${name} is completed with these answers:` : `${name} is completed, without answers.`,
        done: `${name} completed.`,
        answers,
      };
    }
    case 'external':
      return {
        text: `The automatic step “${nameOf(step.activityId)}” is completed in place of the system.`,
        done: `The automatic step “${nameOf(step.activityId)}” completed in place of the system.`,
        answers: Object.entries(step.values ?? {}).map(([key, value]) => ({ label: key, value: formatAnswer(value) })),
      };
    case 'message':
      return {
        text: `The message “${step.messageName}” arrives.`,
        done: `The message “${step.messageName}” arrived.`,
        answers: Object.entries(step.variables ?? {}).map(([key, value]) => ({ label: key, value: formatAnswer(value) })),
      };
    case 'advance': {
      const moves = (how: string) => ({ text: `Time moves ${how}.`, done: `Time moved ${how}.`, answers: [] });
      if (step.hours !== undefined) return moves(`on ${plural(step.hours, 'hour')}`);
      if (step.workingDays !== undefined) return moves(`on ${plural(step.workingDays, 'working day')}`);
      if (step.toNextDeadline) return { text: 'Time jumps to the next deadline.', done: 'Time jumped to the next deadline.', answers: [] };
      if (step.to) return moves(`to ${formatSimulatedTime(step.to)}`);
      return { text: 'Time passes.', done: 'Time passed.', answers: [] };
    }
  }
}

/** What someone did in a shared simulation: "Cara Cho completed “Log the disclosure”." */
export function doneText(step: RecordedStep, nameOf: (activityId: string) => string): string {
  const who = step.by?.name ?? 'Someone';
  switch (step.kind) {
    case 'complete':
      return `${who} completed “${nameOf(step.taskKey)}”.`;
    case 'advance':
      return `${who} moved the clock.`;
    case 'external':
      return `${who} completed the automatic step “${nameOf(step.activityId)}”.`;
    case 'message':
      return `${who} sent the message “${step.messageName}”.`;
  }
}
