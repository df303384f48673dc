#!/usr/bin/env node
/**
 * Regenerates the diagram (BPMNDI) of BPMN models.
 *
 *   node scripts/layout/layout-bpmn.mjs [--all] [--check] [file.bpmn …]
 *
 * Without files it takes every `processes/**\/*.bpmn`. By default only models that lack a shape
 * or edge for some flow node or flow are laid out; `--all` redoes every one. `--check` writes
 * nothing and exits 1 when a model would be laid out. A file whose XML has import warnings is
 * left alone (laying it out would drop what moddle could not read).
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createModdle, elementsWithoutDi, layoutXml } from './layout.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

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
  const all = argv.includes('--all');
  const check = argv.includes('--check');
  const unknown = argv.filter((a) => a.startsWith('--') && a !== '--all' && a !== '--check');
  if (unknown.length) throw new Error(`Unknown option ${unknown[0]} (use --all, --check).`);
  const named = argv.filter((a) => !a.startsWith('--')).map((a) => resolve(a));
  const files = named.length ? named : bpmnFiles(join(ROOT, 'processes'));
  let failed = false;
  let pending = 0;
  for (const file of files) {
    const name = relative(process.cwd(), file);
    const xml = readFileSync(file, 'utf8');
    const { rootElement, warnings } = await createModdle().fromXML(xml, 'bpmn:Definitions');
    if (warnings.length) {
      console.error(`${name}: not laid out, the XML has import warnings: ${warnings.map((w) => w.message.split('\n')[0]).join('; ')}`);
      failed = true;
      continue;
    }
    const missing = elementsWithoutDi(rootElement);
    if (!all && missing.length === 0 && (rootElement.diagrams ?? []).length) continue;
    pending++;
    if (check) {
      console.log(`${name}: needs layout (${missing.length} element(s) without a diagram)`);
      continue;
    }
    const { xml: laidOut, crowded } = await layoutXml(xml);
    if (laidOut !== xml) writeFileSync(file, laidOut);
    console.log(`${name}: laid out`);
    if (crowded.length) console.warn(`${name}: no free spot for the label of ${crowded.join(', ')}; it may overlap something`);
  }
  if (!files.length) console.log('No .bpmn files found.');
  if (failed || (check && pending)) process.exitCode = 1;
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
