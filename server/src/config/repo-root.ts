import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const PACKAGE_NAME = 'safepath';

/**
 * The repository root: the nearest folder above `startDir` whose package.json is Safepath's.
 * Works both from the TypeScript sources (jest) and from dist/server/... (npm start).
 * Falls back to the current working directory when no such folder is found.
 */
export function findRepoRoot(startDir: string = __dirname): string {
  let dir = startDir;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && readPackageName(manifest) === PACKAGE_NAME) {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) {
      return process.cwd();
    }
    dir = parent;
  }
}

function readPackageName(manifest: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'name' in parsed && typeof parsed.name === 'string') {
      return parsed.name;
    }
  } catch {
    // An unreadable manifest is not ours; keep walking up.
  }
  return undefined;
}
