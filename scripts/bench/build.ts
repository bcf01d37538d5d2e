// Generator benchmark, build time (issue 9 item 5, issue 8): cold `bridgegen mylib.f90` vs `f2py -c`, and a no-op rebuild.
//
// Both cold builds start from scratch in a fresh temporary folder holding only fortran/bench/mylib.f90, run as
// a user types them (process start-up included): `node bin/bridgegen.js mylib.f90 -q` (output ./mylib) and
// `/usr/bin/python3 -m numpy.f2py -c mylib.f90 -m mylib`. bridgegen three ways: through node-gyp (the build
// before issue 8), and its default direct build with its precompiled-header cache empty (a first build on a
// machine installed with --ignore-scripts) and filled by the install step (a first build after npm install,
// and every later project; the fill is timed too). Then bridgegen again with nothing changed (goal: no
// compiler work, < 0.3 s), and after `touch mylib.f90` (same content, newer mtime).

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PYTHON } from './f2py';
import { execTimed, measured, ratio, skipped, stats, versionOf } from './measure';
import { ensureDist } from './parse';
import type { BenchContext, BenchResult, Benchmark, Ratio, Row } from './types';

const COLD_ROUNDS = Math.max(1, Number(process.env.BRIDGEGEN_BENCH_BUILD_ROUNDS) || 3);
/**
 * Rounds of the goal's pair (bridgegen with the cache filled, f2py -c), interleaved: more than the
 * others, as this VM's load moves single builds by +-20% and each round costs only ~2 s a side.
 */
const GOAL_ROUNDS = Math.max(COLD_ROUNDS, 7);
const NOOP_ROUNDS = 7;
const NOOP_GOAL_MS = 300;
const FIXTURE = 'fortran/bench/mylib.f90';
const GYP_ROW = 'bridgegen mylib.f90 --build-system node-gyp, cold';
const CACHE_COLD_ROW = 'bridgegen mylib.f90, cold, header cache cold';
const CACHE_WARM_ROW = 'bridgegen mylib.f90, cold, header cache warm';
const FILL_ROW = 'runtime cache filled by the install step (dist/build/warm-cache.js)';

/** A fresh temporary folder with only mylib.f90 in it. */
function freshDir(ctx: BenchContext): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bridgegen-bench-build-'));
  copyFileSync(path.join(ctx.root, FIXTURE), path.join(dir, 'mylib.f90'));
  return dir;
}

function failure(what: string, r: { status: number | null; stderr: string }): string {
  return `${what} exited with ${r.status}: ${r.stderr.trim().split('\n').slice(-2).join(' / ')}`;
}

/** A fresh, empty cache folder for bridgegen's precompiled runtime header (src/build/runtime-pch.ts). */
function freshCache(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'bridgegen-bench-cache-'));
}

/** Waits until no precompiled header is being made in `cache` (a cold build makes it in the background). */
function settled(cache: string): void {
  const pch = path.join(cache, 'pch');
  for (let waited = 0; waited < 300_000; waited += 200) {
    if (!existsSync(pch) || !readdirSync(pch).some((n) => n.startsWith('.tmp-'))) return;
    spawnSync('sleep', ['0.2']);
  }
}

/** How many entries the cache folder holds (made whole, temporary folders excluded). */
function entriesIn(cache: string): number {
  const pch = path.join(cache, 'pch');
  return existsSync(pch) ? readdirSync(pch).filter((n) => !n.startsWith('.')).length : 0;
}

/**
 * Cold bridgegen builds, each in a new folder: `cache` 'cold' gives each a new empty cache (and
 * waits, untimed, for the header it makes in the background), 'warm' one cache filled beforehand
 * by the install step (fillMs: how long that took);
 * `args` adds options (--build-system node-gyp); `after` runs after each round (another contender's).
 * The folder of the last one is kept (returned).
 */
