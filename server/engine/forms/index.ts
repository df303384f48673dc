/**
 * Task forms on the server: reading deployed @bpmn-io/form-js schemas, finding the one a user
 * task refers to, and checking a submission against it before the task completes. Plain
 * TypeScript; FEEL comes from ../expressions. See docs/bpmn-support.md ("Form validation").
 */
export type { FormComponent, FormOption, FormSchema, FormValidation } from './form-schema';
export { readFormSchema } from './form-schema';
export { deployedForms, findDeployedForm, refersToDeployedForm, type DeployedForms, type TaskFormReference } from './deployed-form';
export { describeViolations, validateForm, type FormRule, type FormViolation } from './validate-form';
export { TaskForms } from './task-forms';
