// Builds `bridgegen/linalg`: the signature files in fortran/linalg/ (blas*.pyf[.src] and
// lapack*.pyf[.src], plus Fortran adaptors) through bridgegen's own pipeline into one native
// module, linked against the system BLAS/LAPACK. Output, all in linalg/build/ (not in git):
//
//   _linalg/      the generated package (index.js, index.d.ts, build/Release/_linalg.node)
//   api.json      which routines form `blas` and which `lapack`, the library linked, and whether
//                 the build is N-API only (BRIDGEGEN_NO_V8_TYPE_TEST, as a prebuild must be)
//   api.d.ts      the two namespaces typed from _linalg/index.d.ts
//   error.txt     why the last build failed (only then): linalg/index.js puts it in its error
//
// Run by scripts/setup.sh (this repository), by the package's install script
// (linalg/install.js) and by `bridgegen linalg-build`.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildPackage } from '../build';
import type { Progress } from '../build/progress';
import { bridgegenRoot } from '../build/toolchain';
import { type Diagnostic, InputError, ToolchainError } from '../diag/diagnostic';
import { renderDiagnostics } from '../diag/render';
import { analyze } from '../pipeline/analyze';
import { type BuildOptions, DEFAULT_OPTIONS } from '../pipeline/options';

export const MODULE_NAME = '_linalg';

/** The libraries to link, and where they were found. */
export interface BlasChoice {
  /** `openblas`, `reference` (netlib LAPACK + BLAS) or `user` (given with -l). */
  readonly kind: 'openblas' | 'reference' | 'user';
  readonly libraries: readonly string[];
  readonly libraryDirs: readonly string[];
}

export interface LinalgBuildOptions {
  /** Libraries to link instead of the detected BLAS/LAPACK (`bridgegen linalg-build -l mkl_rt`). */
  readonly libraries?: readonly string[];
  readonly libraryDirs?: readonly string[];
  /** Default: linalg/build in the bridgegen package. */
  readonly outDir?: string;
  /** Default: fortran/linalg in the bridgegen package. */
  readonly sourceDir?: string;
}

export interface LinalgBuildResult {
  readonly dir: string;
  readonly upToDate: boolean;
  readonly blas: BlasChoice;
  readonly counts: { readonly blas: number; readonly lapack: number };
  /** What the pipeline warned about (routines skipped, and why). */
  readonly warnings: readonly Diagnostic[];
}

export const NO_BLAS_HELP =
  'bridgegen/linalg needs a BLAS/LAPACK and gfortran. On Debian/Ubuntu:\n' +
  '  apt-get install gfortran libopenblas-dev              # OpenBLAS (preferred; includes LAPACK)\n' +
  '  apt-get install gfortran liblapack-dev libblas-dev    # or the reference LAPACK and BLAS\n' +
  'then build it with: npx bridgegen linalg-build';

export function defaultOutDir(): string {
  return path.join(bridgegenRoot(), 'linalg', 'build');
}

export function defaultSourceDir(): string {
  return path.join(bridgegenRoot(), 'fortran', 'linalg');
}

/** The namespace a signature file's routines belong to, from its name. */
export function namespaceOf(file: string): 'blas' | 'lapack' | undefined {
  const base = path.basename(file).toLowerCase();
  if (!/\.pyf(\.src)?$/.test(base)) return undefined;
  if (/^f?blas/.test(base)) return 'blas';
  if (/^f?lapack/.test(base)) return 'lapack';
  return undefined;
}

/** The inputs in fortran/linalg: signature files and Fortran adaptors, in a stable order. */
export function linalgSources(sourceDir: string): string[] {
  const files = fs.readdirSync(sourceDir).filter((f) => /\.(pyf|pyf\.src|f|f90)$/i.test(f)).sort();
  const signatures = files.filter((f) => /\.pyf(\.src)?$/i.test(f));
  const stray = signatures.filter((f) => !namespaceOf(f));
  if (stray.length) {
    throw new ToolchainError(`signature files in ${sourceDir} must be named blas*.pyf[.src] or lapack*.pyf[.src]`, `not: ${stray.join(', ')}`);
  }
  // Signature files first: bridgegen takes the interface from them, the Fortran is only compiled.
  return [...signatures, ...files.filter((f) => !signatures.includes(f))].map((f) => path.join(sourceDir, f));
}

