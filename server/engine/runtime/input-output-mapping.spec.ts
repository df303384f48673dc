import { bpmn, chain, userTask } from '../testing/bpmn-fixtures';
import { EngineHarness } from '../testing/engine-harness';

const mapped = bpmn(
  'mapping',
  `<bpmn:startEvent id="start" />
   ${userTask(
     'review',
     'camunda:assignee="${reviewer}"',
     `<bpmn:extensionElements><camunda:inputOutput>
        <camunda:inputParameter name="reviewer">\${lead}</camunda:inputParameter>
        <camunda:inputParameter name="fixed">constant</camunda:inputParameter>
        <camunda:inputParameter name="people"><camunda:list><camunda:value>\${lead}</camunda:value><camunda:value>amy</camunda:value></camunda:list></camunda:inputParameter>
        <camunda:inputParameter name="summary"><camunda:map><camunda:entry key="family">\${family}</camunda:entry><camunda:entry key="count">\${count + 1}</camunda:entry></camunda:map></camunda:inputParameter>
        <camunda:outputParameter name="decision">\${verdict == 'yes' ? 'approved' : 'refused'}</camunda:outputParameter>
        <camunda:outputParameter name="reviewedBy">\${reviewer}</camunda:outputParameter>
      </camunda:inputOutput></bpmn:extensionElements>`,
   )}
   ${userTask('next')}
   ${chain(['start', 'review', 'next'])}`,
);

describe('Input/output mappings', () => {
  it('given input parameters with an expression, a literal, a list and a map, when the activity starts, then they are local variables of the activity', async () => {
    const h = new EngineHarness();
    await h.deploy(mapped);

    const instance = await h.start('mapping', { lead: 'kim', family: 'Lee', count: 2 });

    const task = h.tasks(instance.id)[0];
    expect(task.assignee).toBe('kim');
    const local = Object.fromEntries(h.instance(instance.id)!.variables.filter((v) => v.scopeId === task.executionId).map((v) => [v.name, v.value]));
    expect(local).toEqual({ reviewer: 'kim', fixed: 'constant', people: ['kim', 'amy'], summary: { family: 'Lee', count: 3 } });
    expect(h.instance(instance.id)!.variables.filter((v) => v.scopeId === instance.id).map((v) => v.name).sort()).toEqual(['count', 'family', 'lead']);
  });

  it('given output parameters, when the activity ends, then they are set on the enclosing scope and the inputs are gone', async () => {
    const h = new EngineHarness();
    await h.deploy(mapped);
    const instance = await h.start('mapping', { lead: 'kim', family: 'Lee', count: 2 });

    await h.complete('review', { verdict: 'yes' });

    expect(h.variable(instance.id, 'decision')).toBe('approved');
    expect(h.variable(instance.id, 'reviewedBy')).toBe('kim');
    expect(h.instance(instance.id)!.variables.map((v) => v.name).sort()).toEqual(['count', 'decision', 'family', 'lead', 'reviewedBy', 'verdict']);
  });
});
