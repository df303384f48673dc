/**
 * `npm run bench:designer`: how fast the designer opens a large diagram.
 *
 * The built designer (dist/designer/browser) is served by a real server (createTestApp); a policy
 * lead's Chromium opens /processes/<key> for a generated process of 200 elements (flow nodes:
 * user tasks with roles, deadline timers and escalations, gateways) and, as the baseline in the
 * same run, for a 3-element process (start → task → end). Each is opened 5 times in a fresh tab
 * after one warm-up (the browser cache is warm, as for a person who has used the app before).
 *
 * Measured in the page with the User Timing marks the editor sets (editor-page.ts):
 * - import: bpmn-js importXML of the diagram (`safepath:diagram-import`);
 * - open: navigation start → diagram drawn and fitted (`safepath:diagram-ready`): loading the
 *   app, the session check, the editor's lazy chunk, the process, roles and forms, and the import.
 * Target: the 200-element diagram opens in under 1.5 s (p50). A bench reports; it exits 0 unless
 * it could not run.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { findRepoRoot } from '../../server/src/config/repo-root';
import { DEMO_PASSWORD } from '../../server/src/security/demo-directory';
import { launchChromium } from '../support/chromium';
import { createTestApp, type TestApp } from '../support/test-app';
import { percentile } from './stats';

const BUILD = join(findRepoRoot(), 'dist/designer/browser');
const TENANT = 'tai-calon';
const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
const ELEMENTS = Number(process.env['BENCH_ELEMENTS'] ?? 200);
const TARGET_OPEN_MS = 1500;

/** A process of `count` flow nodes with diagram layout, rows of 10 joined snake-wise. */
export function generatedProcess(key: string, count: number): string {
  const shapes: string[] = [];
  const flows: string[] = [];
  const edges: string[] = [];
  const nodes: string[] = [];
  const perRow = 10;
  const position = (i: number) => ({ x: 100 + (i % perRow) * 180, y: 100 + Math.floor(i / perRow) * 260 });
  let flowId = 0;
  const flow = (from: string, to: string, points: { x: number; y: number }[]) => {
    const id = `flow_${++flowId}`;
    flows.push(`<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`);
    edges.push(`<bpmndi:BPMNEdge id="${id}_di" bpmnElement="${id}">${points.map((p) => `<di:waypoint x="${p.x}" y="${p.y}" />`).join('')}</bpmndi:BPMNEdge>`);
  };
  const box = (id: string, x: number, y: number, w: number, h: number) =>
    shapes.push(`<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${x}" y="${y}" width="${w}" height="${h}" /></bpmndi:BPMNShape>`);
  // The chain: start, then tasks (every 5th with a deadline timer + escalation task + end = 4 nodes), then end.
  const chain: { id: string; width: number; height: number }[] = [];
  let used = 0;
  chain.push({ id: 'start', width: 36, height: 36 });
  nodes.push('<bpmn:startEvent id="start" name="Referral received" />');
  used++;
  let task = 0;
  while (used < count - 1) {
    task++;
    const id = `task_${task}`;
    const withDeadline = task % 5 === 0 && used + 4 < count - 1;
    nodes.push(
      `<bpmn:userTask id="${id}" name="Step ${task} of the procedure" camunda:candidateGroups="tc_cho"${withDeadline ? ' camunda:dueDate="1 working day"' : ''}><bpmn:documentation>Guidance for step ${task}.</bpmn:documentation></bpmn:userTask>`,
    );
    chain.push({ id, width: 100, height: 80 });
    used++;
    if (withDeadline) {
      nodes.push(
        `<bpmn:boundaryEvent id="timer_${task}" name="Deadline passed" cancelActivity="false" attachedToRef="${id}"><bpmn:timerEventDefinition id="timer_${task}_def"><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">1 working day</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>`,
        `<bpmn:userTask id="escalate_${task}" name="Step ${task} overdue" camunda:candidateGroups="tc_housing_manager" />`,
        `<bpmn:endEvent id="escalated_${task}" name="Escalation handled" />`,
      );
      used += 3;
    }
  }
  chain.push({ id: 'end', width: 36, height: 36 });
  nodes.push('<bpmn:endEvent id="end" name="Case closed" />');
  chain.forEach((node, i) => {
    const p = position(i);
    box(node.id, p.x + (100 - node.width) / 2, p.y + (80 - node.height) / 2, node.width, node.height);
    const n = Number(node.id.split('_')[1]);
    if (node.id.startsWith('task_') && nodes.some((x) => x.includes(`id="timer_${n}"`))) {
      box(`timer_${n}`, p.x + 62, p.y + 62, 36, 36);
      box(`escalate_${n}`, p.x + 30, p.y + 130, 100, 80);
      box(`escalated_${n}`, p.x + 62 + 100, p.y + 152, 36, 36);
      flow(`timer_${n}`, `escalate_${n}`, [{ x: p.x + 80, y: p.y + 98 }, { x: p.x + 80, y: p.y + 130 }]);
      flow(`escalate_${n}`, `escalated_${n}`, [{ x: p.x + 130, y: p.y + 170 }, { x: p.x + 162, y: p.y + 170 }]);
    }
    if (i === 0) return;
    const from = position(i - 1);
    const sameRow = from.y === p.y;
    flow(
      chain[i - 1].id,
      node.id,
      sameRow
        ? [{ x: from.x + 50 + chain[i - 1].width / 2, y: p.y + 40 }, { x: p.x + 50 - node.width / 2, y: p.y + 40 }]
        : [{ x: from.x + 100, y: from.y + 40 }, { x: from.x + 140, y: from.y + 40 }, { x: from.x + 140, y: p.y - 20 }, { x: p.x - 40, y: p.y - 20 }, { x: p.x - 40, y: p.y + 40 }, { x: p.x, y: p.y + 40 }],
    );
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs_${key}" targetNamespace="https://safepath.example/bench">
  <bpmn:process id="${key}" name="${key}" isExecutable="true">
    ${nodes.join('\n    ')}
    ${flows.join('\n    ')}
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram_${key}">
    <bpmndi:BPMNPlane id="plane_${key}" bpmnElement="${key}">
      ${shapes.join('\n      ')}
      ${edges.join('\n      ')}
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

interface Opening {
  importMs: number;
  openMs: number;
  shapes: number;
}

async function open(context: BrowserContext, baseUrl: string, key: string): Promise<Opening> {
  const page = await context.newPage();
  try {
    await page.goto(`${baseUrl}/processes/${key}`);
    await page.waitForFunction(() => performance.getEntriesByName('safepath:diagram-ready').length > 0, undefined, { timeout: 60_000 });
    return await page.evaluate(() => ({
      importMs: performance.getEntriesByName('safepath:diagram-import')[0].duration,
      openMs: performance.getEntriesByName('safepath:diagram-ready')[0].startTime,
      shapes: (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document.querySelectorAll('.canvas .djs-shape').length,
    }));
  } finally {
    await page.close();
  }
}

/** The JavaScript and CSS index.html loads before any route (the initial bundle), in kB. */
function initialBundleKb(): number {
  const html = readFileSync(join(BUILD, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  return Math.round(files.reduce((sum, f) => sum + statSync(join(BUILD, f)).size, 0) / 1024);
}

async function main(): Promise<void> {
  if (!existsSync(join(BUILD, 'index.html'))) throw new Error('The designer is not built: run `npm run build:designer` first.');
  let t: TestApp | null = null;
  let browser: Browser | null = null;
  try {
    t = await createTestApp({ listen: true });
    const big = 'bench_designer_large';
    const small = 'bench_designer_baseline';
    await t.engine.deploy({
      name: 'designer-bench',
      tenantId: TENANT,
      resources: [
        { name: `${big}.bpmn`, content: generatedProcess(big, ELEMENTS) },
        { name: `${small}.bpmn`, content: generatedProcess(small, 3) },
      ],
    });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 960 } });
    const signedIn = await context.request.post(`${t.baseUrl}/api/session`, { data: { username: 'tc.policy', password: DEMO_PASSWORD } });
    if (!signedIn.ok()) throw new Error(`sign-in failed: ${signedIn.status()}`);

    await open(context, t.baseUrl!, small);
    await open(context, t.baseUrl!, big);
    const runs: Record<string, Opening[]> = { [small]: [], [big]: [] };
    for (let i = 0; i < RUNS; i++) {
      runs[small].push(await open(context, t.baseUrl!, small));
      runs[big].push(await open(context, t.baseUrl!, big));
    }
    const p50 = (key: string, field: 'importMs' | 'openMs') => percentile(runs[key].map((r) => r[field]).sort((a, b) => a - b), 50);
    const row = (label: string, key: string) =>
      `${label.padEnd(30)} ${String(runs[key][0].shapes).padStart(6)} ${p50(key, 'importMs').toFixed(0).padStart(10)} ${p50(key, 'openMs').toFixed(0).padStart(10)}`;
    const openBig = p50(big, 'openMs');
    const lines = [
      `designer: opening a diagram, p50 of ${RUNS} runs (Chromium, warm cache)`,
      `${'diagram'.padEnd(30)} ${'shapes'.padStart(6)} ${'import ms'.padStart(10)} ${'open ms'.padStart(10)}`,
      row('baseline (3 elements)', small),
      row(`large (${ELEMENTS} elements)`, big),
      `large − baseline: import +${(p50(big, 'importMs') - p50(small, 'importMs')).toFixed(0)} ms, open +${(openBig - p50(small, 'openMs')).toFixed(0)} ms`,
      `target: the ${ELEMENTS}-element diagram opens in < ${TARGET_OPEN_MS} ms: ${openBig < TARGET_OPEN_MS ? 'met' : 'NOT MET'} (${openBig.toFixed(0)} ms)`,
      `initial bundle (index.html's scripts and styles): ${initialBundleKb()} kB`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await browser?.close();
    await t?.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`designer bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
