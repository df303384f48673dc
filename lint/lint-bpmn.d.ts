/** Types of `lint-bpmn.js` (CommonJS, so that bpmnlint and the browser can load the plugin as is). */
export interface LintReport {
  /** The bpmnlint rule (`safepath/…` for Safepath's own), or `import` for an XML import warning. */
  rule: string;
  id: string | null;
  message: string;
  category: 'error' | 'warn' | 'rule-error' | 'info';
}

export interface LintResult {
  errors: LintReport[];
  warnings: LintReport[];
}

/** The configuration of `lint/.bpmnlintrc`. */
export const config: { extends: string[]; rules: Record<string, unknown> };

/** Lints one BPMN XML document with bpmnlint recommended + Safepath's plugin. */
export function lintXml(xml: string): Promise<LintResult>;

/** A bpmnlint Linter with Safepath's configuration and resolver. */
export function createLinter(): unknown;

/** The resolver that serves `bpmnlint-plugin-safepath` from `lint/bpmnlint-plugin-safepath/`. */
export class SafepathResolver {
  resolveRule(pkg: string, ruleName: string): unknown;
  resolveConfig(pkg: string, configName: string): unknown;
}
