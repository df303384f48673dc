/**
 * A light, browser-safe shape check of a condition: FEEL written `=…` or one JUEL-style
 * `${…}` / `#{…}`, not empty, strings closed, brackets balanced and matched. It parses nothing;
 * the engine's deploy check does the full parse.
 */

const PAIRS = { '(': ')', '[': ']', '{': '}' };
const CLOSERS = new Set([')', ']', '}']);

/** Scans `text` from `start`; returns the index where depth drops below 0 on `stopAt`, or an error. */
function scan(text, start, quotes, stopAt) {
  const open = [];
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (quotes.includes(c)) {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) return { error: `string opened with ${c} is not closed` };
      i = j;
    } else if (PAIRS[c]) open.push(c);
    else if (CLOSERS.has(c)) {
      if (!open.length) {
        if (c === stopAt) return { end: i };
        return { error: `unexpected '${c}'` };
      }
      const last = open.pop();
      if (PAIRS[last] !== c) return { error: `'${last}' is closed by '${c}'` };
    }
  }
  if (open.length) return { error: `'${open[open.length - 1]}' is not closed` };
  return { end: text.length };
}

/** Returns a message describing what is wrong with a condition's text, or null when it looks right. */
function checkConditionShape(raw) {
  const text = String(raw || '').trim();
  if (!text) return 'the condition is empty';
  if (text.startsWith('=')) {
    const body = text.slice(1).trim();
    if (!body) return 'the FEEL condition after = is empty';
    // FEEL strings are double-quoted; a ' may be part of a name.
    const result = scan(body, 0, ['"'], null);
    return result.error || null;
  }
  if (text.startsWith('${') || text.startsWith('#{')) {
    const result = scan(text, 2, ['"', "'"], '}');
    if (result.error) return result.error;
    if (result.end >= text.length) return `'${text.slice(0, 2)}' is not closed by '}'`;
    if (!text.slice(2, result.end).trim()) return 'the expression inside ${…} is empty';
    if (result.end !== text.length - 1) return 'a condition is one expression: nothing may follow the closing }';
    return null;
  }
  return 'a condition is FEEL starting with = (e.g. =riskLevel = "high") or an expression ${…}';
}

module.exports = { checkConditionShape };
