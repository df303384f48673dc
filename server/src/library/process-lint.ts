/**
 * The problems of a BPMN document as the designer shows them: the repository's bpmnlint setup
 * (`lint/.bpmnlintrc`: bpmnlint recommended + the Safepath plugin, exactly what
 * `npm run lint:processes` runs) plus the engine's deploy check (`parseBpmn`), whose problems
 * are always errors: a document the engine would reject cannot be published.
 */
import { join } from 'node:path';
import { parseBpmn } from '../../engine';
import { findRepoRoot } from '../config/repo-root';
import type { LintReport } from '../../../lint/lint-bpmn';

/** One problem: the element it is about (null: the whole document), what is wrong, how bad, which rule. */
export interface Problem {
  elementId: string | null;
  message: string;
  category: 'error' | 'warn';
  rule: string;
}

/** The rule name of the engine's deploy-check problems. */
export const DEPLOY_CHECK_RULE = 'engine/deploy-check';

type LintModule = typeof import('../../../lint/lint-bpmn');

let lintModule: LintModule | null = null;

/**
 * `lint/lint-bpmn.js` is CommonJS outside the TypeScript build (the designer loads the same
 * plugin in the browser), so it is loaded from the repository at run time, from the sources and
 * from dist/ alike.
 */
function lint(): LintModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  lintModule ??= require(join(findRepoRoot(), 'lint', 'lint-bpmn.js')) as LintModule;
  return lintModule;
}

function fromLint(report: LintReport): Problem {
  return {
    elementId: report.id,
    message: report.message,
    category: report.category === 'warn' || report.category === 'info' ? 'warn' : 'error',
    rule: report.rule,
  };
}

/** Lints a BPMN document; an unreadable document is one error of rule `import`. */
export async function lintBpmn(xml: string): Promise<Problem[]> {
  const problems: Problem[] = [];
  try {
    const { errors, warnings } = await lint().lintXml(xml);
    problems.push(...[...errors, ...warnings].map(fromLint));
  } catch (error) {
    problems.push({ elementId: null, message: `The file is not readable BPMN 2.0 XML: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`, category: 'error', rule: 'import' });
    return problems;
  }
  const parsed = await parseBpmn(xml);
  const seen = new Set(problems.map((p) => `${p.elementId}\u0000${p.message}`));
  for (const p of parsed.problems) {
    const key = `${p.elementId}\u0000${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ elementId: p.elementId, message: p.message, category: 'error', rule: DEPLOY_CHECK_RULE });
  }
  return problems;
}

/** True when any problem is an error (publishing is refused). */
export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.category === 'error');
}
