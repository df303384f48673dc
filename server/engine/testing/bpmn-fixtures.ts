/**
 * Small helpers that write BPMN 2.0 XML for specs, so that each spec shows its process in a few
 * readable lines. The XML is what Camunda Modeler would save, minus the diagram.
 */
export function definitions(processes: string, extra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  id="Definitions_1" targetNamespace="http://safepath.example/bpmn">
${processes}
${extra}
</bpmn:definitions>`;
}

export function process(id: string, body: string, attrs = ''): string {
  return `<bpmn:process id="${id}" isExecutable="true" ${attrs}>\n${body}\n</bpmn:process>`;
}

/** A whole file with one process. */
export function bpmn(id: string, body: string, extra = ''): string {
  return definitions(process(id, body), extra);
}

export function flow(id: string, from: string, to: string, condition?: string): string {
  if (condition === undefined) return `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`;
  return `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${escapeXml(condition)}</bpmn:conditionExpression></bpmn:sequenceFlow>`;
}

/** Connects a chain of element ids with flows f1, f2, … (prefix configurable). */
export function chain(ids: string[], prefix = 'f'): string {
  return ids.slice(1).map((to, i) => flow(`${prefix}${i + 1}`, ids[i], to)).join('\n');
}

export function userTask(id: string, attrs = '', inner = ''): string {
  return `<bpmn:userTask id="${id}" name="${id}" ${attrs}>${inner}</bpmn:userTask>`;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