function bridgegenCold(ctx: BenchContext, bin: string, cache: 'cold' | 'warm', args: readonly string[] = [], after = () => {}): { samples: number[]; dir?: string; fillMs?: number; error?: string } {
  const samples: number[] = [];
  let dir: string | undefined;
  let fillMs: number | undefined;
  const warm = cache === 'warm' ? freshCache() : undefined;
  const caches: string[] = warm ? [warm] : [];
  try {
    if (warm) {
      // As bridgegen's install step fills it (npm install, scripts/setup.sh): timed, once per machine.
      ctx.log('build: filling the runtime cache as the install step does');
      const fill = execTimed(process.execPath, [path.join(ctx.root, 'dist', 'build', 'warm-cache.js')], ctx.root, { ...process.env, BRIDGEGEN_CACHE_DIR: warm });
      if (fill.status !== 0 || entriesIn(warm) !== 1) return { samples, error: failure('dist/build/warm-cache.js', fill) };
      fillMs = fill.ms;
    }
    const rounds = warm ? GOAL_ROUNDS : COLD_ROUNDS;
    for (let i = 0; i < rounds; i++) {
      if (dir) rmSync(dir, { recursive: true, force: true });
      dir = freshDir(ctx);
      const cacheDir = warm ?? freshCache();
      if (!warm) caches.push(cacheDir);
      ctx.log(`build: cold bridgegen build ${args.join(' ')} (cache ${cache}) ${i + 1}/${rounds}`);
      const r = execTimed(process.execPath, [bin, 'mylib.f90', '-q', ...args], dir, { ...process.env, BRIDGEGEN_CACHE_DIR: cacheDir });
      settled(cacheDir);
      if (r.status !== 0) {
        rmSync(dir, { recursive: true, force: true });
        return { samples, error: failure('bridgegen mylib.f90', r) };
      }
      samples.push(r.ms);
      after();
    }
    // A build that missed the filled entry would have made another one afterwards.
    if (warm && entriesIn(warm) !== 1) return { samples, error: 'the builds did not use the entry the install step made' };
    return { samples, dir, fillMs };
  } finally {
    for (const c of caches) rmSync(c, { recursive: true, force: true });
  }
}

/** f2py -c rounds, one at a time (`round`), so that they interleave with bridgegen's under the same load. */
class F2pyCold {
  readonly samples: number[] = [];
  error?: string;

  constructor(private readonly ctx: BenchContext) {}

