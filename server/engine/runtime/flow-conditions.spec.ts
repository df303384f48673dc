import { bpmn, chain, flow, userTask } from '../testing/bpmn-fixtures';
import { EngineHarness } from '../testing/engine-harness';

function grant(condition: string): string {
  return bpmn(
    'grant',
    `<bpmn:startEvent id="start" />
     <bpmn:exclusiveGateway id="size" default="small" />
     ${userTask('panel')}
     ${userTask('officer')}
     ${chain(['start', 'size'])}
     ${flow('large', 'size', 'panel', condition)}
     ${flow('small', 'size', 'officer')}`,
  );
}

describe('Conditions on sequence flows', () => {
  it.each([
    ['FEEL', '=amount > 100'],
    ['${…}', '${amount > 100}'],
  ])('given a %s condition, when it holds, then its flow is taken; when it does not, the default', async (_language, condition) => {
    const h = new EngineHarness();
    await h.deploy(grant(condition));

    const big = await h.start('grant', { amount: 250 });
    const small = await h.start('grant', { amount: 40 });

    expect(h.openTaskKeys(big.id)).toEqual(['panel']);
    expect(h.openTaskKeys(small.id)).toEqual(['officer']);
  });

  it('given conditions on the outgoing flows of a task, when the task completes, then every flow whose condition holds is taken', async () => {
    const h = new EngineHarness();
    await h.deploy(
      bpmn(
        'notify',
        `<bpmn:startEvent id="start" />
         ${userTask('assess')}
         ${userTask('informSchool')}
         ${userTask('informGp')}
         ${chain(['start', 'assess'])}
         ${flow('toSchool', 'assess', 'informSchool', '=school')}
         ${flow('toGp', 'assess', 'informGp', '${gp}')}`,
      ),
    );
    const instance = await h.start('notify');

    await h.complete('assess', { school: true, gp: true });

    expect(h.openTaskKeys(instance.id)).toEqual(['informGp', 'informSchool']);
  });
});
