/**
 * Reads one `dmn:DecisionTable` (as dmn-moddle returns it) into a checked `DecisionTableModel`,
 * collecting every problem: unsupported hit policy or aggregation, FEEL that does not parse
 * (reported on the cell, else the rule), rows whose cell count does not match the columns.
 */
import { evaluate } from 'feelin';
import type { Aggregation, DecisionProblem, DecisionTableModel, HitPolicy, InputModel, OutputModel, RuleModel } from './decision-model';
import { feelSyntaxProblem, isAnyTest } from './feel';

/** The subset of a moddle element this reader touches. */
export interface MElement {
  $type: string;
  id?: string;
  name?: string;
  label?: string;
  text?: string;
  $attrs?: Record<string, string>;
  [key: string]: any;
}

const HIT_POLICIES: readonly HitPolicy[] = ['UNIQUE', 'FIRST', 'PRIORITY', 'ANY', 'COLLECT', 'RULE ORDER', 'OUTPUT ORDER'];
const AGGREGATIONS: readonly Aggregation[] = ['SUM', 'MIN', 'MAX', 'COUNT'];
const FEEL_LANGUAGES = new Set(['feel', 'https://www.omg.org/spec/dmn/20191111/feel/', 'http://www.omg.org/spec/feel/20140401']);

/** Context for problems: decision key and names that FEEL may reference (required decisions). */
export interface TableContext {
  decisionKey: string;
  knownNames: readonly string[];
  problems: DecisionProblem[];
}

/** Reads a decision table; returns null when a problem makes it unusable (problems are added to `ctx`). */
export function readDecisionTable(table: MElement, ctx: TableContext): DecisionTableModel | null {
  const before = ctx.problems.length;
  const report = (elementId: string | null | undefined, message: string): void => {
    ctx.problems.push({ elementId: elementId ?? table.id ?? ctx.decisionKey, message: `Decision '${ctx.decisionKey}': ${message}` });
  };

  const hitPolicy = String(table.hitPolicy ?? 'UNIQUE') as HitPolicy;
  if (!HIT_POLICIES.includes(hitPolicy)) report(table.id, `hit policy '${hitPolicy}' is not supported (use one of ${HIT_POLICIES.join(', ')})`);
  const aggregation = (table.aggregation ?? null) as Aggregation | null;
  if (aggregation !== null && !AGGREGATIONS.includes(aggregation)) report(table.id, `aggregation '${aggregation}' is not supported`);
  if (aggregation !== null && hitPolicy !== 'COLLECT') report(table.id, `aggregation '${aggregation}' needs hit policy COLLECT, not ${hitPolicy}`);

  const inputs = ((table.input ?? []) as MElement[]).map((input, i) => readInput(input, i, ctx, report));
  const outputs = ((table.output ?? []) as MElement[]).map((output, i) => readOutput(output, i, ctx, report));
  if (outputs.length === 0) report(table.id, 'the decision table has no output');
  if (aggregation !== null && outputs.length > 1) report(table.id, `aggregation '${aggregation}' needs exactly one output, found ${outputs.length}`);
  const names = new Set<string>();
  for (const output of outputs) {
    if (names.has(output.name)) report(output.id, `two outputs are named '${output.name}'; give each output a unique name`);
    names.add(output.name);
  }
  if ((hitPolicy === 'PRIORITY' || hitPolicy === 'OUTPUT ORDER') && !outputs.some((o) => o.priorities !== null)) {
    report(table.id, `hit policy ${hitPolicy} needs output values (in priority order) on at least one output`);
  }
  const rules = ((table.rule ?? []) as MElement[]).map((rule, i) => readRule(rule, i, inputs, outputs, ctx, report));

  if (ctx.problems.length > before) return null;
  return { kind: 'decisionTable', id: table.id ?? null, hitPolicy, aggregation, inputs, outputs, rules };
}

type Report = (elementId: string | null | undefined, message: string) => void;

function readInput(input: MElement, index: number, ctx: TableContext, report: Report): InputModel {
  const place = `input '${input.label ?? input.id ?? index + 1}'`;
  const expression = (input.inputExpression as MElement | undefined)?.text ?? '';
  checkLanguage(input.inputExpression as MElement | undefined, place, input.id, report);
  const problem = feelSyntaxProblem(expression, 'expression', ctx.knownNames);
  if (problem) report(input.id, `${place}: expression ${quote(expression)} ${problem}`);
  return {
    id: input.id ?? null,
    label: input.label ?? null,
    expression,
    inputVariable: input.$attrs?.['camunda:inputVariable'] || 'cellInput',
  };
}

