// Loops of calls for the per-call benchmarks (calls.ts, linalg-ddot.ts). Each loop is compiled on its own
// (`new Function`), so its call site stays monomorphic, and calibrated to the length of a round.

export type Fn = (...args: never[]) => unknown;
/** A compiled loop: makes `count` calls and returns the sum of their results. */
export type Loop = (count: number) => unknown;
/** sync: calls in a row; each: each call awaited; inflight: LANES loops awaiting their calls at once. */
export type LoopMode = 'sync' | 'each' | 'inflight';

export const LANES = 64;

/** Results summed so no call is optimized away. */
let sink = 0;

/** A loop of `count` evaluations of `expr`, which may name `f`, `x` and `y`. */
export function compileLoop(f: Fn, expr: string, mode: LoopMode, x: unknown, y: unknown): Loop {
  const body = {
    sync: `let s = 0; for (let i = 0; i < count; i++) s += ${expr}; return s;`,
    each: `let s = 0; for (let i = 0; i < count; i++) s += await ${expr}; return s;`,
    inflight: `const k = count / ${LANES}; const lane = async () => { let s = 0; for (let i = 0; i < k; i++) s += await ${expr}; return s; };
      const all = []; for (let j = 0; j < ${LANES}; j++) all.push(lane()); let s = 0; for (const v of await Promise.all(all)) s += v; return s;`,
  }[mode];
  const make = new Function('f', 'x', 'y', `return ${mode === 'sync' ? '' : 'async '}function (count) { ${body} };`);
  return make(f, x, y) as Loop;
}

/** Calls per round so that a round takes about `roundMs` (a multiple of LANES). */
export async function calibrate(loop: Loop, roundMs: number): Promise<number> {
  for (let count = LANES * 16; ; count *= 8) {
    const t0 = performance.now();
    sink += Number(await loop(count));
    const ms = performance.now() - t0;
    if (ms > 5 || count > 1e8) return Math.max(LANES, Math.round((count * roundMs) / ms / LANES) * LANES);
  }
}
