// End to end: compile the calling-convention fixtures (free and fixed form), call every routine
// from TypeScript, sync and async, and check numbers, shapes, in-place updates and errors.

import { AsyncLocalStorage } from 'node:async_hooks';
import * as os from 'node:os';
import { buildModule, fixture } from '../helpers/build';

// Jest runs tests in a vm context whose TypeError/Float64Array are not the addon's (those are
// Node's main-realm classes), so classes are compared by name here; test/e2e/cli.test.ts checks
// `instanceof` in a plain Node process.
const className = (value: unknown) => (value as object).constructor.name;

// The generated module is typed by its own index.d.ts; tests/e2e/types.test.ts checks that.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let m: any;

beforeAll(async () => {
  const dir = await buildModule('calls', [fixture('calls_free.f90'), fixture('calls_fixed.f')]);
  m = require(dir);
});

describe('exports', () => {
  it('has every routine and its Async twin', () => {
    for (const name of ['vsum', 'affine', 'scale_inplace', 'matvec', 'outer', 'count_positive', 'histogram',
      'interleave', 'isum', 'cumsum', 'counter', 'twice', 'weighted', 'fill_sevens', 'spin', 'busy_clock', 'busy_thread', 'busy_saved', 'daxpyx', 'dnrm2x', 'transp']) {
      expect(typeof m[name]).toBe('function');
      expect(typeof m[`${name}Async`]).toBe('function');
    }
  });
});

describe('scalars and rank-1 arrays', () => {
  it('returns a function result, inferring the size from the array', () => {
    expect(m.vsum(new Float64Array([1, 2, 3.5]))).toBe(6.5);
    expect(m.vsum([1, 2, 3])).toBe(6);
  });

  it('takes an explicit size by position or by name, and uses only that many elements', () => {
    expect(m.vsum([1, 2, 3], 2)).toBe(3);
    expect(m.vsum([1, 2, 3], { n: 1 })).toBe(1);
  });

  it('allocates an intent(out) array sized by an input', () => {
    expect(Array.from(m.affine([1, 2, 3], 2, 1))).toEqual([3, 5, 7]);
  });

  it('converts other typed arrays and plain arrays for intent(in)', () => {
    expect(m.vsum(new Int32Array([1, 2, 3]))).toBe(6);
    expect(m.vsum(new Float32Array([0.5, 0.25]))).toBe(0.75);
  });

  it('returns one object for several results, keyed by name, function result first', () => {
    const r = m.count_positive(new Float32Array([1, -2, 3.5]));
    expect(r).toEqual({ count_positive: 2, total: 4.5, largest: 3.5 });
    expect(Object.keys(r)).toEqual(['count_positive', 'total', 'largest']);
  });

  it('supports real(4) inputs and integer(4) outputs sized by a required argument', () => {
    const counts = m.histogram(new Float32Array([0.1, 0.5, 0.9, 0.95]), 0, 1, 2);
    expect(className(counts)).toBe('Int32Array');
    expect(Array.from(counts)).toEqual([1, 3]);
    expect(m.histogram([0.5], 0, 1, 0)).toHaveLength(0);
  });

  it('sizes outputs from dimension expressions (2*n+1)', () => {
    expect(Array.from(m.interleave([5, 6]))).toEqual([0, 5, 0, 6, 0]);
  });

  it('handles explicit lower bounds and intrinsics in dimensions', () => {
    expect(Array.from(m.weighted([5, 5, 5], 2))).toEqual([0, 5, 10]);
    expect(() => m.weighted([5, 5], 2)).toThrow(/expected shape \(3\) from x\(0:n\), got \(2\)/);
    expect(Array.from(m.fill_sevens(0))).toEqual([7]);
    expect(Array.from(m.fill_sevens(3))).toEqual([7, 7, 7]);
  });

  it('returns integer(8) as bigint and accepts numbers or bigints', () => {
    expect(m.isum([1n, 2n, 3])).toBe(6n);
    expect(m.isum(new BigInt64Array([2n ** 40n, 1n]))).toBe(2n ** 40n + 1n);
  });

  it('returns an intent(inout) scalar, and an F2Py intent(in,out) array as a copy', () => {
    expect(m.twice(21)).toBe(42);
    const x = [1, 2, 3];
    expect(Array.from(m.cumsum(x))).toEqual([1, 3, 6]);
    expect(x).toEqual([1, 2, 3]);
  });

  it('updates intent(inout) arrays in place', () => {
    const x = new Float64Array([1, 2]);
    expect(m.scale_inplace(x, 3)).toBeUndefined();
    expect(Array.from(x)).toEqual([3, 6]);
  });

  it('keeps SAVE state between calls', () => {
    const first = m.counter(1);
    expect(m.counter(2)).toBe(first + 2);
  });
});

