/**
 * The form check of task completion: before a task with a deployed form-js form completes, the
 * process variables merged with the submitted ones must satisfy the form (see validate-form.ts);
 * otherwise the completion is refused with an `InvalidRequest` EngineError (HTTP 400) naming the
 * fields, and because the check runs inside the completing transaction nothing is written.
 *
 * A deployment's forms are read once and kept: deployed resources never change.
 */
import { EngineError, EngineErrorCode } from '../engine-error';
import { deployedForms, findDeployedForm, refersToDeployedForm, type DeployedForms, type TaskFormReference } from './deployed-form';
import { describeViolations, validateForm } from './validate-form';

export class TaskForms {
  private readonly deployments = new Map<string, Promise<DeployedForms>>();

  /**
   * Throws when the form data (`values()`: the process variables merged with the submitted ones)
   * do not satisfy the task's form. `loadResources` reads the deployment's resources the first
   * time one of its forms is needed.
   */
  async check(
    task: TaskFormReference,
    deploymentId: string,
    loadResources: () => Promise<{ name: string; content: string }[]>,
    values: () => Record<string, unknown>,
  ): Promise<void> {
    if (!refersToDeployedForm(task)) return;
    const schema = findDeployedForm(task, await this.formsOf(deploymentId, loadResources));
    if (!schema) return;
    const violations = validateForm(schema, values());
    if (violations.length > 0) throw new EngineError(EngineErrorCode.InvalidRequest, describeViolations(violations));
  }

  private formsOf(deploymentId: string, loadResources: () => Promise<{ name: string; content: string }[]>): Promise<DeployedForms> {
    let forms = this.deployments.get(deploymentId);
    if (!forms) {
      forms = loadResources().then(deployedForms);
      this.deployments.set(deploymentId, forms);
      forms.catch(() => this.deployments.delete(deploymentId));
    }
    return forms;
  }
}
