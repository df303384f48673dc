import { lintXml } from '../../../lint/lint-bpmn';
import { overlapProblems, readModel } from './model-checks';

/** Safepath's bpmnlint rules report what the engine's deploy check would reject, by element. */

function model(body: string, diagram = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="https://safepath.example">
  <bpmn:process id="p" isExecutable="true">${body}</bpmn:process>${diagram}
</bpmn:definitions>`;
}

async function safepathErrors(body: string): Promise<string[]> {
  const { errors } = await lintXml(model(body));
  return errors.filter((e) => e.rule.startsWith('safepath/')).map((e) => `${e.rule} ${e.id}`);
}

const flow = (id: string, from: string, to: string, condition?: string) =>
  `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}">${
    condition === undefined ? '' : `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression"><![CDATA[${condition}]]></bpmn:conditionExpression>`
  }</bpmn:sequenceFlow>`;

describe('Safepath lint rules', () => {
  it('user-task-has-role: a user task needs a candidate group or an assignee', async () => {
    expect(
      await safepathErrors(`
        <bpmn:userTask id="nobody" name="A" />
        <bpmn:userTask id="group" name="B" camunda:candidateGroups="tc_cho" />
        <bpmn:userTask id="person" name="C" camunda:assignee="\${caseOwner}" />`),
    ).toEqual(['safepath/user-task-has-role nobody']);
  });

  it('deadline-has-escalation: a due date needs a boundary timer that leads somewhere', async () => {
    expect(
      await safepathErrors(`
        <bpmn:userTask id="no_timer" name="A" camunda:candidateGroups="g" camunda:dueDate="1 working day" />
        <bpmn:userTask id="dead_end" name="B" camunda:candidateGroups="g" camunda:dueDate="1 working day" />
        <bpmn:boundaryEvent id="bt_dead_end" attachedToRef="dead_end" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeDuration>1 working day</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
        <bpmn:userTask id="escalated" name="C" camunda:candidateGroups="g" camunda:dueDate="1 working day" />
        <bpmn:boundaryEvent id="bt_escalated" attachedToRef="escalated" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeDuration>1 working day</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
        <bpmn:userTask id="supervisor" name="D" camunda:candidateGroups="lead" />
        ${flow('f1', 'bt_escalated', 'supervisor')}`),
    ).toEqual(['safepath/deadline-has-escalation no_timer', 'safepath/deadline-has-escalation dead_end', 'safepath/deadline-has-escalation bt_dead_end']);
  });

  it('no-script-task: script tasks are rejected', async () => {
    expect(await safepathErrors('<bpmn:scriptTask id="script" name="A" scriptFormat="javascript"><bpmn:script>1</bpmn:script></bpmn:scriptTask>')).toEqual([
      'safepath/no-script-task script',
    ]);
  });

  it('conditions-parse: FEEL with = or one ${…}, closed strings, balanced brackets', async () => {
    const conditions = ['=riskLevel = "high"', '${score >= 14}', "${x == 'a}'}", '=(a', '${a', 'a == b', '=', '${a} ${b}', '=contains(name, "(")'];
    const body = conditions.map((c, i) => `<bpmn:task id="t${i}" name="T" />${flow(`f${i}`, `t${i}`, `t${i}`, c)}`).join('');
    const { errors } = await lintXml(model(body));
    expect(errors.filter((e) => e.rule === 'safepath/conditions-parse').map((e) => e.id)).toEqual(['f3', 'f4', 'f5', 'f6', 'f7']);
  });

  it('exclusive-gateway-complete: every non-default flow of a split has a condition', async () => {
    expect(
      await safepathErrors(`
        <bpmn:exclusiveGateway id="g" name="G" default="f_default" />
        <bpmn:task id="a" name="A" /><bpmn:task id="b" name="B" /><bpmn:task id="c" name="C" />
        ${flow('f_cond', 'g', 'a', '=x')}${flow('f_default', 'g', 'b')}${flow('f_bare', 'g', 'c')}`),
    ).toEqual(['safepath/exclusive-gateway-complete f_bare']);
  });

  it('the overlap check finds two tasks drawn over each other', async () => {
    const shape = (id: string, x: number) => `<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${x}" y="0" width="100" height="80" /></bpmndi:BPMNShape>`;
    const xml = model(
      '<bpmn:task id="a" name="A" /><bpmn:task id="b" name="B" />',
      `<bpmndi:BPMNDiagram id="dg"><bpmndi:BPMNPlane id="pl" bpmnElement="p">${shape('a', 0)}${shape('b', 50)}</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>`,
    );
    const { definitions } = await readModel(xml);
    expect(overlapProblems(definitions)).toEqual(['a and b overlap']);
  });
});
