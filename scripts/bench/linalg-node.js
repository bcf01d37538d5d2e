// Node driver for the linalg throughput rows (linalg.ts): bridgegen/linalg's ddot, dgemm and dgesv called
// from a small Node process, as blas-c.c calls OpenBLAS from C and linalg.py from SciPy. Plain JS (no tsx,
// none of the bench's code), so its heap is what a short script's is.
//
//   node linalg-node.js ROOT DIR THREADS ROUTINE N JOB
//
// ROOT: the tree whose linalg/ is loaded; DIR: the inputs written by linalg-setup.ts (a-N.bin, b-N.bin,
// rhs-N.bin, x-N.bin, y-N.bin); THREADS: OpenBLAS threads; JOB (JSON, from linalg.ts, which owns the numbers):
//   {"inFlight": calls awaited at once, "calibrate": ms}  -> {"sync": calls, "async": calls} per ~ms
//   {"inFlight": ..., "serve": contender, "round": calls} -> warmed up as for a round of that many calls, prints
//        {"ready": true}; then for each line "K" on stdin times K calls and prints their ms per call; at end of
//        input prints {"oldSpaceMiB", "fullGCs", "youngGCs"} (collections during the timed calls). linalg-pair.js
//        drives it, in bursts alternating with the C driver's.
// Contenders: sync, inPlace, async = await each, inFlight = that many awaited at once, sideBySide = the same
// with setBlasThreads(1), so calls run side by side on a core each, coreLeft = await each with
// setAsyncConcurrency(cores - 1).
//
// Why a process of its own: V8's heap state is part of what a call costs. The bench's own process holds
// ~8-9 MiB of old-generation objects (tsx, the bench's code and results) and a young generation grown to its
// largest, and there V8 starts incremental marking after every scavenge (README: "Large outputs"): dgesv's
// fresh outputs then cost a full collection every ~45 ms, and dgesv n=256 ran at 0.75-0.88x C's throughput
// there against 0.92-0.96x in a small process.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');
const { constants, PerformanceObserver } = require('node:perf_hooks');
const v8 = require('node:v8');

let sink = 0;

/** The bench's inputs (written by linalg-setup.ts): `read(what, n)` is the Float64Array of DIR/what-n.bin. */
function inputsIn(dir) {
  return (what, n) => {
    const bytes = fs.readFileSync(path.join(dir, `${what}-${n}.bin`));
    return new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  };
}

/** Inputs made here, for the JIT warm-up: `a` with n on its diagonal (dgesv solves it), the rest in [0, 1). */
function madeInputs(what, n) {
  const data = Float64Array.from({ length: what === 'x' || what === 'y' || what === 'rhs' ? n : n * n }, Math.random);
  if (what === 'a') for (let i = 0; i < n; i++) data[i * n + i] += n;
  return data;
}

/**
 * The sync, async and (dgesv) in-place call of `routine` on `readInput`'s inputs; each returns a number
 * from its result. `async(k)` is loop k's of `inFlight` loops awaiting at once.
 */
function calls(la, readInput, routine, n, inFlight) {
  if (routine === 'ddot') {
    const x = readInput('x', n), y = readInput('y', n);
    return { sync: () => la.blas.ddot(x, y), async: () => la.blas.ddotAsync(x, y) };
  }
  const mat = (data, cols) => ({ data, shape: [n, cols], order: 'column-major' });
  const a = mat(readInput('a', n), n);
  if (routine === 'dgemm') {
    // A c per loop in flight: calls that run at once writing one array would race (a program's
    // results would be garbage), and two cores writing the same lines slow each other down.
    const b = mat(readInput('b', n), n), cs = Array.from({ length: inFlight }, () => mat(new Float64Array(n * n), n));
    const o = { overwrite_c: true };
    return {
      sync: () => la.blas.dgemm(1, a, b, 0, cs[0], o).data[0],
      async: async (k = 0) => (await la.blas.dgemmAsync(1, a, b, 0, cs[k], o)).data[0],
    };
  }
  const rhs = mat(readInput('rhs', n), 1);
  // The C driver's own pattern: copy the inputs into buffers made once, solve in place there.
  const aw = mat(new Float64Array(n * n), n), bw = mat(new Float64Array(n), 1);
  const inPlaceOptions = { overwrite_a: true, overwrite_b: true };
  return {
    sync: () => la.lapack.dgesv(a, rhs).x.data[0],
    inPlace: () => {
      aw.data.set(a.data);
      bw.data.set(rhs.data);
      return la.lapack.dgesv(aw, bw, inPlaceOptions).x.data[0];
    },
    async: async () => (await la.lapack.dgesvAsync(a, rhs)).x.data[0],
  };
}