function readOutput(output: MElement, index: number, ctx: TableContext, report: Report): OutputModel {
  const name = output.name || output.label || output.id || `output${index + 1}`;
  const valuesText = (output.outputValues as MElement | undefined)?.text;
  let priorities: unknown[] | null = null;
  if (valuesText && valuesText.trim() !== '') {
    priorities = literalList(valuesText);
    if (priorities === null) report(output.id, `output '${name}': output values ${quote(valuesText)} must be a comma-separated list of literal values`);
  }
  const defaultText = (output.defaultOutputEntry as MElement | undefined)?.text;
  const defaultExpression = defaultText && defaultText.trim() !== '' ? defaultText : null;
  if (defaultExpression) {
    const problem = feelSyntaxProblem(defaultExpression, 'expression', ctx.knownNames);
    if (problem) report(output.id, `output '${name}': default output entry ${quote(defaultExpression)} ${problem}`);
  }
  return { id: output.id ?? null, label: output.label ?? null, name, priorities, defaultExpression };
}

function readRule(rule: MElement, index: number, inputs: InputModel[], outputs: OutputModel[], ctx: TableContext, report: Report): RuleModel {
  const where = `rule '${rule.id ?? '?'}' (row ${index + 1})`;
  const inputCells = (rule.inputEntry ?? []) as MElement[];
  const outputCells = (rule.outputEntry ?? []) as MElement[];
  if (inputCells.length !== inputs.length) report(rule.id, `${where} has ${inputCells.length} input entries for ${inputs.length} inputs`);
  if (outputCells.length !== outputs.length) report(rule.id, `${where} has ${outputCells.length} output entries for ${outputs.length} outputs`);
  const inputEntries = inputCells.map((cell, i) => {
    const test = cell.text ?? '';
    checkLanguage(cell, `${where}, input '${inputs[i]?.label ?? i + 1}'`, cell.id ?? rule.id, report);
    if (!isAnyTest(test)) {
      const problem = feelSyntaxProblem(test, 'unaryTests', [...ctx.knownNames, inputs[i]?.inputVariable ?? 'cellInput']);
      if (problem) report(cell.id ?? rule.id, `${where}, input '${inputs[i]?.label ?? i + 1}': unary tests ${quote(test)} ${problem}`);
    }
    return { id: cell.id ?? null, test };
  });
  const outputEntries = outputCells.map((cell, i) => {
    const text = cell.text ?? '';
    const expression = text.trim() === '' ? null : text;
    checkLanguage(cell, `${where}, output '${outputs[i]?.name ?? i + 1}'`, cell.id ?? rule.id, report);
    if (expression !== null) {
      const problem = feelSyntaxProblem(expression, 'expression', ctx.knownNames);
      if (problem) report(cell.id ?? rule.id, `${where}, output '${outputs[i]?.name ?? i + 1}': expression ${quote(expression)} ${problem}`);
    }
    return { id: cell.id ?? null, expression };
  });
  return { id: rule.id ?? null, index: index + 1, description: rule.description ?? null, inputEntries, outputEntries };
}

/** Rejects a cell or expression whose `expressionLanguage` is not FEEL (e.g. `juel`). */
export function checkLanguage(element: MElement | undefined, place: string, elementId: string | null | undefined, report: Report): void {
  const language = element?.expressionLanguage as string | undefined;
  if (language && !FEEL_LANGUAGES.has(language.toLowerCase())) report(elementId, `${place}: expression language '${language}' is not supported (only FEEL)`);
}

/** Evaluates output values such as `"high","medium"` to a list; null if they are not plain literals. */
function literalList(text: string): unknown[] | null {
  try {
    const { value, warnings } = evaluate(`[${text}]`, {}, undefined);
    if (warnings.length > 0 || !Array.isArray(value)) return null;
    return value.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v)) ? value : null;
  } catch {
    return null;
  }
}

function quote(text: string): string {
  const short = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return `'${short}'`;
}
