import type { FormComponent, FormSchema } from './form-schema';
import { describeViolations, validateForm } from './validate-form';

const form = (...components: FormComponent[]): FormSchema => ({ id: 'f', components });
const messages = (schema: FormSchema, values: Record<string, unknown>) => validateForm(schema, values).map((v) => v.message);

const safeNow: FormComponent = {
  type: 'radio',
  key: 'safeNow',
  label: 'Is the victim safe now?',
  values: [
    { label: 'Yes', value: 'yes' },
    { label: 'No', value: 'no' },
  ],
  validate: { required: true },
};

describe('validateForm', () => {
  describe('required fields', () => {
    it.each([
      ['missing', {}],
      ['null', { safeNow: null }],
      ['empty text', { safeNow: '' }],
      ['blank text', { safeNow: '   ' }],
    ])('given a required field that is %s, then it is reported by its label', (_case, values) => {
      expect(messages(form(safeNow), values)).toEqual(["'Is the victim safe now?' is required"]);
    });

    it('given a required field with an answer, then there is nothing to report', () => {
      expect(validateForm(form(safeNow), { safeNow: 'no' })).toEqual([]);
    });

    it('given a required checkbox, then only a tick satisfies it (as in form-js)', () => {
      const consent: FormComponent = { type: 'checkbox', key: 'consent', label: 'Consent recorded', validate: { required: true } };
      expect(messages(form(consent), { consent: false })).toEqual(["'Consent recorded' is required"]);
      expect(messages(form(consent), { consent: true })).toEqual([]);
    });

    it('given a required checklist with nothing ticked, then it is required', () => {
      const sectors: FormComponent = { type: 'checklist', key: 'sectors', label: 'Sectors', values: [{ value: 'police' }], validate: { required: true } };
      expect(messages(form(sectors), { sectors: [] })).toEqual(["'Sectors' is required"]);
    });

    it('given a field without a label, then the message names its key', () => {
      expect(messages(form({ type: 'textfield', key: 'ref', validate: { required: true } }), {})).toEqual(["'ref' is required"]);
    });

    it('given a field that is not required and empty, then its other rules do not apply', () => {
      const code: FormComponent = { type: 'textfield', key: 'code', label: 'Code', validate: { minLength: 3, pattern: '^[A-Z]+$' } };
      expect(validateForm(form(code), { code: '' })).toEqual([]);
    });
  });

  describe('text, number and option rules', () => {
    const reference: FormComponent = { type: 'textfield', key: 'reference', label: 'Case reference', validate: { minLength: 3, maxLength: 6, pattern: '^DA-' } };

    it.each([
      ['DA', ["'Case reference' must have at least 3 characters", "'Case reference' does not have the expected format"]],
      ['DA-1234', ["'Case reference' must have at most 6 characters"]],
      ['XX-1', ["'Case reference' does not have the expected format"]],
      ['DA-1   ', []],
    ])('given the text %j, then %j', (value, expected) => {
      expect(messages(form(reference), { reference: value })).toEqual(expected);
    });

    it('given min and max, then numbers (and numeric text) outside are reported', () => {
      const count: FormComponent = { type: 'number', key: 'count', label: 'Incidents', validate: { min: 0, max: 50 } };
      expect(messages(form(count), { count: -1 })).toEqual(["'Incidents' must be at least 0"]);
      expect(messages(form(count), { count: '51' })).toEqual(["'Incidents' must be at most 50"]);
      expect(messages(form(count), { count: 'many' })).toEqual(["'Incidents' must be a number"]);
      expect(messages(form(count), { count: 0 })).toEqual([]);
    });

    it('given static options, then a value outside them is reported without repeating it', () => {
      expect(messages(form(safeNow), { safeNow: 'perhaps' })).toEqual(["'Is the victim safe now?' must be one of its options"]);
      const sectors: FormComponent = { type: 'checklist', key: 'sectors', label: 'Sectors', values: [{ value: 'police' }, { value: 'health' }] };
      expect(messages(form(sectors), { sectors: ['police', 'bank'] })).toEqual(["'Sectors' must be one of its options"]);
      expect(messages(form(sectors), { sectors: ['health'] })).toEqual([]);
    });

    it('given options from an expression, a variable or an empty list (free tags), then any value is accepted', () => {
      const dynamic: FormComponent = { type: 'select', key: 'mode', label: 'Mode', valuesExpression: '=[{label: "A", value: "a"}]' };
      const fromVariable: FormComponent = { type: 'radio', key: 'team', label: 'Team', valuesKey: 'teams' };
      const tags: FormComponent = { type: 'taglist', key: 'refs', label: 'References', values: [] };
      expect(validateForm(form(dynamic, fromVariable, tags), { mode: 'z', team: 'blue', refs: ['R1', 'R2'] })).toEqual([]);
    });

    it('given option values as text, then the number or boolean they spell is accepted', () => {
      const answer: FormComponent = { type: 'radio', key: 'answer', label: 'Answer', values: [{ value: 'true' }, { value: '1' }] };
      expect(validateForm(form(answer), { answer: true })).toEqual([]);
      expect(validateForm(form(answer), { answer: 1 })).toEqual([]);
    });

    it('given FEEL in a rule, then it is evaluated against the form data; one that fails is left out', () => {
      const count: FormComponent = { type: 'number', key: 'count', label: 'Count', validate: { max: '=limit', min: '=unknownFunction(1)' } };
      expect(messages(form(count), { count: 5, limit: 3 })).toEqual(["'Count' must be at most 3"]);
    });
  });

  describe('conditionally hidden fields', () => {
    const concerns: FormComponent = {
      type: 'radio',
      key: 'ongoingConcerns',
      label: 'Ongoing concerns?',
      values: [{ value: 'yes' }, { value: 'no' }],
      validate: { required: true },
      conditional: { hide: '=safeNow != "yes"' },
    };

    it('given the hide condition is true, then the required field is not demanded', () => {
      expect(validateForm(form(safeNow, concerns), { safeNow: 'no' })).toEqual([]);
    });

    it('given the hide condition is false, then the field is demanded', () => {
      expect(messages(form(safeNow, concerns), { safeNow: 'yes' })).toEqual(["'Ongoing concerns?' is required"]);
    });

    it('given a hide condition that cannot be evaluated, then the field counts as visible', () => {
      const broken = { ...concerns, conditional: { hide: '=safeNow !=' } };
      const unknownFunction = { ...concerns, conditional: { hide: '=noSuchFunction(safeNow)' } };
      expect(messages(form(safeNow, broken), { safeNow: 'no' })).toEqual(["'Ongoing concerns?' is required"]);
      expect(messages(form(safeNow, unknownFunction), { safeNow: 'no' })).toEqual(["'Ongoing concerns?' is required"]);
    });

    it('given a hide condition that is not true (null, text), then the field counts as visible', () => {
      const nullHide = { ...concerns, conditional: { hide: '=missing.field' } };
      expect(messages(form(nullHide), {})).toEqual(["'Ongoing concerns?' is required"]);
      expect(messages(form({ ...concerns, conditional: { hide: 'true' } }), {})).toEqual(["'Ongoing concerns?' is required"]);
    });

    it('given a hidden group, then nothing inside it is demanded', () => {
      const group: FormComponent = { type: 'group', label: 'Children', conditional: { hide: '=hasChildren != true' }, components: [{ ...concerns, conditional: undefined }] };
      expect(validateForm(form(group), { hasChildren: false })).toEqual([]);
      expect(messages(form(group), { hasChildren: true })).toEqual(["'Ongoing concerns?' is required"]);
    });

    it('given a disabled field, then it is not checked (as in form-js)', () => {
      expect(validateForm(form({ ...safeNow, disabled: true }), {})).toEqual([]);
    });
  });

  describe('groups with a path and dynamic lists', () => {
    it('given a group with a path, then its fields are read below that path', () => {
      const address: FormComponent = { type: 'group', path: 'address', components: [{ type: 'textfield', key: 'postcode', label: 'Postcode', validate: { required: true } }] };
      expect(validateForm(form(address), { address: { postcode: 'E8 1AA' } })).toEqual([]);
      expect(validateForm(form(address), { postcode: 'E8 1AA' })).toEqual([
        { field: 'address.postcode', label: 'Postcode', rule: 'required', message: "'Postcode' is required" },
      ]);
    });

    it('given a dynamic list, then every item is checked and named by its position', () => {
      const cases: FormComponent = {
        type: 'dynamiclist',
        path: 'cases',
        isRepeating: true,
        components: [
          { type: 'textfield', key: 'reference', label: 'Case reference', validate: { required: true } },
          { type: 'textfield', key: 'agency', label: 'Agency', validate: { required: true }, conditional: { hide: '=reference = "skip"' } },
        ],
      };
      const violations = validateForm(form(cases), { cases: [{ reference: 'R1', agency: 'Police' }, { agency: 'Health' }, { reference: 'skip' }] });
      expect(violations.map((v) => v.field)).toEqual(['cases[1].reference']);
    });
  });

  describe('describeViolations', () => {
    it('given missing answers, then the form is incomplete and every field is named', () => {
      const other: FormComponent = { type: 'textfield', key: 'note', label: 'Note', validate: { required: true } };
      expect(describeViolations(validateForm(form(safeNow, other), {}))).toBe("The form is incomplete: 'Is the victim safe now?' is required; 'Note' is required");
    });

    it('given only wrong answers, then the form is not valid', () => {
      expect(describeViolations(validateForm(form(safeNow), { safeNow: 'maybe' }))).toBe("The form is not valid: 'Is the victim safe now?' must be one of its options");
    });
  });
});
