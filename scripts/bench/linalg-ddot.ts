// The ddot n=4 rows of the linalg benchmark (issue 6: per-call time vs SciPy's `ddot`, goal: faster):
// `blas.ddot(x, y)` sync, `ddotAsync` (await each; 64 in flight), each loop compiled on its own and
// the rounds interleaved, vs SciPy's `scipy.linalg.blas.ddot` through timeit in /usr/bin/python3.

import * as path from 'node:path';
import { PYTHON } from './f2py';
import { type Fn, type Linalg, lastLine, run } from './linalg-setup';
import { measured, skipped } from './measure';
import type { BenchContext, Row } from './types';

export const DDOT_ROUNDS = 11;
export const DDOT_ROUND_MS = 30;
const LANES = 64;

/** Results summed so no call is optimized away. */
let sink = 0;

type Loop = (count: number) => unknown;

/** A loop of `count` calls compiled on its own (monomorphic call site), like calls.ts. */
function compile(f: Fn, mode: 'sync' | 'each' | 'inflight', x: Float64Array, y: Float64Array): Loop {
  const body = {
    sync: 'let s = 0; for (let i = 0; i < count; i++) s += f(x, y); return s;',
    each: 'let s = 0; for (let i = 0; i < count; i++) s += await f(x, y); return s;',
    inflight: `const k = count / ${LANES}; const lane = async () => { let s = 0; for (let i = 0; i < k; i++) s += await f(x, y); return s; };
      const all = []; for (let j = 0; j < ${LANES}; j++) all.push(lane()); let s = 0; for (const v of await Promise.all(all)) s += v; return s;`,
  }[mode];
  return new Function('f', 'x', 'y', `return ${mode === 'sync' ? '' : 'async '}function (count) { ${body} };`)(f, x, y) as Loop;
}

async function calibrate(loop: Loop): Promise<number> {
  for (let count = LANES * 16; ; count *= 8) {
    const t0 = performance.now();
    sink += Number(await loop(count));
    const ms = performance.now() - t0;
    if (ms > 5 || count > 1e8) return Math.max(LANES, Math.round((count * DDOT_ROUND_MS) / ms / LANES) * LANES);
  }
}

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
    else cands.push({ name: name(who), loop: compile(f!, mode, x, y), note: mode === 'inflight' ? 'per call' : undefined, count: 0, samples: [] });
  }
  // A primer first (calls.ts: V8 ran the first loop of a set faster than later ones), then interleaved rounds.
  const primer = { name: 'primer', loop: compile(((v: Float64Array) => v[0]) as Fn, 'sync', x, y), count: 0, samples: [] as number[] };
  const all = [primer, ...cands];
  for (const c of all) c.count = await calibrate(c.loop);
  for (let k = -2; k < DDOT_ROUNDS; k++) {
    for (const c of all) {
      const t0 = process.hrtime.bigint();
      sink += Number(await c.loop(c.count));
      if (k >= 0) c.samples.push(Number(process.hrtime.bigint() - t0) / c.count);
    }
  }
  for (const c of cands) rows.push(measured(c.name, 'ns/call', c.samples, { note: c.note }));
  const scipyName = name('SciPy linalg.blas.ddot');
  if (!hasScipy) {
    rows.push(skipped(scipyName, `${PYTHON} has no scipy (Debian: apt-get install python3-scipy)`));
  } else {
    ctx.log('linalg: SciPy ddot (timeit)');
    const env = { ...process.env, OPENBLAS_NUM_THREADS: String(threads) };
    const r = run(PYTHON, [path.join(__dirname, 'linalg.py'), 'ddot', String(DDOT_ROUNDS), '200000'], ctx.root, env);
    const got = r.ok ? (JSON.parse(r.out) as { ddot?: number[] }).ddot : undefined;
    rows.push(got ? measured(scipyName, 'ns/call', got, { note: `SciPy ${hasScipy}, timeit` }) : skipped(scipyName, lastLine(r.err)));
  }
  return rows;
}