describe('rank-2 arrays', () => {
  const a = [[1, 2, 3], [4, 5, 6]]; // 2x3, rows as NumPy lists them

  it('reads nested arrays as rows', () => {
    expect(Array.from(m.matvec(a, [1, 0, 1]))).toEqual([4, 10]);
  });

  it('reads ndarray-like objects, row-major and column-major', () => {
    const rowMajor = { data: new Float64Array([1, 2, 3, 4, 5, 6]), shape: [2, 3] };
    const colMajor = { data: new Float64Array([1, 4, 2, 5, 3, 6]), shape: [2, 3], order: 'column-major' as const };
    expect(Array.from(m.matvec(rowMajor, [1, 1, 1]))).toEqual([6, 15]);
    expect(Array.from(m.matvec(colMajor, [1, 1, 1]))).toEqual([6, 15]);
  });

  it('accepts a flat typed array when every extent is given', () => {
    expect(Array.from(m.matvec(new Float64Array([1, 4, 2, 5, 3, 6]), [1, 1, 1], { m: 2, n: 3 }))).toEqual([6, 15]);
  });

  it('returns rank-2 outputs as column-major ndarrays', () => {
    const c = m.outer([1, 2], [1, 10, 100]);
    expect(c.shape).toEqual([2, 3]);
    expect(c.strides).toEqual([1, 2]);
    expect(c.order).toBe('column-major');
    expect(c.dtype).toBe('float64');
    expect(Array.from(c.data)).toEqual([1, 2, 10, 20, 100, 200]);
  });

  it('feeds a rank-2 result back in as input', () => {
    const t = m.transp(m.transp(a));
    expect(t.shape).toEqual([2, 3]);
    expect(Array.from(t.data)).toEqual([1, 4, 2, 5, 3, 6]);
  });
});

describe('fixed form', () => {
  it('wraps DOUBLE PRECISION functions and Cf2py intent(in,out)', () => {
    expect(m.dnrm2x([3, 4])).toBe(5);
    expect(Array.from(m.daxpyx(2, [1, 2], [10, 10]))).toEqual([12, 14]);
  });
});

