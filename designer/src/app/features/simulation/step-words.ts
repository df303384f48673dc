import { type RecordedStep, type ScenarioStep, type SimulationTask, formatSimulatedTime } from './simulation-api';

/**
 * Scenario steps and form answers in plain words, for the replay controls ("what the next step
 * will do"), what others did in a shared simulation, and the comparison of a practice attempt.
 * Pure functions: no Angular.
 */

/** One answer for people: "Yes"/"No", lists joined, "(no answer)" for nothing. */
export function formatAnswer(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(no answer)';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map(formatAnswer).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
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

/** What a scenario step will do: a sentence, and the answers it gives (field label and value). */
export interface StepInWords {
  text: string;
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
      return {
        text: `“${task?.name ?? nameOf(step.taskKey)}” is completed with these answers:`,
        answers: Object.entries(step.values).map(([key, value]) => ({ label: labels.get(key) ?? key, value: formatAnswer(value) })),
      };
    }
    case 'external':
      return {
        text: `The automatic step “${nameOf(step.activityId)}” is completed in place of the system.`,
        answers: Object.entries(step.values ?? {}).map(([key, value]) => ({ label: key, value: formatAnswer(value) })),
      };
    case 'message':
      return {
        text: `The message “${step.messageName}” arrives.`,
        answers: Object.entries(step.variables ?? {}).map(([key, value]) => ({ label: key, value: formatAnswer(value) })),
      };
    case 'advance': {
      let text = 'Time passes.';
      if (step.hours !== undefined) text = `Time moves on ${plural(step.hours, 'hour')}.`;
      else if (step.workingDays !== undefined) text = `Time moves on ${plural(step.workingDays, 'working day')}.`;
      else if (step.toNextDeadline) text = 'Time jumps to the next deadline.';
      else if (step.to) text = `Time moves to ${formatSimulatedTime(step.to)}.`;
      return { text, answers: [] };
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
