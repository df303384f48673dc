import { mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { PROCESSES_DIR } from '../support/scenario';

/**
 * Every model in processes/ opens in bpmn-js, in real Chromium, as a policy lead will open it in
 * the designer, and reads cleanly: no import warnings, no overlapping shapes, no label over
 * another label or a shape, no label crossed by a sequence flow, and every process runs left to
 * right (its start events left of its end events). Screenshots of each diagram are saved under
 * artifacts/process-models/.
 */
const ARTIFACTS = join(__dirname, '../../artifacts/process-models');
const VIEWER = require.resolve('bpmn-js/dist/bpmn-navigated-viewer.production.min.js');
const ASSETS = join(VIEWER, '../assets');
/** How far (px) a label may reach into another box or over a flow before it counts. */
const LABEL_TOLERANCE = 2;

function models(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return models(path);
    return name.endsWith('.bpmn') ? [path] : [];
  });
}

/** What bpmn-js made of a diagram; every list is empty for a readable one. */
interface Opened {
  warnings: string[];
  overlaps: string[];
  labelOverlaps: string[];
  labelsAcrossFlows: string[];
  notLeftToRight: string[];
}

/**
 * Runs in the page: imports the diagram and measures it from bpmn-js' element registry, after
 * bpmn-js has laid out the label text (it keeps a label's stored x/y/width, and takes the height
 * of the wrapped text).
 */
