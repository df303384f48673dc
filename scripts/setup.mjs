#!/usr/bin/env node
/**
 * `npm run setup`: everything a fresh Debian machine with Node 20 needs before `npm start`.
 *
 * 1. Checks the Node version.
 * 2. Installs redis-server with apt-get when it is missing (as root, or with password-less sudo);
 *    elsewhere it says what to install.
 * 3. `npm ci` (falls back to `npm install` when the lock file is rejected), with IBM telemetry off.
 * 4. Builds the server (dist/server) and the designer (dist/designer/browser).
 * 5. Applies migrations: to DATABASE_URL when set, else to the embedded PostgreSQL under ./data.
 *
 * Flags: --skip-install (no apt-get, no npm ci), --skip-build, --skip-migrate.
 * Uses Node built-ins only: it runs before node_modules exists.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const flags = new Set(process.argv.slice(2));
const env = {
  ...process.env,
  IBM_TELEMETRY_DISABLED: 'true', // @carbon postinstall otherwise leaves telemetry processes running
  NG_CLI_ANALYTICS: 'false',
  DEBIAN_FRONTEND: 'noninteractive',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
};
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const started = Date.now();

function say(message) {
  console.log(`[setup] ${message}`);
}

function warn(message) {
  console.warn(`[setup] WARNING: ${message}`);
}

function fail(message) {
  console.error(`[setup] FAILED: ${message}`);
  process.exit(1);
}

/** Runs a command with inherited output; returns true when it exits with 0. */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit', shell: process.platform === 'win32', ...options });
  if (result.error) {
    warn(`${command} could not be started: ${result.error.message}`);
    return false;
  }
  return result.status === 0;
}

function step(title, action) {
  const begin = Date.now();
  say(`${title}…`);
  action();
  say(`${title}: done in ${((Date.now() - begin) / 1000).toFixed(1)} s`);
}

function onPath(command) {
  const folders = (process.env.PATH ?? '').split(delimiter).concat(['/usr/sbin', '/sbin', '/usr/bin']);
  return folders.some((folder) => folder !== '' && existsSync(join(folder, command)));
}

/** A prefix that runs a command as root: nothing when we are root, `sudo -n` when that works, else undefined. */
function rootPrefix() {
  if (process.getuid?.() === 0) {
    return [];
  }
  if (onPath('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0) {
    return ['sudo', '-n'];
  }
  return undefined;
}

function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    fail(`Node ${process.versions.node} is too old; Safepath needs Node 20.19 or newer.`);
  }
}

function ensureRedis() {
  if (onPath('redis-server')) {
    say('redis-server is installed');
    return;
  }
  const hint = process.env.REDIS_URL
    ? 'REDIS_URL is set, so npm start will use that server instead.'
    : 'Install it (Debian/Ubuntu: apt-get install -y redis-server; macOS: brew install redis) or set REDIS_URL.';
  const prefix = rootPrefix();
  if (!onPath('apt-get') || prefix === undefined) {
    warn(`redis-server is not installed and cannot be installed automatically. ${hint}`);
    return;
  }
  step('Installing redis-server with apt-get', () => {
    const [sudo, ...sudoArgs] = prefix;
    const asRoot = (args) => (sudo ? run(sudo, [...sudoArgs, ...args]) : run(args[0], args.slice(1)));
    if (!asRoot(['apt-get', 'update']) || !asRoot(['apt-get', 'install', '-y', '--no-install-recommends', 'redis-server'])) {
      warn(`apt-get could not install redis-server. ${hint}`);
    }
  });
}

function installPackages() {
  step('Installing npm packages', () => {
    if (run(npm, ['ci'])) {
      return;
    }
    // npm 11 can reject a lock file made where some platform binaries were unavailable.
    warn('npm ci failed; retrying with npm install');
    if (!run(npm, ['install'])) {
      fail('npm install failed (see the npm output above).');
    }
  });
}

function build() {
  step('Building the server', () => {
    if (!run(npm, ['run', 'build:server'])) fail('the server build failed.');
  });
  step('Building the designer', () => {
    if (!run(npm, ['run', 'build:designer'])) fail('the designer build failed.');
  });
}

function migrate() {
  const target = process.env.DATABASE_URL ? 'DATABASE_URL' : 'the embedded PostgreSQL in ./data';
  step(`Applying migrations to ${target}`, () => {
    if (!run(npm, ['run', 'migrate'])) fail('migrations failed (see above).');
  });
}

checkNode();
if (!flags.has('--skip-install')) {
  ensureRedis();
  installPackages();
}
if (!flags.has('--skip-build')) {
  build();
}
if (!flags.has('--skip-migrate')) {
  migrate();
}
say(`Set-up complete in ${((Date.now() - started) / 1000).toFixed(0)} s. Start Safepath with: npm start`);
