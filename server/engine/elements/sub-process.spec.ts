import { bpmn, chain, flow, userTask } from '../testing/bpmn-fixtures';
import { EngineHarness } from '../testing/engine-harness';

const embedded = bpmn(
  'planning',
  `<bpmn:startEvent id="start" />
   <bpmn:subProcess id="meeting">
     <bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="chair">\${lead}</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements>
     <bpmn:startEvent id="meetingStart" />
     ${userTask('holdMeeting', 'camunda:assignee="${chair}"')}
     <bpmn:endEvent id="meetingEnd" />
     ${chain(['meetingStart', 'holdMeeting', 'meetingEnd'], 'm')}
   </bpmn:subProcess>
   ${userTask('writePlan')}
   <bpmn:endEvent id="end" />
   ${chain(['start', 'meeting', 'writePlan', 'end'])}`,
);

const message = `<bpmn:message id="Msg_move" name="familyMoved" />`;

function withEventSubprocess(interrupting: boolean): string {
  return bpmn(
    'casework',
    `<bpmn:startEvent id="start" />
     ${userTask('visit')}
     <bpmn:endEvent id="end" />
     ${chain(['start', 'visit', 'end'])}
     <bpmn:subProcess id="onMove" triggeredByEvent="true">
       <bpmn:startEvent id="moved" isInterrupting="${interrupting}"><bpmn:messageEventDefinition messageRef="Msg_move" /></bpmn:startEvent>
       ${userTask('transfer')}
       <bpmn:endEvent id="transferred" />
       ${chain(['moved', 'transfer', 'transferred'], 'e')}
     </bpmn:subProcess>`,
    message,
  );
}

describe('Embedded subprocess', () => {
  it('given a subprocess with a local input variable, when it runs, then the inner task sees it and it is gone after the subprocess', async () => {
    const h = new EngineHarness();
    await h.deploy(embedded);
    const instance = await h.start('planning', { lead: 'kim' });

    expect(h.tasks(instance.id)).toEqual([expect.objectContaining({ taskDefinitionKey: 'holdMeeting', assignee: 'kim' })]);
    expect(h.instance(instance.id)!.variables.find((v) => v.name === 'chair')!.scopeId).not.toBe(instance.id);

    await h.complete('holdMeeting', { minutes: 'agreed' });

    expect(h.openTaskKeys(instance.id)).toEqual(['writePlan']);
    expect(h.instance(instance.id)!.variables.map((v) => v.name).sort()).toEqual(['lead', 'minutes']);
    expect(h.path(instance.id)).toEqual(['start', 'meetingStart', 'holdMeeting', 'meetingEnd', 'meeting']);
  });

  it('given a subprocess, when its last token ends, then the case continues after it and completes', async () => {
    const h = new EngineHarness();
    await h.deploy(embedded);
    const instance = await h.start('planning', { lead: 'kim' });

    await h.complete('holdMeeting');
    await h.complete('writePlan');

    expect(h.processState(instance.id)).toBe('COMPLETED');
  });
});

describe('Event subprocess', () => {
  it('given an interrupting message event subprocess, when the message arrives, then the running task is cancelled and the event subprocess runs', async () => {
    const h = new EngineHarness();
    await h.deploy(withEventSubprocess(true));
    const instance = await h.start('casework', {}, 'C-7');

    await h.engine.correlateMessage({ messageName: 'familyMoved', businessKey: 'C-7' });

    expect(h.openTaskKeys(instance.id)).toEqual(['transfer']);
    expect(h.store.historyOf('activity-instance').find((a) => a.activityId === 'visit')!.canceled).toBe(true);
    await h.complete('transfer');
    expect(h.processState(instance.id)).toBe('COMPLETED');
    expect(h.path(instance.id)).toEqual(['start', 'moved', 'transfer', 'transferred', 'onMove']);
  });

  it('given a non-interrupting message event subprocess, when the message arrives, then the task stays and the event subprocess runs beside it', async () => {
    const h = new EngineHarness();
    await h.deploy(withEventSubprocess(false));
    const instance = await h.start('casework', {}, 'C-7');

    await h.engine.correlateMessage({ messageName: 'familyMoved', businessKey: 'C-7' });

    expect(h.openTaskKeys(instance.id)).toEqual(['transfer', 'visit']);
    expect(h.instance(instance.id)!.subscriptions).toEqual([expect.objectContaining({ eventName: 'familyMoved' })]);
    await h.complete('transfer');
    expect(h.openTaskKeys(instance.id)).toEqual(['visit']);
    await h.complete('visit');
    expect(h.processState(instance.id)).toBe('COMPLETED');
  });
});

describe('Event subprocess inside an embedded subprocess', () => {
  it('given an interrupting event subprocess in a subprocess, when its message arrives, then only that subprocess is interrupted and the case continues after it', async () => {
    const h = new EngineHarness();
    await h.deploy(
      bpmn(
        'outer',
        `<bpmn:startEvent id="start" />
         <bpmn:subProcess id="sub">
           <bpmn:startEvent id="subStart" />${userTask('visit')}${chain(['subStart', 'visit'], 's')}
           <bpmn:subProcess id="onMoveInner" triggeredByEvent="true">
             <bpmn:startEvent id="moved"><bpmn:messageEventDefinition messageRef="Msg_move" /></bpmn:startEvent>${userTask('transfer')}<bpmn:endEvent id="transferred" />
             ${chain(['moved', 'transfer', 'transferred'], 'e')}
           </bpmn:subProcess>
         </bpmn:subProcess>
         ${userTask('after')}${chain(['start', 'sub', 'after'])}`,
        message,
      ),
    );
    const instance = await h.start('outer', {}, 'C-8');

    await h.engine.correlateMessage({ messageName: 'familyMoved', businessKey: 'C-8' });
    expect(h.openTaskKeys(instance.id)).toEqual(['transfer']);
    await h.complete('transfer');

    expect(h.openTaskKeys(instance.id)).toEqual(['after']);
  });
});
