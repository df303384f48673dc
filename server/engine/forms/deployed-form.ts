/**
 * Which deployed form-js schema a user task's form is. Forms are looked up among the resources
 * of the deployment the task's process came from (Camunda's `deployment` binding; processes/
 * deploys each organisation's forms with its models):
 *
 * - `camunda:formRef="<id>"`: the `.form` resource whose schema `id` is `<id>`;
 * - `camunda:formKey="camunda-forms:deployment:<resource>"`: the resource of that name.
 *
 * Anything else (`embedded:app:…`, `camunda-forms:app:…`, an external URL, a reference that no
 * deployed form matches) is not a deployed form-js schema: null.
 */
import { readFormSchema, type FormSchema } from './form-schema';

/** What a user task says about its form. */
export interface TaskFormReference {
  formKey: string | null;
  formRef?: string | null;
}

/** The form-js schemas of one deployment, by resource name and by schema id. */
export interface DeployedForms {
  byResource: ReadonlyMap<string, FormSchema>;
  byId: ReadonlyMap<string, FormSchema>;
}

const DEPLOYMENT_FORM_KEY = 'camunda-forms:deployment:';

/** Reads a deployment's `.form` resources (resources that are not form-js schemas are left out). */
export function deployedForms(resources: readonly { name: string; content: string }[]): DeployedForms {
  const byResource = new Map<string, FormSchema>();
  const byId = new Map<string, FormSchema>();
  for (const resource of [...resources].sort((a, b) => a.name.localeCompare(b.name))) {
    if (!/\.form$/i.test(resource.name)) continue;
    const schema = readFormSchema(resource.content);
    if (!schema) continue;
    byResource.set(resource.name, schema);
    if (schema.id !== null && !byId.has(schema.id)) byId.set(schema.id, schema);
  }
  return { byResource, byId };
}

/** True when the task names a form that could be a deployed form-js schema (worth loading the deployment for). */
export function refersToDeployedForm(task: TaskFormReference): boolean {
  return Boolean(task.formRef) || (task.formKey ?? '').startsWith(DEPLOYMENT_FORM_KEY);
}

/** The task's form among the deployment's forms, or null when it is not a deployed form-js schema. */
export function findDeployedForm(task: TaskFormReference, forms: DeployedForms): FormSchema | null {
  if (task.formRef) return forms.byId.get(task.formRef) ?? null;
  const key = task.formKey ?? '';
  if (!key.startsWith(DEPLOYMENT_FORM_KEY)) return null;
  const name = key.slice(DEPLOYMENT_FORM_KEY.length);
  const exact = forms.byResource.get(name);
  if (exact) return exact;
  // Camunda resource names may carry a folder (`forms/x.form`); ours are file names.
  const file = name.split('/').pop()!;
  return forms.byResource.get(file) ?? null;
}
