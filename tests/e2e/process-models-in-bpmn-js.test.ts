import { mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { PROCESSES_DIR } from '../support/scenario';

/**
 * Every model in processes/ opens in bpmn-js, in real Chromium, with no import warnings and no
 * overlapping shapes, as a policy lead will open it in the designer. Screenshots of each diagram
 * are saved under artifacts/process-models/.
 */
const ARTIFACTS = join(__dirname, '../../artifacts/process-models');
const VIEWER = require.resolve('bpmn-js/dist/bpmn-navigated-viewer.production.min.js');
const ASSETS = join(VIEWER, '../assets');

function models(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return models(path);
    return name.endsWith('.bpmn') ? [path] : [];
  });
}

interface Opened {
  warnings: string[];
  overlaps: string[];
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

  it.each(files.map((f) => [relative(PROCESSES_DIR, f), f]))('%s imports without warnings and without overlapping shapes', async (name, file) => {
    const xml = readFileSync(file, 'utf8');
    const opened: Opened = await page.evaluate(async (diagram) => {
      const w = globalThis as unknown as { viewer?: any; BpmnJS: any };
      w.viewer?.destroy();
      w.viewer = new w.BpmnJS({ container: '#canvas' });
      const { warnings } = await w.viewer.importXML(diagram);
      w.viewer.get('canvas').zoom('fit-viewport');
      const shapes = w.viewer
        .get('elementRegistry')
        .filter((e: any) => !e.waypoints && !e.labelTarget && e.type !== 'bpmn:Process' && e.type !== 'bpmn:Collaboration' && e.type !== 'label' && e.type !== 'bpmn:Lane' && e.type !== 'bpmn:Participant' && e.type !== 'bpmn:BoundaryEvent');
      const overlaps: string[] = [];
      for (let i = 0; i < shapes.length; i++) {
        for (let j = i + 1; j < shapes.length; j++) {
          const a = shapes[i];
          const b = shapes[j];
          if (a.parent === b || b.parent === a) continue;
          const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
          if (!apart && a.parent === b.parent) overlaps.push(`${a.id} × ${b.id}`);
        }
      }
      return { warnings: warnings.map((x: { message: string }) => x.message), overlaps };
    }, xml);
    await page.screenshot({ path: join(ARTIFACTS, `${name.replace(/[\\/]/g, '__')}.png`) });
    expect(opened.warnings).toEqual([]);
    expect(opened.overlaps).toEqual([]);
  });
});
