// Call-overhead benchmark (issue 9 item 1): ns/call of add, dsum and ddot (n=4) via bridgegen and each alternative.
//
// One Fortran fixture (fortran/bench/overhead.f90) behind every native row: bridgegen's generated module
// (sync, async awaited one by one, async with 64 in flight), a hand-written raw N-API addon and koffi, both
// over the bind(C) wrappers in fortran/bench/overhead_capi.f90 (the addon links them statically, koffi loads
// them as a .so), plain JS doing the same arithmetic, and F2Py + SciPy's BLAS ddot in one /usr/bin/python3
// (timeit). Arrays are Float64Array (NumPy float64) of n=4 made once. Each loop is compiled on its own
// (`new Function`) so call sites stay monomorphic; a round runs ~ROUND_MS of calls; medians over ROUNDS.

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { PYTHON } from './f2py';
import { calibrate, compileLoop, type Fn, LANES, type Loop } from './loops';
import { measured, ratio, skipped, stats, versionOf } from './measure';
import { ensureDist } from './parse';
import type { BenchContext, BenchResult, Benchmark, Ratio, Row } from './types';

const N = 4;
const ROUNDS = 11;
const ROUND_MS = 30;
const ASYNC_BUDGET_NS = 3000; // issue 9: async with 64 in flight <= 3 us/call

type Routine = 'add' | 'dsum' | 'ddot';
const ROUTINES: readonly Routine[] = ['add', 'dsum', 'ddot'];
const LABEL: Record<Routine, string> = { add: 'add(a, b)', dsum: `dsum(x) n=${N}`, ddot: `ddot(x, y) n=${N}` };
const X = Float64Array.from({ length: N }, (_, i) => i + 1);
const Y = new Float64Array(N).fill(1);
/** add(1.5, 2.5), dsum(X), ddot(X, Y): checked once per implementation before timing. */
const EXPECTED: Record<Routine, number> = { add: 4, dsum: (N * (N + 1)) / 2, ddot: (N * (N + 1)) / 2 };
const CHECK_ARGS: Record<Routine, unknown[]> = { add: [1.5, 2.5], dsum: [X], ddot: [X, Y] };

/** One way of calling the three routines: functions plus the JS call expression used in the loop. */
interface Impl {
  readonly name: string;
  readonly fns: Record<Routine, Fn>;
  readonly expr: Record<Routine, string>;
  /** Arguments for the one-off correctness check, when they differ from CHECK_ARGS. */
  readonly check?: Record<Routine, unknown[]>;
}

let sink = 0;

function sh(cmd: string, args: readonly string[], cwd: string): void {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  if (r.error || r.status !== 0) {
    const lines = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n');
    const errors = lines.filter((l) => /error/i.test(l));
    const tail = (errors.length ? errors.slice(0, 2) : lines.slice(-3)).map((l) => l.trim()).join(' / ');
    throw new Error(`${path.basename(cmd)} ${args.slice(0, 2).join(' ')} failed (${r.error ?? `exit ${r.status}`}): ${tail}`);
  }
}

interface Candidate { readonly name: string; readonly loop: Loop; readonly note?: string; count: number; samples: number[] }

/**
 * ns/call per round for each candidate, rounds interleaved (round k of every row, then round k+1) so that
 * load from other processes hits every row alike; 2 warm-up rounds each. Every other round runs the rows in
 * reverse order: no row always follows the same one (a 64-in-flight round leaves the pool threads awake
 * for the await-each round after it, and the rows compared in a ratio sit next to each other).
 */
async function timeInterleaved(rows: Candidate[]): Promise<void> {
  // A primer goes first: V8 ran the first loop of a set ~15 ns/call faster than the same call placed later.
  const primer: Candidate = { name: 'primer', loop: compileLoop(((v: Float64Array) => v[0]) as Fn, 'f(x)', 'sync', X, Y), count: 0, samples: [] };
  const cands = [primer, ...rows];
  for (const c of cands) c.count = await calibrate(c.loop, ROUND_MS);
  const reversed = [primer, ...[...rows].reverse()];
  for (let k = -2; k < ROUNDS; k++) {
    for (const c of k % 2 === 0 ? cands : reversed) {
      const t0 = process.hrtime.bigint();
      sink += Number(await c.loop(c.count));
      if (k >= 0) c.samples.push(Number(process.hrtime.bigint() - t0) / c.count);
    }
  }
}