async function openAndMeasure({ diagram, tolerance }: { diagram: string; tolerance: number }): Promise<Opened> {
  type Box = { x: number; y: number; width: number; height: number };
  type Point = { x: number; y: number };
  const w = globalThis as unknown as { viewer?: any; BpmnJS: any };
  w.viewer?.destroy();
  w.viewer = new w.BpmnJS({ container: '#canvas' });
  const { warnings } = await w.viewer.importXML(diagram);
  w.viewer.get('canvas').zoom('fit-viewport');
  const all: any[] = w.viewer.get('elementRegistry').getAll();
  const frames = new Set(['bpmn:Process', 'bpmn:Collaboration', 'bpmn:Lane', 'bpmn:Participant']);
  const isFrame = (e: any) => frames.has(e.type) || !e.parent;

  const apart = (a: Box, b: Box) => a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
  const shrunk = (b: Box): Box => ({ x: b.x + tolerance, y: b.y + tolerance, width: b.width - 2 * tolerance, height: b.height - 2 * tolerance });
  const where = (b: Box) => `(${Math.round(b.x)},${Math.round(b.y)} ${Math.round(b.width)}×${Math.round(b.height)})`;
  /** Whether segment p–q passes through the inside of box b (Liang–Barsky clipping). */
  const crosses = (p: Point, q: Point, b: Box) => {
    let t0 = 0;
    let t1 = 1;
    const dx = q.x - p.x;
    const dy = q.y - p.y;
    const sides: Array<[number, number]> = [
      [-dx, p.x - b.x],
      [dx, b.x + b.width - p.x],
      [-dy, p.y - b.y],
      [dy, b.y + b.height - p.y],
    ];
    for (const [step, room] of sides) {
      if (step === 0) {
        if (room <= 0) return false;
      } else {
        const t = room / step;
        if (step < 0) t0 = Math.max(t0, t);
        else t1 = Math.min(t1, t);
      }
    }
    return t0 < t1;
  };
  const ancestors = (e: any) => {
    const out = new Set<any>();
    for (let p = e.parent; p; p = p.parent) out.add(p);
    return out;
  };

  // Shapes that must not overlap each other: boundary events sit on their host, children in their container.
  const shapes = all.filter((e) => !e.waypoints && !e.labelTarget && e.type !== 'label' && !isFrame(e) && e.type !== 'bpmn:BoundaryEvent');
  const overlaps: string[] = [];
  for (let i = 0; i < shapes.length; i++) {
    for (let j = i + 1; j < shapes.length; j++) {
      const a = shapes[i];
      const b = shapes[j];
      if (a.parent === b || b.parent === a) continue;
      if (!apart(a, b) && a.parent === b.parent) overlaps.push(`${a.id} × ${b.id}`);
    }
  }

  // Every drawn external label (events, gateways, data, flows) against other labels and shapes.
  const labels = all.filter((e) => e.type === 'label' && !e.hidden && e.labelTarget);
  const boxes = all.filter((e) => !e.waypoints && e.type !== 'label' && !isFrame(e));
  const labelOverlaps: string[] = [];
  labels.forEach((label, i) => {
    const box = shrunk(label);
    for (const other of labels.slice(i + 1)) {
      if (!apart(box, other)) labelOverlaps.push(`label of ${label.labelTarget.id} ${where(label)} × label of ${other.labelTarget.id} ${where(other)}`);
    }
    const around = ancestors(label);
    for (const shape of boxes) {
      if (shape === label.labelTarget || around.has(shape)) continue;
      if (!apart(box, shape)) labelOverlaps.push(`label of ${label.labelTarget.id} ${where(label)} × shape ${shape.id} ${where(shape)}`);
    }
  });

  // A label must not sit across a sequence flow other than its own.
  const flows = all.filter((e) => e.waypoints && e.type === 'bpmn:SequenceFlow');
  const labelsAcrossFlows: string[] = [];
  for (const label of labels) {
    const box = shrunk(label);
    for (const flow of flows) {
      if (flow === label.labelTarget) continue;
      const points: Point[] = flow.waypoints;
      if (points.some((p, k) => k > 0 && crosses(points[k - 1], p, box))) {
        labelsAcrossFlows.push(`label of ${label.labelTarget.id} ${where(label)} across flow ${flow.id}`);
      }
    }
  }

  // Left to right: in each process (and each subprocess), every start event lies left of every end event.
  const byScope = new Map<string, { starts: any[]; ends: any[] }>();
  for (const e of all) {
    if (e.type !== 'bpmn:StartEvent' && e.type !== 'bpmn:EndEvent') continue;
    const scope = e.businessObject.$parent?.id ?? '?';
    const entry = byScope.get(scope) ?? { starts: [], ends: [] };
    (e.type === 'bpmn:StartEvent' ? entry.starts : entry.ends).push(e);
    byScope.set(scope, entry);
  }
  const notLeftToRight: string[] = [];
  for (const [scope, { starts, ends }] of byScope) {
    for (const start of starts) {
      for (const end of ends) {
        if (start.x + start.width > end.x) notLeftToRight.push(`${scope}: start ${start.id} (x ${start.x}) is not left of end ${end.id} (x ${end.x})`);
      }
    }
  }

  return { warnings: warnings.map((x: { message: string }) => x.message), overlaps, labelOverlaps, labelsAcrossFlows, notLeftToRight };
}

describe('process models in bpmn-js (Chromium)', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.setContent('<!doctype html><html><head></head><body style="margin:0"><div id="canvas" style="width:1600px;height:900px"></div></body></html>');
    for (const css of ['diagram-js.css', 'bpmn-js.css', 'bpmn-font/css/bpmn.css']) await page.addStyleTag({ path: join(ASSETS, css) });
    await page.addScriptTag({ path: VIEWER });
  });
  afterAll(() => browser?.close());

  const files = models(PROCESSES_DIR);

  it('finds the organisations\' models', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  it.each(files.map((f) => [relative(PROCESSES_DIR, f), f]))(
    '%s imports without warnings, with no overlapping shapes or labels, no label across a flow, left to right',
    async (name, file) => {
      const opened = await page.evaluate(openAndMeasure, { diagram: readFileSync(file, 'utf8'), tolerance: LABEL_TOLERANCE });
      await page.screenshot({ path: join(ARTIFACTS, `${name.replace(/[\\/]/g, '__')}.png`) });
      expect(opened).toEqual({ warnings: [], overlaps: [], labelOverlaps: [], labelsAcrossFlows: [], notLeftToRight: [] });
    },
  );
});
