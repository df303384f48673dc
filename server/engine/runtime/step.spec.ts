import { bpmn, flow } from '../testing/bpmn-fixtures';
import { EngineHarness } from '../testing/engine-harness';

describe('Step: runaway loops', () => {
  it('given a loop without a wait state, when a case starts, then a clear EngineError stops it and nothing is stored', async () => {
    const h = new EngineHarness();
    await h.deploy(
      bpmn(
        'spinner',
        `<bpmn:startEvent id="start" />
         <bpmn:exclusiveGateway id="merge" />
         <bpmn:task id="spin" />
         <bpmn:exclusiveGateway id="again" default="out" />
         <bpmn:endEvent id="end" />
         ${flow('f0', 'start', 'merge')}
         ${flow('f1', 'merge', 'spin')}
         ${flow('f2', 'spin', 'again')}
         ${flow('loop', 'again', 'merge', '${true}')}
         ${flow('out', 'again', 'end')}`,
      ),
    );

    const error = await h.start('spinner').catch((e) => e);

    expect(error).toMatchObject({ name: 'EngineError', message: expect.stringContaining("'spinner' loops without reaching a wait state") });
    expect(h.store.data.instances.size).toBe(0);
    expect(h.store.data.history.size).toBe(0);
  });
});
