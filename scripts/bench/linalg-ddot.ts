// The ddot n=4 rows of the linalg benchmark (issue 6: per-call time vs SciPy's `ddot`, goal: faster):
// `blas.ddot(x, y)` sync, `ddotAsync` (await each; 64 in flight), each loop compiled on its own and
// the rounds interleaved, vs SciPy's `scipy.linalg.blas.ddot` through timeit in /usr/bin/python3.

import * as path from 'node:path';
import { PYTHON } from './f2py';
import { type Linalg, lastLine } from './linalg-setup';
import { calibrate, compileLoop, type Fn, LANES, type Loop } from './loops';
import { measured, skipped } from './measure';
import { Spawner } from './spawner';
import type { BenchContext, Row } from './types';

export const DDOT_ROUNDS = 11;
export const DDOT_ROUND_MS = 30;

/** Results summed so no call is optimized away. */
let sink = 0;

export async function ddotRows(la: Linalg, threads: number, hasScipy: string | undefined, ctx: BenchContext): Promise<Row[]> {
  const x = Float64Array.from([1, 2, 3, 4]);
  const y = new Float64Array(4).fill(1);
  const name = (who: string): string => `ddot(x, y) n=4: ${who}`;
  const cands: { name: string; loop: Loop; note?: string; count: number; samples: number[] }[] = [];
  const rows: Row[] = [];
  const modes = [['sync', 'bridgegen/linalg sync', la.blas.ddot], ['each', 'bridgegen/linalg async, await each', la.blas.ddotAsync],
    ['inflight', `bridgegen/linalg async, ${LANES} in flight`, la.blas.ddotAsync]] as const;
  for (const [mode, who, f] of modes) {
    const got = await (f as (a: Float64Array, b: Float64Array) => unknown)(x, y);
    if (got !== 10) rows.push(skipped(name(who), `returned ${String(got)}, expected 10`));
    else cands.push({ name: name(who), loop: compileLoop(f!, 'f(x, y)', mode, x, y), note: mode === 'inflight' ? 'per call' : undefined, count: 0, samples: [] });
  }
  // A primer first (calls.ts: V8 ran the first loop of a set faster than later ones), then interleaved rounds.
  const primer = { name: 'primer', loop: compileLoop(((v: Float64Array) => v[0]) as Fn, 'f(x, y)', 'sync', x, y), count: 0, samples: [] as number[] };
  const all = [primer, ...cands];
  for (const c of all) c.count = await calibrate(c.loop, DDOT_ROUND_MS);
  // SciPy in a process of its own after each round of ours (timeit: a warm-up, then one repeat), so each of
  // its samples is measured moments after the k-th of ours: rounds measured a minute apart read this VM's
  // drift (SciPy's ddot took 174-192 ns a call in one run, 101-108 in another).
  const scipyName = name('SciPy linalg.blas.ddot');
  const scipySamples: number[] = [];
  let scipyWhy = hasScipy ? '' : `${PYTHON} has no scipy (Debian: apt-get install python3-scipy)`;
  const env = { ...process.env, OPENBLAS_NUM_THREADS: String(threads) };
  const spawner = new Spawner();  // this process never forks (spawner.ts)
  if (hasScipy) ctx.log('linalg: ddot n=4 rounds, each followed by SciPy ddot (timeit)');
  for (let k = -2; k < DDOT_ROUNDS; k++) {
    for (const c of all) {
      const t0 = process.hrtime.bigint();
      sink += Number(await c.loop(c.count));
      if (k >= 0) c.samples.push(Number(process.hrtime.bigint() - t0) / c.count);
    }
    if (k < 0 || scipyWhy) continue;
    const r = await spawner.run(PYTHON, [path.join(__dirname, 'linalg.py'), 'ddot', '1', '200000'], ctx.root, env);
    const got = r.ok ? (JSON.parse(r.out) as { ddot?: number[] }).ddot?.[0] : undefined;
    if (got === undefined) scipyWhy = lastLine(r.err) || 'printed no figure';
    else scipySamples.push(got);
  }
  for (const c of cands) rows.push(measured(c.name, 'ns/call', c.samples, { note: c.note }));
  rows.push(scipyWhy ? skipped(scipyName, scipyWhy) : measured(scipyName, 'ns/call', scipySamples, { note: `SciPy ${hasScipy}, timeit, a process after each round of ours` }));
  return rows;
}
