// The prebuilt bridgegen/linalg that the bridgegen package ships (run by `npm pack` through
// scripts/prebuild-linalg.js): an N-API-only build, so it loads in every Node, copied stripped to
// linalg/prebuilds/<platform>-<arch>/_linalg.node beside the api.json it was built with. Its
// types (linalg/build/api.d.ts, _linalg/index.d.ts) ship too: linalg/index.d.ts reads them.
//
// Not kept in git (10 MB a platform): CI builds linalg/build N-API only (.ci/run), so this is a
// copy there. A developer's linalg/build uses V8's type test, so it is left alone and an N-API
// one is built in a temporary folder (minutes).

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Progress } from '../build/progress';
import { ToolchainError } from '../diag/diagnostic';
import { buildLinalg, defaultOutDir, MODULE_NAME } from './build';

function isNapiOnly(outDir: string): boolean {
  try {
    return (JSON.parse(fs.readFileSync(path.join(outDir, 'api.json'), 'utf8')) as { napiOnly?: boolean }).napiOnly === true;
  } catch {
    return false;
  }
}

/** Copies an N-API-only build into `target` (prebuilds/<platform>-<arch>/), stripped. */
function copyPrebuild(outDir: string, target: string): string {
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  const binary = path.join(target, `${MODULE_NAME}.node`);
  fs.copyFileSync(path.join(outDir, MODULE_NAME, 'build', 'Release', `${MODULE_NAME}.node`), binary);
  fs.copyFileSync(path.join(outDir, 'api.json'), path.join(target, 'api.json'));
  const strip = spawnSync('strip', ['--strip-all', binary], { encoding: 'utf8' });
  if (strip.status !== 0) throw new ToolchainError(`cannot strip ${binary}`, strip.stderr ?? String(strip.error));
  return binary;
}

/** The types of a build elsewhere, into linalg/build/ where linalg/index.d.ts finds them. */
function copyTypes(from: string, outDir: string): void {
  for (const file of ['api.d.ts', path.join(MODULE_NAME, 'index.d.ts')]) {
    fs.mkdirSync(path.dirname(path.join(outDir, file)), { recursive: true });
    fs.copyFileSync(path.join(from, file), path.join(outDir, file));
  }
}

/** Builds (or reuses) an N-API-only bridgegen/linalg and places it in linalg/prebuilds/; returns the binary. */
export async function prebuildLinalg(progress: Progress): Promise<string> {
  const outDir = defaultOutDir();
  const reuse = isNapiOnly(outDir) || !fs.existsSync(path.join(outDir, 'api.json'));
  const from = reuse ? outDir : fs.mkdtempSync(path.join(os.tmpdir(), 'bridgegen-linalg-prebuild-'));
  // The build files read it when node-gyp configures; bridgegen's input stamp includes it.
  process.env.BRIDGEGEN_NO_V8_TYPE_TEST = '1';
  try {
    await buildLinalg({ outDir: from }, progress);
    if (!reuse) copyTypes(from, outDir);
    return copyPrebuild(from, path.join(path.dirname(outDir), 'prebuilds', `${process.platform}-${process.arch}`));
  } finally {
    if (!reuse) fs.rmSync(from, { recursive: true, force: true });
  }
}