describe('async', () => {
  it('resolves to the same results as the sync call', async () => {
    await expect(m.vsumAsync([1, 2, 3])).resolves.toBe(6);
    await expect(m.count_positiveAsync([1, -1])).resolves.toEqual({ count_positive: 1, total: 1, largest: 1 });
    const c = await m.outerAsync([1, 2], [3]);
    expect(Array.from(c.data)).toEqual([3, 6]);
  });

  it('updates inout arrays in place', async () => {
    const x = new Float64Array([1, 2]);
    await m.scale_inplaceAsync(x, 2);
    expect(Array.from(x)).toEqual([2, 4]);
  });

  it('rejects bad input instead of throwing, and stays usable afterwards', async () => {
    await expect(m.affineAsync('nope', 1, 2)).rejects.toMatchObject({ name: 'TypeError', code: 'ERR_BRIDGEGEN_ARG_TYPE' });
    expect(Array.from(await m.affineAsync([1], 1, 2))).toEqual([3]);
  });

  it('works on private copies: the caller may transfer an input while the call runs', async () => {
    const big = new Float64Array(1_000_000).fill(1);
    const pending = m.vsumAsync(big);
    structuredClone(big.buffer, { transfer: [big.buffer] });
    expect(big.length).toBe(0);
    await expect(pending).resolves.toBe(1_000_000);
  });

  it('updates in place, and rejects when the array is transferred during the call (its memory kept alive)', async () => {
    const x = new Float64Array(100_000).fill(1);
    const pending = m.scale_inplaceAsync(x, 2);
    const moved = structuredClone(x.buffer, { transfer: [x.buffer] });
    await expect(pending).rejects.toMatchObject({ name: 'TypeError', code: 'ERR_BRIDGEGEN_DETACHED' });
    // The routine worked on the memory it was given, now the new owner's, never freed under it.
    expect(new Float64Array(moved)[99_999]).toBe(2);
  });

  it('reads a resizable buffer from a private copy: shrinking it during the call takes nothing away', async () => {
    const buffer = new (ArrayBuffer as any)(8 * 1_000_000, { maxByteLength: 8 * 2_000_000 }) as ArrayBuffer & { resize(n: number): void };
    const x = new Float64Array(buffer).fill(1); // length-tracking
    const pending = m.vsumAsync(x);
    buffer.resize(8);
    await expect(pending).resolves.toBe(1_000_000);
  });

  it('updates an exact-type F2Py intent(in,out) array as the sync call does', async () => {
    const x = new Float64Array([1, 2, 3]);
    const y = new Float64Array([1, 2, 3]);
    expect(Array.from(m.cumsum(x))).toEqual([1, 3, 6]);
    expect(Array.from(await m.cumsumAsync(y))).toEqual([1, 3, 6]);
    expect(Array.from(y)).toEqual(Array.from(x));
  });

  it('settles many concurrent calls each with its own result, batched or not, aborted ones with their reason', async () => {
    // Cheap calls issued together share pool work items (batch.h); each still settles alone.
    const controllers = Array.from({ length: 600 }, () => new AbortController());
    const pending = controllers.map((c, k) => m.vsumAsync(new Float64Array([k, 1]), { signal: c.signal }));
    const reason = new Error('dropped');
    controllers.forEach((c, k) => { if (k % 7 === 3) c.abort(reason); });
    const outcomes = await Promise.allSettled(pending);
    outcomes.forEach((o, k) => {
      if (o.status === 'fulfilled') expect(o.value).toBe(k + 1);
      else expect([k % 7, o.reason]).toEqual([3, reason]); // only aborted ones may reject
    });
    expect(outcomes.filter((o) => o.status === 'fulfilled').length).toBeGreaterThanOrEqual(600 - Math.ceil(600 / 7));
  });

  it('settles an await loop of cheap calls one by one, each with its own result (relayed: relay.h)', async () => {
    // After its first runs vsum counts as cheap: each next call joins the pool thread still waiting for one.
    const sums: number[] = [];
    for (let k = 0; k < 3000; k++) sums.push(await m.vsumAsync(new Float64Array([k, 1])));
    expect(sums).toEqual(Array.from({ length: 3000 }, (_, k) => k + 1));
  });

  it('relays calls of a routine that keeps state (SAVE) one at a time', async () => {
    const start = m.counter(0);
    const seen: number[] = [];
    for (let k = 1; k <= 500; k++) seen.push(await m.counterAsync(1));
    expect(seen).toEqual(Array.from({ length: 500 }, (_, k) => start + k + 1));
    // Issued together, they may run in any order (the state lock serializes them), each once.
    const together = await Promise.all(Array.from({ length: 100 }, () => m.counterAsync(2)));
    expect(together.sort((a: number, b: number) => a - b)).toEqual(Array.from({ length: 100 }, (_, k) => start + 500 + 2 * (k + 1)));
  });

  it('relays several await loops at once, an aborted call among them rejecting alone', async () => {
    const reason = new Error('skip');
    const loop = async (lane: number) => {
      const out: (number | string)[] = [];
      for (let k = 0; k < 400; k++) {
        const controller = new AbortController();
        const pending = m.vsumAsync(new Float64Array([lane, k]), { signal: controller.signal });
        if (k === 200) controller.abort(reason);
        out.push(await pending.catch((e: Error) => (e === reason ? 'aborted' : e.message)));
      }
      return out;
    };
    const lanes = await Promise.all(Array.from({ length: 8 }, (_, lane) => loop(lane)));
    lanes.forEach((out, lane) => out.forEach((v, k) => {
      if (k === 200 && v === 'aborted') return; // aborted before it ran (it may also have run first)
      expect(v).toBe(lane + k);
    }));
  });

  it("keeps each caller's AsyncLocalStorage store across the await (work items share one resource object)", async () => {
    const als = new AsyncLocalStorage<number>();
    const seen = await Promise.all(Array.from({ length: 50 }, (_, k) => als.run(k, async () => {
      await m.vsumAsync(new Float64Array([k, 1]));
      const inner = als.getStore();
      await m.outerAsync([1, 2], [k]);
      return [inner, als.getStore()];
    })));
    expect(seen).toEqual(Array.from({ length: 50 }, (_, k) => [k, k]));
  });

  it('hands outputs over without copying: they can be transferred like any buffer', async () => {
    const y = await m.affineAsync(new Float64Array(5).fill(1), 2, 1);
    expect(structuredClone(y.buffer, { transfer: [y.buffer] }).byteLength).toBe(40);
  });

  it('rejects with the reason of an AbortSignal that is already aborted, without running', async () => {
    const controller = new AbortController();
    controller.abort(new Error('not needed'));
    const before = m.counter(0);
    await expect(m.counterAsync(1, { signal: controller.signal })).rejects.toThrow('not needed');
    expect(m.counter(0)).toBe(before);
  });

  it('cancels a call that is still waiting for a thread when its signal aborts', async () => {
    const threads = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
    const concurrency = m.getAsyncConcurrency();
    m.setAsyncConcurrency(threads); // large calls on every pool thread, not waiting their turn
    const busy = Array.from({ length: threads }, () => m.spinAsync(40_000_000)); // every pool thread, for a while
    const controller = new AbortController();
    const waiting = m.vsumAsync([1, 2], { signal: controller.signal });
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    await Promise.all(busy);
    m.setAsyncConcurrency(concurrency);
  });

  it('runs normally with a signal that never aborts, options by name alongside it', async () => {
    await expect(m.vsumAsync([1, 2], { signal: new AbortController().signal, n: 1 })).resolves.toBe(1);
  });

  it('keeps inputs alive when the caller drops them', async () => {
    const calls = Array.from({ length: 32 }, (_, i) => m.vsumAsync(new Float64Array(10000).fill(i)));
    global.gc?.();
    const sums = await Promise.all(calls);
    expect(sums).toEqual(Array.from({ length: 32 }, (_, i) => 10000 * i));
  });
});

