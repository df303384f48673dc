/**
 * Standard shape sizes and the size of external labels as bpmn-js will draw them: 11px
 * "Arial, sans-serif", wrapped at 90px by diagram-js' text layout, 1.2 line height. bpmn-js keeps
 * a label's stored x, y and width and recomputes only its height from the wrapped text, so the
 * width given here decides the wrapping and the height must match what bpmn-js will compute.
 */

export const TASK = { width: 100, height: 80 };
export const EVENT = { width: 36, height: 36 };
export const GATEWAY = { width: 50, height: 50 };

/** Horizontal space between columns; flow jogs and flow labels live here. */
export const COLUMN_GAP = 150;
/** Vertical space between shapes stacked in one lane/column cell. */
export const STACK_GAP = 40;
/** Width of a lane's name strip on its left. */
export const LANE_HEADER = 30;
/** Gap between a shape and its external label. */
export const LABEL_GAP = 5;
/** Width at which bpmn-js wraps an external label by default. */
export const MAX_LABEL_WIDTH = 90;

/** bpmn-js' external label font size and line height (font size × 1.2). */
const LABEL_FONT_SIZE = 11;
const LINE_HEIGHT = 13.2;
/** bpmn-js draws a task's name inside it at 12px, 5px in from its sides. */
const TASK_FONT_SIZE = 12;
const TASK_TEXT_PADDING = 5;
/**
 * Lines of a task name that stay clear of boundary events on its bottom edge, and the widths a
 * task may take to get there.
 */
const TASK_MAX_LINES = 3;
const TASK_WIDTHS = [100, 120, 140, 160];
/** Room added to the widest line, so small font differences do not wrap a line again. */
const WIDTH_SLACK = 4;
/** Widths are scaled up by this much to stay on the safe side of kerning and hinting. */
const WIDTH_SAFETY = 1.03;
/**
 * Advance widths (px at 11px) of the printable ASCII characters, space to tilde, in DejaVu Sans:
 * the font a Linux browser draws "Arial" with when Arial is not installed. It is wider than Arial,
 * so a label sized with it also fits where Arial is drawn.
 */
const ASCII_WIDTHS = [
  3.5, 4.41, 5.06, 9.22, 7, 10.45, 8.58, 3.03, 4.29, 4.29, 5.5, 9.22, 3.5, 3.97, 3.5, 3.71, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 3.71,
  3.71, 9.22, 9.22, 9.22, 5.84, 11, 7.8, 7.55, 7.68, 8.47, 6.95, 6.33, 8.53, 8.27, 3.25, 3.25, 7.21, 6.13, 9.49, 8.23, 8.66,
  6.63, 8.66, 7.64, 6.98, 6.55, 8.05, 7.53, 10.88, 7.54, 6.72, 7.54, 4.29, 3.71, 4.29, 9.22, 5.5, 5.5, 6.74, 6.98, 6.05, 6.98,
  6.77, 3.79, 6.98, 6.97, 3.06, 3.06, 6.37, 3.06, 10.72, 6.97, 6.73, 6.98, 6.98, 4.35, 5.73, 4.31, 6.97, 6.51, 9, 6.51, 6.51,
  5.78, 7, 3.71, 7, 9.22,
];
/** Width assumed for any other character (accented letters, dashes): as wide as the widest letters. */
const OTHER_WIDTH = 11;
const SOFT_BREAK = '\u00AD';

/** Whether bpmn-js draws this element's name outside the shape (events, gateways, data). */
export function hasExternalLabel(element) {
  return element.$instanceOf('bpmn:Event') || element.$instanceOf('bpmn:Gateway');
}

export function isEvent(element) {
  return element.$instanceOf('bpmn:Event');
}

/**
 * The shape size for a flow node that is not an expanded subprocess. A task (or collapsed
 * subprocess, call activity) whose name would need more than three lines at the standard width
 * is made wider, so the name stays inside the box and clear of boundary events below it.
 */
