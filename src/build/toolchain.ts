// Finds the tools a build uses, all local: Node's headers (never downloaded), node-gyp or cmake-js, and the
// packages a generated addon compiles against (node-addon-api) and installs with (node-gyp-build).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { ToolchainError } from '../diag/diagnostic';

/** The folder whose include/node has Node's headers: $npm_config_nodedir, else Node's own prefix. */
export function nodeDir(): string {
  const candidates = [process.env.npm_config_nodedir, path.dirname(path.dirname(process.execPath))];
  for (const dir of candidates) {
    if (dir && fs.existsSync(path.join(dir, 'include', 'node', 'node_api.h'))) return dir;
  }
  throw new ToolchainError(
    'Node.js headers not found',
    `looked for include/node/node_api.h under ${candidates.filter(Boolean).join(', ')}; ` +
      'install them (Debian: apt-get install libnode-dev) or set npm_config_nodedir',
  );
}

/** The folder of an installed package that bridgegen depends on. */
export function packageDir(name: string): string {
  return path.dirname(require.resolve(`${name}/package.json`));
}

export function nodeGypScript(): string {
  return path.join(packageDir('node-gyp'), 'bin', 'node-gyp.js');
}

export function cmakeJsScript(): string {
  return path.join(packageDir('cmake-js'), 'bin', 'cmake-js');
}

/**
 * `-fuse-ld=gold` when GNU gold is on the PATH, where GCC looks for it: it links a small module
 * in ~0.1 s, half of what the default ld.bfd takes (issue 8). Elsewhere nothing: the default linker.
 */
export function fastLinker(): string[] {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  return dirs.some((dir) => fs.existsSync(path.join(dir, 'ld.gold'))) ? ['-fuse-ld=gold'] : [];
}

/** The root of the bridgegen package (holds native/). */
export function bridgegenRoot(): string {
  return path.resolve(__dirname, '..', '..');
}

export function bridgegenVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(bridgegenRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

export function installedVersion(name: string): string {
  return (JSON.parse(fs.readFileSync(path.join(packageDir(name), 'package.json'), 'utf8')) as { version: string }).version;
}
