// Callbacks (contract 1.5): Fortran procedure arguments driven by JS functions, sync and async:
// a Newton solver and an RK4 integrator, arrays as views of the Fortran memory (outputs filled
// in place), values set by returning an object, the same error object back when one throws,
// eight concurrent async calls, and a callback that calls the module again.

import { buildModule, fixture } from '../helpers/build';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
let m: any;

beforeAll(async () => {
  m = require(await buildModule('callbacks', [fixture('callbacks.f90')]));
});

it('drives a Newton solver with JS functions for f and its derivative', () => {
  const { x, iters } = m.newton((x: number) => x * x - 2, (x: number) => 2 * x, 1, 1e-14, 50);
  expect(x).toBeCloseTo(Math.SQRT2, 14);
  expect(iters).toBeLessThan(10);
});

it('passes arrays as views: the callback fills the intent(out) one in place', () => {
  const y = new Float64Array([1, 0]);
  m.rk4((_t: number, y: Float64Array, dydt: Float64Array) => { dydt[0] = y[1]; dydt[1] = -y[0]; }, y, 0, Math.PI, 1000);
  expect(y[0]).toBeCloseTo(-1, 10);
  expect(y[1]).toBeCloseTo(0, 10);
});

it('leaves out sizes the callback can read off its arrays, and detaches views when it returns', () => {
  let seen: unknown[] = [];
  let kept: Float64Array | undefined;
  m.rk4((...args: unknown[]) => { seen = args; kept = args[1] as Float64Array; (args[2] as Float64Array)[0] = 0; }, new Float64Array([1]), 0, 1, 1);
  expect(seen).toHaveLength(3); // t, y, dydt: n is inferred
  expect(kept!.length).toBe(0);
});

it('sets intent(out) scalars of a subroutine callback from a returned object', () => {
  const visited: number[] = [];
  expect(m.each((i: number) => { visited.push(i); return i === 3 ? { stop: 1 } : undefined; }, 10)).toBe(3);
  expect(visited).toEqual([1, 2, 3]);
});

it('throws the very error object a callback threw, and stays usable', async () => {
  const boom = new Error('boom');
  let thrown: unknown;
  try {
    m.newton(() => { throw boom; }, () => 1, 1, 1e-12, 50);
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBe(boom);
  await expect(m.rk4Async(() => { throw boom; }, new Float64Array([1]), 0, 1, 10)).rejects.toBe(boom);
  expect(m.newton((x: number) => x - 3, () => 1, 0, 1e-12, 5).x).toBe(3);
});

it('runs callbacks of async calls on the JS thread, eight calls at once', async () => {
  const ys = Array.from({ length: 8 }, () => new Float64Array([1]));
  await Promise.all(ys.map((y, k) => m.rk4Async((_t: number, y: Float64Array, d: Float64Array) => { d[0] = -k * y[0]; }, y, 0, 1, 50)));
  ys.forEach((y, k) => expect(y[0]).toBeCloseTo(Math.exp(-k), 6));
});

it('lets a callback call the module again (the state lock is released while JS runs)', async () => {
  const inner = (x: number) => m.newton((z: number) => z - x, () => 1, 0, 1e-12, 3).x;
  const { x } = await m.newtonAsync((x: number) => inner(x) * x - 9, (x: number) => 2 * x, 1, 1e-12, 50);
  expect(x).toBeCloseTo(3, 10);
});

it('stops a running call at its next callback when its AbortSignal aborts', async () => {
  const controller = new AbortController();
  let calls = 0;
  const pending = m.eachAsync((i: number) => {
    calls++;
    if (i === 2) controller.abort(new Error('enough'));
  }, 100, { signal: controller.signal });
  await expect(pending).rejects.toThrow('enough');
  expect(calls).toBe(2);
});

it('rejects what is not a function', () => {
  expect(() => m.newton(1, () => 1, 0, 1e-12, 5)).toThrow(/argument `f` of newton\(\): expected a function, got number/);
});

it('keeps the memory of a sync call alive when a callback transfers its array away', () => {
  // The routine keeps working on the memory (held by its backing store, never freed under it);
  // the caller lost the update, and is told so.
  const y = new Float64Array(1 << 16).fill(1);
  let moved: ArrayBuffer | undefined;
  let thrown: any;
  try {
    m.rk4((_t: number, _y: Float64Array, d: Float64Array) => {
      moved ??= structuredClone(y.buffer, { transfer: [y.buffer] });
      d.fill(0);
    }, y, 0, 1, 5);
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toMatchObject({ name: 'TypeError', code: 'ERR_BRIDGEGEN_DETACHED' });
  expect(new Float64Array(moved!)[0]).toBe(1);
  expect(y.length).toBe(0);
  const fresh = new Float64Array([1]);
  m.rk4((_t: number, _y: Float64Array, d: Float64Array) => { d[0] = 1; }, fresh, 0, 1, 4);
  expect(fresh[0]).toBeCloseTo(2, 12);
});

it('copies an array whose buffer a callback could resize, so a shrink cannot pull memory away', () => {
  const buffer = new (ArrayBuffer as any)(8 * 1024, { maxByteLength: 8 * 4096 }) as ArrayBuffer & { resize(n: number): void };
  const y = new Float64Array(buffer, 0, 1024).fill(1);
  // The routine works on a copy; the shrunk array cannot take the update back.
  expect(() => m.rk4((_t: number, _y: Float64Array, d: Float64Array) => { buffer.resize(8); d.fill(1); }, y, 0, 1, 2))
    .toThrow(/detached or transferred during the call/);
  expect(buffer.byteLength).toBe(8);
});
