/**
 * Builders for small DMN 1.3 documents in specs, shaped like Camunda Modeler output, so a spec
 * can state a decision table as rows instead of XML.
 */
import type { DecisionModel } from './decision-model';
import { parseDmn } from './parse';

/** One decision table for `dmnXml`. Rule rows list input entries then output entries. */
export interface TableFixture {
  id: string;
  name?: string;
  hitPolicy?: string;
  aggregation?: string;
  /** Input expressions; `{expression, inputVariable}` to rename `cellInput`. */
  inputs: (string | { expression: string; inputVariable?: string })[];
  /** Output names; `{name, values, defaultValue}` for output values (priority) and default output entry. */
  outputs: (string | { name: string; values?: string; defaultValue?: string })[];
  rules: string[][];
  requires?: string[];
}

/** One literal expression decision for `dmnXml`. */
export interface LiteralFixture {
  id: string;
  variable: string;
  expression: string;
  requires?: string[];
}

const esc = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function requirements(id: string, requires: string[] = []): string {
  return requires.map((r, i) => `<informationRequirement id="IR_${id}_${i}"><requiredDecision href="#${r}" /></informationRequirement>`).join('');
}

function tableXml(t: TableFixture): string {
  const inputs = t.inputs
    .map((input, i) => {
      const spec = typeof input === 'string' ? { expression: input } : input;
      const rename = spec.inputVariable ? ` camunda:inputVariable="${esc(spec.inputVariable)}"` : '';
      return `<input id="${t.id}_in${i}" label="in${i}"${rename}><inputExpression id="${t.id}_ie${i}"><text>${esc(spec.expression)}</text></inputExpression></input>`;
    })
    .join('');
  const outputs = t.outputs
    .map((output, i) => {
      const spec = typeof output === 'string' ? { name: output } : output;
      const values = spec.values ? `<outputValues><text>${esc(spec.values)}</text></outputValues>` : '';
      const fallback = spec.defaultValue ? `<defaultOutputEntry><text>${esc(spec.defaultValue)}</text></defaultOutputEntry>` : '';
      return `<output id="${t.id}_out${i}" name="${esc(spec.name)}">${values}${fallback}</output>`;
    })
    .join('');
  const rules = t.rules
    .map((row, r) => {
      const cells = row.map((text, c) => {
        const kind = c < t.inputs.length ? 'inputEntry' : 'outputEntry';
        return `<${kind} id="${t.id}_r${r + 1}_c${c + 1}"><text>${esc(text)}</text></${kind}>`;
      });
      return `<rule id="${t.id}_r${r + 1}">${cells.join('')}</rule>`;
    })
    .join('');
  const hit = t.hitPolicy ? ` hitPolicy="${t.hitPolicy}"` : '';
  const agg = t.aggregation ? ` aggregation="${t.aggregation}"` : '';
  return `<decision id="${t.id}" name="${esc(t.name ?? t.id)}">${requirements(t.id, t.requires)}<decisionTable id="${t.id}_table"${hit}${agg}>${inputs}${outputs}${rules}</decisionTable></decision>`;
}

function literalXml(l: LiteralFixture): string {
  return `<decision id="${l.id}" name="${l.id}">${requirements(l.id, l.requires)}<variable id="${l.id}_var" name="${esc(l.variable)}" /><literalExpression id="${l.id}_le"><text>${esc(l.expression)}</text></literalExpression></decision>`;
}

/** A DMN 1.3 document holding the given decisions. */
export function dmnXml(...decisions: (TableFixture | LiteralFixture)[]): string {
  const body = decisions.map((d) => ('expression' in d ? literalXml(d) : tableXml(d))).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="defs" name="Fixture" namespace="http://camunda.org/schema/1.0/dmn">
${body}
</definitions>`;
}

/** Parses fixture decisions, fails on any problem, and returns them by key. */
export async function deploy(...decisions: (TableFixture | LiteralFixture)[]): Promise<Map<string, DecisionModel>> {
  const parsed = await parseDmn(dmnXml(...decisions));
  if (parsed.problems.length > 0) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
  return new Map(parsed.decisions.map((d) => [d.key, d]));
}
