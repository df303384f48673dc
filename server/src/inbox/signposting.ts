/**
 * An organisation's signposting data (`processes/<organisation>/signposting.json`, deployed with
 * its models): helplines, numbers and addresses exactly as the source gives them. A step names
 * the entries it needs in its `safepath.signposting` property (space-separated keys); the task
 * page shows those entries in that order. See processes/README.md.
 */

export interface SignpostingContact {
  kind: string;
  value: string;
}

export interface SignpostingEntry {
  key: string;
  name: string;
  contacts: SignpostingContact[];
  source: string | null;
  reviewNote: string | null;
}

/** One entry as the task page shows it: every contact of a kind joined, the review note as notes. */
export interface SignpostingView {
  key: string;
  name: string;
  phone?: string;
  web?: string;
  address?: string;
  email?: string;
  notes?: string;
  source: string | null;
}

/** The entries of a `signposting.json` (nothing when it is not one). */
export function readSignposting(text: string): SignpostingEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  const entries = (parsed as { entries?: unknown })?.entries;
  if (!Array.isArray(entries)) return [];
  return entries
    .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null && typeof (e as { key?: unknown }).key === 'string')
    .map((e) => ({
      key: String(e.key),
      name: typeof e.name === 'string' ? e.name : String(e.key),
      contacts: (Array.isArray(e.contacts) ? e.contacts : [])
        .filter((c): c is Record<string, unknown> => typeof c === 'object' && c !== null)
        .map((c) => ({ kind: String(c.kind ?? ''), value: String(c.value ?? '') })),
      source: typeof e.source === 'string' ? e.source : null,
      reviewNote: typeof e.reviewNote === 'string' ? e.reviewNote : null,
    }));
}

const KINDS = ['phone', 'web', 'address', 'email'] as const;

/** The entries a step names, in its order; keys without an entry are left out. */
export function signpostingFor(keys: readonly string[], entries: readonly SignpostingEntry[]): SignpostingView[] {
  const byKey = new Map(entries.map((e) => [e.key, e]));
  return keys
    .map((key) => byKey.get(key))
    .filter((e): e is SignpostingEntry => e !== undefined)
    .map((entry) => {
      const view: SignpostingView = { key: entry.key, name: entry.name, source: entry.source };
      for (const kind of KINDS) {
        const values = entry.contacts.filter((c) => c.kind === kind).map((c) => c.value);
        if (values.length) view[kind] = values.join(' or ');
      }
      const other = entry.contacts.filter((c) => !(KINDS as readonly string[]).includes(c.kind)).map((c) => `${c.kind}: ${c.value}`);
      const notes = [...other, ...(entry.reviewNote ? [entry.reviewNote] : [])];
      if (notes.length) view.notes = notes.join('; ');
      return view;
    });
}
