/**
 * Lints BPMN with bpmnlint's recommended rules plus Safepath's plugin, configured by
 * `lint/.bpmnlintrc`. The plugin lives in this repository (not in node_modules), so the linter
 * gets a resolver that serves `bpmnlint-plugin-safepath` from `lint/bpmnlint-plugin-safepath/`
 * and everything else through bpmnlint's own node resolver.
 */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { Linter } = require('bpmnlint');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');
const { BpmnModdle } = require('bpmn-moddle');
const camunda = require('camunda-bpmn-moddle/resources/camunda.json');

const PLUGIN = 'bpmnlint-plugin-safepath';
const plugin = require('./bpmnlint-plugin-safepath');

/** The lint configuration every Safepath model must pass (`lint/.bpmnlintrc`). */
const config = JSON.parse(readFileSync(join(__dirname, '.bpmnlintrc'), 'utf8'));

/** A bpmnlint resolver that knows the in-repository Safepath plugin. */
class SafepathResolver {
  constructor() {
    this.node = new NodeResolver();
  }

  resolveRule(pkg, ruleName) {
    if (pkg !== PLUGIN) return this.node.resolveRule(pkg, ruleName);
    const path = plugin.rules[ruleName];
    if (!path) throw new Error(`cannot resolve rule <${ruleName}> from <${PLUGIN}>`);
    return require(join(__dirname, PLUGIN, path));
  }

  resolveConfig(pkg, configName) {
    if (pkg !== PLUGIN) return this.node.resolveConfig(pkg, configName);
    const found = plugin.configs[configName];
    if (!found) throw new Error(`cannot resolve config <${configName}> from <${PLUGIN}>`);
    return found;
  }
}

/** A linter with Safepath's configuration. */
function createLinter() {
  return new Linter({ config, resolver: new SafepathResolver() });
}

/**
 * Lints one BPMN XML document. Resolves to the reports as flat lists, each
 * `{rule, id, message, category}`; import warnings of the XML come back as errors of the
 * pseudo-rule `import` (bpmn-js would show them as import warnings).
 */
async function lintXml(xml) {
  // A fresh linter per document: some bpmnlint rules (e.g. no-duplicate-sequence-flows) keep
  // state in the rule instance, which a shared linter would carry over to the next file.
  const linter = createLinter();
  const moddle = new BpmnModdle({ camunda });
  const { rootElement, warnings } = await moddle.fromXML(xml, 'bpmn:Definitions');
  const results = await linter.lint(rootElement);
  const reports = warnings.map((w) => ({ rule: 'import', id: (w.element && w.element.id) || null, message: w.message.split('\n')[0], category: 'error' }));
  for (const rule of Object.keys(results).sort()) {
    for (const r of results[rule]) reports.push({ rule, id: r.id || null, message: r.message, category: r.category });
  }
  return {
    errors: reports.filter((r) => r.category === 'error' || r.category === 'rule-error'),
    warnings: reports.filter((r) => r.category === 'warn'),
  };
}

module.exports = { SafepathResolver, createLinter, lintXml, config };
