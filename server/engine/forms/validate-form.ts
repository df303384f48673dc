/**
 * Server-side check of a submitted form-js form, as the form would check it in the browser:
 * `validate.required`, `minLength`/`maxLength` (of the trimmed text), `pattern`, `min`/`max`, and
 * the options of radio, select, checklist and taglist fields when the options are static (a
 * non-empty `values` list; not `valuesKey` or `valuesExpression`).
 *
 * Only visible fields count: a field (or container) whose `conditional.hide` FEEL expression
 * evaluates to `true` is skipped with everything inside it; a hide expression that cannot be
 * evaluated leaves the field visible. Disabled fields are skipped, as form-js does.
 *
 * Messages name fields by their label and never repeat a submitted value.
 */
import { compileExpression } from '../expressions';
import type { FormComponent, FormSchema } from './form-schema';

export type FormRule = 'required' | 'minLength' | 'maxLength' | 'pattern' | 'min' | 'max' | 'number' | 'options';

/** One field that does not satisfy its form. */
export interface FormViolation {
  /** The field's data path, e.g. `areYouSafe` or `casesForMeeting[2].caseReference`. */
  field: string;
  /** The field's label (its key when it has no plain-text label). */
  label: string;
  rule: FormRule;
  /** E.g. `'Shift' is required`. */
  message: string;
}

type Data = Record<string, unknown>;

interface Scope {
  /** The object the components' keys are relative to. */
  base: Data;
  /** What FEEL expressions see. */
  context: Data;
  /** Data path of `base`, for messages. */
  path: string;
}

/** Every violation of `schema` by `values` (the process variables merged with the submitted ones). */
export function validateForm(schema: FormSchema, values: Data): FormViolation[] {
  const violations: FormViolation[] = [];
  visit(schema.components, { base: values, context: values, path: '' }, violations);
  return violations;
}

/** One sentence for a failed submission, e.g. `The form is incomplete: 'Is the victim safe now?' is required`. */
export function describeViolations(violations: readonly FormViolation[]): string {
  const incomplete = violations.some((v) => v.rule === 'required');
  return `${incomplete ? 'The form is incomplete' : 'The form is not valid'}: ${violations.map((v) => v.message).join('; ')}`;
}

function visit(components: readonly FormComponent[], scope: Scope, out: FormViolation[]): void {
  for (const component of components) {
    if (component.disabled === true || isHidden(component, scope.context)) continue;
    if (component.key) checkField(component, scope, out);
    const children = component.components;
    if (!Array.isArray(children)) continue;
    const path = component.path ? component.path.split('.') : [];
    if (component.type === 'dynamiclist' && component.isRepeating !== false && path.length > 0) {
      const items = valueAt(scope.base, path);
      if (!Array.isArray(items)) continue;
      items.forEach((item, index) => {
        const base = isData(item) ? item : {};
        const context = { ...scope.context, ...base, this: base, parent: scope.base };
        visit(children, { base, context, path: `${join(scope.path, component.path!)}[${index}]` }, out);
      });
    } else if (path.length > 0) {
      const nested = valueAt(scope.base, path);
      const base = isData(nested) ? nested : {};
      visit(children, { base, context: { ...scope.context, ...base }, path: join(scope.path, component.path!) }, out);
    } else {
      visit(children, scope, out);
    }
  }
}

function checkField(field: FormComponent, scope: Scope, out: FormViolation[]): void {
  const value = valueAt(scope.base, field.key!.split('.'));
  const settings = field.validate ?? {};
  const setting = (name: keyof NonNullable<FormComponent['validate']>) => evaluateSetting(settings[name], scope.context);
  const report = (rule: FormRule, text: string) => {
    const label = labelOf(field);
    out.push({ field: join(scope.path, field.key!), label, rule, message: `'${label}' ${text}` });
  };

  if (isEmpty(field, value)) {
    if (setting('required') === true) report('required', 'is required');
    return;
  }
  const options = staticOptions(field);
  if (options && !(Array.isArray(value) ? value : [value]).every((v) => options.some((o) => sameValue(o, v)))) {
    report('options', options.length === 1 ? 'must be its only option' : 'must be one of its options');
  }
  if (typeof value === 'string') {
    const length = value.trim().length;
    const minLength = asNumber(setting('minLength'));
    const maxLength = asNumber(setting('maxLength'));
    if (minLength !== null && length < minLength) report('minLength', `must have at least ${minLength} characters`);
    if (maxLength !== null && length > maxLength) report('maxLength', `must have at most ${maxLength} characters`);
  }
  const pattern = setting('pattern');
  if (typeof pattern === 'string' && pattern !== '' && (typeof value === 'string' || typeof value === 'number')) {
    const regex = compilePattern(pattern);
    if (regex && !regex.test(String(value))) report('pattern', 'does not have the expected format');
  }
  const min = asNumber(setting('min'));
  const max = asNumber(setting('max'));
  if (min !== null || max !== null || field.type === 'number') {
    const number = asNumber(value);
    if (number === null) {
      if (field.type === 'number') report('number', 'must be a number');
    } else {
      if (min !== null && number < min) report('min', `must be at least ${min}`);
      if (max !== null && number > max) report('max', `must be at most ${max}`);
    }
  }
}

/** form-js: no value, an empty text or list, or an unticked checkbox. Blank text counts as empty. */
function isEmpty(field: FormComponent, value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return field.type === 'checkbox' && value === false;
}

function isHidden(component: FormComponent, context: Data): boolean {
  const hide = component.conditional?.hide;
  if (typeof hide !== 'string' || !hide.startsWith('=')) return false;
  try {
    return compileExpression(hide).evaluate(context) === true;
  } catch {
    // A hide condition that cannot be evaluated leaves the field visible (and so checked).
    return false;
  }
}

/** A `validate` setting: FEEL (`=…`) is evaluated; one that cannot be evaluated is left out. */
function evaluateSetting(value: unknown, context: Data): unknown {
  if (typeof value !== 'string' || !value.startsWith('=')) return value;
  try {
    return compileExpression(value).evaluate(context);
  } catch {
    return undefined;
  }
}

function staticOptions(field: FormComponent): unknown[] | null {
  if (!['radio', 'select', 'checklist', 'taglist'].includes(field.type)) return null;
  // No options at all is how these forms spell free-text tags ("type each case reference"): nothing to check against.
  if (field.valuesKey || field.valuesExpression || !Array.isArray(field.values) || field.values.length === 0) return null;
  return field.values.map((option) => option?.value);
}

function sameValue(option: unknown, value: unknown): boolean {
  if (option === value) return true;
  // form-js option values are usually text; a client may send the number or boolean the text spells.
  const primitive = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
  return primitive(option) && primitive(value) && String(option) === String(value);
}

function labelOf(field: FormComponent): string {
  const label = typeof field.label === 'string' ? field.label.trim() : '';
  return label !== '' && !label.startsWith('=') ? label : field.key!;
}

function asNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const number = Number(value);
    return Number.isFinite(number) ? number : null;
  }
  return null;
}

function compilePattern(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern);
  } catch {
    return null;
  }
}

function valueAt(data: Data, path: readonly string[]): unknown {
  let current: unknown = data;
  for (const segment of path) {
    if (!isData(current)) return undefined;
    current = current[segment];
  }
  return current;
}

function isData(value: unknown): value is Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(prefix: string, key: string): string {
  return prefix ? `${prefix}.${key}` : key;
}
