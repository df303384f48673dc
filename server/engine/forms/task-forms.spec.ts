import { EngineError, EngineErrorCode } from '../engine-error';
import { TaskForms } from './task-forms';

const form = JSON.stringify({
  type: 'default',
  id: 'ask_safe',
  components: [{ type: 'radio', key: 'safeNow', label: 'Is the victim safe now?', values: [{ value: 'yes' }, { value: 'no' }], validate: { required: true } }],
});

describe('TaskForms', () => {
  it('given a submission without a required answer, then an InvalidRequest error names the field', async () => {
    const forms = new TaskForms();
    const error = await forms.check({ formKey: null, formRef: 'ask_safe' }, 'd1', async () => [{ name: 'ask_safe.form', content: form }], () => ({})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({ code: EngineErrorCode.InvalidRequest, message: "The form is incomplete: 'Is the victim safe now?' is required" });
  });

  it('given a valid submission, then the check passes', async () => {
    await expect(new TaskForms().check({ formKey: null, formRef: 'ask_safe' }, 'd1', async () => [{ name: 'ask_safe.form', content: form }], () => ({ safeNow: 'no' }))).resolves.toBeUndefined();
  });

  it("given several tasks of one deployment, then the deployment's resources are read once", async () => {
    const forms = new TaskForms();
    let reads = 0;
    const load = async () => {
      reads += 1;
      return [{ name: 'ask_safe.form', content: form }];
    };
    await forms.check({ formKey: null, formRef: 'ask_safe' }, 'd1', load, () => ({ safeNow: 'yes' }));
    await forms.check({ formKey: null, formRef: 'ask_safe' }, 'd1', load, () => ({ safeNow: 'no' }));
    expect(reads).toBe(1);
  });

  it('given a task without a deployed form, then nothing is read and nothing is checked', async () => {
    const load = jest.fn(async () => []);
    await new TaskForms().check({ formKey: 'embedded:app:forms/x.html' }, 'd1', load, () => ({}));
    await new TaskForms().check({ formKey: null, formRef: null }, 'd1', load, () => ({}));
    expect(load).not.toHaveBeenCalled();
  });

  it('given a form reference the deployment does not have, then the task is not checked', async () => {
    await expect(new TaskForms().check({ formKey: null, formRef: 'elsewhere' }, 'd1', async () => [{ name: 'ask_safe.form', content: form }], () => ({}))).resolves.toBeUndefined();
  });
});