export function sizeOf(element) {
  if (element.$instanceOf('bpmn:Event')) return { ...EVENT };
  if (element.$instanceOf('bpmn:Gateway')) return { ...GATEWAY };
  const name = String(element.name ?? '');
  const width = TASK_WIDTHS.find((w) => wrapLikeBpmnJs(name, w - 2 * TASK_TEXT_PADDING, TASK_FONT_SIZE).length <= TASK_MAX_LINES);
  return { ...TASK, width: width ?? TASK_WIDTHS[TASK_WIDTHS.length - 1] };
}

/** Estimated drawn width of one line of text at fontSize px (trailing white space is not measured). */
export function textWidth(text, fontSize = LABEL_FONT_SIZE) {
  let width = 0;
  for (const ch of text.replace(/\s+$/, '')) {
    const code = ch.charCodeAt(0);
    width += code >= 32 && code < 127 ? ASCII_WIDTHS[code - 32] : OTHER_WIDTH;
  }
  return width * WIDTH_SAFETY * (fontSize / LABEL_FONT_SIZE);
}

/** diagram-js' `semanticShorten`: the longest run of whole words (split at spaces and hyphens) under maxLength characters. */
function semanticShorten(line, maxLength) {
  const parts = line.split(/(\s|-|\u00AD)/g);
  const kept = [];
  let length = 0;
  if (parts.length > 1) {
    let part;
    while ((part = parts.shift())) {
      if (part.length + length < maxLength) {
        kept.push(part);
        length += part.length;
      } else {
        if (part === '-' || part === SOFT_BREAK) kept.pop();
        break;
      }
    }
  }
  if (kept[kept.length - 1] === SOFT_BREAK) kept[kept.length - 1] = '-';
  return kept.join('');
}

/**
 * The lines diagram-js' text layout breaks `text` (at fontSize px) into inside a box `boxWidth`
 * wide. It is not a greedy word wrap: it cuts a too-long line at the proportional number of
 * characters, at a word boundary if it can, and measures again.
 */
export function wrapLikeBpmnJs(text, boxWidth, fontSize = LABEL_FONT_SIZE) {
  const pending = String(text).split(/\u00AD?\r?\n/);
  const lines = [];
  while (pending.length) {
    const original = pending.shift();
    let line = original;
    for (;;) {
      const width = line ? textWidth(line, fontSize) : 0;
      if (line === ' ' || line === '' || width <= boxWidth || line.length < 2) break;
      const length = Math.max(line.length * (boxWidth / width), 1);
      line = semanticShorten(line, length) || line.slice(0, Math.max(Math.round(length - 1), 1));
    }
    if (line.length < original.length) pending.unshift(original.slice(line.length).trim());
    lines.push(line);
  }
  return lines;
}

/** Word-wraps text greedily at maxWidth; a word wider than maxWidth gets a line of its own. */
function greedyLines(text, maxWidth) {
  const lines = [];
  for (const paragraph of String(text).split(/\r?\n/)) {
    let line = '';
    for (const word of paragraph.trim().split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (line && textWidth(candidate) > maxWidth) {
        lines.push(line);
        line = word;
      } else line = candidate;
    }
    if (line) lines.push(line);
  }
  return lines;
}

/**
 * Bounds size of an external label wrapped at maxWidth, or null for an empty name. The width is
 * the widest greedy line plus a little room (or a little more when diagram-js would otherwise
 * wrap into more lines); the height is what bpmn-js computes for that width.
 */
export function labelSize(text, maxWidth = MAX_LABEL_WIDTH) {
  const name = String(text ?? '').trim();
  if (!name) return null;
  const greedy = greedyLines(name, maxWidth);
  const natural = Math.max(10, Math.ceil(Math.max(...greedy.map((line) => textWidth(line))) + WIDTH_SLACK));
  // diagram-js may break earlier than the greedy wrap; a little more width can avoid that.
  const options = [natural, Math.max(natural, maxWidth + WIDTH_SLACK)].map((width) => ({
    width,
    lines: Math.max(greedy.length, wrapLikeBpmnJs(String(text), width).length),
  }));
  const best = options[1].lines < options[0].lines ? options[1] : options[0];
  return { width: best.width, height: Math.ceil(best.lines * LINE_HEIGHT) };
}
