// The BLAS thread count (issue 5): a module linked with OpenBLAS reads and sets it; every
// module has the two functions, and says when OpenBLAS is not loaded. Each test runs in a fresh
// process: whether OpenBLAS is loaded, and its thread count, are per process.

import { buildModule, fixture } from '../helpers/build';
import { inNode, withModule } from '../helpers/node';

let withBlas: string;
let noBlas: string;
beforeAll(async () => {
  withBlas = await buildModule('withblas', [fixture('blas_user.f90')], ['openblas']);
  noBlas = await buildModule('noblas', [fixture('shapes.f90')]);
});

it('gets and sets the OpenBLAS thread count of a module linked with -l openblas', () => {
  const { before, set, after } = inNode(withModule(withBlas, `
    if (m.mydot([1, 2], [3, 4]) !== 11) throw new Error('ddot');
    const before = m.getBlasThreads();
    const set = m.setBlasThreads(1);
    console.log(JSON.stringify({ before, set, after: m.getBlasThreads() }));`)) as Record<string, number | boolean>;
  expect(before).toBeGreaterThanOrEqual(1);
  expect(set).toBe(true);
  expect(after).toBe(1);
});

it('gives an async call every BLAS thread by default, and the whole count to sync calls after', () => {
  const { chosen, sync, during, after } = inNode(withModule(withBlas, `
    m.setBlasThreads(2);
    const chosen = m.getBlasThreads();
    const during = await m.blas_threads_nowAsync();
    console.log(JSON.stringify({ chosen, sync: m.blas_threads_now(), during, after: m.blas_threads_now() }));`)) as Record<string, number>;
  expect(chosen).toBe(2);
  expect(sync).toBe(2);
  expect(during).toBe(Math.min(2, require('node:os').availableParallelism()));
  expect(after).toBe(2);
});

it('counts a large async call as many cores as its BLAS threads (setAsyncConcurrency sets the cores)', () => {
  // Each call reads the thread count halfway through 400 ms busy, and stamps its start and end.
  const runs = inNode(withModule(withBlas, `
    const run = async (n) => Promise.all(Array.from({ length: n }, (_, k) => m.blas_threads_midwayAsync(k === 0 ? 200 : 100)));
    const overlap = (rs) => Number(rs[1].started) < Number(rs[0].ended);
    m.setBlasThreads(8);
    m.setAsyncConcurrency(4);
    const wide = await run(2);  // 4 threads each: one call at a time
    m.setBlasThreads(1);
    const narrow = await run(2);  // 1 thread each: side by side
    m.setBlasThreads(2);
    m.setAsyncConcurrency(1);
    const lagFree = await run(1);  // the cores: fewer than the threads
    console.log(JSON.stringify({
      wide: wide.map((r) => r.threads), wideOverlap: overlap(wide),
      narrow: narrow.map((r) => r.threads), narrowOverlap: overlap(narrow),
      lagFree: lagFree[0].threads, after: m.blas_threads_now() }));`));
  expect(runs).toEqual({ wide: [4, 4], wideOverlap: false, narrow: [1, 1], narrowOverlap: true, lagFree: 1, after: 2 });
});