  round(): void {
    if (this.error || this.samples.length >= GOAL_ROUNDS) return;
    const dir = freshDir(this.ctx);
    this.ctx.log(`build: cold f2py -c ${this.samples.length + 1}/${GOAL_ROUNDS}`);
    try {
      const r = execTimed(PYTHON, ['-m', 'numpy.f2py', '-c', 'mylib.f90', '-m', 'mylib'], dir);
      if (r.status !== 0) this.error = failure('f2py -c mylib.f90', r);
      else this.samples.push(r.ms);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /** The rounds not run yet (the bridgegen rounds they went with stopped early). */
  finish(): this {
    while (!this.error && this.samples.length < GOAL_ROUNDS) this.round();
    return this;
  }
}

/** Rebuilds in `dir` (whose ./mylib is built): unchanged, then after touching the source. */
function rebuilds(ctx: BenchContext, bin: string, dir: string): Row[] {
  const rows: Row[] = [];
  const src = path.join(dir, 'mylib.f90');
  for (const touch of [false, true]) {
    const name = touch ? 'bridgegen mylib.f90, rebuild after touch (same content)' : 'bridgegen mylib.f90, unchanged rebuild';
    const samples: number[] = [];
    let error: string | undefined;
    let said = '';
    for (let i = 0; i < NOOP_ROUNDS && !error; i++) {
      if (touch) utimesSync(src, new Date(), new Date(Date.now() + 1000 * (i + 1)));
      const t0 = process.hrtime.bigint();
      const r = spawnSync(process.execPath, [bin, 'mylib.f90'], { cwd: dir, encoding: 'utf8' });
      samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (r.status !== 0) error = failure(name, { status: r.status, stderr: r.stderr });
      said = (`${r.stdout}`.trim().split('\n')[0] ?? '').replace(/ ->.*/, '');
    }
    rows.push(error ? skipped(name, error) : measured(name, 'ms', samples, { note: `says: "${said}"` }));
  }
  return rows;
}

async function run(ctx: BenchContext): Promise<BenchResult> {
  const notes: string[] = [];
  const built = ensureDist(ctx.root, ctx);
  if (built) notes.push(built);
  const bin = path.join(ctx.root, 'bin', 'bridgegen.js');
  const rows: Row[] = [];
  const gyp = bridgegenCold(ctx, bin, 'cold', ['--build-system', 'node-gyp']);
  if (gyp.dir) rmSync(gyp.dir, { recursive: true, force: true });
  rows.push(gyp.error ? skipped(GYP_ROW, gyp.error)
    : measured(GYP_ROW, 'ms', gyp.samples, { note: 'node-gyp configure (Python) + make: gfortran, then the C++ glue' }));
  const cold = bridgegenCold(ctx, bin, 'cold');
  if (cold.dir) rmSync(cold.dir, { recursive: true, force: true });
  rows.push(cold.error ? skipped(CACHE_COLD_ROW, cold.error)
    : measured(CACHE_COLD_ROW, 'ms', cold.samples, { note: 'compilers run directly, gfortran beside g++; runtime header precompiled afterwards, in the background' }));
  const numpy = versionOf(PYTHON, ['-c', 'import numpy.f2py; print(numpy.__version__)']);
  const f2py = numpy ? new F2pyCold(ctx) : undefined;
  // f2py's rounds alternate with these: the goal is a ratio, and this machine's load drifts.
  const bg = bridgegenCold(ctx, bin, 'warm', [], () => f2py?.round());
  rows.push(bg.error ? skipped(CACHE_WARM_ROW, bg.error)
    : measured(CACHE_WARM_ROW, 'ms', bg.samples, { note: 'as a first build after npm install (or any later build): the glue includes the cached precompiled runtime header' }));
  if (bg.fillMs !== undefined) {
    rows.push(measured(FILL_ROW, 'ms', [bg.fillMs], { note: 'once per machine and compiler, in npm install / scripts/setup.sh: precompiled header and runtime object, at once' }));
  }
  try {
    if (bg.dir) rows.push(...rebuilds(ctx, bin, bg.dir));
  } finally {
    if (bg.dir) rmSync(bg.dir, { recursive: true, force: true });
  }
  if (!f2py) rows.push(skipped('f2py -c mylib.f90, cold', `${PYTHON} cannot import numpy.f2py (Debian: python3-numpy)`));
  else {
    const f = f2py.finish();
    rows.push(f.error ? skipped('f2py -c mylib.f90, cold', f.error)
      : measured('f2py -c mylib.f90 -m mylib, cold', 'ms', f.samples, { note: `NumPy ${numpy}; f2py always rebuilds everything; its rounds alternate with the header-cache-warm ones` }));
  }
  const byName = (prefix: string): Row | undefined => rows.find((r) => r.name.startsWith(prefix));
  const noop = byName('bridgegen mylib.f90, unchanged');
  const ratios = [
    ratio('f2py -c / bridgegen, cold build, header cache warm (goal: not slower)', byName('f2py -c'), byName(CACHE_WARM_ROW), 1),
    ratio('f2py -c / bridgegen, cold build, header cache cold (goal: not slower)', byName('f2py -c'), byName(CACHE_COLD_ROW), 1),
    ratio('bridgegen --build-system node-gyp / bridgegen, cold build, header cache cold', byName(GYP_ROW), byName(CACHE_COLD_ROW)),
    noop?.kind === 'measured' ? { label: `0.3 s / bridgegen unchanged rebuild (goal < ${NOOP_GOAL_MS} ms)`,
      value: NOOP_GOAL_MS / stats(noop.samples).median, goal: 1 } : undefined,
  ].filter((r): r is Ratio => r !== undefined && Number.isFinite(r.value));
  notes.push(
    `Fixture ${FIXTURE}: 6 external routines (arrays in/out/inout, real(4), integer, functions), ${os.availableParallelism()} cores.`,
    `Cold rounds: ${COLD_ROUNDS} each (BRIDGEGEN_BENCH_BUILD_ROUNDS), ${GOAL_ROUNDS} for the header-cache-warm build and f2py -c ` +
      '(alternating), every one in a new temporary folder; wall clock with start-up.',
    'Header cache (BRIDGEGEN_CACHE_DIR): "cold" rounds each start from an empty one (as after npm install --ignore-scripts), and wait ' +
      'untimed for the precompiled runtime header a cold build makes in the background (one core, niced) before the next round; ' +
      '"warm" rounds share one filled beforehand by the install step, as npm install and scripts/setup.sh fill it.',
    `Rebuild rows: ${NOOP_ROUNDS} rounds each, in the folder of the last cold build; touch moves the mtime only.`,
  );
  return { rows, ratios, notes };
}

const build: Benchmark = { id: 'build', title: 'Generator: cold build vs f2py -c, and an unchanged rebuild', run };
export default build;
