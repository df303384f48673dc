import { bpmn, chain, flow, userTask } from '../testing/bpmn-fixtures';
import { EngineHarness } from '../testing/engine-harness';

const errors = `<bpmn:error id="Err_unsafe" name="Unsafe" errorCode="UNSAFE" camunda:errorMessage="Child is unsafe" />
<bpmn:error id="Err_other" name="Other" errorCode="OTHER" />`;

/** A subprocess whose inner exclusive gateway ends in an error end event when `unsafe`. */
function subprocessThatFails(catcher: string, extraFlows: string): string {
  return bpmn(
    'visitCase',
    `<bpmn:startEvent id="start" />
     <bpmn:subProcess id="homeVisit">
       <bpmn:startEvent id="subStart" />
       ${userTask('visit')}
       <bpmn:exclusiveGateway id="safe" default="ok" />
       <bpmn:endEvent id="subEnd" />
       <bpmn:endEvent id="raiseUnsafe"><bpmn:errorEventDefinition errorRef="Err_unsafe" /></bpmn:endEvent>
       ${chain(['subStart', 'visit', 'safe'], 's')}
       ${flow('ok', 'safe', 'subEnd')}
       ${flow('notOk', 'safe', 'raiseUnsafe', '${unsafe}')}
     </bpmn:subProcess>
     ${userTask('closeCase')}
     <bpmn:endEvent id="end" />
     ${catcher}
     ${chain(['start', 'homeVisit', 'closeCase', 'end'])}
     ${extraFlows}`,
    errors,
  );
}

describe('Error events', () => {
  it('given an error boundary event on a subprocess, when an error end event inside throws its code, then the subprocess is left by the boundary path', async () => {
    const h = new EngineHarness();
    await h.deploy(
      subprocessThatFails(
        `<bpmn:boundaryEvent id="onUnsafe" attachedToRef="homeVisit"><bpmn:errorEventDefinition errorRef="Err_unsafe" camunda:errorCodeVariable="code" camunda:errorMessageVariable="why" /></bpmn:boundaryEvent>
         ${userTask('emergency')}
         <bpmn:endEvent id="endEmergency" />`,
        `${flow('e1', 'onUnsafe', 'emergency')}${flow('e2', 'emergency', 'endEmergency')}`,
      ),
    );
    const instance = await h.start('visitCase');

    await h.complete('visit', { unsafe: true });

    expect(h.openTaskKeys(instance.id)).toEqual(['emergency']);
    expect(h.variable(instance.id, 'code')).toBe('UNSAFE');
    expect(h.variable(instance.id, 'why')).toBe('Child is unsafe');
    expect(h.path(instance.id)).toEqual(['start', 'subStart', 'visit', 'safe', 'raiseUnsafe', 'onUnsafe']);
    expect(h.path(instance.id)).not.toContain('homeVisit');
  });

  it('given a boundary event for another error code, when the error is thrown, then it does not catch it and the error ends like a none end', async () => {
    const h = new EngineHarness();
    await h.deploy(
      subprocessThatFails(
        `<bpmn:boundaryEvent id="onOther" attachedToRef="homeVisit"><bpmn:errorEventDefinition errorRef="Err_other" /></bpmn:boundaryEvent>
         ${userTask('emergency')}`,
        flow('e1', 'onOther', 'emergency'),
      ),
    );
    const instance = await h.start('visitCase');

    await h.complete('visit', { unsafe: true });

    expect(h.openTaskKeys(instance.id)).toEqual(['closeCase']);
  });

  it('given an error event subprocess in the process, when an error end event in a subprocess throws, then the event subprocess runs and sets errorCodeVariable', async () => {
    const h = new EngineHarness();
    await h.deploy(
      subprocessThatFails(
        `<bpmn:subProcess id="handleError" triggeredByEvent="true">
           <bpmn:startEvent id="errorStart"><bpmn:errorEventDefinition errorRef="Err_unsafe" camunda:errorCodeVariable="caughtCode" /></bpmn:startEvent>
           ${userTask('safeguard')}
           <bpmn:endEvent id="errorEnd" />
           ${chain(['errorStart', 'safeguard', 'errorEnd'], 'x')}
         </bpmn:subProcess>`,
        '',
      ),
    );
    const instance = await h.start('visitCase');

    await h.complete('visit', { unsafe: true });

    expect(h.openTaskKeys(instance.id)).toEqual(['safeguard']);
    expect(h.variable(instance.id, 'caughtCode')).toBe('UNSAFE');
    await h.complete('safeguard');
    expect(h.processState(instance.id)).toBe('COMPLETED');
    expect(h.path(instance.id)).not.toContain('closeCase');
  });

  it('given no error, when the subprocess ends normally, then the boundary event does not fire', async () => {
    const h = new EngineHarness();
    await h.deploy(
      subprocessThatFails(
        `<bpmn:boundaryEvent id="onUnsafe" attachedToRef="homeVisit"><bpmn:errorEventDefinition errorRef="Err_unsafe" /></bpmn:boundaryEvent>
         ${userTask('emergency')}`,
        flow('e1', 'onUnsafe', 'emergency'),
      ),
    );
    const instance = await h.start('visitCase');

    await h.complete('visit', { unsafe: false });

    expect(h.openTaskKeys(instance.id)).toEqual(['closeCase']);
    expect(h.path(instance.id)).toEqual(['start', 'subStart', 'visit', 'safe', 'subEnd', 'homeVisit']);
  });
});

describe('Error thrown inside a multi-instance subprocess', () => {
  it('given an error boundary on a multi-instance subprocess, when one inner instance throws, then every instance is cancelled and the boundary path is taken', async () => {
    const h = new EngineHarness();
    await h.deploy(
      bpmn(
        'perVisit',
        `<bpmn:startEvent id="start" />
         <bpmn:subProcess id="visits"><bpmn:multiInstanceLoopCharacteristics camunda:collection="homes" camunda:elementVariable="home" />
           <bpmn:startEvent id="visitStart" />${userTask('visitHome')}<bpmn:endEvent id="unsafe"><bpmn:errorEventDefinition errorRef="Err_unsafe" /></bpmn:endEvent>
           ${chain(['visitStart', 'visitHome', 'unsafe'], 's')}
         </bpmn:subProcess>
         <bpmn:boundaryEvent id="onUnsafe" attachedToRef="visits"><bpmn:errorEventDefinition errorRef="Err_unsafe" /></bpmn:boundaryEvent>
         ${userTask('after')}${userTask('protect')}
         ${chain(['start', 'visits', 'after'])}${flow('b', 'onUnsafe', 'protect')}`,
        errors,
      ),
    );
    const instance = await h.start('perVisit', { homes: ['a', 'b'] });
    expect(h.openTaskKeys(instance.id)).toEqual(['visitHome', 'visitHome']);

    await h.complete('visitHome');

    expect(h.openTaskKeys(instance.id)).toEqual(['protect']);
    expect(h.instance(instance.id)!.executions).toHaveLength(2);
  });
});