// blas_scaling(msOne, msMore) sleeps msOne on one BLAS thread, msMore on more: a routine whose
// speed-up the test sets. Four loops keep calls queued: 144, then 96 (once 16 settled in a row with
// calls queued, the policy compares the two ways in 8 turns of 4 settlements, 2 wide, 4 narrow, 2
// wide, each run of turns after a lead-in of 4: ~60 calls, and where wide wins once more at once:
// ~105); each call reports its thread count and when it ran, so the last calls show which way the
// policy settled on (width.h).
const queuedRuns = (msOne: number, msMore: number, threadsBefore = 2) => `
  m.setAsyncConcurrency(2);
  let runs = [];
  const loop = async (calls) => { for (let i = 0; i < calls; i++) runs.push(await m.blas_scalingAsync(${msOne}, ${msMore})); };
  m.setBlasThreads(${threadsBefore});
  await Promise.all([loop(36), loop(36), loop(36), loop(36)]);
  runs = [];
  m.setBlasThreads(2);
  await Promise.all([loop(24), loop(24), loop(24), loop(24)]);
  // The last calls made while others waited: at the very end a loop that fell behind makes its
  // last calls alone, and a call alone runs wide (it failed so once in CI, a loaded machine).
  const last = runs.slice(-12, -4);
  // The most calls running at any moment among them.
  const atOnce = Math.max(...last.map((r) => last.filter((o) => Number(o.started) <= Number(r.started) && Number(r.started) < Number(o.ended)).length));
  const alone = await m.blas_scalingAsync(${msOne}, ${msMore});
  console.log(JSON.stringify({ threads: [...new Set(last.map((r) => r.threads))], atOnce, alone: alone.threads }));`;

it('runs queued calls of a routine that BLAS threads do not speed up side by side, a thread each', () => {
  // 20 ms either way: one at a time on 2 threads gets through a call every 20 ms, two side by side every 10.
  expect(inNode(withModule(withBlas, queuedRuns(20, 20)))).toEqual({ threads: [1], atOnce: 2, alone: 2 });
  // Calls side by side because setBlasThreads(1) said so before are not taken for wide ones.
  expect(inNode(withModule(withBlas, queuedRuns(20, 20, 1)))).toEqual({ threads: [1], atOnce: 2, alone: 2 });
});

it('runs queued calls side by side where one at a time is not clearly faster, by each way’s fastest turn', () => {
  // 20 ms on one thread, 10 on two: a call every 10 ms either way; side by side needs no sync
  // between threads, and one at a time must measure 5% faster to be chosen (a 5% margin the other
  // way ran these one at a time).
  expect(inNode(withModule(withBlas, queuedRuns(20, 10)))).toEqual({ threads: [1], atOnce: 2, alone: 2 });
  // 22 ms on one thread, 10 on two: one at a time gets through a call every 10 ms against 11.
  expect(inNode(withModule(withBlas, queuedRuns(22, 10)))).toEqual({ threads: [2], atOnce: 1, alone: 2 });
});

it('starts a queued call side by side as the one before it ends, without waiting for the event loop', () => {
  // 4 calls of 20 ms, two at a time on a thread each, issued while the event loop then stays busy
  // for 60 ms: the 3rd and 4th wait in the work items of the 1st and 2nd, whose pool threads go on
  // to them at once. (Waiting on the JS thread, they started when it was free, 40 ms late.)
  const { threads, lateness } = inNode(withModule(withBlas, `
    m.setAsyncConcurrency(2);
    m.setBlasThreads(1);
    await m.blas_scalingAsync(20, 20);
    const pending = Array.from({ length: 4 }, () => m.blas_scalingAsync(20, 20));
    for (const until = Date.now() + 60; Date.now() < until;);
    const runs = (await Promise.all(pending)).map((r) => ({ threads: r.threads, started: Number(r.started), ended: Number(r.ended) }));
    const callTime = runs[0].ended - runs[0].started;
    // How late each of the last two started after the first of the first two to end, in calls.
    const firstEnd = Math.min(runs[0].ended, runs[1].ended);
    const lateness = runs.slice(2).map((r) => Math.round((r.started - firstEnd) / callTime * 10) / 10);
    console.log(JSON.stringify({ threads: [...new Set(runs.map((r) => r.threads))], lateness }));`)) as { threads: number[]; lateness: number[] };
  expect(threads).toEqual([1]);
  for (const late of lateness) expect(late).toBeLessThan(0.5);
});

it('runs short bursts of queued calls one at a time on every thread: narrow needs a sustained queue', () => {
  // Bursts of 8 calls: no burst queues 16 settlements in a row, so no comparison starts.
  expect(inNode(withModule(withBlas, `
    m.setBlasThreads(2);
    m.setAsyncConcurrency(2);
    const threads = new Set();
    for (let burst = 0; burst < 5; burst++) {
      const runs = await Promise.all(Array.from({ length: 8 }, () => m.blas_scalingAsync(20, 20)));
      for (const r of runs) threads.add(r.threads);
    }
    console.log(JSON.stringify([...threads]));`))).toEqual([2]);
});

