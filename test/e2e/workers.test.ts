// Modules in worker threads (contract 1.5): loaded and used in four workers at once, and a
// worker terminated while its async calls run exits without taking the process down.

import { spawnSync } from 'node:child_process';
import { buildModule, fixture } from '../helpers/build';

let dir: string;

beforeAll(async () => {
  dir = await buildModule('workers', [fixture('calls_free.f90')]);
});

/**
 * Runs a script in a fresh Node process (worker threads inside jest's vm sandbox are not real).
 * A process killed (by a signal, or the timeout) fails here, saying so, not at its empty output.
 */
function node(script: string) {
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 120_000 });
  expect({ signal: r.signal, error: r.error?.message }).toEqual({ signal: null, error: undefined });
  return r;
}

it('loads and runs the module in four worker threads at once', () => {
  const r = node(`
    const { Worker } = require('worker_threads');
    const code = \`
      const m = require(${JSON.stringify(dir)});
      (async () => {
        const x = new Float64Array(1000).fill(1);
        let s = 0;
        for (let i = 0; i < 50; i++) s += (await m.vsumAsync(x)) + m.vsum(x);
        require('worker_threads').parentPort.postMessage(s);
      })();\`;
    const workers = [0, 1, 2, 3].map(() => new Worker(code, { eval: true }));
    Promise.all(workers.map((w) => new Promise((ok, fail) => { w.on('message', ok); w.on('error', fail); })))
      .then((sums) => { console.log(JSON.stringify(sums)); return Promise.all(workers.map((w) => w.terminate())); });`);
  expect(r.stderr).toBe('');
  expect(JSON.parse(r.stdout)).toEqual([100000, 100000, 100000, 100000]);
});

it('reads ndarray arguments and builds ndarray results in workers, and in the main thread after they exit', () => {
  // The property names (keys.h) are made per thread and released when each worker's environment ends.
  const r = node(`
    const { Worker } = require('worker_threads');
    const code = \`
      const m = require(${JSON.stringify(dir)});
      const a = { data: Float64Array.from([1, 2, 3, 4, 5, 6]), shape: [2, 3], order: 'column-major' };
      const w = m.matvec(a, [1, 1, 1]);
      const c = m.outer([1, 2], [3, 4, 5]);
      require('worker_threads').parentPort.postMessage([Array.from(w), c.shape, c.order, Array.from(c.data)]);\`;
    const workers = [0, 1, 2].map(() => new Worker(code, { eval: true }));
    Promise.all(workers.map((w) => new Promise((ok, fail) => { w.on('message', ok); w.on('error', fail); })))
      .then(async (results) => {
        await Promise.all(workers.map((w) => w.terminate()));
        const m = require(${JSON.stringify(dir)});
        const c = m.outer([1, 2], [3, 4, 5]);
        const w = m.matvec({ data: Float64Array.from([1, 2, 3, 4, 5, 6]), shape: [2, 3], order: 'column-major' }, [1, 1, 1]);
        console.log(JSON.stringify({ results, main: [Array.from(w), c.shape, c.order, Array.from(c.data)] }));
      });`);
  expect(r.stderr).toBe('');
  const expected = [[9, 12], [2, 3], 'column-major', [3, 6, 4, 8, 5, 10]];
  expect(JSON.parse(r.stdout)).toEqual({ results: [expected, expected, expected], main: expected });
});

it('survives a worker terminated while its async calls run', () => {
  const r = node(`
    const { Worker } = require('worker_threads');
    const w = new Worker(\`
      const m = require(${JSON.stringify(dir)});
      const big = new Float64Array(10_000_000).fill(1);
      for (let i = 0; i < 4; i++) m.vsumAsync(big);
      require('worker_threads').parentPort.postMessage('running');\`, { eval: true });
    w.on('message', () => setTimeout(() => w.terminate().then(() => {
      const m = require(${JSON.stringify(dir)});
      console.log('alive', m.vsum([1, 2]));
    }), 5));`);
  expect(r.stdout.trim()).toBe('alive 3');
});

it('survives a worker terminated while its large async calls wait for their turn', () => {
  const r = node(`
    const { Worker } = require('worker_threads');
    const w = new Worker(\`
      const m = require(${JSON.stringify(dir)});
      m.setAsyncConcurrency(1);
      for (let i = 0; i < 6; i++) m.busy_clockAsync(50);
      require('worker_threads').parentPort.postMessage('queued');\`, { eval: true });
    w.on('message', () => setTimeout(() => w.terminate().then(() => {
      const m = require(${JSON.stringify(dir)});
      console.log('alive', m.vsum([1, 2]));
    }), 5));`);
  expect(r.stderr).toBe('');
  expect(r.stdout.trim()).toBe('alive 3');
});

it('survives workers terminated while their pool threads wait for the next cheap call (relay.h)', () => {
  const r = node(`
    const { Worker } = require('worker_threads');
    const code = \`
      const m = require(${JSON.stringify(dir)});
      const x = new Float64Array([1, 2]);
      (async () => {
        for (let i = 0; ; i++) {
          if ((await m.vsumAsync(x)) !== 3) throw new Error('wrong sum');
          if (i === 500) require('worker_threads').parentPort.postMessage('relaying');
        }
      })();\`;
    const rounds = Array.from({ length: 8 }, (_, k) => new Promise((done, fail) => {
      const w = new Worker(code, { eval: true });
      w.on('error', fail);
      w.on('message', () => setTimeout(() => w.terminate().then(done, fail), k));
    }));
    Promise.all(rounds).then(async () => {
      const m = require(${JSON.stringify(dir)});
      let s = 0;
      for (let i = 0; i < 100; i++) s += await m.vsumAsync([1, 2]);
      console.log('alive', s);
    });`);
  expect(r.stderr).toBe('');
  expect(r.stdout.trim()).toBe('alive 300');
});

it('runs cheap calls without relaying when BRIDGEGEN_ASYNC_SPIN_US=0 or the pool has one thread', () => {
  for (const env of [{ BRIDGEGEN_ASYNC_SPIN_US: '0' }, { UV_THREADPOOL_SIZE: '1' }]) {
    const r = spawnSync(process.execPath, ['-e', `
      const m = require(${JSON.stringify(dir)});
      (async () => {
        let s = 0;
        for (let i = 0; i < 300; i++) s += await m.vsumAsync([i, 1]);
        const all = await Promise.all(Array.from({ length: 64 }, (_, i) => m.vsumAsync([i, 1])));
        console.log(s, all.reduce((a, b) => a + b, 0));
      })();`], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(`${300 * 301 / 2} ${64 * 65 / 2}`);
  }
});
