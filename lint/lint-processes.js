#!/usr/bin/env node
/**
 * Lints BPMN models with `lint/.bpmnlintrc` (bpmnlint recommended + Safepath's rules).
 *
 *   node lint/lint-processes.js [file.bpmn …]     (default: every processes/**\/*.bpmn)
 *
 * Prints every error and warning; exits 1 when any model has an error.
 */
const { readdirSync, readFileSync, statSync } = require('node:fs');
const { join, relative, resolve } = require('node:path');
const { lintXml } = require('./lint-bpmn');

function bpmnFiles(dir) {
  let out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(bpmnFiles(path));
    else if (/\.bpmn$/i.test(name)) out.push(path);
  }
  return out;
}

async function main(argv) {
  const root = resolve(__dirname, '..');
  const files = argv.length ? argv.map((f) => resolve(f)) : bpmnFiles(join(root, 'processes'));
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    const result = await lintXml(readFileSync(file, 'utf8'));
    const name = relative(process.cwd(), file);
    for (const r of [...result.errors, ...result.warnings]) {
      console.log(`${name}: ${r.category === 'warn' ? 'warning' : 'error'} ${r.id ?? '-'} ${r.message} (${r.rule})`);
    }
    errors += result.errors.length;
    warnings += result.warnings.length;
  }
  console.log(`${files.length} model(s): ${errors} error(s), ${warnings} warning(s)`);
  if (errors) process.exitCode = 1;
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