it('runs queued calls of a routine that BLAS threads speed up one at a time, on every thread', () => {
  // 40 ms on one thread, 10 on two: side by side would get through a call every 20 ms, one at a time every 10.
  expect(inNode(withModule(withBlas, queuedRuns(40, 10)))).toEqual({ threads: [2], atOnce: 1, alone: 2 });
});

it('keeps the way it chose while every call slows alike, as under load from other processes', () => {
  // 30 ms on one thread, 12 on two: one at a time wins (a call every 12 ms against 15). Then every
  // call takes 3x as long: one at a time still wins, but its live rate (36 ms) is slower than the
  // 15 ms narrow measured before the slowdown, which a policy comparing the two would take for
  // narrow being faster (the policy before the comparisons in turns ran a third of these calls
  // narrow). Until the next comparison the choice stands: every call of the slow phase runs wide.
  expect(inNode(withModule(withBlas, `
    m.setAsyncConcurrency(2);
    m.setBlasThreads(2);
    let runs = [];
    const loop = async (calls, scale) => { for (let i = 0; i < calls; i++) runs.push(await m.blas_scalingAsync(30 * scale, 12 * scale)); };
    await Promise.all([loop(36, 1), loop(36, 1), loop(36, 1), loop(36, 1)]);
    const before = [...new Set(runs.slice(-8).map((r) => r.threads))];
    runs = [];
    await Promise.all([loop(10, 3), loop(10, 3), loop(10, 3), loop(10, 3)]);
    console.log(JSON.stringify({ before, after: [...new Set(runs.map((r) => r.threads))] }));`))).toEqual({ before: [2], after: [2] });
});

/**
 * 4 loops of `each` awaited blas_scalingAsync calls on 2 cores: the first `twoFasterFor` take 30 ms
 * on one thread and 12 on two, the rest 20 either way. Prints `report`, an expression of `runs`
 * (each call's result, its `threads`), as JSON.
 */
const twoFasterThenTie = (twoFasterFor: number, each: number, report: string) => inNode(withModule(withBlas, `
    m.setAsyncConcurrency(2);
    m.setBlasThreads(2);
    let placed = 0;
    const runs = [];
    const loop = async (calls) => {
      for (let i = 0; i < calls; i++) {
        const [msOne, msMore] = placed++ < ${twoFasterFor} ? [30, 12] : [20, 20];
        runs.push(await m.blas_scalingAsync(msOne, msMore));
      }
    };
    await Promise.all([loop(${each}), loop(${each}), loop(${each}), loop(${each})]);
    console.log(JSON.stringify(${report}));`));
const threadsOf = (slice: string) => `[...new Set(${slice}.map((r) => r.threads))]`;

it('runs queued calls one at a time only when that wins two comparisons in a row', () => {
  // The first 72 calls take 30 ms on one thread and 12 on two: one at a time wins the comparison
  // (settled by call ~64). Then 20 ms either way: side by side wins the second comparison, which
  // a win of one at a time needs (width.h: a spell that slows one way's turns alone can make the
  // wrong way win one), so the calls after it run side by side.
  expect(twoFasterThenTie(72, 40, threadsOf('runs.slice(-12, -4)'))).toEqual([1]);
});

it('compares again soon after queued calls were chosen to run one at a time', () => {
  // The first 150 calls take 30 ms on one thread and 12 on two: one at a time wins both
  // comparisons (settled by call ~115). Then 20 ms either way: the next comparison, kRetrySoon
  // (64) placements later rather than kRetryAfter (1024), chooses side by side (width.h).
  expect(twoFasterThenTie(150, 100, `[${threadsOf('runs.slice(130, 150)')}, ${threadsOf('runs.slice(-12, -4)')}]`)).toEqual([[2], [1]]);
});

