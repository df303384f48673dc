import { executableProcesses, readBpmn } from './bpmn-outline';
import { escapeHtml, procedureDocument } from './procedure-document';

const XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="https://safepath.example">
  <bpmn:process id="p" name="Referral &lt;b&gt;" isExecutable="true">
    <bpmn:startEvent id="start" name="Referral received" />
    <bpmn:userTask id="triage" name="Triage" camunda:candidateGroups="tc_cho" camunda:dueDate="1 working day">
      <bpmn:documentation>Call within a day &amp; note "why".</bpmn:documentation>
    </bpmn:userTask>
    <bpmn:boundaryEvent id="late" name="Late" attachedToRef="triage" cancelActivity="false">
      <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">1 working day</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:userTask id="chase" name="Chase" camunda:candidateGroups="tc_housing_manager" />
    <bpmn:exclusiveGateway id="g" name="Urgent?" default="f_no" />
    <bpmn:endEvent id="end" name="Done" />
    <bpmn:userTask id="urgent" name="Act now" camunda:candidateGroups="tc_cso" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="triage" />
    <bpmn:sequenceFlow id="f2" sourceRef="triage" targetRef="g" />
    <bpmn:sequenceFlow id="f_yes" name="Yes" sourceRef="g" targetRef="urgent"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=urgent</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f_no" sourceRef="g" targetRef="end" />
    <bpmn:sequenceFlow id="f3" sourceRef="late" targetRef="chase" />
  </bpmn:process>
</bpmn:definitions>`;

describe('procedure document', () => {
  it('escapes every character that could open markup', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('lists the steps in flow order with role, guidance, deadline and escalation, and decisions with their outcomes', async () => {
    const [process] = executableProcesses(await readBpmn(XML));
    const html = procedureDocument({
      process,
      organisationName: 'Tai Calon',
      versionLine: 'Version 1',
      formOf: () => null,
      roleLabel: (g) => ({ tc_cho: 'Community Housing Officer', tc_housing_manager: 'Housing Manager' })[g] ?? g,
      signposting: new Map(),
      processName: () => null,
      generatedAt: new Date('2026-01-05T10:00:00Z'),
    });
    const order = ['Referral received', 'Triage', 'Urgent?', 'Chase'].map((name) => html.indexOf(`<h2>${name} `));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]))).toBe(true);
    expect(html).toContain('<h1>Referral &lt;b&gt;</h1>');
    expect(html).toContain('<dt>Role</dt><dd>Community Housing Officer</dd>');
    expect(html).toContain('<p>Call within a day &amp; note &quot;why&quot;.</p>');
    expect(html).toContain('Due: <code>1 working day</code><br>Late: after <code>1 working day</code> → Chase (the step stays open)');
    expect(html).toContain('<li>Yes → Act now</li><li>Otherwise → Done</li>');
    expect(html).not.toMatch(/<script/i);
  });
});
