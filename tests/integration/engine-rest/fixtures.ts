/** Small BPMN models and request helpers for the engine-rest integration tests. */
import type { TestApp } from '../../support/test-app';

const header = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://safepath.test">`;

/** start → user task `review` (candidate group triage) → end. */
export const REFERRAL_BPMN = `${header}
  <bpmn:process id="referral" name="Referral" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:userTask id="review" name="Review referral" camunda:candidateGroups="triage" camunda:formKey="embedded:app:forms/review.html" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

/** start → message catch `ReferralUpdated` → user task `followUp` → end. */
export const MESSAGE_BPMN = `${header}
  <bpmn:message id="msg" name="ReferralUpdated" />
  <bpmn:process id="awaitUpdate" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
    <bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="msg" /></bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="followUp" />
    <bpmn:userTask id="followUp" name="Follow up" />
    <bpmn:sequenceFlow id="f3" sourceRef="followUp" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

/** start → signal catch `LockdownLifted` → user task `resume` → end. */
export const SIGNAL_BPMN = `${header}
  <bpmn:signal id="sig" name="LockdownLifted" />
  <bpmn:process id="awaitSignal" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
    <bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="sig" /></bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="resume" />
    <bpmn:userTask id="resume" name="Resume" />
    <bpmn:sequenceFlow id="f3" sourceRef="resume" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

/** start → external task `riskCheck` (topic risk-check; error NO_RISK → `noRisk`) → user task `assess` → end. */
export const EXTERNAL_BPMN = `${header}
  <bpmn:error id="noRiskError" errorCode="NO_RISK" />
  <bpmn:process id="riskCheck" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="check" />
    <bpmn:serviceTask id="check" name="Check risk" camunda:type="external" camunda:topic="risk-check" />
    <bpmn:boundaryEvent id="noRiskBoundary" attachedToRef="check"><bpmn:errorEventDefinition errorRef="noRiskError" /></bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="check" targetRef="assess" />
    <bpmn:userTask id="assess" name="Assess" />
    <bpmn:sequenceFlow id="f3" sourceRef="assess" targetRef="end" />
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f4" sourceRef="noRiskBoundary" targetRef="noRisk" />
    <bpmn:userTask id="noRisk" name="No risk found" />
    <bpmn:sequenceFlow id="f5" sourceRef="noRisk" targetRef="end2" />
    <bpmn:endEvent id="end2" />
  </bpmn:process>
</bpmn:definitions>`;

/** Deploys one BPMN resource through `POST /engine-rest/deployment/create` and returns the response body. */
export async function deploy(t: TestApp, resourceName: string, xml: string, fields: Record<string, string> = {}) {
  let req = t.http.post('/engine-rest/deployment/create').field('deployment-name', fields['deployment-name'] ?? resourceName);
  for (const [name, value] of Object.entries(fields)) {
    if (name !== 'deployment-name') req = req.field(name, value);
  }
  const res = await req.attach('data', Buffer.from(xml), resourceName);
  if (res.status !== 200) {
    throw new Error(`deploy failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body as { id: string; deployedProcessDefinitions: Record<string, { id: string; key: string; version: number }> };
}

/** Starts the latest version of `key` and returns the instance id. */
export async function startByKey(t: TestApp, key: string, body: Record<string, unknown> = {}): Promise<string> {
  const res = await t.http.post(`/engine-rest/process-definition/key/${key}/start`).send(body);
  if (res.status !== 200) {
    throw new Error(`start failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body.id as string;
}
