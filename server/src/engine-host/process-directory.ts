import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Files of `processes/` that are deployed: models, decisions, forms and signposting data. */
const DEPLOYABLE = /\.(bpmn|bpmn20\.xml|dmn|form|json)$/i;

/** A folder starting with `_` holds pieces shared by every organisation (e.g. `_shared/` DASH). */
export const SHARED_PREFIX = '_';

export interface OrganisationResources {
  /** The folder name, which is the organisation's tenant id. */
  tenantId: string;
  resources: { name: string; content: string }[];
}

function readFolder(dir: string): { name: string; content: string }[] {
  return readdirSync(dir)
    .filter((name) => DEPLOYABLE.test(name))
    .sort()
    .map((name) => ({ name, content: readFileSync(join(dir, name), 'utf8') }));
}

/**
 * Reads `processes/`: one deployment per organisation folder (its tenant), each including the
 * shared folders' resources so that every organisation runs its own copy of shared pieces.
 */
export function readProcessDirectory(root: string): OrganisationResources[] {
  if (!existsSync(root)) return [];
  const folders = readdirSync(root)
    .filter((name) => statSync(join(root, name)).isDirectory())
    .sort();
  const shared = folders.filter((f) => f.startsWith(SHARED_PREFIX)).flatMap((f) => readFolder(join(root, f)));
  return folders
    .filter((f) => !f.startsWith(SHARED_PREFIX))
    .map((tenantId) => ({ tenantId, resources: [...shared, ...readFolder(join(root, tenantId))] }))
    .filter((o) => o.resources.length > 0);
}

/** The organisations (tenant ids) of `processes/`: its folders not starting with `_`. */
export function readOrganisationIds(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => !name.startsWith(SHARED_PREFIX) && statSync(join(root, name)).isDirectory())
    .sort();
}
