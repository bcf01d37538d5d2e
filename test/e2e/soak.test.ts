// Soak and leak tests (issue 10): many sync and async calls, with and without callbacks, keep the
// process's RSS growth under 10 MiB (measured after a warm-up and full GCs, in a child process
// run with --expose-gc: test/fuzz/soak.js); 8 worker threads x 1000 async calls, half of them
// terminated mid-flight, leave a process that still works and exits cleanly.
//
// CI runs 1e6 sync and 1e5 async calls, and 2e4 async calls with callbacks (each runs ~10 JS
// callbacks, ~0.15 ms a call here); `npm run test:soak` (BRIDGEGEN_SOAK_FULL=1) runs 1e5 of those.

import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { ALL_FIXTURES, fixture, sharedModule } from '../helpers/build';

const FULL = process.env.BRIDGEGEN_SOAK_FULL === '1';
// Under AddressSanitizer (npm run test:asan) freed memory sits in ASan's quarantine by design, so
// RSS says nothing about leaks there: the calls run (a tenth of them) and must not crash.
const SANITIZED = !!process.env.BRIDGEGEN_SANITIZE;
const LIMIT_MIB = 10;
let dir: string;

beforeAll(async () => {
  dir = await sharedModule('fixtures', ALL_FIXTURES.map(fixture));
});

it.each<[string, number]>([
  ['sync', 1_000_000],
  ['sync-callbacks', 100_000],
  ['errors', 100_000],
  ['async', 100_000],
  ['async-callbacks', FULL ? 100_000 : 20_000],
])(`%s: %i calls grow RSS by less than ${LIMIT_MIB} MiB`, (mode, full) => {
  const count = SANITIZED ? full / 10 : full;
  const script = path.join(__dirname, '..', 'fuzz', 'soak.js');
  const r = spawnSync(process.execPath, ['--expose-gc', script, dir, mode, String(count)], { encoding: 'utf8', timeout: 600_000 });
  expect(r.stderr).toBe('');
  expect(r.signal).toBeNull();
  expect(r.status).toBe(0);
  const result = JSON.parse(r.stdout.trim().split('\n').pop()!) as { calls: number; growthMiB: number };
  expect(result.calls).toBe(count);
  if (!SANITIZED) expect(result.growthMiB).toBeLessThan(LIMIT_MIB);
});

it('8 worker threads x 1000 async calls: four finish, four are terminated mid-flight, the process exits cleanly', () => {
  const worker = `
    const { parentPort, workerData } = require('worker_threads');
    const m = require(${JSON.stringify(dir)});
    const x = new Float64Array(20000).fill(1);
    const visit = (i) => (i === 5 ? { stop: 1 } : undefined);
    let done = 0, sum = 0;
    for (let i = 0; i < 1000; i++) {
      const p = i % 3 === 0 ? m.vsumAsync(x) : i % 3 === 1 ? m.eachAsync(visit, 10) : m.affineAsync(x, 2, 1).then((y) => y[0]);
      p.then((v) => { sum += v; if (++done === 1000) parentPort.postMessage({ sum }); });
    }
    parentPort.postMessage('started');`;
  const r = spawnSync(process.execPath, ['-e', `
    const { Worker } = require('worker_threads');
    const m = require(${JSON.stringify(dir)});
    const finished = [];
    const workers = Array.from({ length: 8 }, (_, k) => new Promise((resolve, reject) => {
      const w = new Worker(${JSON.stringify(worker)}, { eval: true });
      w.on('error', reject);
      w.on('message', (msg) => {
        if (msg === 'started' && k >= 4) setTimeout(() => w.terminate().then(resolve, reject), k - 4);
        else if (msg !== 'started') { finished.push(msg.sum); w.terminate().then(resolve, reject); }
      });
    }));
    Promise.all(workers).then(() => {
      console.log(JSON.stringify({ finished, after: m.vsum([1, 2]) }));
    }, (e) => { console.error(e); process.exit(1); });`], { encoding: 'utf8', timeout: 300_000 });
  expect(r.stderr).toBe('');
  expect(r.signal).toBeNull();
  expect(r.status).toBe(0);
  // 334 vsum(20000 ones) + 333 each(stops at 5) + 333 affine(...)[0] = 2*1+1 = 3
  expect(JSON.parse(r.stdout)).toEqual({ finished: [1, 2, 3, 4].map(() => 334 * 20000 + 333 * 5 + 333 * 3), after: 3 });
});
