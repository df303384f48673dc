/**
 * Places the shapes of one process or subprocess: columns from the layering, lanes as
 * horizontal bands, nodes of one lane/column cell stacked so that nothing overlaps. Expanded
 * subprocesses are laid out recursively and drawn around their children.
 */
import { containerOf, layerNodes } from './graph.mjs';
import { routeFlows } from './route.mjs';
import { COLUMN_GAP, EVENT, LABEL_GAP, LANE_HEADER, STACK_GAP, hasExternalLabel, labelSize, sizeOf } from './sizes.mjs';

const LANE_TOP_PAD = 40;
const LANE_BOTTOM_PAD = 50;
const MIN_LANE_HEIGHT = 150;
const BOUNDARY_STEP = 46;

/** Size of a node and what hangs below it (its label, or its boundary events and their labels). */
function measure(node, container) {
  let { width, height } = sizeOf(node);
  let inner = null;
  if (node.$type === 'bpmn:SubProcess' && (node.flowElements ?? []).length) {
    inner = layoutContainer(containerOf(node), null, { left: 40, top: 20 });
    width = inner.width;
    height = inner.height;
  }
  const boundaries = container.boundariesByHost.get(node.id) ?? [];
  width = Math.max(width, boundaries.length * BOUNDARY_STEP + 14);
  let boxWidth = width;
  let shapeLeft = 0;
  let below = 0;
  let label = null;
  if (hasExternalLabel(node)) {
    label = labelSize(node.name);
    if (label) {
      boxWidth = Math.max(width, label.width);
      shapeLeft = (boxWidth - width) / 2;
      below = LABEL_GAP + label.height;
    }
  }
  const hanging = boundaries.map((b, i) => {
    const centre = width - 25 - (boundaries.length - 1 - i) * BOUNDARY_STEP;
    return { element: b, centre, label: labelSize(b.name) };
  });
  let exitDepth = 0;
  if (hanging.length) {
    const labelHeight = Math.max(0, ...hanging.map((h) => h.label?.height ?? 0));
    const labelRight = Math.max(0, ...hanging.map((h) => (h.label ? h.centre + 4 + h.label.width : 0)));
    boxWidth = Math.max(boxWidth, labelRight);
    // Outgoing flows of boundary events run below their labels, at exitDepth under the host.
    exitDepth = EVENT.height / 2 + 2 + labelHeight + 8;
    below = exitDepth + 8;
  }
  return { node, width, height, inner, label, hanging, exitDepth, boxWidth, shapeLeft, boxHeight: height + below };
}

/** Offsets of a stack of boxes, and where its anchor line (shape centre or middle) falls. */
function stack(items) {
  let y = 0;
  const offsets = items.map((m) => {
    const top = y;
    y += m.boxHeight + STACK_GAP;
    return top;
  });
  const total = y - STACK_GAP;
  const middle = items.length % 2 === 1 ? Math.floor(items.length / 2) : -1;
  const anchor = middle >= 0 ? offsets[middle] + items[middle].height / 2 : total / 2;
  return { offsets, total, anchor };
}

/**
 * Lays out one container at local coordinates. `lanes` is a list of `{element, ids}` (top to
 * bottom) or null. Returns its size and the shapes, edges and labels to draw.
 */
