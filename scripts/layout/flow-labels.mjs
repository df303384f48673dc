/**
 * Places the labels of named sequence flows once every flow is routed: beside a stretch of the
 * flow that is its own, near its source, clear of shapes, labels and every flow's line.
 */
import { MAX_LABEL_WIDTH, labelSize } from './sizes.mjs';

/** Distance between a flow label and the segment it labels. */
const LABEL_CLEARANCE = 3;
/** Free space kept between a flow label and shapes or other labels. */
const LABEL_MARGIN = 3;
/** Free space kept between a flow label and its own flow's segments. */
const OWN_SEGMENT_MARGIN = 1;
/**
 * Free space kept between a flow label and other flows' segments and labels, so that it reads as
 * its own flow's label; the smaller margins are tried only when no spot has the larger.
 */
const CLEARANCES = [
  { segments: 8, labels: 10 },
  { segments: 4, labels: LABEL_MARGIN },
];
/** Distance between a label beside a vertical stretch and the bend that stretch starts at. */
const BEND_CLEARANCE = 24;
/** A label this close above or below another flow's horizontal line or label is moved if it can be. */
const FACING_GAP = 36;
const FACING_PENALTY = 200;
/** Step (px) between candidate label positions along a segment. */
const LABEL_STEP = 8;
/**
 * Spots are ranked by their distance (px) from the flow's source along its path, plus these
 * penalties: for each narrower wrap width, for each step further from the line, for a spot below
 * (or left of) the line rather than above (or right of) it, and for a stretch another flow shares.
 */
const LABEL_WIDTHS = [MAX_LABEL_WIDTH, 66, 44];
const NARROWER_PENALTY = 30;
const FARTHER_STEP = 12;
const FARTHER_STEPS = 3;
const FARTHER_PENALTY = 40;
const OTHER_SIDE_PENALTY = 6;
const SHARED_PENALTY = 10000;

/** True when two rectangles ({x,y,width,height}) overlap (touching edges do not count). */
function overlaps(a, b, margin = 0) {
  return a.x < b.x + b.width + margin && b.x < a.x + a.width + margin && a.y < b.y + b.height + margin && b.y < a.y + a.height + margin;
}

function segmentsOf(edge) {
  return edge.waypoints.slice(1).map((b, i) => ({ flow: edge.element, a: edge.waypoints[i], b }));
}

