/**
 * Routes sequence flows orthogonally: out of the source's right side (a boundary event: out of
 * its bottom, below its label), a vertical jog early in the gap between columns, into the
 * target's left side. A flow that would cross shapes in the columns it spans runs along a lane
 * corridor (the free strip at the top of the source lane); back edges run along the bottom
 * corridor. Verticals of different sources in one gap run on separate tracks. Named flows are
 * labelled once every flow is routed (flow-labels.mjs).
 */
import { placeFlowLabels } from './flow-labels.mjs';
import { LANE_HEADER } from './sizes.mjs';

const CORRIDOR_TOP = 14;
const CORRIDOR_BOTTOM = 16;
const CORRIDOR_STEP = 8;
/**
 * Where a flow turns after leaving its source column: near the source, so that the stretch into
 * the next column (where a split's flows part ways and get their labels) is long enough for a label.
 */
const JOG_OFFSET = 36;
/** Where a flow that runs along a corridor (or past blocked columns) turns towards its target. */
const TARGET_JOG_OFFSET = 24;
/** Distance between parallel verticals in one gap, and how many such tracks a gap has. */
const TRACK_STEP = 8;
const MAX_TRACKS = 4;

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

/**
 * Routes every flow of a container, then labels the named ones. `labels` holds the labels drawn
 * so far (events, gateways, nested containers), to which the flow labels are added, and
 * `drawnEdges` the edges of nested containers; flow labels keep clear of both, of every shape,
 * and of every routed segment.
 */
export function routeFlows(container, layout, shapes, labels, drawnEdges = []) {
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
  // First the shape of each route; where its vertical runs (which track) comes after.
  const plans = [];
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
    const start = isBoundary
      ? [{ x: s.exit.x, y: s.y + s.height }, { x: s.exit.x, y: s.exit.y }]
      : [{ x: s.x + s.width, y: s.y + s.height / 2 }];
    const y = start[start.length - 1].y;
    const ty = t.y + t.height / 2;
    let kind;
    let yc;
    if (tp.col > sp.col) {
      if (tp.col === sp.col + 1 || !blocked(ty, sp.col, tp.col)) kind = 'early';
      else if (!blocked(y, sp.col, tp.col)) kind = 'late';
      else {
        kind = 'corridor';
        yc = corridor(sp.band, 'top');
      }
    } else {
      kind = 'corridor';
      yc = corridor(Math.max(sp.band, tp.band), 'bottom');
    }
    const early = kind === 'early' ? [y, ty] : kind === 'corridor' ? [y, yc] : null;
    const late = kind === 'late' ? [y, ty] : kind === 'corridor' ? [yc, ty] : null;
    plans.push({ flow, t, sp, tp, start, y, ty, yc, kind, early, late, from: source.id, to: target.id });
  }
  // Verticals of different sources that turn in the same gap get their own tracks, so two flows
  // never run along one line; likewise verticals into different targets.
  const earlyTrack = assignTracks(plans, (p) => p.early && { gap: p.sp.col, owner: p.from, span: p.early });
  const lateTrack = assignTracks(plans, (p) => p.late && { gap: p.tp.col, owner: p.to, span: p.late });
  const edges = [];
  for (const plan of plans) {
    const { flow, t, sp, tp, start, y, ty, yc, kind } = plan;
    const x1 = columns[sp.col].x + columns[sp.col].width + JOG_OFFSET + (earlyTrack.get(plan) ?? 0) * TRACK_STEP;
    const x2 = columns[tp.col].x - TARGET_JOG_OFFSET - (lateTrack.get(plan) ?? 0) * TRACK_STEP;
    const points = [...start];
    if (kind === 'early') points.push({ x: x1, y }, { x: x1, y: ty });
    else if (kind === 'late') points.push({ x: x2, y }, { x: x2, y: ty });
    else points.push({ x: x1, y }, { x: x1, y: yc }, { x: x2, y: yc }, { x: x2, y: ty });
    points.push({ x: t.x, y: ty });
    edges.push({ element: flow, waypoints: simplify(points) });
  }
  const areas = bands.map((b) => {
    const x = layout.left + (b.lane ? LANE_HEADER : 0);
    return { x, y: b.y, width: layout.width - x, height: b.height };
  });
  placeFlowLabels(edges, { obstacles: shapes.filter((shape) => !shape.horizontal), labels, routed: [...drawnEdges, ...edges], areas });
  return edges;
}

/**
 * Gives each owner (a source, or a target) of vertical spans in one gap a track number: the
 * lowest whose spans so far keep clear of the owner's span. `pick(plan)` returns the plan's
 * `{gap, owner, span}` or null. Returns the track of each plan.
 */
function assignTracks(plans, pick) {
  const owners = new Map();
  for (const plan of plans) {
    const v = pick(plan);
    if (!v || v.span[0] === v.span[1]) continue;
    const key = `${v.gap}:${v.owner}`;
    const o = owners.get(key) ?? { gap: v.gap, lo: Infinity, hi: -Infinity, plans: [], order: owners.size };
    o.lo = Math.min(o.lo, ...v.span);
    o.hi = Math.max(o.hi, ...v.span);
    owners.set(key, o);
  }
  for (const plan of plans) {
    const v = pick(plan);
    if (v) owners.get(`${v.gap}:${v.owner}`)?.plans.push(plan);
  }
  const tracks = new Map();
  const used = new Map();
  for (const o of [...owners.values()].sort((a, b) => a.lo - b.lo || a.order - b.order)) {
    const taken = used.get(o.gap) ?? [];
    let track = 0;
    while (track < MAX_TRACKS - 1 && taken.some((u) => u.track === track && u.lo <= o.hi + 6 && o.lo <= u.hi + 6)) track++;
    taken.push({ track, lo: o.lo, hi: o.hi });
    used.set(o.gap, taken);
    for (const plan of o.plans) tracks.set(plan, track);
  }
  return tracks;
}
