import { bpmn, chain, flow, userTask } from '../testing/bpmn-fixtures';
import { EngineHarness } from '../testing/engine-harness';

function version(secondTask: string): string {
  return bpmn('letter', `<bpmn:startEvent id="start" />${userTask('draft')}${userTask(secondTask)}<bpmn:endEvent id="end" />${chain(['start', 'draft', secondTask, 'end'])}`);
}

async function rejection(h: EngineHarness, xml: string) {
  const error = await h.deploy(xml).catch((e) => e);
  expect(error).toMatchObject({ code: 'InvalidDeployment' });
  expect(h.store.data.definitions.size).toBe(0);
  expect(h.store.data.deployments.size).toBe(0);
  return error.details.problems as { elementId: string | null; message: string }[];
}

describe('Deployment', () => {
  it('given a deployed process, when a changed file is deployed, then it becomes version 2', async () => {
    const h = new EngineHarness();
    const first = await h.deploy(version('approve'));

    const second = await h.deploy(version('sign'));

    expect(first.definitions.map((d) => d.version)).toEqual([1]);
    expect(second.definitions.map((d) => [d.key, d.version])).toEqual([['letter', 2]]);
  });

  it('given a deployed process, when the same file is deployed with duplicate filtering, then no new version is created', async () => {
    const h = new EngineHarness();
    const first = await h.deploy(version('approve'));

    const again = await h.engine.deploy({ name: 'test', duplicateFiltering: true, resources: [{ name: 'process.bpmn', content: version('approve') }] });

    expect(again.definitions).toEqual([]);
    expect(again.deployment.id).toBe(first.deployment.id);
    expect(h.store.data.definitions.size).toBe(1);
  });

  it('given a newer version published under another deployment name, when the unchanged file is deployed again with duplicate filtering, then it is compared with its own deployment name and does not replace the newer version', async () => {
    const h = new EngineHarness();
    await h.engine.deploy({ name: 'processes', duplicateFiltering: true, resources: [{ name: 'process.bpmn', content: version('approve') }] });
    await h.engine.deploy({ name: 'library: letter', resources: [{ name: 'process.bpmn', content: version('sign') }] });

    const boot = await h.engine.deploy({ name: 'processes', duplicateFiltering: true, resources: [{ name: 'process.bpmn', content: version('approve') }] });

    expect(boot.definitions).toEqual([]);
    expect([...h.store.data.definitions.values()].map((d) => d.version).sort()).toEqual([1, 2]);
  });

  it('given a case running on version 1, when version 2 is deployed, then the case finishes on version 1 paths and new cases use version 2', async () => {
    const h = new EngineHarness();
    await h.deploy(version('approve'));
    const old = await h.start('letter');
    await h.deploy(version('sign'));

    await h.complete('draft', {}, old.id);
    expect(h.openTaskKeys(old.id)).toEqual(['approve']);
    await h.complete('approve', {}, old.id);

    expect(h.processState(old.id)).toBe('COMPLETED');
    expect(h.path(old.id)).toEqual(['start', 'draft', 'approve', 'end']);
    const fresh = await h.start('letter');
    await h.complete('draft', {}, fresh.id);
    expect(h.openTaskKeys(fresh.id)).toEqual(['sign']);
  });

  it('given unparseable XML, when deployed, then it is rejected with a problem and nothing is stored', async () => {
    const problems = await rejection(new EngineHarness(), '<bpmn:definitions><bpmn:process id="x"');

    expect(problems).toEqual([expect.objectContaining({ elementId: null, message: expect.stringContaining('not readable BPMN 2.0 XML') })]);
  });

  it('given an unknown element, when deployed, then it is rejected naming the element', async () => {
    const problems = await rejection(
      new EngineHarness(),
      bpmn('odd', `<bpmn:startEvent id="start" /><bpmn:teleport id="beam" />${userTask('a')}${chain(['start', 'a'])}`),
    );

    expect(problems).toEqual([expect.objectContaining({ elementId: 'beam', message: 'Unsupported or unknown element <bpmn:teleport>.' })]);
  });

  it('given a gateway without outgoing flow, when deployed, then it is rejected naming the gateway', async () => {
    const problems = await rejection(new EngineHarness(), bpmn('dead', `<bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="nowhere" />${chain(['start', 'nowhere'])}`));

    expect(problems).toEqual([expect.objectContaining({ elementId: 'nowhere', message: 'Gateway has no outgoing sequence flow.' })]);
  });

  it('given an exclusive-gateway flow without condition that is not the default, when deployed, then it is rejected naming the flow', async () => {
    const problems = await rejection(
      new EngineHarness(),
      bpmn(
        'unclear',
        `<bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="choose" />${userTask('a')}${userTask('b')}
         ${chain(['start', 'choose'])}${flow('toA', 'choose', 'a', '${x}')}${flow('toB', 'choose', 'b')}`,
      ),
    );

    expect(problems).toEqual([expect.objectContaining({ elementId: 'toB', message: expect.stringContaining('needs a condition') })]);
  });

  it('given an expression that does not parse, when deployed, then it is rejected naming the element', async () => {
    const problems = await rejection(
      new EngineHarness(),
      bpmn('broken', `<bpmn:startEvent id="start" />${userTask('a', 'camunda:assignee="${owner +}"')}${chain(['start', 'a'])}`),
    );

    expect(problems).toEqual([expect.objectContaining({ elementId: 'a', message: expect.stringContaining('does not parse') })]);
  });

  it('given two files of which one is invalid, when deployed together, then neither is stored', async () => {
    const h = new EngineHarness();

    const error = await h.engine
      .deploy({
        resources: [
          { name: 'good.bpmn', content: version('approve') },
          { name: 'bad.bpmn', content: bpmn('bad', `<bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="g" />${chain(['start', 'g'])}`) },
        ],
      })
      .catch((e) => e);

    expect(error).toMatchObject({ code: 'InvalidDeployment' });
    expect(h.store.data.definitions.size).toBe(0);
  });
});
