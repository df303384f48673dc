import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';
import camundaDescriptor from 'camunda-bpmn-moddle/resources/camunda.json';
import { EngineError, parseBpmn } from '../../../server/engine';
import { readProcessDirectory } from '../../../server/src/engine-host/process-directory';
import { lintXml } from '../../../lint/lint-bpmn';
import { createTestApp, type TestApp } from '../../support/test-app';
import { bpmnFilesUnder, diagramCoverageProblems, formRefProblems, overlapProblems, readModel, signpostingProblems } from './model-checks';

/**
 * Every model in `processes/` must open cleanly in bpmn-js with a readable layout, pass
 * bpmnlint's recommended rules and Safepath's own, find its forms and signposting, and deploy.
 * The fixtures (laid out by `scripts/layout/` in a scratch copy) prove the tools while the
 * process folder is still being written.
 */

const ROOT = join(__dirname, '..', '..', '..');
const PROCESSES = join(ROOT, 'processes');
const LAYOUT = join(ROOT, 'scripts', 'layout', 'layout-bpmn.mjs');
const FIXTURES = join(__dirname, 'fixtures');

function layout(...args: string[]): string {
  return execFileSync(process.execPath, [LAYOUT, ...args], { cwd: ROOT, encoding: 'utf8' });
}

/** The semantic part only: the definitions re-serialised without their diagrams. */
async function semanticXml(xml: string): Promise<string> {
  const moddle = new BpmnModdle({ camunda: camundaDescriptor });
  const { rootElement } = await moddle.fromXML(xml, 'bpmn:Definitions');
  rootElement.diagrams = [];
  return (await moddle.toXML(rootElement, { format: true })).xml;
}

/** Runs checks (a)–(e) on one model file; `sharedDir` is the `_shared/` folder beside its organisation. */
function describeModelChecks(label: string, fileOf: () => string, sharedDirOf: () => string): void {
  describe(label, () => {
    it('has a shape or edge for every element, with label bounds, and imports without warnings', async () => {
      const { definitions, warnings } = await readModel(readFileSync(fileOf(), 'utf8'));
      expect(warnings).toEqual([]);
      expect(diagramCoverageProblems(definitions)).toEqual([]);
    });

    it('has no overlapping shapes and no label over a shape or another label', async () => {
      const { definitions } = await readModel(readFileSync(fileOf(), 'utf8'));
      expect(overlapProblems(definitions)).toEqual([]);
    });

    it('passes bpmnlint recommended and the Safepath rules', async () => {
      const { errors } = await lintXml(readFileSync(fileOf(), 'utf8'));
      expect(errors.map((e) => `${e.id}: ${e.message} (${e.rule})`)).toEqual([]);
    });

    it('finds every form and every signposting key it names', async () => {
      const { definitions } = await readModel(readFileSync(fileOf(), 'utf8'));
      expect(formRefProblems(definitions, fileOf(), sharedDirOf())).toEqual([]);
      expect(signpostingProblems(definitions, fileOf(), sharedDirOf())).toEqual([]);
    });
  });
}

