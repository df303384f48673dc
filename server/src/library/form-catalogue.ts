/**
 * The form-js schemas a process can use: the organisation's deployed `.form` resources (the
 * newest copy of each name), overlaid with the forms edited in a draft. Resolves a task's
 * reference (`camunda:formRef` = schema id, `camunda:formKey` = resource name) the way the engine
 * does in a deployment (server/engine/forms/deployed-form.ts).
 */
import type { FormReference } from './bpmn-outline';
import type { Resource } from './library.repository';

/** A form as the library hands it out and deploys it. */
export interface CatalogueForm {
  /** The resource name, e.g. `tc_escalation.form`. */
  name: string;
  /** The schema's `id` (what `camunda:formRef` names), or null. */
  formId: string | null;
  /** The whole form-js schema. */
  schema: Record<string, unknown>;
  /** True when the schema comes from the draft rather than a deployment. */
  edited: boolean;
  /** The resource text to deploy: a deployed form's text unchanged, an edited one serialised. */
  content: string;
}

/** A form-js schema: a JSON object with a `components` list (and `type` "default" when set). */
export function isFormSchema(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const schema = value as { components?: unknown; type?: unknown };
  return Array.isArray(schema.components) && (schema.type === undefined || schema.type === 'default');
}

function parse(content: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(content);
    return isFormSchema(value) ? value : null;
  } catch {
    return null;
  }
}

export class FormCatalogue {
  private readonly byName = new Map<string, CatalogueForm>();

  /**
   * @param deployed the organisation's deployed `.form` resources (newest copy of each name)
   * @param edited the draft's forms by resource name (they win over deployed ones)
   */
  constructor(deployed: readonly Resource[], edited: Readonly<Record<string, unknown>> = {}) {
    for (const resource of deployed) {
      const schema = parse(resource.content);
      if (schema) this.byName.set(resource.name, { name: resource.name, formId: idOf(schema), schema, edited: false, content: resource.content });
    }
    for (const [name, schema] of Object.entries(edited)) {
      if (isFormSchema(schema)) this.byName.set(name, { name, formId: idOf(schema), schema, edited: true, content: `${JSON.stringify(schema, null, 2)}\n` });
    }
  }

  /** The form a reference names, or null. By id, an edited form wins, then resource names in order. */
  resolve(reference: FormReference): CatalogueForm | null {
    if (reference.kind === 'name') return this.byName.get(reference.value) ?? null;
    const matches = [...this.byName.values()].filter((f) => f.formId === reference.value).sort((a, b) => Number(b.edited) - Number(a.edited) || a.name.localeCompare(b.name));
    return matches[0] ?? null;
  }
}

function idOf(schema: Record<string, unknown>): string | null {
  return typeof schema.id === 'string' ? schema.id : null;
}