it('runs a large sync call on one BLAS thread where its routine and size ran faster so', () => {
  // blas_scaling_with(work, msOne, msMore): a sync call of work's bytes. 70 calls each: 16 warm
  // up, then the two ways compare in turns (~44 calls, sync_width.h), then the faster runs; 120
  // where one thread is faster, which must win a second comparison at once (width.h).
  const { oneFaster, moreFaster, nearTie, small, after } = inNode(withModule(withBlas, `
    m.setBlasThreads(2);
    const calls = (doubles, msOne, msMore, count = 70) => {
      const work = new Float64Array(doubles);
      return Array.from({ length: count }, () => m.blas_scaling_with(work, msOne, msMore));
    };
    const oneFaster = calls(65536, 4, 6, 120);  // 512 KiB
    const after = m.blas_threads_now();  // the count goes back after a narrow call
    const moreFaster = calls(131072, 6, 4);  // 1 MiB: a size class of its own
    const small = calls(1024, 4, 6);  // 8 KiB: below 64 KiB, not compared
    const nearTie = calls(262144, 29, 30);  // 2 MiB: one thread 3% faster, within the 5% margin
    console.log(JSON.stringify({ oneFaster, moreFaster, nearTie, small, after }));`)) as Record<string, number[] | number>;
  const last = (runs: number[]) => [...new Set(runs.slice(-10))];
  const narrowCalls = (runs: number[]) => runs.filter((t) => t === 1).length;
  expect(last(oneFaster as number[])).toEqual([1]);
  expect(after).toBe(2);
  expect(last(moreFaster as number[])).toEqual([2]);
  // One narrow turn and its lead-in: narrow was clearly slower, so the comparison ended there.
  expect(narrowCalls(moreFaster as number[])).toBe(8);
  expect(narrowCalls(small as number[])).toBe(0);
  // A wrong narrow costs up to 1.9x, a wrong wide a few percent: narrow must be 5% faster.
  expect(last(nearTie as number[])).toEqual([2]);
});

it('leaves the BLAS threads alone for cheap async calls: only large ones share the async cores', () => {
  const { first, later, after } = inNode(withModule(withBlas, `
    m.setBlasThreads(4);
    m.setAsyncConcurrency(1);
    // A routine's first call counts as large; once its runs take microseconds, calls are cheap.
    const first = await m.blas_threads_nowAsync();
    const later = [];
    for (let i = 0; i < 40; i++) later.push(await m.blas_threads_nowAsync());
    console.log(JSON.stringify({ first, later, after: m.blas_threads_now() }));`)) as { first: number; later: number[]; after: number };
  expect(first).toBe(1);
  expect(later.slice(-10)).toContain(4);
  expect(after).toBe(4);
});

it('reports no OpenBLAS as null, and rejects a bad count', () => {
  expect(inNode(withModule(noBlas, `
    let error = '';
    try { m.setBlasThreads(0); } catch (e) { error = e.name + ': ' + e.message; }
    console.log(JSON.stringify({ threads: m.getBlasThreads(), set: m.setBlasThreads(2), error }));`)))
    .toEqual({ threads: null, set: false, error: 'RangeError: setBlasThreads(): expected an integer from 1 to 1024' });
});

it('keeps each module’s runtime state its own: one loaded before OpenBLAS does not blind the next', () => {
  // GCC would make the runtime's function-local statics STB_GNU_UNIQUE, merged across every
  // addon of the process: the BLAS-linked module then saw the first module's "no OpenBLAS".
  expect(inNode(`
    const first = require(${JSON.stringify(noBlas)});
    const none = first.getBlasThreads();
    const m = require(${JSON.stringify(withBlas)});
    console.log(JSON.stringify({ none, threads: m.getBlasThreads(), set: m.setBlasThreads(1) }));`))
    .toEqual({ none: null, threads: expect.any(Number), set: true });
});
