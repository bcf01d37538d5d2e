// Fills the runtime cache (runtime-pch.ts) at install time, so that a user's first build is
// already as fast as every later one: bridgegen's npm install script (linalg/install.js) and
// scripts/setup.sh run
//   node dist/build/warm-cache.js
// which makes the entry of a build without options (no --cflags, no sanitizer), the one
// `bridgegen mylib.f90` looks for, unless it is there. Without it (npm install --ignore-scripts,
// pnpm, another compiler) the first build compiles header-only and makes the entry afterwards.

import * as path from 'node:path';
import type { NativeBuild } from '../emit/build/binding-gyp';
import { addonFlags, directBuildSupported } from './addon-flags';
import { runCommand } from './commands';
import { type RuntimeCachePlan, runtimeCachePlan } from './runtime-cache';
import { cacheRoot, finishPch, pchUsable, stagePch } from './runtime-pch';
import { bridgegenRoot, nodeDir, packageDir } from './toolchain';

export type WarmResult =
  | { readonly state: 'ready' | 'made'; readonly dir: string }
  | { readonly state: 'busy' | 'failed'; readonly dir: string; readonly output?: string }
  | { readonly state: 'off'; readonly why: string };

/** The build of a module given no options: only its flags matter here (addon-flags.ts). */
function plainBuild(): NativeBuild {
  return { moduleName: 'bridgegen', fortranSources: [], cSources: [], libraries: [], libraryDirs: [], includeDirs: [],
    fflags: [], cflags: [], sanitize: process.env.BRIDGEGEN_SANITIZE ?? '' };
}

/** The plan of the entry a build without options uses, or why such builds use none. */
export function plainCachePlan(): { readonly plan: RuntimeCachePlan } | { readonly why: string } {
  if (!directBuildSupported()) return { why: `bridgegen builds through node-gyp on ${process.platform}` };
  if (!cacheRoot()) return { why: 'BRIDGEGEN_NO_CACHE is set' };
  const b = plainBuild();
  const cxx = process.env.CXX || 'g++';
  const flags = addonFlags(b, nodeDir(), packageDir('node-addon-api'), '', bridgegenRoot());
  const plan = runtimeCachePlan(cxx, flags, b.cflags, path.join(bridgegenRoot(), 'native', 'include', 'bridgegen'));
  return plan ? { plan } : { why: `${cxx} is not GCC (or not found): the cache holds GCC's precompiled header` };
}

/** Makes the entry a build without options uses, unless it is there or being made; the two compiles run at once. */
export async function warmRuntimeCache(): Promise<WarmResult> {
  const plain = plainCachePlan();
  if ('why' in plain) return { state: 'off', why: plain.why };
  const { plan } = plain;
  const { entry } = plan;
  if (pchUsable(entry)) return { state: 'ready', dir: entry.dir };
  const staged = stagePch(entry, plan.headers, plan.runtimeSource);
  if (!staged) return { state: 'busy', dir: entry.dir };
  let output = '';
  const made = await finishPch(staged, entry, async () => {
    const results = await Promise.all(plan.steps(staged).map((step) => runCommand(step.command, step.args, staged.dir)));
    output = results.map((r) => r.output).join('');
    return results.every((r) => r.ok);
  });
  return made ? { state: 'made', dir: entry.dir } : { state: 'failed', dir: entry.dir, output };
}

/** One line for the install log. */
export function describeWarm(r: WarmResult): string {
  switch (r.state) {
    case 'ready': return `bridgegen: the runtime cache is ready (${r.dir})`;
    case 'made': return `bridgegen: compiled the runtime cache for fast builds (${r.dir})`;
    case 'busy': return `bridgegen: the runtime cache is being made by another process (${r.dir})`;
    case 'failed': return `bridgegen: warning: could not fill the runtime cache (${r.dir}); builds still work, the first one is slower\n${r.output ?? ''}`.trimEnd();
    case 'off': return `bridgegen: no runtime cache: ${r.why}`;
  }
}

if (require.main === module) {
  // Never fails the install: without the cache, builds work and the first one makes it.
  warmRuntimeCache()
    .then((r) => console.log(describeWarm(r)))
    .catch((err: Error) => console.log(`bridgegen: warning: could not fill the runtime cache: ${err.message}`));
}
