import { parseBpmn } from './bpmn-parser';
import { bpmn, chain, flow, userTask } from '../testing/bpmn-fixtures';

describe('BPMN parser', () => {
  it('given a valid file, when parsed, then it yields the process model with flows linked', async () => {
    const parsed = await parseBpmn(bpmn('simple', `<bpmn:startEvent id="start" />${userTask('a')}<bpmn:endEvent id="end" />${chain(['start', 'a', 'end'])}`));

    expect(parsed.problems).toEqual([]);
    const [model] = parsed.processes;
    expect(model.id).toBe('simple');
    expect(model.nodes.get('a')).toMatchObject({ kind: 'userTask', incoming: ['f1'], outgoing: ['f2'] });
    expect(model.scopes.get('simple')!.noneStartIds).toEqual(['start']);
  });

  it('given an unknown element on a later line, when parsed, then the problem names that element', async () => {
    const parsed = await parseBpmn(bpmn('odd', `<bpmn:startEvent id="start" />\n${userTask('a')}\n<bpmn:teleport id="beam" />\n${chain(['start', 'a'])}`));

    expect(parsed.processes).toEqual([]);
    expect(parsed.problems).toEqual([expect.objectContaining({ elementId: 'beam', message: 'Unsupported or unknown element <bpmn:teleport>.' })]);
  });

  it('given a rejected element with flows, when parsed, then only the rejection is reported, not its flows', async () => {
    const parsed = await parseBpmn(
      bpmn('s', `<bpmn:startEvent id="start" /><bpmn:scriptTask id="calc" />${userTask('a')}${chain(['start', 'calc', 'a'])}`),
    );

    expect(parsed.problems).toEqual([expect.objectContaining({ elementId: 'calc', message: expect.stringContaining('Script tasks are not executed') })]);
  });

  it('given an error with camunda:errorMessage, when parsed, then the error end event carries that message', async () => {
    const parsed = await parseBpmn(
      bpmn(
        'err',
        `<bpmn:startEvent id="start" /><bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="E" /></bpmn:endEvent>${chain(['start', 'fail'])}`,
        `<bpmn:error id="E" name="Rejected" errorCode="REJ" camunda:errorMessage="Referral rejected" />`,
      ),
    );

    expect(parsed.processes[0].nodes.get('fail')!.event).toMatchObject({ kind: 'error', errorCode: 'REJ', errorMessage: 'Referral rejected' });
  });

  it('given execution listeners, when parsed, then they are rejected', async () => {
    const parsed = await parseBpmn(
      bpmn(
        'l',
        `<bpmn:startEvent id="start" />${userTask('a', '', '<bpmn:extensionElements><camunda:executionListener class="x.Y" event="start" /></bpmn:extensionElements>')}${chain(['start', 'a'])}`,
      ),
    );

    expect(parsed.problems).toEqual([expect.objectContaining({ elementId: 'a', message: expect.stringContaining('listeners are not executed') })]);
  });

  it('given several problems, when parsed, then every one is listed', async () => {
    const parsed = await parseBpmn(
      bpmn(
        'many',
        `<bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="g" /><bpmn:parallelGateway id="dead" />${userTask('a', 'camunda:assignee="${(}"')}${userTask('b')}
         ${chain(['start', 'g'])}${flow('toA', 'g', 'a', '${ok}')}${flow('toB', 'g', 'b')}${flow('x', 'a', 'dead')}`,
      ),
    );

    expect(parsed.problems.map((p) => p.elementId).sort()).toEqual(['a', 'dead', 'toB']);
  });

  it('given no executable process, when parsed, then it says so', async () => {
    const parsed = await parseBpmn(bpmn('x', '<bpmn:startEvent id="start" />').replace('isExecutable="true"', 'isExecutable="false"'));

    expect(parsed.problems).toEqual([expect.objectContaining({ message: expect.stringContaining('no executable process') })]);
  });
});
