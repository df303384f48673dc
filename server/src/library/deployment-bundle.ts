/**
 * What one publication deploys. The engine resolves three things inside the deployment a process
 * version came from, so they must travel with it:
 *
 * - forms (`camunda:formRef` / `camunda-forms:deployment:`): the draft's edited forms, else the
 *   organisation's newest deployed copy of each form the processes name;
 * - processes called with `camunda:calledElementBinding="deployment"`: their latest published
 *   XML (which becomes their next version, recorded as deployed with the publication);
 * - decisions of business rule tasks: the newest DMN resource holding each decision key.
 *
 * The organisation's `signposting.json` goes along too, so the deployment is as complete as the
 * ones `processes/` makes at boot.
 */
import type { ModdleElement } from 'bpmn-moddle';
import { decisionReferences, deploymentBoundCalls, executableProcesses, formReferences, readBpmn, type FormReference } from './bpmn-outline';
import { FormCatalogue } from './form-catalogue';
import type { Resource } from './library.repository';

/** A process to deploy: its key, its XML and the resource name to deploy it under. */
export interface BundleProcess {
  key: string;
  xml: string;
  resourceName: string;
}

/** What the bundle reads about the organisation's deployments. */
export interface BundleSource {
  /** The latest deployed version of a process, or null. */
  latestProcess(key: string): Promise<BundleProcess | null>;
  /** The newest copy of each deployed `.form` resource. */
  latestForms(): Promise<Resource[]>;
  /** The newest DMN resource holding each decision key. */
  decisionResources(): Promise<Map<string, Resource>>;
  /** The newest `signposting.json`, if the organisation has one. */
  signposting(): Promise<Resource | null>;
}

export interface BundleOptions {
  /** Forms edited in the draft, by resource name (they replace deployed forms of the same name). */
  editedForms?: Readonly<Record<string, unknown>>;
  /** Forms that win over the organisation's newest ones (restoring a version restores its forms). */
  baseForms?: readonly Resource[];
  /** DMN resources that replace the organisation's newest ones of the same name (publishing a decision). */
  decisions?: readonly Resource[];
}

export interface Bundle {
  resources: Resource[];
  /** Keys of the processes deployed, the given roots first. */
  processKeys: string[];
  /** Form references no form answers (the task will have no form). */
  missingForms: FormReference[];
}

/** The resource name a published process is deployed under: apart from `processes/` file names, so that a restart does not take the publication back. */
export function libraryResourceName(key: string): string {
  return `library/${key}.bpmn`;
}

export async function buildBundle(source: BundleSource, roots: readonly BundleProcess[], options: BundleOptions = {}): Promise<Bundle> {
  const processes = new Map<string, BundleProcess>();
  const queue = [...roots];
  const decisionKeys = new Set<string>();
  const formRefs: FormReference[] = [];
  while (queue.length) {
    const next = queue.shift()!;
    if (processes.has(next.key)) continue;
    processes.set(next.key, next);
    const executables: ModdleElement[] = executableProcesses(await readBpmn(next.xml));
    for (const process of executables) {
      for (const called of deploymentBoundCalls(process)) {
        if (processes.has(called) || queue.some((q) => q.key === called)) continue;
        const latest = await source.latestProcess(called);
        if (latest) queue.push(latest);
      }
      for (const key of decisionReferences(process)) decisionKeys.add(key);
      formRefs.push(...formReferences(process));
    }
  }

  const resources: Resource[] = [];
  const names = new Set<string>();
  const add = (resource: Resource): void => {
    if (names.has(resource.name)) return;
    names.add(resource.name);
    resources.push(resource);
  };
  // A resource holding several called processes is deployed once.
  for (const p of processes.values()) add({ name: p.resourceName, content: p.xml });

  const overrides = new Map((options.decisions ?? []).map((r) => [r.name, r] as const));
  if (decisionKeys.size > 0) {
    const byKey = await source.decisionResources();
    for (const key of decisionKeys) {
      const resource = byKey.get(key);
      if (resource) add(overrides.get(resource.name) ?? resource);
    }
  }
  for (const resource of overrides.values()) add(resource);

  const base = new Map((await source.latestForms()).map((r) => [r.name, r] as const));
  for (const resource of options.baseForms ?? []) base.set(resource.name, resource);
  const catalogue = new FormCatalogue([...base.values()], options.editedForms ?? {});
  const missingForms: FormReference[] = [];
  for (const reference of formRefs) {
    const form = catalogue.resolve(reference);
    if (form) add({ name: form.name, content: form.content });
    else missingForms.push(reference);
  }

  const signposting = await source.signposting();
  if (signposting) add(signposting);
  return { resources, processKeys: [...processes.keys()], missingForms };
}
