// The back half of the pipeline: IR -> package files -> compiled addon, replacing the output
// folder atomically. `generate` stops before compiling (`bridgegen gen`).

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Analysis } from '../pipeline/analyze';
import type { BuildOptions } from '../pipeline/options';
import { directBuildSupported } from './addon-flags';
import { compileSteps, runBuildTool } from './build-tool';
import { buildDirect } from './direct-build';
import { checkReplaceable, isUpToDate, replaceAtomically, STAMP_FILE, stampOf } from './output-dir';
import { type PackageFile, packageFiles, packageLayout, writePackageFiles } from './package-files';
import type { Progress } from './progress';
import { nodeDir } from './toolchain';

export interface BuildResult {
  readonly dir: string;
  /** True when nothing changed since the last build, so nothing was compiled. */
  readonly upToDate: boolean;
}

export function outputDir(analysis: Analysis, options: BuildOptions): string {
  return path.resolve(options.out ?? analysis.moduleName);
}

/** Builds the package; returns without compiling when the stamp says nothing changed. */
export async function buildPackage(analysis: Analysis, options: BuildOptions, progress: Progress): Promise<BuildResult> {
  const dir = outputDir(analysis, options);
  const { files, build } = packageLayout(analysis, options);
  const addon = path.join('build', 'Release', `${analysis.moduleName}.node`);
  const stamp = stampOf(files, {
    options: { ...options, files: undefined, out: undefined },
    node: process.versions.modules,
    nodeDir: nodeDir(),
    // Read by the build files at configure time (N-API only: no V8 type test).
    napiOnly: Boolean(process.env.BRIDGEGEN_NO_V8_TYPE_TEST),
  });
  if (isUpToDate(dir, stamp, addon)) return { dir, upToDate: true };
  checkReplaceable(dir);
  await replaceAtomically(dir, async (staging) => {
    progress.stage('generating sources');
    writePackageFiles(staging, files);
    const originals = new Map(files.flatMap((f) => ('copyFrom' in f && !f.path.startsWith('node_modules') ? [[f.path, f.copyFrom] as const] : [])));
    // Without --build-system, bridgegen compiles with binding.gyp's flags itself (direct-build.ts).
    const system = options.buildSystem;
    if (!system && directBuildSupported()) await buildDirect(staging, build, progress, originals);
    else await runBuildTool(system ?? 'node-gyp', staging, compileSteps(system ?? 'node-gyp', sourceCounts(files)), progress, originals);
    fs.writeFileSync(path.join(staging, STAMP_FILE), stamp);
  });
  return { dir, upToDate: false };
}

/** The package's C/C++ and Fortran sources, counted for the progress bar. */
function sourceCounts(files: readonly PackageFile[]): { c: number; fortran: number } {
  const count = (pattern: RegExp) => files.filter((f) => !f.path.startsWith('node_modules/') && pattern.test(f.path)).length;
  return { c: count(/^(src|native)\/.*\.(cc|c)$/), fortran: count(/^(fortran\/.*\.(f|for|f77|ftn|f90|f95|f03|f08)|src\/.*_shim\.f90)$/i) };
}

/** Writes the package sources without compiling (`bridgegen gen`). */
export async function generatePackage(analysis: Analysis, options: BuildOptions): Promise<string> {
  const dir = outputDir(analysis, options);
  checkReplaceable(dir);
  const files = packageFiles(analysis, options);
  await replaceAtomically(dir, async (staging) => {
    writePackageFiles(staging, files);
    fs.writeFileSync(path.join(staging, STAMP_FILE), 'generated, not built\n');
  });
  return dir;
}
