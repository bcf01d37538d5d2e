// Test helpers: build real Fortran into a fresh temporary package with the library API, and
// run the CLI as a user would.

import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze, buildPackage, DEFAULT_OPTIONS, silentProgress } from '../../src';
import type { BuildOptions } from '../../src/pipeline/options';

export const ROOT = path.resolve(__dirname, '..', '..');

export function fixture(name: string): string {
  return path.join(ROOT, 'fortran', 'tests', name);
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `bridgegen-${prefix}-`));
}

/** Builds `files` into a new package and returns its folder. */
export async function buildModule(name: string, files: readonly string[], libraries: readonly string[] = [], extra: Partial<BuildOptions> = {}): Promise<string> {
  const out = path.join(tempDir(name), name);
  const options = { ...DEFAULT_OPTIONS, files, name, out, libraries, ...extra };
  await buildPackage(analyze(options), options, silentProgress);
  return out;
}

/** Every end-to-end fixture that compiles on its own: one module covering every argument kind. */
export const ALL_FIXTURES = ['calls_free.f90', 'calls_fixed.f', 'types.f90', 'strings.f90', 'char_arrays.f90',
  'callbacks.f90', 'modern.f90', 'checks.f90', 'shapes.f90', 'kinds.f90'];

/**
 * Like buildModule, but into a fixed folder under the temporary directory, so test files that
 * need the same module build it once: bridgegen's input stamp makes the rebuild a no-op.
 */
export async function sharedModule(name: string, files: readonly string[], libraries: readonly string[] = []): Promise<string> {
  const sanitize = process.env.BRIDGEGEN_SANITIZE ? `-${process.env.BRIDGEGEN_SANITIZE.replace(/\W/g, '_')}` : '';
  const out = path.join(os.tmpdir(), `bridgegen-shared-${os.userInfo().uid}${sanitize}`, name);
  const options = { ...DEFAULT_OPTIONS, files, name, out, libraries };
  try {
    await buildPackage(analyze(options), options, silentProgress);
  } catch {
    // Another jest worker replaced the folder at the same moment: its build is as good as ours.
    await buildPackage(analyze(options), options, silentProgress);
  }
  return out;
}

/** Runs `bridgegen ARGS` (the built CLI) in `cwd`. */
export function cli(args: readonly string[], cwd = ROOT): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [path.join(ROOT, 'bin', 'bridgegen.js'), ...args], { cwd, encoding: 'utf8' });
}