/**
 * Makes `count` calls of `f` (as loop `k`), awaiting only promises (awaiting a plain number would add
 * a microtask per call).
 */
async function callMany(f, count, k = 0) {
  for (let i = 0; i < count; i++) {
    const r = f(k);
    sink += typeof r === 'number' ? r : await r;
  }
}

/**
 * Calls of `f` per ~`roundMs` round, measured after `warmup` untimed calls (which also warm up the JIT): as
 * many as the contender's round gets (warmupCalls), as dgesv's first fresh outputs fault their pages in
 * (calibrated after one call, dgesv n=256 read 1.5 ms a call, and its rounds held 64 calls of ~0.55 ms).
 */
async function callsPerRound(f, roundMs, warmup) {
  await callMany(f, warmup);
  for (let k = 1; ; k *= 4) {
    const t0 = performance.now();
    await callMany(f, k);
    const ms = (performance.now() - t0) / k;
    if (ms * k > 20) return Math.max(1, Math.round(roundMs / ms));
  }
}

/** `count` calls of contender `who` (`inFlight` awaited at once for inFlight and sideBySide), ms per call. */
async function timed(la, c, who, count, inFlight) {
  const before = la.getAsyncConcurrency(), threads = la.getBlasThreads();
  if (who === 'coreLeft') la.setAsyncConcurrency(Math.max(1, os.availableParallelism() - 1));
  if (who === 'sideBySide' && threads !== null) la.setBlasThreads(1);
  try {
    const t0 = process.hrtime.bigint();
    if (who === 'inFlight' || who === 'sideBySide') {
      const share = (k) => Math.floor(count / inFlight) + (k < count % inFlight ? 1 : 0);
      await Promise.all(Array.from({ length: inFlight }, (_, k) => callMany(c.async, share(k), k)));
    } else {
      await callMany(who === 'coreLeft' ? c.async : c[who], count);
    }
    return Number(process.hrtime.bigint() - t0) / 1e6 / count;
  } finally {
    la.setAsyncConcurrency(before);
    if (threads !== null) la.setBlasThreads(threads);
  }
}

/**
 * Calls of a contender's warm-up: one round, or for fresh outputs (dgesv's `lu`, `x`) enough for 160 MiB of
 * them. The GC frees them into the buffer cache (recycle.h), which then serves the next calls warm; before
 * that every output's pages fault in (dgesv n=1024: 30-56 ms a call for its first ~10 calls, 12.7-13 ms
 * after). C and SciPy reuse what malloc gets back at once. Calls in flight at least WIDTH_SETTLED: queued
 * calls run one at a time on every BLAS thread or side by side, as the process measured faster (width.h:
 * after 16 settlements in a row with calls queued, 8 turns of 4 settlements, 2 wide, 4 narrow, 2 wide,
 * each run of turns after 4 not counted: ~60 calls; where wide wins, a second comparison at once: ~105, and
 * where that chose wide, another 64 placements later (kRetrySoon): ~225), as a long-running program's do.
 */
const WIDTH_SETTLED = 240;
/**
 * Calls of a sync contender's warm-up at least SYNC_WIDTH_SETTLED: a large sync call runs on every BLAS thread
 * or on one, as its routine and size measured faster (sync_width.h: 16 calls, then 8 turns of 4 and 3 lead-ins
 * of 4: 60 calls; where narrow wins, a second comparison at once: 104).
 */
