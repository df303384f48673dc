/**
 * Generates the diagram interchange (BPMNDI) of a BPMN file from its semantic part: one
 * diagram per process (or one for the collaboration when the file has a pool), lanes as
 * horizontal bands, flow nodes left to right. Only `definitions.diagrams` is replaced; the
 * process itself is re-serialised as parsed. Same input, same output.
 */
import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';
import { containerOf } from './graph.mjs';
import { layoutContainer } from './place.mjs';

const require = createRequire(import.meta.url);
const camunda = require('camunda-bpmn-moddle/resources/camunda.json');

const POOL_HEADER = 30;

/** A moddle that reads and writes Camunda-flavoured BPMN, as the engine does. */
export function createModdle() {
  return new BpmnModdle({ camunda });
}

function lanesOf(process) {
  const laneSet = (process.laneSets ?? [])[0];
  if (!laneSet || !(laneSet.lanes ?? []).length) return null;
  const collect = (lane) => [
    ...(lane.flowNodeRef ?? []).map((n) => n.id),
    ...((lane.childLaneSet?.lanes ?? []).flatMap(collect)),
  ];
  return laneSet.lanes.map((element) => ({ element, ids: new Set(collect(element)) }));
}

function bounds(moddle, b) {
  return moddle.create('dc:Bounds', { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) });
}

function diElements(moddle, layout, dx, dy, crowded) {
  const out = [];
  for (const s of layout.shapes) {
    const attrs = { id: `${s.element.id}_di`, bpmnElement: s.element, bounds: bounds(moddle, { ...s, x: s.x + dx, y: s.y + dy }) };
    if (s.horizontal) attrs.isHorizontal = true;
    if (s.expanded !== undefined) attrs.isExpanded = s.expanded;
    if (s.label) attrs.label = moddle.create('bpmndi:BPMNLabel', { bounds: bounds(moddle, { ...s.label, x: s.label.x + dx, y: s.label.y + dy }) });
    out.push(moddle.create('bpmndi:BPMNShape', attrs));
  }
  for (const e of layout.edges) {
    const attrs = {
      id: `${e.element.id}_di`,
      bpmnElement: e.element,
      waypoint: e.waypoints.map((p) => moddle.create('dc:Point', { x: p.x + dx, y: p.y + dy })),
    };
    if (e.label) attrs.label = moddle.create('bpmndi:BPMNLabel', { bounds: bounds(moddle, { ...e.label, x: e.label.x + dx, y: e.label.y + dy }) });
    if (e.label?.crowded) crowded.push(e.element.id);
    out.push(moddle.create('bpmndi:BPMNEdge', attrs));
  }
  return out;
}

function diagram(moddle, id, element, planeElements) {
  const plane = moddle.create('bpmndi:BPMNPlane', { id: `BPMNPlane_${id}`, bpmnElement: element, planeElement: planeElements });
  return moddle.create('bpmndi:BPMNDiagram', { id: `BPMNDiagram_${id}`, plane });
}

/**
 * Replaces the diagrams of parsed `bpmn:Definitions` with a generated layout. Returns the ids of
 * flows whose label found no free spot (drawn anyway, where it may overlap something).
 */
export function layoutDefinitions(moddle, definitions) {
  const crowded = [];
  const processes = (definitions.rootElements ?? []).filter((e) => e.$type === 'bpmn:Process');
  const collaboration = (definitions.rootElements ?? []).find((e) => e.$type === 'bpmn:Collaboration');
  const diagrams = [];
  if (collaboration) {
    const planeElements = [];
    let y = 0;
    for (const participant of collaboration.participants ?? []) {
      const process = participant.processRef;
      const layout = process ? layoutContainer(containerOf(process), lanesOf(process)) : { width: 600, height: 150, shapes: [], edges: [] };
      // Lanes start at the pool's header; without lanes the content sits right of it.
      const width = layout.width + POOL_HEADER;
      const height = Math.max(layout.height, 150);
      planeElements.push(
        moddle.create('bpmndi:BPMNShape', { id: `${participant.id}_di`, bpmnElement: participant, isHorizontal: true, bounds: bounds(moddle, { x: 0, y, width, height }) }),
        ...diElements(moddle, layout, POOL_HEADER, y, crowded),
      );
      y += height + 60;
    }
    diagrams.push(diagram(moddle, collaboration.id, collaboration, planeElements));
  } else {
    for (const process of processes) {
      const layout = layoutContainer(containerOf(process), lanesOf(process));
      diagrams.push(diagram(moddle, process.id, process, diElements(moddle, layout, 0, 0, crowded)));
    }
  }
  definitions.diagrams = diagrams;
  return crowded;
}

/** Ids of flow nodes and sequence flows (any depth) that have no shape or edge in the diagrams. */
export function elementsWithoutDi(definitions) {
  const drawn = new Set();
  for (const d of definitions.diagrams ?? []) for (const p of d.plane?.planeElement ?? []) if (p.bpmnElement) drawn.add(p.bpmnElement.id);
  const missing = [];
  const visit = (container) => {
    for (const e of container.flowElements ?? []) {
      if ((e.$instanceOf('bpmn:FlowNode') || e.$type === 'bpmn:SequenceFlow') && !drawn.has(e.id)) missing.push(e.id);
      if (e.flowElements) visit(e);
    }
  };
  for (const p of (definitions.rootElements ?? []).filter((e) => e.$type === 'bpmn:Process')) visit(p);
  return missing;
}

/**
 * Lays out a BPMN XML string. Throws when the XML cannot be read; import warnings are returned
 * so callers can refuse to write a file that would lose information, and `crowded` lists the
 * flows whose label could not be placed clear of everything else.
 */
export async function layoutXml(xml) {
  const moddle = createModdle();
  const { rootElement, warnings } = await moddle.fromXML(xml, 'bpmn:Definitions');
  const crowded = layoutDefinitions(moddle, rootElement);
  const { xml: out } = await moddle.toXML(rootElement, { format: true });
  return { xml: `${out}\n`, warnings: warnings.map((w) => w.message), crowded };
}
