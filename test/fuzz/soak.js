// Soak and leak checks for a generated module, run in a child process (node --expose-gc) by
// test/e2e/soak.test.ts: many calls of one kind, RSS measured after a warm-up and after the run,
// both after full GCs. Prints { mode, calls, growthMiB, ms } as JSON.
//
//   node --expose-gc soak.js DIR MODE COUNT
//   MODE: sync | sync-callbacks | async | async-callbacks | errors
'use strict';
const [dir, mode, countText] = process.argv.slice(2);
const m = require(dir);
const count = Number(countText);

const x = new Float64Array(64).fill(0.5);
const visit = (i) => (i === 3 ? { stop: 1 } : undefined);
const f = (t) => t * t - 2;
const df = (t) => 2 * t;

/** One call of the mode's kind (call `i` of a run); they rotate so conversions, copies and outputs all happen. */
const calls = {
  sync: [
    () => m.vsum(x),                          // an exact-type input, used in place
    () => m.affine(x, 2, 1),                  // an output allocated per call
    (i) => m.vsum([1, 2, i]),                 // a converted (copied) input
    (i) => m.echo_kinds(1, 2, 3, BigInt(i), 1.5, 2.5, { re: 1, im: 2 }, 3, true, false, 'ab'), // every scalar kind, an object result
  ],
  'sync-callbacks': [() => m.each(visit, 10), () => m.newton(f, df, 1, 1e-12, 30)],
  errors: [
    (i) => { try { m.vsum(x, 65 + (i & 7)); } catch (e) { return e.code; } },
    (i) => { try { m.greet(i); } catch (e) { return e.code; } },
  ],
  async: [() => m.vsumAsync(x), () => m.affineAsync(x, 2, 1), (i) => m.cumsumAsync([1, 2, i])],
  'async-callbacks': [() => m.eachAsync(visit, 10), () => m.newtonAsync(f, df, 1, 1e-12, 30)],
};

async function run(n) {
  const kinds = calls[mode];
  const call = (i) => kinds[i % kinds.length](i);
  if (!mode.startsWith('async')) { for (let i = 0; i < n; i++) call(i); return; }
  const inFlight = 64; // a window of concurrent calls: the pool and the queue both stay busy
  let next = 0;
  await Promise.all(Array.from({ length: inFlight }, async () => { while (next < n) await call(next++); }));
}

function settledRss() {
  for (let i = 0; i < 4; i++) global.gc();
  return process.memoryUsage().rss;
}

(async () => {
  // Warm-up: JIT, thread pool, V8's heap and the allocator's arenas at their working size (async
  // calls allocate on pool threads and free on the JS thread: glibc's arenas grow for a while
  // before they level off, ~10 MiB over the first 4e5 async calls here, flat after).
  await run(mode.startsWith('async') ? Math.min(count, 50000) : 20000);
  const before = settledRss();
  const t = Date.now();
  await run(count);
  await new Promise((resolve) => setImmediate(resolve)); // finalizers of the last results
  const after = settledRss();
  console.log(JSON.stringify({ mode, calls: count, growthMiB: (after - before) / 2 ** 20, ms: Date.now() - t }));
})();