const SYNC_WIDTH_SETTLED = 112;
function warmupCalls(routine, n, who, round) {
  const bytes = routine === 'dgesv' && who !== 'inPlace' ? 8 * (n * n + n) : 0;
  const calls = bytes > 0 ? Math.max(round, Math.ceil((160 << 20) / bytes)) : round;
  if (who === 'inFlight') return Math.max(calls, WIDTH_SETTLED);
  return who === 'sync' || who === 'inPlace' ? Math.max(calls, SYNC_WIDTH_SETTLED) : calls;
}

/** V8's collections (kind, start time) until stop(); count() those within given time windows. */
function gcLog() {
  const entries = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) entries.push({ kind: e.detail.kind, at: e.startTime });
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    stop: async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));  // the observer hears of the last ones
      observer.disconnect();
    },
    count: (kind, windows) => entries.filter((e) => e.kind === kind && windows.some(([t0, t1]) => e.at >= t0 && e.at <= t1)).length,
  };
}

/** Heap figures after timed `windows` of `gc`'s log. */
async function heapReport(gc, windows) {
  await gc.stop();
  const oldSpace = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'old_space');
  return {
    oldSpaceMiB: oldSpace.space_used_size / 2 ** 20,
    fullGCs: gc.count(constants.NODE_PERFORMANCE_GC_MAJOR, windows),
    youngGCs: gc.count(constants.NODE_PERFORMANCE_GC_MINOR, windows),
    sink,
  };
}

/**
 * Calls of the JIT warm-up: contender `who` on inputs of JIT_WARMUP_N, before its warm-up at the round's size.
 * V8 compiles the JS of a call's path (bridgegen's ndarray and options readers, its result maker, the bench's
 * loop) with its optimizing tier only once each has run enough, on a background thread, which takes a core
 * from OpenBLAS's two for a few ms: sync dgemm n=256 took 2.4-3.4 ms for its 471st call (~0.39 ms for the
 * others), when the ndarray reader tiered up, and the reader of results and options later still (they had by
 * 3000 calls of n=8). In the bench those compiles fell in the contender's timed bursts (its 4th of 62 calls
 * read 0.41-0.53 ms a call, its others 0.38-0.41), where C has none: warm-up is a steady state.
 */
const JIT_WARMUP_CALLS = 3000;
const JIT_WARMUP_N = 8;

/** The "serve" job: contender `who` warmed up (JIT, then as for a round of `round` calls), then timed on request. */
async function serve(la, c, routine, n, who, round, inFlight) {
  await timed(la, calls(la, madeInputs, routine, JIT_WARMUP_N, inFlight), who, JIT_WARMUP_CALLS, inFlight);
  await timed(la, c, who, warmupCalls(routine, n, who, round), inFlight);
  const gc = gcLog();
  const windows = [];
  process.stdout.write('{"ready": true}\n');
  for await (const line of readline.createInterface({ input: process.stdin })) {
    const count = Number(line);
    if (!(count >= 1)) throw new Error(`bad request ${JSON.stringify(line)}`);
    const t0 = performance.now();
    const ms = await timed(la, c, who, count, inFlight);
    windows.push([t0, performance.now()]);
    process.stdout.write(`${ms}\n`);
  }
  process.stdout.write(`${JSON.stringify(await heapReport(gc, windows))}\n`);
}

async function main([root, dir, threads, routine, nText, jobText]) {
  const la = require(path.join(root, 'linalg'));
  if (la.getBlasThreads() !== null) la.setBlasThreads(Number(threads));
  const n = Number(nText);
  const { inFlight, calibrate, serve: who, round } = JSON.parse(jobText);
  const c = calls(la, inputsIn(dir), routine, n, inFlight);
  if (who) {
    if (!c[who] && !['inFlight', 'sideBySide', 'coreLeft'].includes(who)) throw new Error(`${routine} has no contender ${who}`);
    await serve(la, c, routine, n, who, round, inFlight);
    return;
  }
  if (calibrate) {
    const warmup = (who) => warmupCalls(routine, n, who, 1);
    const result = {
      async: await callsPerRound(c.async, calibrate, warmup('async')),
      sync: await callsPerRound(c.sync, calibrate, warmup('sync')),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  throw new Error('expected a calibrate or serve job');
}

main(process.argv.slice(2)).catch((err) => {
  process.stderr.write(`${err && err.stack ? err.stack : String(err)}\n`);
  process.exit(1);
});
