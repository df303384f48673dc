import { bpmn, chain, flow, userTask } from '../testing/bpmn-fixtures';
import { EngineHarness } from '../testing/engine-harness';

/** start → screen → decide (exclusive) → high | medium | low(default) → end */
function triage(defaultFlow: boolean): string {
  return bpmn(
    'triage',
    `<bpmn:startEvent id="start" />
     ${userTask('screen')}
     <bpmn:exclusiveGateway id="decide" ${defaultFlow ? 'default="toLow"' : ''} />
     ${userTask('high')}
     ${userTask('medium')}
     ${userTask('low')}
     <bpmn:endEvent id="end" />
     ${chain(['start', 'screen', 'decide'])}
     ${flow('toHigh', 'decide', 'high', '${score > 10}')}
     ${flow('toMedium', 'decide', 'medium', '${score > 5}')}
     ${defaultFlow ? flow('toLow', 'decide', 'low') : flow('toLow', 'decide', 'low', '${score < 0}')}
     ${flow('h', 'high', 'end')}
     ${flow('m', 'medium', 'end')}
     ${flow('l', 'low', 'end')}`,
  );
}

describe('Exclusive gateway', () => {
  it('given two conditions that both hold, when the token arrives, then only the first matching flow is taken', async () => {
    const h = new EngineHarness();
    await h.deploy(triage(true));
    const instance = await h.start('triage');

    await h.complete('screen', { score: 20 });

    expect(h.openTaskKeys(instance.id)).toEqual(['high']);
  });

  it('given no condition holds, when the token arrives, then the default flow is taken', async () => {
    const h = new EngineHarness();
    await h.deploy(triage(true));
    const instance = await h.start('triage');

    await h.complete('screen', { score: 1 });

    expect(h.openTaskKeys(instance.id)).toEqual(['low']);
    await h.complete('low');
    expect(h.path(instance.id)).toEqual(['start', 'screen', 'decide', 'low', 'end']);
  });

  it('given no condition holds and no default, when the token arrives, then a noMatchingFlow incident is recorded and the token waits at the gateway', async () => {
    const h = new EngineHarness();
    await h.deploy(triage(false));
    const instance = await h.start('triage');

    await h.complete('screen', { score: 1 });

    const state = h.instance(instance.id)!;
    expect(state.state).toBe('ACTIVE');
    expect(h.openTaskKeys(instance.id)).toEqual([]);
    expect(state.incidents).toEqual([expect.objectContaining({ type: 'noMatchingFlow', activityId: 'decide' })]);
    expect(state.executions.filter((e) => e.activityId === 'decide')).toHaveLength(1);
    expect(h.store.historyOf('incident')).toEqual([expect.objectContaining({ incidentType: 'noMatchingFlow', activityId: 'decide', open: true })]);
    expect(h.variable(instance.id, 'score')).toBe(1);
  });
});
