/**
 * Names for candidate groups (the roles process models name, e.g. `tc_cho`), for the designer's
 * role picker and the procedure document. In order of preference:
 *
 * 1. the demo directory: a group held by exactly one demo person of the organisation, and that
 *    person's first group, is named after the person's display name (`tc_cho` → "Community
 *    Housing Officer");
 * 2. the name of a lane `lane_<group>` in the organisation's deployed processes (the shortest,
 *    without a bracketed note: "Staff member receiving the disclosure");
 * 3. the id made readable: the organisation's prefix dropped, underscores as spaces
 *    (`tc_housing_manager` → "Housing manager").
 */
import { ORGANISATIONS } from '../security/demo-directory';

/** The demo directory's names for the organisation's groups (rule 1). */
export function demoGroupLabels(tenantId: string): Map<string, string> {
  const users = ORGANISATIONS.find((o) => o.id === tenantId)?.users ?? [];
  const holders = new Map<string, number>();
  for (const user of users) for (const group of new Set(user.groups)) holders.set(group, (holders.get(group) ?? 0) + 1);
  const labels = new Map<string, string>();
  for (const user of users) {
    const primary = user.groups[0];
    if (primary !== undefined && holders.get(primary) === 1) labels.set(primary, user.displayName);
  }
  return labels;
}

/** The username prefix of the organisation's demo people (`tc` for `tc.cho`), which group ids start with. */
function organisationPrefixes(tenantId: string): string[] {
  const users = ORGANISATIONS.find((o) => o.id === tenantId)?.users ?? [];
  return [...new Set(users.map((u) => u.username.split('.')[0]))];
}

/** Rule 3: `tc_housing_manager` → "Housing manager". */
export function humaniseGroupId(id: string, prefixes: readonly string[] = []): string {
  let words = id.split(/[_\-\s.]+/).filter((w) => w !== '');
  if (words.length > 1 && prefixes.includes(words[0].toLowerCase())) words = words.slice(1);
  const text = words.join(' ').toLowerCase();
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : id;
}

/** Rule 2's candidate: a lane name without its bracketed note. */
function laneLabel(name: string): string {
  return name.replace(/\s*\([^)]*\)\s*/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Builds the labeller of one organisation from its lanes (`lane id → name` over its deployed processes). */
export function roleLabeller(tenantId: string, lanes: readonly { id: string; name: string | null }[]): (groupId: string) => string {
  const demo = demoGroupLabels(tenantId);
  const fromLanes = new Map<string, string>();
  for (const lane of lanes) {
    if (!lane.name || !lane.id.startsWith('lane_')) continue;
    const group = lane.id.slice('lane_'.length);
    const label = laneLabel(lane.name);
    const known = fromLanes.get(group);
    if (label && (known === undefined || label.length < known.length)) fromLanes.set(group, label);
  }
  const prefixes = organisationPrefixes(tenantId);
  return (groupId) => demo.get(groupId) ?? fromLanes.get(groupId) ?? humaniseGroupId(groupId, prefixes);
}