describe('how many large async calls run at once', () => {
  const byDefault = os.availableParallelism();
  const clocked = async (ms: number, options?: object, routine = m.busy_clockAsync) => {
    const r = await routine(ms, ...(options ? [options] : []));
    return { started: Number(r.started), ended: Number(r.ended) };
  };
  afterEach(() => m.setAsyncConcurrency(byDefault));
  /** Behind `first`, a call of `ms` aborted at once (it must reject) and a 1 ms one: first's and the last's runs. */
  const abortBehind = async (first: ReturnType<typeof clocked>, ms: number) => {
    const controller = new AbortController();
    const second = clocked(ms, { signal: controller.signal });
    const third = clocked(1);
    controller.abort(new Error('stop'));
    await expect(second).rejects.toThrow('stop');
    return Promise.all([first, third]);
  };

  it('lets async work take every core by default', () => {
    expect(m.getAsyncConcurrency()).toBe(byDefault);
  });

  it('runs them one after the other, in call order, at concurrency 1', async () => {
    m.setAsyncConcurrency(1);
    const runs = await Promise.all([0, 1, 2, 3].map(() => clocked(20)));
    for (let k = 1; k < runs.length; k++) expect(runs[k].started).toBeGreaterThanOrEqual(runs[k - 1].ended);
  });

  it('settles each large call as it ends, also when they run one after another on one pool thread', async () => {
    m.setAsyncConcurrency(1); // the next ones join the running call's work item (batch.h)
    const settled: bigint[] = [];
    const runs = await Promise.all([0, 1, 2, 3].map((k) => m.busy_clockAsync(40).then((r: { started: bigint; ended: bigint }) => {
      settled[k] = process.hrtime.bigint(); // system_clock and hrtime read the same monotonic clock
      return r;
    })));
    for (let k = 1; k < runs.length; k++) {
      expect(runs[k].started).toBeGreaterThanOrEqual(runs[k - 1].ended);
      expect(settled[k - 1]).toBeLessThan(runs[k].ended); // not held until the last one ended
    }
  });

  it('runs a large call made while another runs on that call\'s pool thread, right after it', async () => {
    m.setAsyncConcurrency(1);
    // Two loops that each await their call: every call after the first two is made while the
    // other loop's call runs, and joins its work item (batch.h), whose pool thread goes on to it.
    // A work item per call would wake a pool thread for each, and libuv wakes them in turn.
    const runs: { started: bigint; ended: bigint; thread: number }[] = [];
    const loop = async () => {
      for (let k = 0; k < 4; k++) runs.push(await m.busy_threadAsync(60)); // 60 ms: room for a JS thread slow to answer
    };
    await Promise.all([loop(), loop()]);
    expect(new Set(runs.map((r) => r.thread)).size).toBe(1);
    runs.sort((a, b) => (a.started < b.started ? -1 : 1));
    for (let k = 1; k < runs.length; k++) expect(runs[k].started).toBeGreaterThanOrEqual(runs[k - 1].ended);
  });

  it('starts the waiting ones when the concurrency is raised', async () => {
    m.setAsyncConcurrency(1);
    const pending = [0, 1, 2].map(() => clocked(300));
    m.setAsyncConcurrency(3);
    const runs = await Promise.all(pending);
    // All three were running before the first one ended (300 ms is the margin for a busy machine).
    expect(Math.max(...runs.map((r) => r.started))).toBeLessThan(Math.min(...runs.map((r) => r.ended)));
  });

  it('cancels a call waiting for its turn when its signal aborts; the next one takes the turn', async () => {
    m.setAsyncConcurrency(1);
    const [a, c] = await abortBehind(clocked(100), 100);
    expect(c.started).toBeGreaterThanOrEqual(a.ended);
  });

  it('cancels a call queued behind a running one when its signal aborts; the next one still runs', async () => {
    m.setAsyncConcurrency(1);
    const first = clocked(200);
    await new Promise((r) => setTimeout(r, 50)); // first runs: the next ones join its work item
    const [a, c] = await abortBehind(first, 1000);
    expect(c.started).toBeGreaterThanOrEqual(a.ended);
    expect(c.started - a.ended).toBeLessThan(500e6); // it did not wait out the cancelled call (1 s; ns)
  });

  it('runs large calls of a routine that keeps state one at a time; threadsafe ones alongside', async () => {
    m.setAsyncConcurrency(3);
    const [first, second, free] = await Promise.all([
      clocked(200, undefined, m.busy_savedAsync), clocked(200, undefined, m.busy_savedAsync), clocked(200)]);
    expect(second.started).toBeGreaterThanOrEqual(first.ended);
    expect(free.started).toBeLessThan(first.ended); // it did not wait behind the second
  });

  it('does not hold back cheap calls behind a large one', async () => {
    m.setAsyncConcurrency(1);
    for (let k = 0; k < 20; k++) await m.vsumAsync([1, 2]); // its run time is known from here on: microseconds
    let largeDone = false;
    const large = clocked(500).then(() => { largeDone = true; });
    await expect(m.vsumAsync([1, 2])).resolves.toBe(3);
    expect(largeDone).toBe(false);
    await large;
  });

  it('rejects a concurrency that is not an integer from 1 to 1024', () => {
    for (const bad of [0, 1.5, 2000, NaN, '2']) {
      expect(() => m.setAsyncConcurrency(bad)).toThrow(/setAsyncConcurrency\(\): expected an integer from 1 to 1024/);
    }
    expect(m.getAsyncConcurrency()).toBe(byDefault);
  });
});

