import { bpmn, chain, flow, userTask } from '../testing/bpmn-fixtures';
import { EngineHarness } from '../testing/engine-harness';

describe('Engine: a case from start to end', () => {
  it('given start → user task → exclusive gateway → user task → end, when the tasks are completed, then the case ends on the chosen path', async () => {
    const h = new EngineHarness();
    await h.deploy(
      bpmn(
        'referral',
        `<bpmn:startEvent id="start" />
         ${userTask('screen', 'camunda:candidateGroups="duty-officer"')}
         <bpmn:exclusiveGateway id="risk" default="toStandard" />
         ${userTask('marac', 'camunda:candidateGroups="marac-coordinator"')}
         ${userTask('standard', 'camunda:candidateGroups="duty-officer"')}
         <bpmn:endEvent id="end" />
         ${chain(['start', 'screen', 'risk'])}
         ${flow('toMarac', 'risk', 'marac', '${riskLevel == "high"}')}
         ${flow('toStandard', 'risk', 'standard')}
         ${flow('m2', 'marac', 'end')}
         ${flow('s2', 'standard', 'end')}`,
      ),
    );
    const instance = await h.start('referral', {}, 'REF-1');
    expect(h.openTaskKeys(instance.id)).toEqual(['screen']);
    expect(h.tasks(instance.id)[0].candidateGroups).toEqual(['duty-officer']);

    await h.complete('screen', { riskLevel: 'high' });
    expect(h.openTaskKeys(instance.id)).toEqual(['marac']);

    await h.complete('marac');
    expect(h.instance(instance.id)).toBeNull();
    expect(h.processState(instance.id)).toBe('COMPLETED');
    expect(h.path(instance.id)).toEqual(['start', 'screen', 'risk', 'marac', 'end']);
  });
});