async function checkOne(impl: Impl, r: Routine): Promise<string | undefined> {
  try {
    const got = await (impl.fns[r] as (...a: unknown[]) => unknown)(...(impl.check?.[r] ?? CHECK_ARGS[r]));
    return got === EXPECTED[r] ? undefined : `returned ${String(got)}, expected ${EXPECTED[r]}`;
  } catch (err) {
    return `threw ${(err as Error).message}`;
  }
}

/** A candidate row, or a skipped row when the implementation returns a wrong result. */
async function candidate(impl: Impl, r: Routine, mode: 'sync' | 'each' | 'inflight', name: string, note?: string): Promise<Candidate | Row> {
  const bad = await checkOne(impl, r);
  if (bad) return skipped(name, bad);
  return { name, loop: compileLoop(impl.fns[r], impl.expr[r], mode, X, Y), note, count: 0, samples: [] };
}

/** The generated module: `sync` has m.add/m.dsum/m.ddot, `async` m.addAsync/... (same call expressions). */
/** cbsum(f, n) of the generated module, sync and async: n calls of a JS function from Fortran. */
let callbackLoop: { sync: (f: (i: number) => number, n: number) => unknown; async: (f: (i: number) => number, n: number) => unknown } | undefined;

function loadGenerated(ctx: BenchContext, dir: string): { sync: Impl; async: Impl } {
  sh(process.execPath, [path.join(ctx.root, 'bin', 'bridgegen.js'), path.join(ctx.root, 'fortran/bench/overhead.f90'), '-o', dir, '-q'], ctx.root);
  const m = require(dir) as Record<string, Fn>; // eslint-disable-line @typescript-eslint/no-require-imports
  const expr = { add: 'f(i, 2.5)', dsum: 'f(x)', ddot: 'f(x, y)' };
  if (m.cbsum && m.cbsumAsync) callbackLoop = { sync: m.cbsum as never, async: m.cbsumAsync as never };
  return {
    sync: { name: 'bridgegen', fns: { add: m.add!, dsum: m.dsum!, ddot: m.ddot! }, expr },
    async: { name: 'bridgegen async', fns: { add: m.addAsync!, dsum: m.dsumAsync!, ddot: m.ddotAsync! }, expr },
  };
}

/** libov.a (raw addon) and libov.so (koffi): overhead.f90 + the hand-written bind(C) wrappers. */
function buildLibs(ctx: BenchContext, dir: string): { archive: string; shared: string } {
  const objs = ['overhead.f90', 'overhead_capi.f90'].map((f) => {
    const o = path.join(dir, f.replace('.f90', '.o'));
    sh('gfortran', ['-c', '-fPIC', '-O2', path.join(ctx.root, 'fortran/bench', f), '-o', o], dir);
    return o;
  });
  const archive = path.join(dir, 'libov.a');
  const shared = path.join(dir, 'libov.so');
  rmSync(archive, { force: true });
  sh('ar', ['rcs', archive, ...objs], dir);
  sh('gfortran', ['-shared', '-o', shared, ...objs], dir);
  return { archive, shared };
}

/** The raw addon's hand-written async functions (one napi_async_work per call), once loaded. */
let rawAsync: Impl | undefined;