describe('bad input', () => {
  const cases: Array<[string, () => unknown, string, string, RegExp]> = [
    ['wrong type', () => m.vsum('abc'), 'TypeError', 'ERR_BRIDGEGEN_ARG_TYPE', /argument `x` of vsum\(\): expected Float64Array/],
    ['missing argument', () => m.affine([1]), 'TypeError', 'ERR_BRIDGEGEN_ARG_COUNT', /missing required argument `a`/],
    ['too many arguments', () => m.vsum([1], 1, 2), 'TypeError', 'ERR_BRIDGEGEN_ARG_COUNT', /at most 2/],
    ['unknown option', () => m.vsum([1], { q: 1 }), 'TypeError', 'ERR_BRIDGEGEN_ARG_TYPE', /unknown option `q`/],
    ['size larger than the array', () => m.vsum([1, 2], 5), 'RangeError', 'ERR_BRIDGEGEN_SHAPE', /expected shape \(5\) from x\(n\), got \(2\)/],
    ['non-integer size', () => m.vsum([1, 2], 1.5), 'RangeError', 'ERR_BRIDGEGEN_ARG_VALUE', /1\.5 is not an integer/],
    ['NaN size', () => m.vsum([1, 2], NaN), 'RangeError', 'ERR_BRIDGEGEN_ARG_VALUE', /NaN/],
    ['size out of int32 range', () => m.interleave([1], 2 ** 31), 'RangeError', 'ERR_BRIDGEGEN_ARG_VALUE', /out of range/],
    ['mismatched leading extent', () => m.matvec([[1, 2], [3, 4]], [1, 1], { m: 3 }), 'RangeError', 'ERR_BRIDGEGEN_SHAPE', /expected shape \(3, 2\)/],
    ['ragged nested arrays', () => m.matvec([[1, 2], [3]], [1, 1]), 'TypeError', 'ERR_BRIDGEGEN_ARG_TYPE', /ragged/],
    ['non-numeric element', () => m.vsum([1, 'x']), 'TypeError', 'ERR_BRIDGEGEN_ARG_TYPE', /at index 1: expected a number/],
    ['inout array of the wrong type', () => m.scale_inplace(new Float32Array(2), 2), 'TypeError', 'ERR_BRIDGEGEN_NOT_IN_PLACE', /updated in place/],
    ['inout plain array', () => m.scale_inplace([1, 2], 2), 'TypeError', 'ERR_BRIDGEGEN_NOT_IN_PLACE', /updated in place/],
    ['flat array with unknown extents', () => m.matvec(new Float64Array(4), [1, 1]), 'TypeError', 'ERR_BRIDGEGEN_ARG_COUNT', /cannot infer `m`/],
    ['ndarray reaching outside its data', () => m.matvec({ data: new Float64Array(3), shape: [2, 2] }, [1, 1]), 'RangeError', 'ERR_BRIDGEGEN_SHAPE', /outside `data`/],
    ['non-integer into integer(8)', () => m.isum([1.5]), 'RangeError', 'ERR_BRIDGEGEN_ARG_VALUE', /not an integer/],
  ];

  it.each(cases)('%s', (_name, call, errorName, code, message) => {
    let error: unknown;
    try {
      call();
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ name: errorName, code });
    expect((error as Error).message).toMatch(message);
  });

  it('accepts a detached buffer as an empty array without crashing', () => {
    const x = new Float64Array([1, 2, 3]);
    structuredClone(x.buffer, { transfer: [x.buffer] });
    expect(m.vsum(x)).toBe(0);
    expect(() => m.vsum(x, 1)).toThrow(/expected shape \(1\) from x\(n\), got \(0\)/);
  });
});
