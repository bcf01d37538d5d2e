// Runs a script in a fresh Node process: for what is per process (which libraries are loaded, the GC,
// page faults, OpenBLAS's threads) and for code that must not share jest's realm.

import { spawnSync } from 'node:child_process';

/**
 * Runs `script` (CommonJS; withModule wraps a body that awaits) with
 * `node [nodeArgs] -e`; returns what it printed, parsed as JSON. Throws with the child's stderr when it
 * fails or prints nothing, so a failing child shows why.
 */
export function inNode(script: string, options: { env?: NodeJS.ProcessEnv; nodeArgs?: readonly string[] } = {}): unknown {
  const r = spawnSync(process.execPath, [...(options.nodeArgs ?? []), '-e', script],
    { encoding: 'utf8', env: { ...process.env, ...options.env } });
  if (r.status !== 0 || r.stdout.trim() === '') throw new Error(`node exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** `body` run inside an async function, with `m` the module at `dir` (a rejection fails the process). */
export function withModule(dir: string, body: string): string {
  return `const m = require(${JSON.stringify(dir)});
    (async () => { ${body} })().catch((e) => { console.error(e); process.exit(1); });`;
}