function loadRaw(ctx: BenchContext, dir: string, archive: string): Impl {
  mkdirSync(dir, { recursive: true });
  copyFileSync(path.join(ctx.root, 'fortran/bench/raw_addon.c'), path.join(dir, 'raw_addon.c'));
  const gyp = { targets: [{ target_name: 'raw', sources: ['raw_addon.c'], cflags: ['-O2'], libraries: [archive, '-lgfortran'] }] };
  writeFileSync(path.join(dir, 'binding.gyp'), JSON.stringify(gyp, null, 1));
  const nodeGyp = path.join(ctx.root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  sh(process.execPath, [nodeGyp, 'rebuild', `--nodedir=${path.dirname(path.dirname(process.execPath))}`], dir);
  const m = require(path.join(dir, 'build', 'Release', 'raw.node')) as Record<string, Fn>; // eslint-disable-line @typescript-eslint/no-require-imports
  const expr = { add: 'f(i, 2.5)', dsum: 'f(x)', ddot: 'f(x, y)' };
  rawAsync = { name: 'raw N-API AsyncWorker', fns: { add: m.addAsync!, dsum: m.dsumAsync!, ddot: m.ddotAsync! }, expr };
  return { name: 'raw N-API', fns: { add: m.add!, dsum: m.dsum!, ddot: m.ddot! }, expr };
}

function loadKoffi(shared: string): Impl {
  const koffi = require('koffi') as typeof import('koffi'); // eslint-disable-line @typescript-eslint/no-require-imports
  const lib = koffi.load(shared);
  const fns = {
    add: lib.func('double ov_add(double a, double b)'),
    dsum: lib.func('double ov_dsum(const double *x, int n)'),
    ddot: lib.func('double ov_ddot(int n, const double *x, const double *y)'),
  };
  return { name: 'koffi', fns, expr: { add: 'f(i, 2.5)', dsum: 'f(x, x.length)', ddot: 'f(x.length, x, y)' },
    check: { add: [1.5, 2.5], dsum: [X, N], ddot: [N, X, Y] } };
}

const plainJs: Impl = {
  name: 'plain JS',
  fns: {
    add: (a: number, b: number) => a + b,
    dsum: (x: Float64Array) => { let s = 0; for (let i = 0; i < x.length; i++) s += x[i]!; return s; },
    ddot: (x: Float64Array, y: Float64Array) => { let s = 0; for (let i = 0; i < x.length; i++) s += x[i]! * y[i]!; return s; },
  } as Record<Routine, Fn>,
  expr: { add: 'f(i, 2.5)', dsum: 'f(x)', ddot: 'f(x, y)' },
};

/** F2Py module of the same fixture and SciPy's ddot, timed with timeit in one Python process. */
function pythonRows(ctx: BenchContext, dir: string, notes: string[]): Map<string, Row> {
  const rows = new Map<string, Row>();
  const names = { 'f2py add': `${LABEL.add}: F2Py`, 'f2py dsum': `${LABEL.dsum}: F2Py`, 'f2py ddot': `${LABEL.ddot}: F2Py`, 'scipy ddot': `${LABEL.ddot}: SciPy linalg.blas.ddot` };
  const numpy = versionOf(PYTHON, ['-c', 'import numpy; print(numpy.__version__)']);
  if (!numpy) {
    for (const n of Object.values(names)) rows.set(n, skipped(n, `${PYTHON} has no numpy (Debian: apt-get install python3-numpy python3-scipy)`));
    return rows;
  }
  let built = true;
  // A fresh folder: a module left by an earlier run must not stand in for one that failed to build.
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  try {
    // Only the routines timed here: F2Py 1.24 cannot wrap cbsum's function argument (its C does not
    // compile: "unknown type name 'f_t'"), and one routine it cannot wrap fails the whole module.
    sh(PYTHON, ['-m', 'numpy.f2py', '-c', path.join(ctx.root, 'fortran/bench/overhead.f90'), '-m', 'ovf2py', 'only:', 'add', 'dsum', 'ddot', ':'], dir);
  } catch (err) {
    built = false;
    notes.push(`f2py -c failed: ${(err as Error).message}`);
  }
  const r = spawnSync(PYTHON, [path.join(__dirname, 'overhead.py'), dir, String(N), String(ROUNDS), '200000'], { encoding: 'utf8' });
  const got = (r.status === 0 ? JSON.parse(r.stdout) : {}) as Record<string, number[]>;
  for (const [key, name] of Object.entries(names)) {
    const samples = got[key];
    const why = !built && key.startsWith('f2py') ? 'f2py -c failed' : (r.stderr.trim().split('\n').pop() || `exit ${r.status}`);
    rows.set(name, samples ? measured(name, 'ns/call', samples, { note: `NumPy ${numpy}, timeit` }) : skipped(name, why));
  }
  return rows;
}

/**
 * The round trip of a callback: Fortran calling a JS function `n` times in one call (cbsum), per
 * callback, from a sync call (JS thread) and from an async call (a pool thread: each callback
 * goes to the JS thread through a thread-safe function and back).
 */
async function callbackRows(genError: string): Promise<Row[]> {
  const names = { sync: 'callback round trip: bridgegen sync call', async: 'callback round trip: bridgegen async call (from the pool thread)' };
  if (!callbackLoop) return Object.values(names).map((n) => skipped(n, genError || 'cbsum missing'));
  const f = (i: number): number => i * 0.5;
  const rows: Row[] = [];
  for (const [mode, name] of Object.entries(names) as ['sync' | 'async', string][]) {
    const n = mode === 'sync' ? 200_000 : 20_000;
    const samples: number[] = [];
    for (let k = -2; k < ROUNDS; k++) {
      const t0 = process.hrtime.bigint();
      sink += Number(await callbackLoop[mode](f, n));
      if (k >= 0) samples.push(Number(process.hrtime.bigint() - t0) / n);
    }
    rows.push(measured(name, 'ns/callback', samples, { note: `cbsum(f, ${n}): ${n} callbacks per call` }));
  }
  return rows;
}

async function run(ctx: BenchContext): Promise<BenchResult> {
  const work = path.join(ctx.scratch, 'calls');
  mkdirSync(work, { recursive: true });
  const notes: string[] = [];
  const built = ensureDist(ctx.root, ctx);
  if (built) notes.push(built);
  ctx.log('calls: bridgegen build of fortran/bench/overhead.f90');
  let gen: Impl | undefined;
  let asyncImpl: Impl | undefined;
  let genError = '';
  try { ({ sync: gen, async: asyncImpl } = loadGenerated(ctx, path.join(work, 'gen'))); } catch (err) { genError = (err as Error).message; }
  const impls: (Impl | Row[])[] = gen ? [gen] : [ROUTINES.map((r) => skipped(`${LABEL[r]}: bridgegen sync`, genError))];
  ctx.log('calls: libov.a / libov.so (gfortran -O2 -fPIC), raw N-API addon (node-gyp)');
  let libs: { archive: string; shared: string } | undefined;
  const fail = (what: string, err: unknown): Row[] => ROUTINES.map((r) => skipped(`${LABEL[r]}: ${what}`, (err as Error).message));
  try { libs = buildLibs(ctx, work); } catch (err) { impls.push(fail('raw N-API', err), fail('koffi', err)); }
  if (libs) {
    try { impls.push(loadRaw(ctx, path.join(work, 'raw'), libs.archive)); } catch (err) { impls.push(fail('raw N-API', err)); }
    try { impls.push(loadKoffi(libs.shared)); } catch (err) { impls.push(fail('koffi', err)); }
  }
  impls.push(plainJs);
  ctx.log('calls: F2Py (f2py -c) and SciPy through /usr/bin/python3');
  const py = pythonRows(ctx, path.join(work, 'f2py'), notes);

  const rows: Row[] = [];
  for (const r of ROUTINES) {
    ctx.log(`calls: ${LABEL[r]}`);
    const slots: (Candidate | Row)[] = [];
    for (const impl of impls) {
      if (Array.isArray(impl)) slots.push(...impl.filter((row) => row.name.startsWith(LABEL[r])));
      else slots.push(await candidate(impl, r, 'sync', `${LABEL[r]}: ${impl.name}${impl === gen ? ' sync' : ''}`));
    }
    for (const [name, row] of py) if (name.startsWith(LABEL[r])) slots.push(row);
    const each = `${LABEL[r]}: bridgegen async, await each`, inflight = `${LABEL[r]}: bridgegen async, ${LANES} in flight`;
    slots.push(asyncImpl ? await candidate(asyncImpl, r, 'each', each) : skipped(each, genError));
    slots.push(asyncImpl ? await candidate(asyncImpl, r, 'inflight', inflight, 'per call') : skipped(inflight, genError));
    const rawEach = `${LABEL[r]}: raw N-API AsyncWorker, await each`, rawInflight = `${LABEL[r]}: raw N-API AsyncWorker, ${LANES} in flight`;
    slots.push(rawAsync ? await candidate(rawAsync, r, 'each', rawEach) : skipped(rawEach, 'raw addon not built'));
    slots.push(rawAsync ? await candidate(rawAsync, r, 'inflight', rawInflight, 'per call') : skipped(rawInflight, 'raw addon not built'));
    const cands = slots.filter((x): x is Candidate => 'loop' in x);
    await timeInterleaved(cands);
    for (const x of slots) rows.push('loop' in x ? measured(x.name, 'ns/call', x.samples, { note: x.note }) : x);
  }
  rows.push(...(await callbackRows(genError)));
  void sink;

  const row = (name: string): Row | undefined => rows.find((x) => x.name === name);
  const q = (label: string, base: string, r: string, goal?: number): Ratio | undefined => ratio(label, row(base), row(r), goal);
  const d = LABEL.dsum, dd = LABEL.ddot;
  const inflight = row(`${d}: bridgegen async, ${LANES} in flight`);
  const ratios = [
    q(`${d}: raw N-API / bridgegen sync (goal: bridgegen <= 1.1x raw)`, `${d}: raw N-API`, `${d}: bridgegen sync`, 0.91),
    q(`${d}: F2Py / bridgegen sync (goal: faster than F2Py)`, `${d}: F2Py`, `${d}: bridgegen sync`, 1),
    q(`${dd}: SciPy ddot / bridgegen sync (goal: faster)`, `${dd}: SciPy linalg.blas.ddot`, `${dd}: bridgegen sync`, 1),
    q(`${dd}: koffi / bridgegen sync (goal: faster)`, `${dd}: koffi`, `${dd}: bridgegen sync`, 1),
    inflight?.kind === 'measured' ? { label: `${d}: 3 us budget / bridgegen async ${LANES} in flight (goal <= 3 us/call)`,
      value: ASYNC_BUDGET_NS / stats(inflight.samples).median, goal: 1 } : undefined,
    q(`${d}: raw AsyncWorker / bridgegen async, await each (goal: no slower than hand-written)`, `${d}: raw N-API AsyncWorker, await each`, `${d}: bridgegen async, await each`, 1),
    q(`${d}: raw AsyncWorker / bridgegen async, ${LANES} in flight (goal: no slower than hand-written)`, `${d}: raw N-API AsyncWorker, ${LANES} in flight`, `${d}: bridgegen async, ${LANES} in flight`, 1),
    q(`${LABEL.add}: raw N-API / bridgegen sync`, `${LABEL.add}: raw N-API`, `${LABEL.add}: bridgegen sync`),
    q(`${dd}: raw N-API / bridgegen sync`, `${dd}: raw N-API`, `${dd}: bridgegen sync`),
    q(`${d}: koffi / bridgegen sync`, `${d}: koffi`, `${d}: bridgegen sync`),
    q(`${d}: plain JS / bridgegen sync`, `${d}: plain JS`, `${d}: bridgegen sync`),
  ].filter((x): x is Ratio => x !== undefined && Number.isFinite(x.value));
  const koffiVersion = (() => { try { return (require('koffi') as { version: string }).version; } catch { return 'absent'; } })(); // eslint-disable-line @typescript-eslint/no-require-imports
  notes.push(
    `Fixture fortran/bench/overhead.f90; x = [1..${N}], y = ones(${N}) as Float64Array (NumPy float64 for F2Py/SciPy), made once.`,
    `Rounds: ${ROUNDS} of about ${ROUND_MS} ms each after 2 warm-up rounds; the Node rows of one routine run interleaved ` +
      "(round k of every row, then round k+1; every other round in reverse order) so load from other processes hits them alike; ns/call = round time / calls.",
    'bridgegen: `node bin/bridgegen.js fortran/bench/overhead.f90` (n inferred), linked statically like the raw addon.',
    'raw N-API: fortran/bench/raw_addon.c (node_api.h, one napi_get_typedarray_info per array, type checks) over ' +
      'fortran/bench/overhead_capi.f90 (bind(C), VALUE scalars), node-gyp -O2, static libov.a.',
    'raw N-API AsyncWorker: the same addon\'s hand-written `fooAsync` (napi_create_async_work + a promise per call, the ' +
      'arrays kept by references, no lock): the baseline of issue 5 for async round trips.',
    `koffi ${koffiVersion}: the same bind(C) wrappers from libov.so (gfortran -shared -fPIC -O2); arrays passed as Float64Array pointers.`,
    `Async: ${'`fooAsync`'} on the libuv pool (UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE ?? '4 (default)'}); ` +
      `add, dsum and ddot are 'pure', so they run concurrently (no module lock), like the hand-written AsyncWorker. "${LANES} in flight": ${LANES} async loops awaiting concurrently. ` +
      'They are cheap calls, so bridgegen relays them (native/include/bridgegen/relay.h): the pool thread that ran one waits up to ' +
      `${process.env.BRIDGEGEN_ASYNC_SPIN_US ?? 50} us (BRIDGEGEN_ASYNC_SPIN_US) for the next to join, instead of a thread being woken for each; the AsyncWorker wakes one per call.`,
    'plain JS: the same arithmetic in a JS function, which V8 inlines into the loop (the floor of "not native at all").',
    `F2Py/SciPy: ${PYTHON}, \`f2py -c overhead.f90 -m ovf2py only: add dsum ddot :\`, timeit ${ROUNDS} repeats of 200000 calls after one warm-up; ` +
      'SciPy `scipy.linalg.blas.ddot` (its OpenBLAS/reference BLAS) — Python call overhead included, as users see it.',
  );
  return { rows, ratios, notes };
}

const calls: Benchmark = { id: 'calls', title: 'Call overhead: ns/call, bridgegen vs raw N-API, koffi, plain JS, F2Py, SciPy', run };
export default calls;
