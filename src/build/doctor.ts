// `bridgegen doctor`: what the toolchain has, each with how to fix what is missing. Reads the
// machine only; builds nothing.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheRoot, pchReady } from './runtime-pch';
import { bridgegenRoot, installedVersion, nodeDir } from './toolchain';
import { plainCachePlan } from './warm-cache';

export interface Check {
  readonly name: string;
  readonly ok: boolean;
  /** What was found, or what is missing. */
  readonly detail: string;
  /** How to fix it, when not ok. */
  readonly fix?: string;
  /** Needed only by an option (CMake by `--build-system cmake`): missing, it does not fail doctor. */
  readonly optional?: boolean;
}

function firstLine(command: string, args: readonly string[]): string | undefined {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  if (r.error || r.status !== 0) return undefined;
  return (r.stdout || r.stderr).split('\n')[0]?.trim();
}

function tool(name: string, command: string, fix: string): Check {
  const version = firstLine(command, ['--version']);
  return version ? { name, ok: true, detail: version } : { name, ok: false, detail: `${command} not found`, fix };
}

function nodeHeaders(): Check {
  try {
    const dir = nodeDir();
    return { name: 'Node.js headers', ok: true, detail: path.join(dir, 'include', 'node') };
  } catch (err) {
    return { name: 'Node.js headers', ok: false, detail: (err as Error).message, fix: 'apt-get install libnode-dev, or set npm_config_nodedir' };
  }
}

function library(name: string, packages: readonly string[], fix: string): Check {
  for (const pkg of packages) {
    const version = firstLine('pkg-config', ['--modversion', pkg]);
    if (version) {
      const libdir = firstLine('pkg-config', ['--variable=libdir', pkg]) ?? '';
      return { name, ok: true, detail: `${pkg} ${version}${libdir ? ` (${libdir})` : ''}` };
    }
  }
  return { name, ok: false, detail: `none of ${packages.join(', ')} found by pkg-config`, fix };
}

function packageVersion(name: string): Check {
  try {
    return { name, ok: true, detail: installedVersion(name) };
  } catch {
    return { name, ok: false, detail: 'not installed', fix: 'npm install (bridgegen depends on it)' };
  }
}

/**
 * Where builds keep the precompiled runtime header and runtime object (runtime-pch.ts), and whether
 * the entry of a build without options is made: without it builds are only slower (a first cold
 * build ~4x: bench, build).
 */
function headerCache(): Check {
  const root = cacheRoot();
  const name = 'Build cache';
  if (!root) return { name, ok: true, detail: 'off (BRIDGEGEN_NO_CACHE)', optional: true };
  const pch = path.join(root, 'pch');
  const entries = fs.existsSync(pch) ? fs.readdirSync(pch).filter((n) => !n.startsWith('.')).length : 0;
  try {
    fs.mkdirSync(root, { recursive: true });
    fs.accessSync(root, fs.constants.W_OK);
  } catch {
    return { name, ok: false, detail: `${root} is not writable`, fix: 'set BRIDGEGEN_CACHE_DIR to a writable folder', optional: true };
  }
  const detail = `${root} (${entries} precompiled runtime header${entries === 1 ? '' : 's'})`;
  const plain = plainCachePlan();
  if ('why' in plain) return { name, ok: true, detail: `${detail}; unused: ${plain.why}`, optional: true };
  if (pchReady(plain.plan.entry)) return { name, ok: true, detail: `${detail}; ready for builds without options`, optional: true };
  return {
    name, ok: false, optional: true,
    detail: `${detail}; none yet for builds without options: the first one compiles the runtime itself (~4x slower) and makes it`,
    fix: `node ${path.join(bridgegenRoot(), 'dist', 'build', 'warm-cache.js')} (npm install runs it; ~10 s)`,
  };
}

export function runDoctor(): Check[] {
  const debian = fs.existsSync('/etc/debian_version');
  const apt = (pkgs: string) => (debian ? `apt-get install ${pkgs}` : `install ${pkgs} with your package manager`);
  return [
    { name: 'Node.js', ok: true, detail: `${process.version}, N-API ${process.versions.napi}, ABI ${process.versions.modules}` },
    nodeHeaders(),
    tool('Fortran compiler', process.env.FC || 'gfortran', apt('gfortran')),
    tool('C compiler', process.env.CC || 'cc', apt('gcc')),
    tool('C++ compiler', process.env.CXX || 'c++', apt('g++')),
    tool('make', 'make', apt('make')),
    tool('Python (for node-gyp)', 'python3', apt('python3')),
    packageVersion('node-gyp'),
    packageVersion('cmake-js'),
    { ...tool('CMake (--build-system cmake)', 'cmake', apt('cmake')), optional: true },
    packageVersion('node-addon-api'),
    headerCache(),
    library('BLAS', ['openblas', 'blas'], apt('libopenblas-dev')),
    library('LAPACK', ['lapack', 'openblas'], apt('liblapack-dev')),
  ];
}

export function renderDoctor(checks: readonly Check[]): string {
  const width = Math.max(...checks.map((c) => c.name.length));
  return checks
    .map((c) => `${c.ok ? 'ok     ' : 'MISSING'} ${c.name.padEnd(width)}  ${c.detail}${c.fix ? `\n        ${' '.repeat(width)}  fix: ${c.fix}` : ''}`)
    .join('\n');
}
