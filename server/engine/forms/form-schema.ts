/**
 * The parts of a @bpmn-io/form-js schema (the `.form` files Camunda Modeler saves) that the
 * server reads to check a submitted task form. Everything else in a schema is ignored.
 */

/** One static option of a radio, select, checklist or taglist field. */
export interface FormOption {
  label?: string;
  value: unknown;
}

/** A field's `validate` settings; a text starting with `=` is FEEL, evaluated against the form data. */
export interface FormValidation {
  required?: unknown;
  minLength?: unknown;
  maxLength?: unknown;
  pattern?: unknown;
  min?: unknown;
  max?: unknown;
}

/** One component of a form: a field (it has a `key`), a container (`components`) or decoration. */
export interface FormComponent {
  type: string;
  id?: string;
  /** Where the field's value lives in the form data; dots nest (`address.city`). */
  key?: string;
  /** Groups and dynamic lists: the data path their children's keys are relative to. */
  path?: string;
  label?: string;
  validate?: FormValidation;
  conditional?: { hide?: unknown };
  /** Static options; options from `valuesKey` or `valuesExpression` are dynamic. */
  values?: FormOption[];
  valuesKey?: string;
  valuesExpression?: string;
  disabled?: unknown;
  /** Dynamic lists: one copy of the children per item of the list at `path`. */
  isRepeating?: boolean;
  components?: FormComponent[];
}

/** A form-js schema: its id (what `camunda:formRef` names) and its components. */
export interface FormSchema {
  id: string | null;
  components: FormComponent[];
}

/** Reads a deployed resource as a form-js schema; null when it is not one (not JSON, no `components`). */
export function readFormSchema(text: string): FormSchema | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const schema = parsed as { id?: unknown; type?: unknown; components?: unknown };
  if (!Array.isArray(schema.components) || (schema.type !== undefined && schema.type !== 'default')) return null;
  return {
    id: typeof schema.id === 'string' ? schema.id : null,
    components: schema.components.filter(isComponent),
  };
}

function isComponent(value: unknown): value is FormComponent {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
