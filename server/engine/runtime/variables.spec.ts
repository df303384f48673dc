import { parseBpmn } from '../model/bpmn-parser';
import { bpmn, chain, flow, userTask } from '../testing/bpmn-fixtures';
import { EngineHarness } from '../testing/engine-harness';

const sensitive = (names: string) =>
  `<bpmn:extensionElements><camunda:properties><camunda:property name="safepath.sensitive" value="${names}" /></camunda:properties></bpmn:extensionElements>`;

/** start → record (user task) → fetch (external task) → route on `notes` → done | urgent. */
const intake = bpmn(
  'intake',
  `${sensitive(' notes   address summary ')}
   <bpmn:startEvent id="start" />
   ${userTask('record', '', `<bpmn:extensionElements><camunda:inputOutput>
       <camunda:outputParameter name="summary">\${notes}</camunda:outputParameter>
     </camunda:inputOutput></bpmn:extensionElements>`)}
   <bpmn:serviceTask id="fetch" camunda:type="external" camunda:topic="lookup" />
   <bpmn:exclusiveGateway id="route" default="toDone" />
   ${userTask('done')}
   ${userTask('urgent')}
   ${chain(['start', 'record', 'fetch', 'route'])}
   ${flow('toDone', 'route', 'done')}
   ${flow('toUrgent', 'route', 'urgent', '${notes == "weapon mentioned"}')}`,
);

function flagsOf(h: EngineHarness, instanceId: string): Record<string, boolean> {
  return Object.fromEntries(h.instance(instanceId)!.variables.map((v) => [v.name, v.sensitive === true]));
}

function historyFlagsOf(h: EngineHarness, name: string): boolean[] {
  return h.store.historyOf('variable').filter((v) => v.name === name).map((v) => v.sensitive === true);
}

async function started(variables: Record<string, unknown> = { notes: 'first call', address: '1 High St', caller: 'a friend' }) {
  const h = new EngineHarness();
  await h.deploy(intake);
  const instance = await h.start('intake', variables);
  return { h, instance };
}

describe('Sensitive variables', () => {
  it('given a process with safepath.sensitive, when it is parsed, then the model lists the names', async () => {
    const { processes, problems } = await parseBpmn(intake);

    expect(problems).toEqual([]);
    expect([...processes[0].sensitiveVariables].sort()).toEqual(['address', 'notes', 'summary']);
  });

  it('given a process without the property, when it is parsed, then no variable is sensitive', async () => {
    const { processes } = await parseBpmn(bpmn('plain', `<bpmn:startEvent id="start" />`));

    expect(processes[0].sensitiveVariables.size).toBe(0);
  });

  it('given start variables, when the case starts, then only the listed ones are sensitive, in state and history', async () => {
    const { h, instance } = await started();

    expect(flagsOf(h, instance.id)).toEqual({ notes: true, address: true, caller: false });
    expect(historyFlagsOf(h, 'notes')).toEqual([true]);
    expect(historyFlagsOf(h, 'caller')).toEqual([false]);
  });

  it('given a waiting task, when it completes with a listed variable and an output mapping writes another, then both are sensitive', async () => {
    const { h, instance } = await started({ caller: 'a friend' });

    await h.complete('record', { notes: 'weapon mentioned', callback: 'after 5pm' });

    expect(flagsOf(h, instance.id)).toEqual({ caller: false, notes: true, callback: false, summary: true });
    expect(h.variable(instance.id, 'summary')).toBe('weapon mentioned');
  });

  it('given a running case, when variables are set from outside, then a listed one becomes sensitive and its history rows say so', async () => {
    const { h, instance } = await started({ caller: 'a friend' });

    await h.engine.setVariables(instance.id, { address: { type: 'String', value: '2 Low Rd' }, caller: { type: 'String', value: 'neighbour' } });

    expect(flagsOf(h, instance.id)).toMatchObject({ address: true, caller: false });
    expect(historyFlagsOf(h, 'address')).toEqual([true]);
    expect(historyFlagsOf(h, 'caller')).toEqual([false]);
  });

  it('given an external task, when a worker fetches it, then sensitive values are flagged, and its completion variables are marked', async () => {
    const { h, instance } = await started();
    await h.complete('record');

    const [locked] = await h.engine.fetchAndLock({ workerId: 'w1', maxTasks: 1, topics: [{ topicName: 'lookup', lockDuration: 1000 }] });
    await h.engine.completeExternalTask(locked.id, 'w1', { address: { type: 'String', value: '3 New St' } });

    expect(locked.variables.notes).toEqual({ type: 'String', value: 'first call', sensitive: true });
    expect(locked.variables.caller).toEqual({ type: 'String', value: 'a friend' });
    expect(h.instance(instance.id)!.variables.find((v) => v.name === 'address')).toMatchObject({ value: '3 New St', sensitive: true });
  });

  it('given a sensitive variable, when a condition reads it, then the case routes on its plain value', async () => {
    const { h, instance } = await started({ notes: 'weapon mentioned' });
    await h.complete('record');
    const [locked] = await h.engine.fetchAndLock({ workerId: 'w1', maxTasks: 1, topics: [{ topicName: 'lookup', lockDuration: 1000 }] });

    await h.engine.completeExternalTask(locked.id, 'w1');

    expect(h.openTaskKeys(instance.id)).toEqual(['urgent']);
  });

  it('given a sensitive variable passed to a called process that does not list it, when the child starts, then it stays sensitive there and on the way back', async () => {
    const h = new EngineHarness();
    await h.deploy(
      bpmn('child', `<bpmn:startEvent id="cs" />${userTask('review')}<bpmn:endEvent id="ce" />${chain(['cs', 'review', 'ce'], 'c')}`),
      'child.bpmn',
    );
    await h.deploy(
      bpmn(
        'parent',
        `${sensitive('notes')}
         <bpmn:startEvent id="start" />
         <bpmn:callActivity id="call" calledElement="child">
           <bpmn:extensionElements><camunda:in variables="all" /><camunda:out source="notes" target="reviewedNotes" /></bpmn:extensionElements>
         </bpmn:callActivity>
         ${userTask('after')}
         ${chain(['start', 'call', 'after'])}`,
      ),
      'parent.bpmn',
    );
    const parent = await h.start('parent', { notes: 'disclosed at school', caller: 'teacher' });
    const child = [...h.store.data.instances.values()].find((i) => i.definitionKey === 'child')!;

    expect(flagsOf(h, child.id)).toEqual({ notes: true, caller: false });

    await h.complete('review', {}, child.id);

    expect(flagsOf(h, parent.id)).toEqual({ notes: true, caller: false, reviewedNotes: true });
  });

  it('given a sensitive variable, when it is written again with an unflagged value, then it stays sensitive', async () => {
    const h = new EngineHarness();
    await h.deploy(bpmn('p', `<bpmn:startEvent id="start" />${userTask('t')}${chain(['start', 't'])}`));
    const instance = await h.start('p');
    await h.engine.setVariables(instance.id, { notes: { type: 'String', value: 'from a worker', sensitive: true } });

    await h.engine.setVariables(instance.id, { notes: { type: 'String', value: 'edited' } });

    expect(h.instance(instance.id)!.variables).toEqual([expect.objectContaining({ name: 'notes', value: 'edited', sensitive: true })]);
  });
});
