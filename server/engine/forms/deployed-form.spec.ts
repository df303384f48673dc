import { deployedForms, findDeployedForm, refersToDeployedForm } from './deployed-form';
import { readFormSchema } from './form-schema';

const schema = (id: string) => JSON.stringify({ type: 'default', id, components: [{ type: 'textfield', key: 'note', label: 'Note' }] });

const resources = [
  { name: 'process.bpmn', content: '<definitions/>' },
  { name: 'ask_questions.form', content: schema('dash_ask_questions') },
  { name: 'share_result.form', content: schema('dash_share_result') },
  { name: 'broken.form', content: '{ not json' },
  { name: 'signposting.json', content: schema('not_a_form_resource') },
];

describe('deployed forms', () => {
  const forms = deployedForms(resources);

  it('given camunda:formRef, then the .form resource whose schema id it names', () => {
    expect(findDeployedForm({ formKey: null, formRef: 'dash_share_result' }, forms)?.id).toBe('dash_share_result');
  });

  it('given a camunda-forms:deployment: form key, then the resource of that name (with or without a folder)', () => {
    expect(findDeployedForm({ formKey: 'camunda-forms:deployment:ask_questions.form' }, forms)?.id).toBe('dash_ask_questions');
    expect(findDeployedForm({ formKey: 'camunda-forms:deployment:forms/ask_questions.form' }, forms)?.id).toBe('dash_ask_questions');
  });

  it.each([
    ['embedded:app:forms/ask.html'],
    ['camunda-forms:app:forms/ask_questions.form'],
    ['https://forms.example.org/ask'],
    ['camunda-forms:deployment:missing.form'],
    ['camunda-forms:deployment:broken.form'],
  ])('given the form key %j, then it is not a deployed form-js schema', (formKey) => {
    expect(findDeployedForm({ formKey }, forms)).toBeNull();
  });

  it('given a formRef no deployed form has, or a resource that is not a .form, then no form', () => {
    expect(findDeployedForm({ formKey: null, formRef: 'unknown' }, forms)).toBeNull();
    expect(findDeployedForm({ formKey: null, formRef: 'not_a_form_resource' }, forms)).toBeNull();
  });

  it('given a task without formRef or a deployment form key, then the deployment need not be read', () => {
    expect(refersToDeployedForm({ formKey: null, formRef: null })).toBe(false);
    expect(refersToDeployedForm({ formKey: 'embedded:app:forms/x.html' })).toBe(false);
    expect(refersToDeployedForm({ formKey: null, formRef: 'x' })).toBe(true);
  });

  it('given JSON that is not a form-js schema, then readFormSchema says so', () => {
    expect(readFormSchema('[]')).toBeNull();
    expect(readFormSchema('{"components": "no"}')).toBeNull();
    expect(readFormSchema('{"type": "other", "components": []}')).toBeNull();
    expect(readFormSchema(schema('x'))).toEqual({ id: 'x', components: [{ type: 'textfield', key: 'note', label: 'Note' }] });
  });
});
