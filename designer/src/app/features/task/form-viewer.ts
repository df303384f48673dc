import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, effect, inject, input, output, signal, viewChild } from '@angular/core';
import { Form } from '@bpmn-io/form-js';
import formJsCss from '@bpmn-io/form-js/dist/assets/form-js.css' with { loader: 'text' };
import { adoptLibraryStyles } from './library-styles';
import formThemeCss from './form-theme.css' with { loader: 'text' };

/** One problem with the form, for the error summary (field id, its label, the message). */
export interface FormProblem {
  fieldId: string | null;
  label: string;
  message: string;
}

/** What the form holds when it is submitted: the answers, or the problems the browser found. */
export type FormResult = { ok: true; values: Record<string, unknown> } | { ok: false; problems: FormProblem[] };

interface SchemaComponent {
  id?: string;
  key?: string;
  label?: string;
  type?: string;
  components?: SchemaComponent[];
}

/**
 * Hosts one @bpmn-io/form-js viewer: renders a task's or a start event's form schema with the
 * answers so far, validates in the browser (required, patterns, ranges as the schema says), and
 * shows the server's refusals next to the fields they name.
 */
@Component({
  selector: 'sp-form-viewer',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (failed()) {
      <p class="sp-error" role="alert">This form could not be shown. Reload the page; if it happens again, tell your Safepath administrator.</p>
    }
    <div #host class="host" role="group" [attr.aria-label]="label() ? 'Form: ' + label() : null"></div>
  `,
  styles: `
    :host { display: block; }
  `,
})
export class FormViewer {
  /** The form-js schema. */
  readonly schema = input.required<Record<string, unknown>>();
  /** Answers to show when the form opens (a saved draft, or the case's current values). */
  readonly data = input<Record<string, unknown> | null>(null);
  /** What the form is for, as its group's accessible name (e.g. the task's name). */
  readonly label = input('');
  /** An answer changed (so a page can bring its error summary up to date). */
  readonly changed = output<void>();

  protected readonly failed = signal(false);
  private readonly host = viewChild.required<ElementRef<HTMLElement>>('host');
  private form: Form | null = null;
  private labels = new Map<string, { id: string; label: string }>();

  constructor() {
    adoptLibraryStyles('sp-form-js-styles', formJsCss);
    adoptLibraryStyles('sp-form-theme', formThemeCss);
    effect(() => {
      const schema = this.schema();
      const data = this.data();
      void this.render(schema, data ?? {});
    });
    inject(DestroyRef).onDestroy(() => {
      this.form?.destroy();
      this.form = null;
    });
  }

  private async render(schema: Record<string, unknown>, data: Record<string, unknown>): Promise<void> {
    try {
      this.form?.destroy();
      const form = new Form({ container: this.host().nativeElement });
      this.form = form;
      this.labels = labelsOf((schema['components'] as SchemaComponent[] | undefined) ?? []);
      await form.importSchema(schema as never, data);
      // Only answers count: validating also changes the form's state (its errors).
      let answers = form._getState().data;
      form.on('changed', () => {
        const now = form._getState().data;
        if (now === answers) return;
        answers = now;
        this.changed.emit();
      });
      this.failed.set(false);
    } catch {
      this.failed.set(true);
    }
  }

  /** The answers as they are now (for a draft: no validation). */
  values(): Record<string, unknown> {
    return { ...((this.form?._getState().data as Record<string, unknown> | undefined) ?? {}) };
  }

  /** Validates in the browser (the fields show their messages) and returns the answers to send. */
  submit(): FormResult {
    if (this.form === null) return { ok: false, problems: [{ fieldId: null, label: 'Form', message: 'The form is not ready yet.' }] };
    const { data, errors } = this.form.submit();
    const problems = this.problemsOf(errors);
    return problems.length > 0 ? { ok: false, problems } : { ok: true, values: data as Record<string, unknown> };
  }

  /** The problems the browser finds now (after a first attempt, to keep a summary current). */
  check(): FormProblem[] {
    return this.form === null ? [] : this.problemsOf(this.form.validate());
  }

  private problemsOf(errors: unknown): FormProblem[] {
    return Object.entries((errors ?? {}) as Record<string, unknown>).flatMap(([fieldId, messages]) =>
      flatMessages(messages).map((message) => ({ fieldId, label: this.labelOf(fieldId), message })),
    );
  }

  /**
   * Puts the server's validation message ("The form is incomplete: 'Label' is required; …") next
   * to the fields it names; returns the problems it found, including those of no known field.
   */
  showServerProblems(message: string): FormProblem[] {
    const problems: FormProblem[] = [];
    for (const match of message.matchAll(/'([^']+)' ([^;]+)/g)) {
      const field = this.labels.get(match[1]);
      problems.push({ fieldId: field?.id ?? null, label: match[1], message: `${match[1]} ${match[2].trim()}` });
    }
    if (this.form !== null) {
      const errors: Record<string, string[]> = {};
      for (const problem of problems) if (problem.fieldId !== null) (errors[problem.fieldId] ??= []).push(problem.message);
      if (Object.keys(errors).length > 0) this.form._setState({ errors });
    }
    return problems;
  }

  /** Moves focus to a field's first input (from the error summary). */
  focusField(fieldId: string): void {
    const host = this.host().nativeElement;
    const controls = host.querySelectorAll<HTMLElement>('input, textarea, select, [tabindex]');
    for (const control of controls) {
      if (control.id.endsWith(`-${fieldId}`) || control.id.includes(`-${fieldId}-`) || control.id.includes(`-${fieldId}_`)) {
        control.focus();
        control.scrollIntoView({ block: 'center' });
        return;
      }
    }
  }

  private labelOf(fieldId: string): string {
    for (const entry of this.labels.values()) if (entry.id === fieldId) return entry.label;
    return fieldId;
  }
}

function labelsOf(components: readonly SchemaComponent[], into = new Map<string, { id: string; label: string }>()): Map<string, { id: string; label: string }> {
  for (const component of components) {
    if (component.id && (component.label || component.key)) {
      const label = component.label || component.key!;
      into.set(label, { id: component.id, label });
      if (component.key && !into.has(component.key)) into.set(component.key, { id: component.id, label });
    }
    if (component.components) labelsOf(component.components, into);
  }
  return into;
}

function flatMessages(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(flatMessages);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(flatMessages);
  return [];
}
