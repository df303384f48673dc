import { bpmn, chain, flow, userTask } from '../testing/bpmn-fixtures';
import { EngineHarness } from '../testing/engine-harness';

const child = bpmn(
  'assessChild',
  `<bpmn:startEvent id="start" />
   ${userTask('assess', 'camunda:assignee="${worker}"')}
   <bpmn:exclusiveGateway id="ok" default="fine" />
   <bpmn:endEvent id="end" />
   <bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="Err_risk" /></bpmn:endEvent>
   ${chain(['start', 'assess', 'ok'])}
   ${flow('fine', 'ok', 'end')}
   ${flow('risky', 'ok', 'fail', '${risk == "high"}')}`,
  `<bpmn:error id="Err_risk" name="High risk" errorCode="HIGH_RISK" />`,
);

function parent(mappings: string): string {
  return bpmn(
    'family',
    `<bpmn:startEvent id="start" />
     <bpmn:callActivity id="callAssess" calledElement="assessChild">
       <bpmn:extensionElements>${mappings}</bpmn:extensionElements>
     </bpmn:callActivity>
     ${userTask('decide')}
     <bpmn:boundaryEvent id="onRisk" attachedToRef="callAssess"><bpmn:errorEventDefinition errorRef="Err_risk" /></bpmn:boundaryEvent>
     ${userTask('protect')}
     ${chain(['start', 'callAssess', 'decide'])}
     ${flow('b1', 'onRisk', 'protect')}`,
    `<bpmn:error id="Err_risk" name="High risk" errorCode="HIGH_RISK" />`,
  );
}

const standardMappings = `<camunda:in source="caseWorker" target="worker" />
  <camunda:in businessKey="\${familyRef}" />
  <camunda:out source="risk" target="childRisk" />`;

async function running(mappings = standardMappings) {
  const h = new EngineHarness();
  await h.deploy(child, 'child.bpmn');
  await h.deploy(parent(mappings), 'parent.bpmn');
  const instance = await h.start('family', { caseWorker: 'sam', familyName: 'Lee', familyRef: 'FAM-1' }, 'FAM-1');
  const called = [...h.store.data.instances.values()].find((i) => i.superInstanceId === instance.id)!;
  return { h, instance, called };
}

describe('Call activity', () => {
  it('given camunda:in mappings, when the call activity starts, then the child case gets the mapped variables and business key', async () => {
    const { h, called } = await running();

    expect(called.definitionKey).toBe('assessChild');
    expect(called.businessKey).toBe('FAM-1');
    expect(h.tasks(called.id)).toEqual([expect.objectContaining({ taskDefinitionKey: 'assess', assignee: 'sam' })]);
    expect(called.variables.map((v) => v.name)).toEqual(['worker']);
  });

  it('given variables="all", when the call activity starts, then the child case gets every variable', async () => {
    const { called } = await running('<camunda:in variables="all" /><camunda:in source="caseWorker" target="worker" />');

    expect(called.variables.map((v) => v.name).sort()).toEqual(['caseWorker', 'familyName', 'familyRef', 'worker']);
  });

  it('given the child completes, when it ends, then the camunda:out mappings are applied and the parent continues', async () => {
    const { h, instance, called } = await running();

    await h.complete('assess', { risk: 'low' }, called.id);

    expect(h.processState(called.id)).toBe('COMPLETED');
    expect(h.variable(instance.id, 'childRisk')).toBe('low');
    expect(h.openTaskKeys(instance.id)).toEqual(['decide']);
  });

  it('given the child throws a BPMN error it does not catch, when it ends, then the boundary error event on the call activity catches it', async () => {
    const { h, instance, called } = await running();

    await h.complete('assess', { risk: 'high' }, called.id);

    expect(h.instance(called.id)).toBeNull();
    expect(h.openTaskKeys(instance.id)).toEqual(['protect']);
  });

  it('given a running child, when the parent case is deleted, then the child case is deleted too', async () => {
    const { h, instance, called } = await running();

    await h.engine.deleteProcessInstance(instance.id, 'opened in error');

    expect(h.instance(instance.id)).toBeNull();
    expect(h.instance(called.id)).toBeNull();
    expect(h.processState(instance.id)).toBe('EXTERNALLY_TERMINATED');
    expect(h.processState(called.id)).toBe('EXTERNALLY_TERMINATED');
    expect(h.openTaskKeys()).toEqual([]);
  });
});
