import { buildActivityTree } from './process-instance-query.repository';
import type { ProcessInstanceDto } from './process-instance-query.repository';

const instance: ProcessInstanceDto = {
  id: 'pi1', definitionId: 'order:1:x', definitionKey: 'order', businessKey: null, caseInstanceId: null, ended: false, suspended: false, tenantId: null, links: [],
};

describe('buildActivityTree', () => {
  it('puts activities below the instance and inside their subprocess scope', () => {
    // given a root, a subprocess scope and a waiting task inside it, plus a task at top level
    const executions = [
      { id: 'pi1', parent_id: null, activity_id: 'order', activity_instance_id: 'order:pi1', phase: 'scope' },
      { id: 'e1', parent_id: 'pi1', activity_id: 'Sub', activity_instance_id: 'Sub:1', phase: 'scope', activity_type: 'subProcess', activity_name: 'Sub' },
      { id: 'e2', parent_id: 'e1', activity_id: 'Inner', activity_instance_id: 'Inner:1', phase: 'waiting', activity_type: 'userTask', activity_name: 'Inner task' },
      { id: 'e3', parent_id: 'pi1', activity_id: 'Top', activity_instance_id: 'Top:1', phase: 'waiting', activity_type: 'userTask', activity_name: null },
    ];
    // when
    const tree = buildActivityTree(instance, executions, [{ id: 'inc1', execution_id: 'e2', activity_id: 'Inner' }]);
    // then
    expect(tree.activityId).toBe('order:1:x');
    expect(tree.activityType).toBe('processDefinition');
    expect(tree.childActivityInstances.map((c) => c.activityId)).toEqual(['Sub', 'Top']);
    const inner = tree.childActivityInstances[0].childActivityInstances[0];
    expect(inner).toMatchObject({ id: 'Inner:1', parentActivityInstanceId: 'Sub:1', activityType: 'userTask', executionIds: ['e2'], incidentIds: ['inc1'] });
  });

  it('shows a token on the root execution as a child of the instance', () => {
    const tree = buildActivityTree(instance, [{ id: 'pi1', parent_id: null, activity_id: 'Task', activity_instance_id: 'Task:1', phase: 'waiting', activity_type: 'userTask' }], []);
    expect(tree.childActivityInstances).toHaveLength(1);
    expect(tree.childActivityInstances[0]).toMatchObject({ activityId: 'Task', parentActivityInstanceId: 'pi1', executionIds: ['pi1'] });
  });
});
