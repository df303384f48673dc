/**
 * Reads DMN 1.3 XML (as Camunda Modeler / dmn-js save it; `camunda:` attributes are tolerated)
 * into immutable `DecisionModel`s plus the problems found. A decision with a problem, or one that
 * requires such a decision, is left out of `decisions`; a caller deploying the resource should
 * reject it when `problems` is not empty.
 */
import * as dmnModdleModule from 'dmn-moddle';
import type { DecisionModel, DecisionProblem, LiteralExpressionModel } from './decision-model';
import { feelSyntaxProblem } from './feel';
import { checkLanguage, readDecisionTable, type MElement } from './parse-table';

/** The result of `parseDmn`. */
export interface ParsedDmn {
  /** Decisions without problems, deeply frozen, all FEEL pre-checked. */
  decisions: DecisionModel[];
  problems: DecisionProblem[];
}

interface ModdleResult {
  rootElement: MElement;
  warnings: { message: string; element?: MElement }[];
}
type ModdleCtor = new () => { fromXML(xml: string, type: string): Promise<ModdleResult> };

// dmn-moddle 12 exports its class by name (`DmnModdle`); older builds had a default export.
const moddleExports = dmnModdleModule as unknown as { DmnModdle?: ModdleCtor; default?: ModdleCtor | { DmnModdle?: ModdleCtor } };
const DmnModdleClass: ModdleCtor =
  moddleExports.DmnModdle ?? (typeof moddleExports.default === 'function' ? moddleExports.default : moddleExports.default!.DmnModdle!);

const OLD_NAMESPACES = ['http://www.omg.org/spec/DMN/20151101/dmn.xsd', 'http://www.omg.org/spec/DMN/20180521/MODEL/'];

/** Parses a DMN resource; never throws for bad input, everything wrong ends up in `problems`. */
export async function parseDmn(xml: string, resourceName?: string): Promise<ParsedDmn> {
  const problems: DecisionProblem[] = [];
  const finish = (decisions: DecisionModel[]): ParsedDmn => ({
    decisions,
    problems: resourceName === undefined ? problems : problems.map((p) => ({ ...p, resource: resourceName })),
  });

  let parsed: ModdleResult;
  try {
    parsed = await new DmnModdleClass().fromXML(xml, 'dmn:Definitions');
  } catch (err) {
    const old = OLD_NAMESPACES.some((ns) => xml.includes(ns));
    const hint = old ? ' (this is DMN 1.1/1.2; open and save it in Camunda Modeler to convert it to DMN 1.3)' : '';
    problems.push({ elementId: null, message: `Cannot read DMN XML${hint}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` });
    return finish([]);
  }
  for (const warning of parsed.warnings) {
    problems.push({ elementId: warning.element?.id ?? null, message: `DMN XML: ${warning.message.split('\n')[0]}` });
  }

  const definitions = parsed.rootElement;
  const elements = ((definitions.drgElement ?? []) as MElement[]).filter((e) => e.$type === 'dmn:Decision');
  const byId = new Map(elements.filter((e) => e.id).map((e) => [e.id!, e]));
  const models = new Map<string, DecisionModel>();
  for (const element of elements) {
    if (!element.id) {
      problems.push({ elementId: null, message: `Decision '${element.name ?? '(unnamed)'}' has no id; the id is the decision key` });
      continue;
    }
    const model = readDecision(element, definitions, byId, problems);
    if (model) models.set(model.key, model);
  }
  dropBrokenDependants(models, byId, problems);
  return finish([...models.values()].map((model) => deepFreeze({ ...model, resource: resourceName ?? null })));
}