function pkgConfig(pkg: string): { libraries: string[]; libraryDirs: string[] } | undefined {
  const r = spawnSync('pkg-config', ['--libs', pkg], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return undefined;
  const words = r.stdout.trim().split(/\s+/).filter(Boolean);
  return {
    libraries: words.filter((w) => w.startsWith('-l')).map((w) => w.slice(2)),
    libraryDirs: words.filter((w) => w.startsWith('-L')).map((w) => w.slice(2).replace(/\/$/, '')),
  };
}

/** Whether a program calling dgemm_ and dgesv_ links with these libraries (the C compiler, as node-gyp uses). */
function links(libraries: readonly string[], libraryDirs: readonly string[]): boolean {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bridgegen-blas-'));
  try {
    const source = path.join(dir, 't.c');
    fs.writeFileSync(source, 'void dgemm_(void); void dgesv_(void);\nint main(int argc, char **argv) { if (argc > 99) { dgemm_(); dgesv_(); } return 0; }\n');
    const args = [source, '-o', path.join(dir, 't'), ...libraryDirs.map((d) => `-L${d}`), ...libraries.map((l) => `-l${l}`)];
    const r = spawnSync(process.env.CC || 'cc', args, { encoding: 'utf8' });
    return !r.error && r.status === 0;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The system BLAS/LAPACK: OpenBLAS (which holds LAPACK on Debian), else the reference LAPACK and
 * BLAS; each as pkg-config describes it, else by name, and kept only if a test program links.
 */
export function findBlas(): BlasChoice {
  const candidates: BlasChoice[] = [];
  const openblas = pkgConfig('openblas');
  if (openblas) candidates.push({ kind: 'openblas', ...openblas });
  candidates.push({ kind: 'openblas', libraries: ['openblas'], libraryDirs: [] });
  const lapack = pkgConfig('lapack');
  const blas = pkgConfig('blas');
  if (lapack && blas) {
    candidates.push({
      kind: 'reference',
      libraries: [...new Set([...lapack.libraries, ...blas.libraries])],
      libraryDirs: [...new Set([...lapack.libraryDirs, ...blas.libraryDirs])],
    });
  }
  candidates.push({ kind: 'reference', libraries: ['lapack', 'blas'], libraryDirs: [] });
  const found = candidates.find((c) => links(c.libraries, c.libraryDirs));
  if (!found) throw new ToolchainError('no BLAS/LAPACK found (tried OpenBLAS, then LAPACK + BLAS)', NO_BLAS_HELP);
  return found;
}

/** api.d.ts: `blas` and `lapack` as the generated module's own types, narrowed to their routines. */
function apiDts(names: { blas: readonly string[]; lapack: readonly string[] }): string {
  const pick = (list: readonly string[]) =>
    list.length ? list.flatMap((n) => [`'${n}'`, `'${n}Async'`]).join(' | ') : 'never';
  return [
    '// generated by bridgegen linalg-build (src/linalg/build.ts) — do not edit',
    `import type native = require('./${MODULE_NAME}');`,
    `export type Native = typeof native;`,
    `/** scipy.linalg.blas: the routines of fortran/linalg/blas*.pyf[.src], each with its …Async twin. */`,
    `export type Blas = Pick<Native, ${pick(names.blas)}>;`,
    `/** scipy.linalg.lapack: the routines of fortran/linalg/lapack*.pyf[.src], each with its …Async twin. */`,
    `export type Lapack = Pick<Native, ${pick(names.lapack)}>;`,
    '',
  ].join('\n');
}

/** Builds (or finds up to date) the linalg module; a failure is written to error.txt and thrown. */
export async function buildLinalg(options: LinalgBuildOptions, progress: Progress): Promise<LinalgBuildResult> {
  const outDir = options.outDir ?? defaultOutDir();
  const errorFile = path.join(outDir, 'error.txt');
  try {
    fs.mkdirSync(outDir, { recursive: true });
    const blas: BlasChoice = options.libraries?.length
      ? { kind: 'user', libraries: options.libraries, libraryDirs: options.libraryDirs ?? [] }
      : findBlas();
    const files = linalgSources(options.sourceDir ?? defaultSourceDir());
    const buildOptions: BuildOptions = {
      ...DEFAULT_OPTIONS,
      files,
      name: MODULE_NAME,
      out: path.join(outDir, MODULE_NAME),
      libraries: blas.libraries,
      libraryDirs: blas.libraryDirs,
      // LAPACK's illegal-argument reports throw in JS instead of printing (contract 1.8).
      catchXerbla: true,
    };
    const analysis = analyze(buildOptions);
    const names = { blas: [] as string[], lapack: [] as string[] };
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const routine of analysis.iface.routines) {
      const ns = namespaceOf(routine.span.file);
      if (!ns || routine.module) continue;
      const first = seen.get(routine.name);
      if (first !== undefined) twice.push(`${routine.name} (${path.basename(first)} and ${path.basename(routine.span.file)})`);
      else names[ns].push(routine.name);
      seen.set(routine.name, routine.span.file);
    }
    if (twice.length) throw new ToolchainError('a routine is defined by two signature files in fortran/linalg', `defined twice: ${twice.join(', ')}`);
    progress.stage(`building bridgegen/linalg (${names.blas.length} BLAS + ${names.lapack.length} LAPACK routines, ${blas.libraries.map((l) => `-l${l}`).join(' ')})`);
    const result = await buildPackage(analysis, buildOptions, progress);
    const napiOnly = Boolean(process.env.BRIDGEGEN_NO_V8_TYPE_TEST);
    const api = { module: MODULE_NAME, blas: names.blas, lapack: names.lapack, libraries: blas, napiOnly };
    writeIfChanged(path.join(outDir, 'api.json'), JSON.stringify(api, null, 2) + '\n');
    writeIfChanged(path.join(outDir, 'api.d.ts'), apiDts(names));
    fs.rmSync(errorFile, { force: true });
    return { dir: outDir, upToDate: result.upToDate, blas, counts: { blas: names.blas.length, lapack: names.lapack.length }, warnings: analysis.warnings };
  } catch (err) {
    const detail = err instanceof InputError ? renderDiagnostics(err.diagnostics)
      : err instanceof ToolchainError ? `${err.message}\n${err.output}` : String((err as Error).message ?? err);
    try {
      fs.writeFileSync(errorFile, detail.trimEnd() + '\n');
    } catch {
      // read-only install: the loader's own message still says how to build
    }
    throw err;
  }
}

function writeIfChanged(file: string, text: string): void {
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) return;
  fs.writeFileSync(file, text);
}
