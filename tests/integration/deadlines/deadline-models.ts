/** BPMN models of the deadline integration tests. */

const header = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs" targetNamespace="http://safepath.test">`;

/**
 * Tai Calon: safe telephone contact within 1 working day by a customer housing officer; if it is
 * not done in time, a non-interrupting boundary timer escalates to the housing manager.
 */
export const SAFE_CONTACT_BPMN = `${header}
  <bpmn:process id="safeContact" name="Safe contact" isExecutable="true">
    <bpmn:startEvent id="received" />
    <bpmn:sequenceFlow id="f1" sourceRef="received" targetRef="make_safe_telephone_contact" />
    <bpmn:userTask id="make_safe_telephone_contact" name="Make safe telephone contact" camunda:candidateGroups="tc_cho" camunda:dueDate="1 working day" />
    <bpmn:boundaryEvent id="contact_overdue" attachedToRef="make_safe_telephone_contact" cancelActivity="false">
      <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">1 working day</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="contact_overdue" targetRef="escalate_to_manager" />
    <bpmn:userTask id="escalate_to_manager" name="Chase safe contact" camunda:candidateGroups="tc_housing_manager" />
    <bpmn:sequenceFlow id="f3" sourceRef="escalate_to_manager" targetRef="escalated" />
    <bpmn:endEvent id="escalated" />
    <bpmn:sequenceFlow id="f4" sourceRef="make_safe_telephone_contact" targetRef="contacted" />
    <bpmn:endEvent id="contacted" />
  </bpmn:process>
</bpmn:definitions>`;

/** A user task with due and follow-up dates written three ways. */
export const DUE_DATES_BPMN = `${header}
  <bpmn:process id="dueDates" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="working" />
    <bpmn:userTask id="working" name="Working" camunda:dueDate="1 working day" camunda:followUpDate="P2D" />
    <bpmn:sequenceFlow id="f2" sourceRef="working" targetRef="fromVariable" />
    <bpmn:userTask id="fromVariable" name="From variable" camunda:assignee="\${worker}" camunda:dueDate="\${hearing}" camunda:followUpDate="end of working day" />
    <bpmn:sequenceFlow id="f3" sourceRef="fromVariable" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

/** Fortnightly MARAC meeting preparation, started by a timer cycle. */
export function maracBpmn(cycle: string, condition = '${true}'): string {
  return `${header}
  <bpmn:process id="marac" name="MARAC" isExecutable="true">
    <bpmn:startEvent id="fortnightly"><bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">${cycle}</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="fortnightly" targetRef="check" />
    <bpmn:exclusiveGateway id="check" />
    <bpmn:sequenceFlow id="f2" sourceRef="check" targetRef="prepare"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${condition}</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:userTask id="prepare" name="Prepare MARAC list" camunda:candidateGroups="marac_coordinator" />
    <bpmn:sequenceFlow id="f3" sourceRef="prepare" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;
}
