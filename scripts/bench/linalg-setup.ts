// How the linalg and memory benchmarks reach their contenders: bridgegen/linalg loaded from this tree, the
// C driver (blas-c.c) compiled against the BLAS it links, the OpenBLAS thread count they all use, and the
// input arrays every contender reads (written once to files, so C and SciPy see the same numbers).

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PYTHON } from './f2py';
import type { Fn } from './loops';
import { versionOf } from './measure';
import { ensureDist } from './parse';
import type { Spawner } from './spawner';
import type { BenchContext } from './types';

/** The parts of bridgegen/linalg used here (typed locally: linalg/build/ is generated, not checked in). */
export interface Mat { readonly data: Float64Array; readonly shape: readonly number[]; readonly order: 'column-major' }
export interface Linalg {
  readonly blas: Record<string, Fn>;
  readonly lapack: Record<string, Fn>;
  getBlasThreads(): number | null;
  setBlasThreads(threads: number): boolean;
  getAsyncConcurrency(): number;
  setAsyncConcurrency(calls: number): void;
  readonly libraries: { readonly kind: string; readonly libraries: readonly string[]; readonly libraryDirs: readonly string[] };
}

export function run(cmd: string, args: readonly string[], cwd: string, env?: NodeJS.ProcessEnv): { ok: boolean; out: string; err: string } {
  const r = spawnSync(cmd, args, { cwd, env: env ?? process.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  return { ok: !r.error && r.status === 0, out: r.stdout ?? '', err: r.error ? String(r.error) : `${r.stderr ?? ''}`.trim() || `exit ${r.status}` };
}

export const lastLine = (s: string): string => s.trim().split('\n').pop() ?? s;

/** Newest mtime (ms) of the files under `dir`, recursively. */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/**
 * Loads bridgegen/linalg from this tree: linalg/build/ as scripts/setup.sh builds it (a fresh clone after
 * setup has it, so the bench builds nothing here). When it is missing, it is built first (minutes). A
 * build older than fortran/linalg/ or native/include/ is used as it is, with a note, unless
 * BRIDGEGEN_BENCH_LINALG_BUILD=1 asks for `bridgegen linalg-build` first.
 */
export function loadLinalg(ctx: BenchContext, notes: string[]): Linalg {
  const dir = path.join(ctx.root, 'linalg');
  const stamp = path.join(dir, 'build', '_linalg', '.bridgegen-stamp');
  const builtAt = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  const sources = Math.max(newest(path.join(ctx.root, 'fortran', 'linalg')), newest(path.join(ctx.root, 'native', 'include')));
  const force = process.env.BRIDGEGEN_BENCH_LINALG_BUILD === '1';
  if (!builtAt || force) {
    const built = ensureDist(ctx.root, ctx);
    if (built) notes.push(built);
    ctx.log('linalg: node bin/bridgegen.js linalg-build (takes minutes; scripts/setup.sh does it once)');
    const r = run(process.execPath, [path.join(ctx.root, 'bin', 'bridgegen.js'), 'linalg-build', '-q'], ctx.root);
    if (!r.ok) throw new Error(`bridgegen linalg-build failed: ${lastLine(r.err)}`);
    notes.push('linalg/build was (re)built by `bridgegen linalg-build` before timing.');
  } else if (sources > builtAt) {
    notes.push('linalg/build is older than fortran/linalg/ or native/include/ (edited since); it was timed as built ' +
      `(${new Date(builtAt).toISOString()}). BRIDGEGEN_BENCH_LINALG_BUILD=1 rebuilds it first.`);
  }
  return require(dir) as Linalg; // eslint-disable-line @typescript-eslint/no-require-imports
}

/** The OpenBLAS thread count every contender runs with: BRIDGEGEN_BENCH_BLAS_THREADS, else bridgegen's default. */
export function benchThreads(la: Linalg): { threads: number; initial: number | null } {
  const initial = la.getBlasThreads();
  const fromEnv = Number(process.env.BRIDGEGEN_BENCH_BLAS_THREADS);
  return { threads: fromEnv > 0 ? fromEnv : initial ?? 1, initial };
}

/** Compiles blas-c.c against the library bridgegen/linalg links; returns the binary, or throws why not. */
export function buildC(la: Linalg, dir: string): string {
  if (la.libraries.kind !== 'openblas') throw new Error(`bridgegen/linalg is linked with ${la.libraries.kind} BLAS; the C driver needs OpenBLAS (thread control)`);
  if (!versionOf('cc', ['--version'])) throw new Error('no C compiler (cc) on PATH');
  const bin = path.join(dir, 'blas-c');
  const source = path.join(__dirname, 'blas-c.c');
  const libs = la.libraries.libraryDirs.flatMap((d) => [`-L${d}`, `-Wl,-rpath,${d}`]);
  const r = run('cc', ['-O2', source, '-o', bin, ...libs, ...la.libraries.libraries.map((l) => `-l${l}`)], dir);
  if (!r.ok) throw new Error(`cc -O2 blas-c.c failed: ${lastLine(r.err)}`);
  return bin;
}

/** The arrays the contenders read: matrices a, b (n x n), right-hand side rhs (n), ddot's vectors x, y (n). */
export type InputName = 'a' | 'b' | 'rhs' | 'x' | 'y';
const SEED: Record<InputName, number> = { a: 1, b: 2, rhs: 3, x: 4, y: 5 };

/** Deterministic uniform values in [-1, 1) (LCG), so every run and contender sees the same numbers. */
function randomArray(count: number, seed: number): Float64Array {
  const out = new Float64Array(count);
  let s = seed >>> 0;
  for (let i = 0; i < count; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

/** Makes input `what` of size n and writes it to DIR/<what>-<n>.bin (float64, column-major), for C and SciPy. */
export function writeInput(dir: string, what: InputName, n: number): Float64Array {
  const data = randomArray(what === 'a' || what === 'b' ? n * n : n, SEED[what] + n);
  writeFileSync(path.join(dir, `${what}-${n}.bin`), data);
  return data;
}

/** The cores async work takes when it leaves one to the event loop: `setAsyncConcurrency(cores - 1)`. */
export const CORES_LEFT = Math.max(1, os.availableParallelism() - 1);

/** What the C driver (blas-c.c) and linalg.py print: ms per call by round, checksums, their BLAS. */
export interface External { readonly rows: Record<string, number[]>; readonly check: Record<string, number>; readonly threads?: number | null; readonly blas?: string; readonly config?: string }

/** Runs the C driver or linalg.py (`cmd`, `args`) on `threads` OpenBLAS threads; its JSON output. */
export async function external(spawner: Spawner, cmd: string, args: readonly string[], cwd: string, threads: number): Promise<External> {
  const r = await spawner.run(cmd, args, cwd, { ...process.env, OPENBLAS_NUM_THREADS: String(threads) });
  if (!r.ok) throw new Error(`${path.basename(cmd === PYTHON ? args[0]! : cmd)}: ${lastLine(r.err)}`);
  return JSON.parse(r.out) as External;
}

/** What linalg-pair.js prints for one round of a bridgegen contender against C (without C: `c`, `cServer` null). */
export interface PairRound {
  readonly c: number | null;
  readonly node: number;
  readonly cServer: { readonly threads: number; readonly config: string; readonly check: Record<string, number> } | null;
  readonly nodeHeap: { readonly oldSpaceMiB: number; readonly fullGCs: number };
}

/** Runs linalg-pair.js on `job` (its JOB: the two servers' command lines, calls and bursts); `what` names it in errors. */
export async function runPair(spawner: Spawner, job: object, cwd: string, what: string): Promise<PairRound> {
  const r = await spawner.run(process.execPath, [path.join(__dirname, 'linalg-pair.js'), JSON.stringify(job)], cwd, process.env);
  if (!r.ok) throw new Error(`linalg-pair.js ${what}: ${lastLine(r.err)}`);
  return JSON.parse(r.out) as PairRound;
}
