/**
 * Routes sequence flows orthogonally: out of the source's right side (a boundary event: out of
 * its bottom, below its label), a vertical jog in the gap between columns, into the target's
 * left side. A flow that would cross shapes in the columns it spans runs along a lane corridor
 * (the free strip at the top of the source lane); back edges run along the bottom corridor.
 * Named flows get a label beside a segment where it overlaps no shape and no other label.
 */
import { COLUMN_GAP, labelSize } from './sizes.mjs';

const CORRIDOR_TOP = 14;
const CORRIDOR_BOTTOM = 16;
const CORRIDOR_STEP = 8;

/** True when two rectangles ({x,y,width,height}) overlap (touching edges do not count). */
export function overlaps(a, b, margin = 0) {
  return a.x < b.x + b.width + margin && b.x < a.x + a.width + margin && a.y < b.y + b.height + margin && b.y < a.y + a.height + margin;
}

/** Shapes that enclose other shapes and may therefore be overlapped. */
export function isContainer(shape) {
  return Boolean(shape.horizontal || shape.expanded);
}

function simplify(points) {
  const rounded = points.map((p) => ({ x: Math.round(p.x), y: Math.round(p.y) }));
  const unique = rounded.filter((p, i) => i === 0 || p.x !== rounded[i - 1].x || p.y !== rounded[i - 1].y);
  return unique.filter((p, i) => {
    if (i === 0 || i === unique.length - 1) return true;
    const a = unique[i - 1];
    const b = unique[i + 1];
    return !((a.x === p.x && p.x === b.x) || (a.y === p.y && p.y === b.y));
  });
}

export function routeFlows(container, layout, shapes, labels) {
  const { positions, columns, bands } = layout;
  const shapeOf = new Map(shapes.map((s) => [s.element.id, s]));
  const corridorUse = new Map();
  const corridor = (band, where) => {
    const key = `${band}:${where}`;
    const n = corridorUse.get(key) ?? 0;
    corridorUse.set(key, n + 1);
    const b = bands[band];
    return where === 'top' ? b.y + CORRIDOR_TOP + n * CORRIDOR_STEP : b.y + b.height - CORRIDOR_BOTTOM - n * CORRIDOR_STEP;
  };
  const blocked = (y, fromCol, toCol) =>
    [...positions.values()].some((p) => p.col > fromCol && p.col < toCol && y >= p.y - 6 && y <= p.boxBottom + 6);
  const obstacles = shapes.filter((s) => !isContainer(s));
  const edges = [];
  for (const flow of container.flows) {
    const source = flow.sourceRef;
    const target = flow.targetRef;
    const s = source && shapeOf.get(source.id);
    const t = target && shapeOf.get(target.id);
    if (!s || !t) continue;
    const isBoundary = source.$type === 'bpmn:BoundaryEvent';
    const sp = positions.get(isBoundary ? source.attachedToRef.id : source.id);
    const tp = positions.get(target.id);
    if (!sp || !tp) continue;
    const points = [];
    let y;
    if (isBoundary) {
      points.push({ x: s.exit.x, y: s.y + s.height }, { x: s.exit.x, y: s.exit.y });
      y = s.exit.y;
    } else {
      y = s.y + s.height / 2;
      points.push({ x: s.x + s.width, y });
    }
    const ty = t.y + t.height / 2;
    const x1 = columns[sp.col].x + columns[sp.col].width + COLUMN_GAP / 2;
    const x2 = columns[tp.col].x - COLUMN_GAP / 2;
    if (tp.col > sp.col) {
      if (tp.col === sp.col + 1 || !blocked(ty, sp.col, tp.col)) points.push({ x: x1, y }, { x: x1, y: ty });
      else if (!blocked(y, sp.col, tp.col)) points.push({ x: x2, y }, { x: x2, y: ty });
      else {
        const yc = corridor(sp.band, 'top');
        points.push({ x: x1, y }, { x: x1, y: yc }, { x: x2, y: yc }, { x: x2, y: ty });
      }
    } else {
      const yc = corridor(Math.max(sp.band, tp.band), 'bottom');
      points.push({ x: x1, y }, { x: x1, y: yc }, { x: x2, y: yc }, { x: x2, y: ty });
    }
    points.push({ x: t.x, y: ty });
    const edge = { element: flow, waypoints: simplify(points) };
    const label = placeFlowLabel(flow.name, edge.waypoints, obstacles, labels);
    if (label) {
      edge.label = label;
      labels.push(label);
    }
    edges.push(edge);
  }
  return edges;
}

/** Tries spots beside each segment, last segment first, and keeps the first free one. */
function placeFlowLabel(name, waypoints, obstacles, labels) {
  if (!labelSize(name)) return null;
  const candidates = [];
  for (let i = waypoints.length - 1; i > 0; i--) {
    const a = waypoints[i - 1];
    const b = waypoints[i];
    if (a.y === b.y) {
      const length = Math.abs(b.x - a.x);
      const size = labelSize(name, Math.max(40, Math.min(90, length - 12)));
      const x = Math.min(a.x, b.x) + 6;
      candidates.push({ x, y: a.y - size.height - 3, ...size }, { x, y: a.y + 3, ...size });
    } else {
      const size = labelSize(name);
      const top = Math.min(a.y, b.y);
      const mid = top + Math.abs(b.y - a.y) / 2 - size.height / 2;
      candidates.push({ x: a.x + 4, y: mid, ...size }, { x: a.x - 4 - size.width, y: mid, ...size });
    }
  }
  const free = candidates.find((c) => !obstacles.some((o) => overlaps(c, o, 2)) && !labels.some((l) => overlaps(c, l, 2)));
  const chosen = free ?? candidates[0];
  return { x: Math.round(chosen.x), y: Math.round(chosen.y), width: chosen.width, height: chosen.height };
}