describe('the layout tool on the fixtures', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'safepath-layout-'));
  const fixtureFiles = bpmnFilesUnder(FIXTURES).map((f) => relative(FIXTURES, f));

  beforeAll(() => {
    cpSync(FIXTURES, scratch, { recursive: true });
    layout(...fixtureFiles.map((f) => join(scratch, f)));
  });

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('has fixtures with lanes, a gateway loop, boundary timers, subprocesses and a pool', () => {
    expect(fixtureFiles).toEqual([join('lanes-loop-boundary', 'fixture_referral.bpmn'), join('pool-fork', 'fixture_pool_fork.bpmn')]);
  });

  for (const file of fixtureFiles) {
    describeModelChecks(`fixture ${file}`, () => join(scratch, file), () => join(scratch, '_shared'));

    describe(`fixture ${file}`, () => {
      it('keeps the semantic part as it was', async () => {
        const original = readFileSync(join(FIXTURES, file), 'utf8');
        const laidOut = readFileSync(join(scratch, file), 'utf8');
        expect(await semanticXml(laidOut)).toBe(await semanticXml(original));
      });

      it('lays out the same model the same way every time', () => {
        const first = readFileSync(join(scratch, file), 'utf8');
        const again = join(scratch, `again-${basename(file)}`);
        writeFileSync(again, readFileSync(join(FIXTURES, file), 'utf8'));
        layout(again);
        expect(readFileSync(again, 'utf8')).toBe(first);
        layout('--all', again);
        expect(readFileSync(again, 'utf8')).toBe(first);
        rmSync(again);
      });

      it('still parses in the engine without problems', async () => {
        const { problems } = await parseBpmn(readFileSync(join(scratch, file), 'utf8'), basename(file));
        expect(problems).toEqual([]);
      });
    });
  }

  it('leaves a model that already has a diagram alone unless asked with --all', () => {
    const file = join(scratch, fixtureFiles[0]);
    const before = readFileSync(file, 'utf8');
    expect(layout('--check', file)).toBe('');
    expect(layout(file)).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(layout('--all', file)).toContain('laid out');
  });

  it('puts every node of a lane inside its lane band, columns left to right', async () => {
    const { definitions } = await readModel(readFileSync(join(scratch, fixtureFiles[0]), 'utf8'));
    const shapes = new Map<string, { x: number; y: number; width: number; height: number }>();
    for (const di of definitions.diagrams[0].plane.planeElement) if (di.bounds) shapes.set(di.bpmnElement.id, di.bounds);
    const lanes = definitions.rootElements[0].laneSets[0].lanes;
    for (const lane of lanes) {
      const band = shapes.get(lane.id)!;
      for (const node of lane.flowNodeRef.filter((n: { $type: string }) => n.$type !== 'bpmn:BoundaryEvent')) {
        const s = shapes.get(node.id)!;
        expect([node.id, s.y >= band.y && s.y + s.height <= band.y + band.height]).toEqual([node.id, true]);
      }
    }
    expect(shapes.get('start_referral')!.x).toBeLessThan(shapes.get('t_triage')!.x);
    expect(shapes.get('t_triage')!.x).toBeLessThan(shapes.get('g_risk')!.x);
    expect(shapes.get('g_plan_agreed')!.x).toBeLessThan(shapes.get('end_plan_agreed')!.x);
  });
});

describe('the models in processes/', () => {
  const files = bpmnFilesUnder(PROCESSES);

  it('are all under an organisation folder', () => {
    expect(files.filter((f) => dirname(f) === PROCESSES)).toEqual([]);
  });

  for (const file of files) {
    describeModelChecks(relative(PROCESSES, file), () => file, () => join(PROCESSES, '_shared'));
  }
});

/** Deploys, and on rejection fails with every problem the deploy check found (not just the first). */
async function deploy(app: TestApp, tenantId: string, resources: { name: string; content: string }[]) {
  try {
    return await app.engine.deploy({ tenantId, name: tenantId, resources });
  } catch (error) {
    const problems = error instanceof EngineError ? (error.details.problems ?? []) : [];
    if (!problems.length) throw error;
    throw new Error(`${tenantId} was rejected:\n${problems.map((p) => `  ${p.resource ?? ''} ${p.elementId ?? '-'}: ${p.message}`).join('\n')}`);
  }
}

describe('deploying the process folders', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  it('deploys the fixture folders as organisations', async () => {
    const organisations = readProcessDirectory(FIXTURES);
    expect(organisations.map((o) => o.tenantId)).toEqual(['lanes-loop-boundary', 'pool-fork']);
    for (const { tenantId, resources } of organisations) {
      const result = await deploy(app, tenantId, resources);
      expect(result.definitions.map((d) => d.key).sort()).toEqual(resources.filter((r) => r.name.endsWith('.bpmn')).map((r) => basename(r.name, '.bpmn')).sort());
    }
  });

  for (const { tenantId, resources } of readProcessDirectory(PROCESSES)) {
    it(`deploys ${tenantId} with no problems`, async () => {
      const result = await deploy(app, tenantId, resources);
      expect(result.definitions.length).toBeGreaterThan(0);
    });
  }
});
