/**
 * What every browser test of the web app shares: the check that the designer build is current,
 * serving axe-core same-origin (the CSP allows only the app's own scripts), and axe's serious and
 * critical findings with every finding written next to the screenshots, and signing in with the
 * sign-in form.
 */
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../server/src/security/demo-directory';

const ROOT = join(__dirname, '../..');
/** Where `npm run build:designer` puts the web app the test server serves. */
export const DESIGNER_BUILD = join(ROOT, 'dist/designer/browser');
const AXE = require.resolve('axe-core/axe.min.js');
/** A same-origin URL the browser fetches axe-core from. */
const AXE_URL_PATH = '/__e2e__/axe.min.js';

/** Fails with what to run when the designer build is missing or older than its sources. */
export function assertDesignerBuilt(): void {
  const index = join(DESIGNER_BUILD, 'index.html');
  if (!existsSync(index)) throw new Error('The designer is not built (dist/designer/browser). Run `npm run build:designer` first.');
  const newest = (dir: string): number =>
    Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)));
  if (newest(join(ROOT, 'designer/src')) > statSync(index).mtimeMs + 1) {
    throw new Error('The designer build is older than designer/src. Run `npm run build:designer`.');
  }
}

/** Lets pages of `context` load axe-core from the app's own origin (see {@link seriousViolations}). */
export async function serveAxe(context: BrowserContext, baseUrl: string): Promise<void> {
  await context.route(`${baseUrl}${AXE_URL_PATH}`, (route) => route.fulfill({ path: AXE, contentType: 'text/javascript' }));
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core's serious and critical violations on the page as it is now, outside the `exclude`d
 * selectors (third-party drawing canvases, tested by their own projects); every finding
 * (moderate and minor too) is written to `<artifacts>/axe-<name>.json` for a person to read.
 */
export async function seriousViolations(page: Page, artifacts: string, name: string, exclude: string[] = []): Promise<string[]> {
  await page.addScriptTag({ url: AXE_URL_PATH });
  const violations: AxeViolation[] = await page.evaluate(async (excluded) => {
    const axe = (globalThis as unknown as { axe: { run(context: object, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const context = excluded.length > 0 ? { exclude: excluded.map((selector) => [selector]) } : { include: [['html']] };
    return (await axe.run(context, { resultTypes: ['violations'] })).violations;
  }, exclude);
  writeFileSync(join(artifacts, `axe-${name}.json`), JSON.stringify(violations, null, 2));
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * Signs `username` in with the sign-in form (the demo password unless given) and waits until the
 * page has landed on `path`; a refused sign-in fails with the server's status.
 */
export async function signInWithForm(page: Page, baseUrl: string, username: string, path = '/processes', password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/sign-in?returnUrl=${encodeURIComponent(path)}`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  const answered = page.waitForResponse((r) => r.url() === `${baseUrl}/api/session` && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const status = (await answered).status();
  if (status !== 200) throw new Error(`${username} could not sign in: ${status}`);
  await page.waitForURL(`${baseUrl}${path}`);
}
