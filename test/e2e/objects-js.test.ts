// ndarray objects in and out, and the options object, read and made by JS functions compiled once
// per thread (native/include/bridgegen/objects_js.h): the same values, errors and key order as the
// N-API path they replace, and N-API still reads what they leave to it (bigints, getters that throw).

import { buildModule, fixture } from '../helpers/build';
import { thrown } from '../helpers/errors';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
let m: any;
const data = Float64Array.from([1, 2, 3, 4, 5, 6]);
const doubled = { data: [2, 4, 6, 8, 10, 12], shape: [2, 3], strides: [1, 2], offset: 0, order: 'column-major', dtype: 'float64' };
/** The result with `data` as a plain array: typed arrays made natively belong to Node's realm, not jest's. */
const plain = (r: { data: Float64Array }) => ({ ...r, data: Array.from(r.data) });

beforeAll(async () => {
  m = require(await buildModule('ndarrays', [fixture('ndarrays.f90')]));
});

it('returns { data, shape, strides, offset, order, dtype } in that key order, every call', () => {
  for (let k = 0; k < 3; k++) {
    const r = m.twice({ data, shape: [2, 3], order: 'column-major' });
    expect(plain(r)).toEqual(doubled);
    expect(Object.keys(r)).toEqual(['data', 'shape', 'strides', 'offset', 'order', 'dtype']);
  }
});

it('reads strides, offset and order as before, and bigint fields through N-API', () => {
  const padded = Float64Array.from([0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6]);
  expect(plain(m.twice({ data: padded, shape: [2, 3], strides: [2, 4], offset: 1 }))).toEqual(doubled);
  // No `order` means row-major (stdlib's default): the same numbers, read across the rows.
  expect(plain(m.twice({ data, shape: [2, 3] })).data).toEqual([2, 8, 4, 10, 6, 12]);
  expect(plain(m.twice({ data, shape: [3, 2], order: 'row-major' })).data).toEqual([2, 6, 10, 4, 8, 12]);
  expect(plain(m.twice({ data, shape: [2n, 3n], strides: [1n, 2n], offset: 0n }))).toEqual(doubled);
  expect(plain(m.twice({ data, shape: [2n, 3n], order: 'column-major' }))).toEqual(doubled);
});

it('reports bad fields with the same errors', () => {
  const cases: [object, string, string][] = [
    [{ data, shape: [2.5, 3] }, 'RangeError', 'argument `a` of twice().shape[0]: 2.5 is not an integer for int64'],
    [{ data, shape: [-2, 3] }, 'RangeError', 'argument `a` of twice(): negative extent in shape'],
    [{ data, shape: [2, 3], offset: 0.5 }, 'RangeError', 'argument `a` of twice().offset: 0.5 is not an integer for int64'],
    [{ data, shape: [2, 3], strides: [1] }, 'TypeError', 'argument `a` of twice(): `strides` must be an array of 2 integers'],
    [{ data, shape: [2, 3], strides: [1, 'x'] }, 'TypeError', 'argument `a` of twice().strides[1]: expected a number, got string'],
    [{ data, shape: [6] }, 'TypeError', 'argument `a` of twice(): expected an ndarray of rank 2, got shape array'],
    [{ data, shape: [2, 3], offset: 1 }, 'RangeError', 'argument `a` of twice(): shape, strides and offset reach outside `data` (6 elements)'],
  ];
  for (const [bad, name, message] of cases) {
    const e = thrown(() => m.twice(bad));
    expect([e.name, e.message]).toEqual([name, message]);
  }
  expect(thrown(() => m.twice({ shape: [2, 3] })).message).toMatch(/^argument `a` of twice\(\): expected Float64Array, nested arrays or an ndarray, got/);
});

it('survives getters: one that calls the module again, and one that throws (the same error object)', () => {
  const inner = { data, shape: [2, 3], order: 'column-major' };
  let innerResult: unknown;
  const reentrant = { data, order: 'column-major', get shape() { innerResult = m.twice(inner); return [2, 3]; } };
  expect(plain(m.twice(reentrant))).toEqual(doubled);
  expect(plain(innerResult as { data: Float64Array })).toEqual(doubled);
  const boom = new Error('boom');
  const throwing = { data, shape: [2, 3], get strides(): number[] { throw boom; } };
  expect(thrown(() => m.twice(throwing))).toBe(boom);
  expect(plain(m.twice({ data, shape: [2, 3], order: 'column-major' }))).toEqual(doubled);
});

describe('the options object', () => {
  const a = { data, shape: [2, 3], order: 'column-major' };

  it('reads own and inherited keys, in for-in order, as N-API did', () => {
    expect(plain(m.twice(a, { m: 2, n: 3 }))).toEqual(doubled);
    expect(plain(m.twice(a, Object.create({ m: 2 }, { n: { value: 3, enumerable: true } })))).toEqual(doubled);
    expect(thrown(() => m.twice(a, { m: 3 })).message).toBe('argument `a` of twice(): expected shape (3, 3) from a(m, n), got (2, 3)');
  });

  it('names unknown keys whole (a NUL inside, or longer than any parameter name)', () => {
    expect(thrown(() => m.twice(a, { 'm\u0000': 2 })).message).toBe('twice(): unknown option `m\u0000`; expected one of `a`, `m`, `n`');
    const long = 'x'.repeat(200);
    expect(thrown(() => m.twice(a, { [long]: 2 })).message).toBe(`twice(): unknown option \`${long}\`; expected one of \`a\`, \`m\`, \`n\``);
    expect(thrown(() => m.twice(a, 2, { m: 2 })).message).toBe('twice(): argument `m` given both by position and by name');
  });

  it('survives getters: one that calls the module again, and one that throws (the same error object)', () => {
    let inner: unknown;
    expect(plain(m.twice(a, { get m() { inner = m.twice(a, { n: 3 }); return 2; } }))).toEqual(doubled);
    expect(plain(inner as { data: Float64Array })).toEqual(doubled);
    const boom = new Error('boom');
    expect(thrown(() => m.twice(a, { get n(): number { throw boom; } }))).toBe(boom);
  });
});
