/**
 * Forms between the browser and the engine: the form-js schema as written (what the viewer
 * renders), which data keys a form owns, and submitted answers as engine variables.
 *
 * A submission to a task with a deployed form sets only the variables the form's fields own
 * (their top-level data keys); anything else in the body is ignored, so a form cannot be used to
 * overwrite other case variables. The engine then checks the answers against the form.
 */
import type { VariableMap } from '../../engine';
import { findDeployedForm, type DeployedForms, type FormComponent, type FormSchema } from '../../engine/forms';
import { typedValueOf } from '../../engine';

export type FormJson = Record<string, unknown>;

/** A deployment's forms as written, by resource name and by schema id. */
export interface RawForms {
  byResource: ReadonlyMap<string, FormJson>;
  byId: ReadonlyMap<string, FormJson>;
}

const DEPLOYMENT_FORM_KEY = 'camunda-forms:deployment:';

export function rawForms(resources: readonly { name: string; content: string }[]): RawForms {
  const byResource = new Map<string, FormJson>();
  const byId = new Map<string, FormJson>();
  for (const resource of [...resources].sort((a, b) => a.name.localeCompare(b.name))) {
    if (!/\.form$/i.test(resource.name)) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(resource.content);
    } catch {
      continue;
    }
    if (typeof parsed !== 'object' || parsed === null || !Array.isArray((parsed as FormJson).components)) continue;
    byResource.set(resource.name, parsed as FormJson);
    const id = (parsed as FormJson).id;
    if (typeof id === 'string' && !byId.has(id)) byId.set(id, parsed as FormJson);
  }
  return { byResource, byId };
}

/** A form reference as tasks and start events carry it. */
export interface FormReference {
  formKey: string | null;
  formRef?: string | null;
}

/**
 * The start event's form: the process definition stores a start event's `formKey` or `formRef`
 * in one column; a `camunda-forms:` value is a form key, anything else a form id.
 */
export function startFormReference(startFormKey: string | null): FormReference {
  if (startFormKey === null) return { formKey: null, formRef: null };
  return startFormKey.startsWith('camunda-forms:') ? { formKey: startFormKey, formRef: null } : { formKey: null, formRef: startFormKey };
}

/** The form as written for a reference (same rules as the engine's `findDeployedForm`), or null. */
export function findRawForm(reference: FormReference, forms: RawForms): FormJson | null {
  if (reference.formRef) return forms.byId.get(reference.formRef) ?? null;
  const key = reference.formKey ?? '';
  if (!key.startsWith(DEPLOYMENT_FORM_KEY)) return null;
  const name = key.slice(DEPLOYMENT_FORM_KEY.length);
  return forms.byResource.get(name) ?? forms.byResource.get(name.split('/').pop()!) ?? null;
}

export function findSchema(reference: FormReference, forms: DeployedForms): FormSchema | null {
  return findDeployedForm(reference, forms);
}

/** The top-level data keys a form's fields write (a group's or list's `path`, a field's `key`). */
export function formDataKeys(schema: FormSchema): Set<string> {
  const keys = new Set<string>();
  const visit = (components: readonly FormComponent[], nested: boolean) => {
    for (const component of components) {
      const own = component.path ?? component.key;
      if (own && !nested) keys.add(own.split('.')[0]);
      if (Array.isArray(component.components)) visit(component.components, nested || Boolean(component.path));
    }
  };
  visit(schema.components, false);
  return keys;
}

/** Plain answers → engine variables; with a schema, only the keys the form owns. */
export function toVariables(values: Record<string, unknown>, schema: FormSchema | null): VariableMap {
  const allowed = schema ? formDataKeys(schema) : null;
  const variables: VariableMap = {};
  for (const [name, value] of Object.entries(values)) {
    if (allowed && !allowed.has(name)) continue;
    variables[name] = typedValueOf(value);
  }
  return variables;
}