export function layoutContainer(container, lanes, { left = lanes ? 0 : 40, top = 0 } = {}) {
  const { layer } = layerNodes(container);
  const measured = new Map(container.nodes.map((n) => [n.id, measure(n, container)]));
  const bandOf = new Map();
  const bands = (lanes ?? []).map((lane, index) => ({ lane: lane.element, index }));
  for (const node of container.nodes) {
    const index = (lanes ?? []).findIndex((lane) => lane.ids.has(node.id));
    bandOf.set(node.id, index >= 0 ? index : bands.length);
  }
  if ([...bandOf.values()].some((i) => i === bands.length)) bands.push({ lane: null, index: bands.length });
  const columnCount = Math.max(0, ...[...layer.values()].map((l) => l + 1));
  const columns = Array.from({ length: columnCount }, () => ({ x: 0, width: 0 }));
  for (const node of container.nodes) {
    const c = columns[layer.get(node.id)];
    c.width = Math.max(c.width, measured.get(node.id).boxWidth);
  }
  let x = left + (lanes ? LANE_HEADER + 40 : 0);
  for (const c of columns) {
    c.x = x;
    x += c.width + COLUMN_GAP;
  }
  const width = Math.max(x - COLUMN_GAP + 40, lanes ? 600 : 0);
  const positions = new Map();
  let y = top;
  for (const band of bands) {
    const cells = columns.map((_, col) =>
      container.nodes.filter((n) => bandOf.get(n.id) === band.index && layer.get(n.id) === col).map((n) => measured.get(n.id)),
    );
    const stacks = cells.map((items) => (items.length ? stack(items) : null));
    const above = Math.max(0, ...stacks.map((s) => s?.anchor ?? 0));
    const belowAnchor = Math.max(0, ...stacks.map((s) => (s ? s.total - s.anchor : 0)));
    const height = Math.max(lanes ? MIN_LANE_HEIGHT : 0, LANE_TOP_PAD + above + belowAnchor + LANE_BOTTOM_PAD);
    const centre = y + LANE_TOP_PAD + above + (height - (LANE_TOP_PAD + above + belowAnchor + LANE_BOTTOM_PAD)) / 2;
    cells.forEach((items, col) => {
      items.forEach((m, k) => {
        const boxTop = centre - stacks[col].anchor + stacks[col].offsets[k];
        const boxLeft = columns[col].x + (columns[col].width - m.boxWidth) / 2;
        positions.set(m.node.id, {
          ...m,
          x: Math.round(boxLeft + m.shapeLeft),
          y: Math.round(boxTop),
          col,
          band: band.index,
          boxLeft: Math.round(boxLeft),
          boxBottom: Math.round(boxTop + m.boxHeight),
        });
      });
    });
    band.y = y;
    band.height = height;
    y += height;
  }
  return draw(container, { positions, columns, bands, width, height: y, left });
}

/** Turns positions into shapes (with labels and boundary events) and routes the flows. */
function draw(container, layout) {
  const shapes = [];
  const labels = [];
  const edges = [];
  for (const band of layout.bands) {
    if (band.lane) shapes.push({ element: band.lane, x: layout.left, y: band.y, width: layout.width - layout.left, height: band.height, horizontal: true });
  }
  for (const node of container.nodes) {
    const p = layout.positions.get(node.id);
    const shape = { element: node, x: p.x, y: p.y, width: p.width, height: p.height };
    if (p.label) {
      shape.label = { x: Math.round(p.x + p.width / 2 - p.label.width / 2), y: p.y + p.height + LABEL_GAP, ...p.label };
      labels.push(shape.label);
    }
    if (p.inner) {
      shape.expanded = true;
      shapes.push(shape);
      for (const s of p.inner.shapes) shapes.push(shift(s, p.x, p.y));
      for (const e of p.inner.edges) edges.push(shiftEdge(e, p.x, p.y));
      labels.push(...p.inner.labels.map((l) => ({ ...l, x: l.x + p.x, y: l.y + p.y })));
    } else {
      if (node.$type === 'bpmn:SubProcess') shape.expanded = false;
      shapes.push(shape);
    }
    for (const h of p.hanging) {
      const cx = p.x + h.centre;
      const b = { element: h.element, x: cx - EVENT.width / 2, y: p.y + p.height - EVENT.height / 2, width: EVENT.width, height: EVENT.height };
      if (h.label) {
        b.label = { x: cx + 4, y: p.y + p.height + EVENT.height / 2 + 2, ...h.label };
        labels.push(b.label);
      }
      b.exit = { x: cx, y: p.y + p.height + p.exitDepth };
      shapes.push(b);
    }
  }
  edges.push(...routeFlows(container, layout, shapes, labels, edges));
  return { width: layout.width, height: layout.height, shapes, edges, labels };
}

function shift(shape, dx, dy) {
  const moved = { ...shape, x: shape.x + dx, y: shape.y + dy };
  if (shape.label) moved.label = { ...shape.label, x: shape.label.x + dx, y: shape.label.y + dy };
  if (shape.exit) moved.exit = { x: shape.exit.x + dx, y: shape.exit.y + dy };
  return moved;
}

function shiftEdge(edge, dx, dy) {
  const moved = { ...edge, waypoints: edge.waypoints.map((w) => ({ x: w.x + dx, y: w.y + dy })) };
  if (edge.label) moved.label = { ...edge.label, x: edge.label.x + dx, y: edge.label.y + dy };
  return moved;
}
