/**
 * The entries of the "Safepath" properties group: Preact components (the properties panel's
 * technology) written with `h`, each reading and writing through {@link SafepathModeling}.
 */
import { NumberFieldEntry, SelectEntry, TextAreaEntry, TextFieldEntry } from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import { useService } from 'bpmn-js-properties-panel';
import { type Element, isType } from '../bpmn-services';
import { type DeadlineUnit, deadlineProblem } from '../safepath-modeling/deadline';
import type { SafepathModeling } from '../safepath-modeling/safepath-modeling';
import type { SafepathConfig } from './safepath-config';

interface EntryProps {
  element: Element;
  id: string;
}

interface Option {
  value: string;
  label: string;
}

/** A value the model has but the list does not offer stays selectable as itself. */
function withCurrent(options: Option[], current: string): Option[] {
  return current && !options.some((o) => o.value === current) ? [...options, { value: current, label: `${current} (as in the model)` }] : options;
}

/** The roles by name; the id is added only where two roles share a name. */
function roleOptions(config: SafepathConfig): Option[] {
  const shared = (label: string) => config.roles.filter((r) => r.label === label).length > 1;
  return config.roles.map((r) => ({ value: r.id, label: shared(r.label) ? `${r.label} (${r.id})` : r.label }));
}

export function RoleEntry({ element, id }: EntryProps) {
  const modeling = useService<SafepathModeling>('safepathModeling');
  const config = useService<SafepathConfig>('safepathConfig');
  return h(SelectEntry, {
    id,
    element,
    label: 'Role',
    description: 'Who does this step: it appears in the inbox of everyone with this role.',
    getValue: () => modeling.role(element),
    setValue: (value: string) => modeling.setRole(element, value),
    getOptions: () => withCurrent([{ value: '', label: '– Choose a role –' }, ...roleOptions(config)], modeling.role(element)),
  });
}

export function DeadlineAmountEntry({ element, id }: EntryProps) {
  const modeling = useService<SafepathModeling>('safepathModeling');
  const debounce = useService('debounceInput');
  const deadline = modeling.deadline(element);
  return h(NumberFieldEntry, {
    id,
    element,
    label: 'Deadline',
    description: deadline.text && !deadline.parsed ? `Currently "${deadline.text}". A number here replaces it.` : 'Working time from when the step starts.',
    min: 0,
    step: 'any',
    debounce,
    getValue: () => modeling.deadline(element).parsed?.amount,
    // Empty leaves the deadline as it is ("No deadline" below removes it).
    validate: (value: number | undefined) => (value === undefined ? null : deadlineProblem(value, modeling.deadline(element).parsed?.unit ?? 'days')),
    setValue: (value: number | undefined, error: string | null) => {
      if (value === undefined || error) return;
      modeling.setDeadline(element, { amount: value, unit: modeling.deadline(element).parsed?.unit ?? 'days' });
    },
  });
}

export function DeadlineUnitEntry({ element, id }: EntryProps) {
  const modeling = useService<SafepathModeling>('safepathModeling');
  const current = () => {
    const d = modeling.deadline(element);
    return d.parsed?.unit ?? (d.text ? 'other' : '');
  };
  return h(SelectEntry, {
    id,
    element,
    label: 'Deadline in',
    getValue: current,
    setValue: (value: string) => {
      if (value === 'other') return;
      if (value === '') return modeling.setDeadline(element, null);
      const unit = value as DeadlineUnit;
      const amount = modeling.deadline(element).parsed?.amount ?? 1;
      modeling.setDeadline(element, { amount: unit === 'days' ? Math.max(1, Math.ceil(amount)) : amount, unit });
    },
    getOptions: () => [
      { value: '', label: 'No deadline' },
      { value: 'days', label: 'working days' },
      { value: 'hours', label: 'working hours' },
      ...(current() === 'other' ? [{ value: 'other', label: 'other (as in the model)' }] : []),
    ],
  });
}

