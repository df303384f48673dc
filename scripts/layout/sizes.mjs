/**
 * Standard shape sizes and an estimate of label sizes (bpmn-js draws labels in 11px Arial,
 * wrapped at 90px for external labels).
 */

export const TASK = { width: 100, height: 80 };
export const EVENT = { width: 36, height: 36 };
export const GATEWAY = { width: 50, height: 50 };

/** Horizontal space between columns; flow jogs and flow labels live here. */
export const COLUMN_GAP = 150;
/** Vertical space between shapes stacked in one lane/column cell. */
export const STACK_GAP = 40;
/** Gap between a shape and its external label. */
export const LABEL_GAP = 5;

const CHAR_WIDTH = 6.2;
const LINE_HEIGHT = 14;
const MAX_LABEL_WIDTH = 90;

/** Whether bpmn-js draws this element's name outside the shape (events, gateways, data). */
export function hasExternalLabel(element) {
  return element.$instanceOf('bpmn:Event') || element.$instanceOf('bpmn:Gateway');
}

export function isEvent(element) {
  return element.$instanceOf('bpmn:Event');
}

/** The shape size for a flow node that is not an expanded subprocess. */
export function sizeOf(element) {
  if (element.$instanceOf('bpmn:Event')) return { ...EVENT };
  if (element.$instanceOf('bpmn:Gateway')) return { ...GATEWAY };
  return { ...TASK };
}

/** Estimated bounds size of a wrapped label, or null for an empty name. */
export function labelSize(text, maxWidth = MAX_LABEL_WIDTH) {
  const words = String(text ?? '').trim().split(/\s+/).filter(Boolean);
  if (!words.length) return null;
  const lines = [];
  let line = '';
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && candidate.length * CHAR_WIDTH > maxWidth) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  lines.push(line);
  const width = Math.ceil(Math.min(maxWidth, Math.max(...lines.map((l) => l.length * CHAR_WIDTH))));
  return { width: Math.max(width, 10), height: lines.length * LINE_HEIGHT };
}