function readDecision(decision: MElement, definitions: MElement, byId: Map<string, MElement>, problems: DecisionProblem[]): DecisionModel | null {
  const key = decision.id!;
  const before = problems.length;
  const requires: string[] = [];
  for (const requirement of (decision.informationRequirement ?? []) as MElement[]) {
    const href = (requirement.requiredDecision as MElement | undefined)?.href as string | undefined;
    if (!href) continue; // requiredInput: input data come from the variables by name
    const id = href.replace(/^#/, '');
    if (!byId.has(id)) problems.push({ elementId: key, message: `Decision '${key}' requires decision '${id}', which is not in this file` });
    else requires.push(id);
  }
  const knownNames = requires.flatMap((id) => namesOf(byId.get(id)!));

  const logic = decision.decisionLogic as MElement | undefined;
  let model: DecisionModel['logic'] | null = null;
  if (!logic) {
    problems.push({ elementId: key, message: `Decision '${key}' has no decision logic (add a decision table or literal expression)` });
  } else if (logic.$type === 'dmn:DecisionTable') {
    model = readDecisionTable(logic, { decisionKey: key, knownNames, problems });
  } else if (logic.$type === 'dmn:LiteralExpression') {
    model = readLiteral(logic, key, knownNames, problems);
  } else {
    problems.push({ elementId: logic.id ?? key, message: `Decision '${key}': decision logic ${logic.$type.replace('dmn:', '')} is not supported` });
  }
  if (!model || problems.length > before) return null;
  return {
    key,
    name: decision.name ?? null,
    definitionsId: definitions.id ?? null,
    definitionsName: definitions.name ?? null,
    resource: null,
    versionTag: decision.$attrs?.['camunda:versionTag'] ?? null,
    historyTimeToLive: decision.$attrs?.['camunda:historyTimeToLive'] ?? null,
    variableName: variableNameOf(decision),
    requires,
    logic: model,
  };
}

function readLiteral(literal: MElement, key: string, knownNames: readonly string[], problems: DecisionProblem[]): LiteralExpressionModel | null {
  const expression = literal.text ?? '';
  const before = problems.length;
  checkLanguage(literal, 'literal expression', literal.id ?? key, (elementId, message) =>
    problems.push({ elementId: elementId ?? key, message: `Decision '${key}': ${message}` }),
  );
  const problem = feelSyntaxProblem(expression, 'expression', knownNames);
  if (problem) problems.push({ elementId: literal.id ?? key, message: `Decision '${key}': literal expression ${problem}` });
  return problems.length > before ? null : { kind: 'literalExpression', id: literal.id ?? null, expression };
}

/** Name under which a decision's result is visible to the decisions that require it. */
function variableNameOf(decision: MElement): string {
  return (decision.variable as MElement | undefined)?.name || decision.name || decision.id!;
}

/** Names a required decision contributes to the FEEL context: id, variable name and output names. */
function namesOf(decision: MElement): string[] {
  const outputs = ((decision.decisionLogic as MElement | undefined)?.output ?? []) as MElement[];
  return [decision.id!, variableNameOf(decision), ...outputs.map((o) => o.name || o.label || o.id || '').filter(Boolean)];
}

/** Removes decisions whose required decisions are missing or broken, and reports requirement cycles. */
function dropBrokenDependants(models: Map<string, DecisionModel>, byId: Map<string, MElement>, problems: DecisionProblem[]): void {
  const state = new Map<string, 'visiting' | 'ok' | 'broken'>();
  const visit = (key: string): boolean => {
    const seen = state.get(key);
    if (seen === 'visiting') return false;
    if (seen) return seen === 'ok';
    const model = models.get(key);
    if (!model) {
      state.set(key, 'broken');
      return false;
    }
    state.set(key, 'visiting');
    let ok = true;
    for (const required of model.requires) {
      if (state.get(required) === 'visiting') {
        problems.push({ elementId: key, message: `Decision '${key}' and decision '${required}' require each other (a cycle)` });
        ok = false;
      } else if (!visit(required)) {
        if (byId.has(required)) problems.push({ elementId: key, message: `Decision '${key}' requires decision '${required}', which has problems` });
        ok = false;
      }
    }
    state.set(key, ok ? 'ok' : 'broken');
    return ok;
  };
  for (const key of [...models.keys()]) visit(key);
  for (const [key, value] of state) if (value === 'broken') models.delete(key);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const entry of Object.values(value as object)) deepFreeze(entry);
  }
  return value;
}