const MODELLED = '__modelled';

export function EscalationEntry({ element, id }: EntryProps) {
  const modeling = useService<SafepathModeling>('safepathModeling');
  const config = useService<SafepathConfig>('safepathConfig');
  const value = () => {
    const task = modeling.escalationTask(element);
    if (task) return modeling.role(task);
    return modeling.hasEscalation(element) ? MODELLED : '';
  };
  const escalationForm = config.forms.find((f) => /escalation$/i.test(f.formId))?.formId ?? null;
  return h(SelectEntry, {
    id,
    element,
    label: 'Escalation',
    description:
      value() === ''
        ? 'Nobody is told when the deadline passes. Choose who deals with it: publishing is refused without an escalation.'
        : 'When the deadline passes, a task goes to this role (the step itself stays open).',
    getValue: value,
    setValue: (role: string) => {
      if (role === MODELLED) return;
      modeling.setEscalation(element, role || null, { formId: escalationForm });
    },
    getOptions: () => {
      const options = withCurrent([{ value: '', label: 'No escalation' }, ...roleOptions(config)], value() === MODELLED ? '' : value());
      return value() === MODELLED ? [...options, { value: MODELLED, label: 'As modelled in the diagram' }] : options;
    },
  });
}

export function GuidanceEntry({ element, id }: EntryProps) {
  const modeling = useService<SafepathModeling>('safepathModeling');
  const debounce = useService('debounceInput');
  const isTask = isType(element.businessObject, 'bpmn:Activity');
  return h(TextAreaEntry, {
    id,
    element,
    label: 'Guidance',
    description: isTask
      ? 'What the person doing this step needs to know. Shown with the task and in the procedure document.'
      : 'The purpose and scope of the procedure, for the procedure document.',
    rows: 5,
    debounce,
    getValue: () => modeling.guidance(element),
    setValue: (value: string) => modeling.setGuidance(element, value ?? ''),
  });
}

export function FormEntry({ element, id }: EntryProps) {
  const modeling = useService<SafepathModeling>('safepathModeling');
  const config = useService<SafepathConfig>('safepathConfig');
  const formId = modeling.formRef(element);
  const form = config.forms.find((f) => f.formId === formId);
  const link = form
    ? h(
        'a',
        {
          href: config.formLink(form.name),
          onClick: (event: MouseEvent) => {
            event.preventDefault();
            config.openForm(form.name);
          },
        },
        `Edit the form ${form.name}`,
      )
    : 'The form the person fills in to complete this step.';
  return h(SelectEntry, {
    id,
    element,
    label: 'Form',
    description: link,
    getValue: () => modeling.formRef(element),
    setValue: (value: string) => modeling.setForm(element, value),
    getOptions: () =>
      withCurrent([{ value: '', label: 'No form' }, ...config.forms.map((f) => ({ value: f.formId, label: f.name === f.formId ? f.formId : `${f.name} (${f.formId})` }))], modeling.formRef(element)),
  });
}

/** What the person typed last per process, so that normalising does not fight their typing. */
const typed = new WeakMap<object, string>();

export function SensitiveEntry({ element, id }: EntryProps) {
  const modeling = useService<SafepathModeling>('safepathModeling');
  const debounce = useService('debounceInput');
  const split = (text: string) => text.split(/[\s,]+/).filter(Boolean);
  return h(TextFieldEntry, {
    id,
    element,
    label: 'Sensitive variables',
    description: 'Names of variables holding personal details, separated by commas: encrypted in the database and hidden outside your organisation.',
    debounce,
    getValue: () => {
      const names = modeling.sensitive(element);
      const raw = typed.get(element.businessObject);
      return raw !== undefined && split(raw).join(' ') === names.join(' ') ? raw : names.join(', ');
    },
    setValue: (value: string) => {
      typed.set(element.businessObject, value ?? '');
      modeling.setSensitive(element, split(value ?? ''));
    },
  });
}