/** Whether segment a–b passes through the inside of box r (Liang–Barsky clipping). */
function segmentCrosses(a, b, r) {
  let t0 = 0;
  let t1 = 1;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  for (const [step, room] of [[-dx, a.x - r.x], [dx, r.x + r.width - a.x], [-dy, a.y - r.y], [dy, r.y + r.height - a.y]]) {
    if (step === 0) {
      if (room <= 0) return false;
    } else {
      const t = room / step;
      if (step < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
    }
  }
  return t0 < t1;
}

/**
 * The parts of a segment (as [from, to] along its axis) that no other flow runs along: where a
 * label can only belong to this flow. Flows leaving one gateway share their first stretch, flows
 * into one join share their last.
 */
function ownParts(segment, segments) {
  const horizontal = segment.a.y === segment.b.y;
  const axis = horizontal ? 'x' : 'y';
  const across = horizontal ? 'y' : 'x';
  const lo = Math.min(segment.a[axis], segment.b[axis]);
  const hi = Math.max(segment.a[axis], segment.b[axis]);
  const taken = segments
    .filter((o) => o.flow !== segment.flow && o.a[across] === segment.a[across] && o.b[across] === segment.a[across])
    .map((o) => [Math.min(o.a[axis], o.b[axis]), Math.max(o.a[axis], o.b[axis])])
    .filter(([from, to]) => to > lo && from < hi)
    .sort((p, q) => p[0] - q[0]);
  const parts = [];
  let at = lo;
  for (const [from, to] of taken) {
    if (from > at) parts.push([at, from]);
    at = Math.max(at, to);
  }
  if (at < hi) parts.push([at, hi]);
  return parts.filter(([from, to]) => to - from >= 12);
}

/** Positions from `first` towards `last` (either direction) every LABEL_STEP, both ends included. */
function steps(first, last) {
  const out = [first];
  const dir = last >= first ? 1 : -1;
  for (let v = first + dir * LABEL_STEP; dir * (last - v) > 0; v += dir * LABEL_STEP) out.push(v);
  if (last !== first) out.push(last);
  return out;
}

/**
 * Spots beside one stretch [from, to] of a segment, for a label of `size`, `offset` away from the
 * line, starting at the end the flow enters the stretch from. `along` is the path length up to
 * the segment's start; each spot gets its distance from the flow's source.
 */
function spotsBeside(segment, [from, to], size, offset, along) {
  const { a, b } = segment;
  const spots = [];
  if (a.y === b.y) {
    const right = b.x >= a.x;
    const first = right ? from + 4 : to - 4 - size.width;
    const last = right ? Math.max(first, to - 4 - size.width) : Math.min(first, from + 4);
    for (const x of steps(first, last)) {
      const distance = along + Math.abs((right ? x : x + size.width) - a.x);
      const anchor = { x: x + size.width / 2, y: a.y };
      const above = { x, y: a.y - offset - size.height, ...size, distance, anchor, away: 'above' };
      const below = { x, y: a.y + offset, ...size, distance: distance + OTHER_SIDE_PENALTY, anchor, away: 'below' };
      above.between = { x, y: a.y - offset, width: size.width, height: offset };
      below.between = { x, y: a.y, width: size.width, height: offset };
      spots.push(above, below);
    }
  } else {
    // Beside a vertical stretch the label keeps clear of the bend it starts at, where a sibling
    // flow's horizontal line (and its label) usually runs on.
    const down = b.y >= a.y;
    const first = down ? from + BEND_CLEARANCE : to - BEND_CLEARANCE - size.height;
    const last = down ? Math.max(first, to - 4 - size.height) : Math.min(first, from + 4);
    for (const y of steps(first, last)) {
      const distance = along + Math.abs((down ? y : y + size.height) - a.y);
      const anchor = { x: a.x, y: y + size.height / 2 };
      const right = { x: a.x + offset, y, ...size, distance, anchor };
      const left = { x: a.x - offset - size.width, y, ...size, distance: distance + OTHER_SIDE_PENALTY, anchor };
      right.between = { x: a.x, y, width: offset, height: size.height };
      left.between = { x: a.x - offset, y, width: offset, height: size.height };
      spots.push(right, left);
    }
  }
  return spots;
}

/**
 * Whether another flow's horizontal line or label lies just above or below the label, where a
 * reader would take the label for that line's, or read the two labels as one.
 */
function facesForeign(c, boxes) {
  return boxes.some((b) => {
    if (b.x + b.width <= c.x || b.x >= c.x + c.width) return false;
    const below = b.y >= c.y + c.height;
    // Beside a horizontal line only the far side counts: the label's own line is nearer than
    // anything beyond it.
    if ((c.away === 'above' && below) || (c.away === 'below' && !below)) return false;
    const gap = below ? b.y - (c.y + c.height) : c.y - (b.y + b.height);
    return gap >= 0 && gap < FACING_GAP;
  });
}

function grow(box, by) {
  return { x: box.x - by, y: box.y - by, width: box.width + 2 * by, height: box.height + 2 * by };
}

function within(box, area) {
  return box.x >= area.x && box.y >= area.y && box.x + box.width <= area.x + area.width && box.y + box.height <= area.y + area.height;
}

/**
 * Labels a named flow near its source: beside the first stretch of its path that it does not
 * share with another flow (so the label cannot be read as another flow's), at the first spot
 * that stays inside the lane of the line it labels and keeps clear of shapes, labels and every
 * flow's segments. Narrower wrapping, then more distance from the line, are tried before going
 * much further along; as a last resort, stretches shared with other flows. When no spot is free
 * the label is marked `crowded`.
 */
function placeFlowLabel(edge, space) {
  const name = edge.element.name;
  if (!labelSize(name)) return null;
  const own = segmentsOf(edge);
  const sizes = [...new Map(LABEL_WIDTHS.map((w) => labelSize(name, w)).map((s) => [`${s.width}x${s.height}`, s])).values()];
  const candidates = [];
  let along = 0;
  for (const segment of own) {
    const length = Math.abs(segment.b.x - segment.a.x) + Math.abs(segment.b.y - segment.a.y);
    const whole = segment.a.y === segment.b.y
      ? [Math.min(segment.a.x, segment.b.x), Math.max(segment.a.x, segment.b.x)]
      : [Math.min(segment.a.y, segment.b.y), Math.max(segment.a.y, segment.b.y)];
    const parts = ownParts(segment, space.segments);
    sizes.forEach((size, rank) => {
      for (let farther = 0; farther <= FARTHER_STEPS; farther++) {
        const offset = LABEL_CLEARANCE + farther * FARTHER_STEP;
        const penalty = rank * NARROWER_PENALTY + farther * FARTHER_PENALTY;
        for (const part of parts) {
          for (const spot of spotsBeside(segment, part, size, offset, along)) candidates.push({ ...spot, score: spot.distance + penalty });
        }
        for (const spot of spotsBeside(segment, whole, size, offset, along)) candidates.push({ ...spot, score: spot.distance + penalty + SHARED_PENALTY });
      }
    });
    along += length;
  }
  const facing = [
    ...space.segments.filter((seg) => seg.flow !== edge.element && seg.a.y === seg.b.y).map((seg) => ({ x: Math.min(seg.a.x, seg.b.x), y: seg.a.y, width: Math.abs(seg.b.x - seg.a.x), height: 0 })),
    ...space.labels.filter((l) => l.flowLabel),
  ];
  for (const c of candidates) if (facesForeign(c, facing)) c.score += FACING_PENALTY;
  candidates.sort((p, q) => p.score - q.score);
  const free = ({ segments, labels }) => (c) =>
    space.areas.some((area) => within(c, area) && within({ ...c.anchor, width: 0, height: 0 }, area)) &&
    !space.obstacles.some((o) => overlaps(c, o, LABEL_MARGIN)) &&
    !space.labels.some((l) => overlaps(c, l, l.flowLabel ? labels : LABEL_MARGIN)) &&
    !space.segments.some((s) => segmentCrosses(s.a, s.b, grow(c, s.flow === edge.element ? OWN_SEGMENT_MARGIN : segments))) &&
    // Nothing may come between a label set off from its line and that line.
    !space.segments.some((s) => s.flow !== edge.element && segmentCrosses(s.a, s.b, c.between)) &&
    !space.labels.some((l) => overlaps(c.between, l));
  const found = CLEARANCES.reduce((hit, clearance) => hit ?? candidates.find(free(clearance)), undefined);
  const chosen = found ?? candidates[0];
  const label = { x: Math.round(chosen.x), y: Math.round(chosen.y), width: chosen.width, height: chosen.height, flowLabel: true };
  if (!found) label.crowded = true;
  return label;
}

/**
 * Labels each named edge (setting `edge.label`) in document order. `space` holds the shapes to
 * avoid (`obstacles`), the labels drawn so far (`labels`, which grows), every routed edge
 * (`routed`) and the lanes (`areas`) a label must stay inside.
 */
export function placeFlowLabels(edges, { obstacles, labels, routed, areas }) {
  const space = { obstacles, labels, areas, segments: routed.flatMap(segmentsOf) };
  for (const edge of edges) {
    const label = placeFlowLabel(edge, space);
    if (label) {
      edge.label = label;
      labels.push(label);
    }
  }
}
