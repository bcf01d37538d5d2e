// Property tests (fast-check) for generated modules, run in a child process by
// test/e2e/property.test.ts so that a crash is a failure there rather than the end of jest.
//
// Every property draws a *recipe* (plain data: which routine, which argument in which form,
// which mistakes) and turns it into real JS values inside the run, so shrinking and replay see
// fresh buffers. Each recipe knows what must happen: 'ok' (a result, checked against a model in
// JS), 'error' (a TypeError or RangeError with an ERR_BRIDGEGEN_ code) or 'any' (either, and a
// result is still checked when the model can say what it must be). Errors thrown by the caller's
// own code (a throwing getter or callback) must come back as that same object.
//
//   node properties.js '{"fixtures":DIR,"checks":DIR,"offsets":DIR}' SEED RUNS LASTCASE [PROPERTY]
//
// Before each call the recipe is written to LASTCASE, so after a crash the parent can print the
// input that caused it. A property failure prints fast-check's report (seed, path, counterexample).
'use strict';
const fs = require('node:fs');
const fc = require('fast-check');

const [modulesJson, seedText, runsText, lastCase, only] = process.argv.slice(2);
const dirs = JSON.parse(modulesJson);
const m = require(dirs.fixtures);
const checks = require(dirs.checks);
const offsets = require(dirs.offsets);
const seed = Number(seedText) | 0;
const numRuns = Number(runsText);

// ---- values from recipes ---------------------------------------------------------------------

class UserError extends Error {}
const userError = new UserError('thrown by the caller');

const TYPED = {
  f64: Float64Array, f32: Float32Array, i32: Int32Array, i16: Int16Array, i8: Int8Array, u8: Uint8Array,
  u16: Uint16Array, u32: Uint32Array, i64: BigInt64Array,
};

/** A real rank-1 input in one of its accepted (or refused) forms. `form` says which. */
function vector(values, form) {
  switch (form) {
    case 'plain': return values.slice();
    case 'subarray': { const a = new Float64Array(values.length + 3); a.set(values, 2); return a.subarray(2, 2 + values.length); }
    case 'detached': { const a = new Float64Array(values); structuredClone(a.buffer, { transfer: [a.buffer] }); return a; }
    case 'i64': return BigInt64Array.from(values, (v) => BigInt(v));
    default: return TYPED[form].from(values);
  }
}

/** A rank >= 2 input with column-major `values` and `shape`, in the given form. */
function matrix(values, shape, form) {
  const at = (index) => { // column-major linear position of a multi-index
    let p = 0, s = 1;
    for (let d = 0; d < shape.length; d++) { p += index[d] * s; s *= shape[d]; }
    return values[p];
  };
  const nested = (prefix) => prefix.length === shape.length ? at(prefix)
    : Array.from({ length: shape[prefix.length] }, (_, i) => nested([...prefix, i]));
  const rowMajor = () => {
    const out = [];
    const walk = (prefix) => { if (prefix.length === shape.length) out.push(at(prefix)); else for (let i = 0; i < shape[prefix.length]; i++) walk([...prefix, i]); };
    walk([]);
    return out;
  };
  switch (form) {
    case 'nested': return nested([]);
    case 'flat': return Float64Array.from(values);
    case 'colmajor': return { data: Float64Array.from(values), shape: shape.slice(), order: 'column-major' };
    case 'rowmajor': return { data: Float64Array.from(rowMajor()), shape: shape.slice() };
    case 'strided': { // column-major with a gap of 1 after each element and an offset of 2
      const data = new Float64Array(2 + 2 * values.length);
      values.forEach((v, i) => { data[2 + 2 * i] = v; });
      const strides = []; let s = 2;
      for (const e of shape) { strides.push(s); s *= e; }
      return { data, shape: shape.slice(), strides, offset: 2 };
    }
    case 'int32': return { data: Int32Array.from(values), shape: shape.slice(), order: 'column-major' };
    // refused: strides that reach past the data, a negative extent, a ragged nested array
    case 'badstrides': return { data: Float64Array.from(values), shape: shape.slice(), strides: shape.map(() => 1000) };
    case 'negshape': return { data: Float64Array.from(values), shape: shape.map((e, i) => (i === 0 ? -1 : e)) };
    case 'ragged': { const n = nested([]); if (Array.isArray(n) && n.length) n[0] = [...[n[0]].flat(), 1, 2]; return n; }
    default: throw new Error(`form ${form}`);
  }
}

/** Junk for a slot, and whether it is certainly refused. */
const JUNK = {
  string: () => 'x', symbol: () => Symbol('s'), fn: () => () => 1, obj: () => ({}), nul: () => null,
  getter: () => Object.defineProperty({}, 'length', { get() { throw userError; } }),
  proxy: () => new Proxy([], { get() { throw userError; } }),
};
const junk = fc.constantFrom(...Object.keys(JUNK));

const small = fc.integer({ min: -1000, max: 1000 });
const dbl = fc.double({ noDefaultInfinity: false });
const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const near = (a, b) => (Number.isNaN(a) && Number.isNaN(b)) || a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
const sameArray = (got, want, eq = near) => got != null && got.length === want.length && Array.from(got).every((v, i) => eq(Number(v), want[i]));

// ---- the properties ---------------------------------------------------------------------------
// Each returns an arbitrary of cases { fn, args: () => [...], expect, check?(result, args) }.

const vectorForms = ['f64', 'f32', 'i32', 'i16', 'plain', 'subarray'];

const properties = {
  /** real(8) rank-1 in, size inferred or given (valid, too large, negative, not integral). */
  vsum: fc.record({
    xs: fc.array(small, { maxLength: 12 }),
    form: fc.constantFrom(...vectorForms, 'detached', 'u8', 'i64'),
    n: fc.oneof(fc.constant(undefined), fc.integer({ min: -3, max: 15 }), fc.constantFrom(1.5, NaN, 2 ** 31, -(2 ** 31) - 1, '2', 2n)),
    byName: fc.boolean(),
    junkX: fc.option(junk, { freq: 6 }),
  }).map((r) => {
    const usable = ['f64', 'f32', 'i32', 'i16', 'plain', 'subarray', 'u8'].includes(r.form) && (r.form !== 'u8' || r.xs.every((v) => v >= 0 && v < 256));
    const len = r.form === 'detached' ? 0 : r.xs.length;
    const nOk = r.n === undefined || (Number.isInteger(r.n) && r.n >= 0 && r.n <= len);
    const nBad = r.n !== undefined && (typeof r.n === 'string' || Number.isNaN(r.n) || (typeof r.n === 'number' && !Number.isInteger(r.n)) || (typeof r.n === 'number' && r.n > len));
    const expect = r.junkX && r.junkX !== 'nul' ? 'error' : r.junkX ? 'error' : nBad ? 'error' : usable && nOk ? 'ok' : 'any';
    return {
      recipe: r, fn: 'vsum', expect,
      args: () => {
        const x = r.junkX ? JUNK[r.junkX]() : vector(r.xs, r.form);
        return r.n === undefined ? [x] : r.byName ? [x, { n: r.n }] : [x, r.n];
      },
      // the values the module sees: those of the typed array (Uint8Array.from wraps negatives)
      check: (res, args) => typeof res === 'number' && (r.junkX || r.form === 'detached' || r.form === 'i64' || (r.n !== undefined && (typeof r.n !== 'number' || r.n < 0))
        ? true : res === sum(Array.from(args[0]).slice(0, r.n === undefined ? len : r.n))),
    };
  }),

  /** intent(out) array sized by an input; real(8) scalars of any value, junk refused. */
  affine: fc.record({
    xs: fc.array(dbl, { maxLength: 8 }), a: dbl, b: dbl,
    bad: fc.option(fc.constantFrom('a-string', 'b-symbol', 'a-object', 'extra', 'missing'), { freq: 4 }),
  }).map((r) => ({
    recipe: r, fn: 'affine', expect: r.bad ? 'error' : 'ok',
    args: () => {
      const args = [Float64Array.from(r.xs), r.a, r.b, r.xs.length]; // n, inferred, comes last
      if (r.bad === 'a-string') args[1] = 'x';
      if (r.bad === 'b-symbol') args[2] = Symbol('b');
      if (r.bad === 'a-object') args[1] = {};
      if (r.bad === 'extra') args.push(1, 2);
      if (r.bad === 'missing') args.length = 2;
      return args;
    },
    check: (y) => y instanceof Float64Array && sameArray(y, r.xs.map((x) => r.a * x + r.b), (g, w) => Object.is(g, w) || near(g, w)),
  })),

  /** intent(inout): only the exact typed array, updated in place. */
  scale_inplace: fc.record({ xs: fc.array(small, { maxLength: 8 }), f: small, form: fc.constantFrom('f64', 'f64', 'f32', 'plain', 'subarray', 'i32', 'detached') })
    .map((r) => ({
      recipe: r, fn: 'scale_inplace',
      expect: r.form === 'f64' || r.form === 'subarray' ? 'ok' : r.form === 'detached' ? 'any' : 'error',
      args: () => [vector(r.xs, r.form), r.f],
      check: (res, args) => res === undefined && (r.form === 'detached' || sameArray(args[0], r.xs.map((x) => x * r.f))),
    })),

  /** F2Py intent(in,out) (free and fixed form): a new array comes back, for any input form. */
  cumsum: fc.record({ xs: fc.array(small, { maxLength: 8 }), form: fc.constantFrom(...vectorForms), fixed: fc.boolean(), da: small })
    .map((r) => ({
      recipe: r, fn: r.fixed ? 'daxpyx' : 'cumsum', expect: r.form === 'f64' || r.form === 'subarray' ? 'ok' : 'any',
      args: () => (r.fixed ? [r.da, r.xs.map(() => 1), vector(r.xs, r.form)] : [vector(r.xs, r.form)]),
      check: (res) => sameArray(res, r.fixed ? r.xs.map((y) => y + r.da) : r.xs.map((_, i) => sum(r.xs.slice(0, i + 1)))),
    })),

  /** Rank-2 input in every form (nested, flat with sizes, ndarray-likes) times a vector. */
  matvec: fc.record({
    m: fc.integer({ min: 0, max: 4 }), n: fc.integer({ min: 0, max: 4 }), seedValues: fc.array(small, { minLength: 16, maxLength: 16 }),
    form: fc.constantFrom('nested', 'flat', 'colmajor', 'rowmajor', 'strided', 'int32', 'badstrides', 'negshape', 'ragged'),
    vlen: fc.integer({ min: -1, max: 1 }),
  }).map((r) => {
    const a = r.seedValues.slice(0, r.m * r.n);
    const v = r.seedValues.slice(0, Math.max(0, r.n + r.vlen));
    // strides of 1000 reach past the data once an extent is above 1 (and none is 0)
    const refused = r.form === 'negshape' || (r.form === 'badstrides' && r.m * r.n > 0 && Math.max(r.m, r.n) > 1);
    const ragged = r.form === 'ragged' && r.m > 1;
    const shortV = r.vlen < 0 && r.n > 0 && !((r.form === 'nested' || r.form === 'ragged') && r.m === 0);
    const expect = refused || ragged || shortV ? 'error' : r.vlen > 0 || r.form === 'ragged' || r.form === 'nested' && (r.m === 0 || r.n === 0) ? 'any' : 'ok';
    return {
      recipe: r, fn: 'matvec', expect,
      args: () => (r.form === 'flat' ? [matrix(a, [r.m, r.n], 'flat'), Float64Array.from(v), { m: r.m, n: r.n }] : [matrix(a, [r.m, r.n], r.form), Float64Array.from(v)]),
      check: (w) => expect === 'ok' || r.vlen === 0
        ? sameArray(w, Array.from({ length: r.m }, (_, i) => sum(Array.from({ length: r.n }, (_, j) => a[i + j * r.m] * v[j]))))
        : w instanceof Float64Array,
    };
  }),

  /** Rank-3 input: every element must land where the column-major recipe puts it. */
  place3: fc.record({
    shape: fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })),
    seedValues: fc.array(small, { minLength: 27, maxLength: 27 }),
    form: fc.constantFrom('nested', 'flat', 'colmajor', 'rowmajor', 'strided', 'int32', 'badstrides', 'negshape'),
  }).map((r) => {
    const [a, b, c] = r.shape;
    const values = r.seedValues.slice(0, a * b * c);
    let want = 0;
    for (let k = 0; k < c; k++) for (let j = 0; j < b; j++) for (let i = 0; i < a; i++) want += values[i + a * (j + b * k)] * (i + 1 + 10 * (j + 1) + 100 * (k + 1));
    const empty = a * b * c === 0;
    const expect = r.form === 'negshape' ? 'error' : r.form === 'badstrides' ? (empty || Math.max(a, b, c) === 1 ? 'any' : 'error') : r.form === 'nested' && empty ? 'any' : 'ok';
    return {
      recipe: r, fn: 'place3', expect,
      args: () => (r.form === 'flat' ? [matrix(values, r.shape, 'flat'), a, b, c] : [matrix(values, r.shape, r.form)]),
      check: (res) => res === want || (empty && res === 0),
    };
  }),

  /** intent(out) extents: small ones allocate, products beyond 2^48 elements are refused
   * (checked arithmetic), negative ones are Fortran's empty extents. Huge extents come in pairs
   * so that no case asks for a real multi-gigabyte array. */
  extents: fc.record({
    dims: fc.tuple(fc.integer({ min: -2, max: 3 }), fc.integer({ min: -2, max: 3 }), fc.integer({ min: -2, max: 3 })),
    huge: fc.option(fc.tuple(fc.constantFrom(2 ** 25, 2 ** 30, 2 ** 31 - 1), fc.constantFrom(2 ** 25, 2 ** 30, 2 ** 31 - 1), fc.integer({ min: 0, max: 2 }))),
    bad: fc.option(fc.constantFrom(1.5, NaN, 2 ** 31, -(2 ** 31) - 1, '2', null), { freq: 4 }),
  }).map((r) => {
    const dims = r.dims.slice();
    // (the third extent of a huge pair is >= 1: with a 0 the array is empty and legal, and
    // iota3's own loops would then count to 2^55)
    if (r.huge) { const [h1, h2, at] = r.huge; dims[at] = h1; dims[(at + 1) % 3] = h2; dims[(at + 2) % 3] = Math.max(1, dims[(at + 2) % 3]); }
    if (r.bad !== null) dims[1] = r.bad;
    const [a, b, c] = dims.map((d) => Math.max(0, d));
    return {
      recipe: r, fn: 'iota3', expect: r.bad !== null ? 'error' : r.huge ? 'error' : 'ok',
      args: () => dims,
      check: (x) => x.shape.join() === [a, b, c].join() && x.dtype === 'int32' && x.order === 'column-major'
        && Array.from(x.data).every((v, p) => v === 100 * (p % a + 1) + 10 * (Math.floor(p / a) % b + 1) + Math.floor(p / (a * b)) + 1),
    };
  }),

  /** Every scalar kind in and out: valid values come back unchanged, invalid ones are refused. */
  echo_kinds: fc.record({
    i1: fc.integer({ min: -128, max: 127 }), i2: fc.integer({ min: -32768, max: 32767 }), i4: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
    i8: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), i8AsNumber: fc.boolean(),
    r4: fc.float({ noDefaultInfinity: false }), r8: dbl, c4: fc.tuple(fc.float(), fc.float()), c8: fc.tuple(dbl, dbl), cAsNumber: fc.boolean(),
    l1: fc.constantFrom(true, false, 0, 1), l4: fc.constantFrom(true, false, 0, 1),
    s: fc.string({ unit: fc.constantFrom('a', 'B', ' ', '7', '_', '-'), maxLength: 6 }),
    bad: fc.option(fc.constantFrom('i1-range', 'i2-range', 'i4-range', 'i8-range', 'i4-frac', 'i4-nan', 'i8-frac', 'r8-string', 'c8-re-string',
      'c4-missing-im', 'l4-string', 's-long', 's-number', 'i1-bigint-range', 'r4-symbol'), { freq: 3 }),
  }).map((r) => {
    const i8 = r.i8AsNumber && r.i8 >= -(2n ** 53n) && r.i8 <= 2n ** 53n ? Number(r.i8) : r.i8;
    const input = [r.i1, r.i2, r.i4, i8, r.r4, r.r8, r.cAsNumber ? r.c4[0] : { re: r.c4[0], im: r.c4[1] },
      r.cAsNumber ? r.c8[0] : { re: r.c8[0], im: r.c8[1] }, r.l1, r.l4, r.s];
    const slot = { i1: 0, i2: 1, i4: 2, i8: 3, r4: 4, r8: 5, c4: 6, c8: 7, l4: 9, s: 10 };
    const mistakes = {
      'i1-range': ['i1', 128], 'i2-range': ['i2', -32769], 'i4-range': ['i4', 2 ** 31], 'i8-range': ['i8', 2n ** 63n], 'i4-frac': ['i4', 0.5],
      'i4-nan': ['i4', NaN], 'i8-frac': ['i8', 1.25], 'r8-string': ['r8', '1'], 'c8-re-string': ['c8', { re: '1', im: 0 }],
      'c4-missing-im': ['c4', { re: 1 }], 'l4-string': ['l4', 'yes'], 's-long': ['s', 'seven!!'], 's-number': ['s', 7],
      'i1-bigint-range': ['i1', 1000n], 'r4-symbol': ['r4', Symbol('r')],
    };
    if (r.bad) input[slot[mistakes[r.bad][0]]] = mistakes[r.bad][1];
    const c = (pair, asNumber) => (asNumber ? [pair[0], 0] : pair);
    return {
      recipe: r, fn: 'echo_kinds', expect: r.bad ? (r.bad === 'c4-missing-im' ? 'any' : 'error') : 'ok',
      args: () => input,
      check: (o) => r.bad === 'c4-missing-im' || (o.o_i1 === r.i1 && o.o_i2 === r.i2 && o.o_i4 === r.i4 && o.o_i8 === r.i8
        && Object.is(o.o_r4, r.r4) && Object.is(o.o_r8, r.r8)
        && Object.is(o.o_c4.re, c(r.c4, r.cAsNumber)[0]) && Object.is(o.o_c4.im, c(r.c4, r.cAsNumber)[1])
        && Object.is(o.o_c8.re, c(r.c8, r.cAsNumber)[0]) && Object.is(o.o_c8.im, c(r.c8, r.cAsNumber)[1])
        && o.o_l1 === Boolean(r.l1) && o.o_l4 === Boolean(r.l4) && o.o_s === r.s.replace(/ +$/, '')),
    };
  }),

  /** integer(8): BigInt64Array in place, plain bigints/numbers converted; inout scalar. */
  int64: fc.record({
    ks: fc.array(fc.bigInt({ min: -(2n ** 40n), max: 2n ** 40n }), { maxLength: 6 }), form: fc.constantFrom('i64', 'bigints', 'numbers', 'i32', 'f64frac'),
    k: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), kBad: fc.option(fc.constantFrom(2n ** 63n, -(2n ** 63n) - 1n, 0.5, NaN, 'k'), { freq: 3 }),
  }).map((r) => ({
    recipe: r, fn: r.form === 'f64frac' ? 'isum' : 'isum',
    expect: r.form === 'f64frac' && r.ks.length ? 'error' : 'ok',
    args: () => {
      const ks = r.form === 'i64' ? BigInt64Array.from(r.ks) : r.form === 'bigints' ? r.ks.slice() : r.form === 'numbers' ? r.ks.map(Number)
        : r.form === 'i32' ? Int32Array.from(r.ks.map((k) => Number(BigInt.asIntN(32, k)))) : Float64Array.from(r.ks.map((k) => Number(k) + 0.5));
      return [ks];
    },
    check: (s) => s === (r.form === 'i32' ? r.ks.reduce((a, k) => a + BigInt.asIntN(32, k), 0n) : r.ks.reduce((a, k) => a + k, 0n)),
    then: { fn: 'halve8', expect: r.kBad === null ? 'ok' : 'error', args: () => [r.kBad === null ? r.k : r.kBad], check: (h) => h === r.k / 2n },
  })),

  /** LOGICAL arrays: exact 0/1 in place, anything else refused; booleans converted. */
  logical: fc.record({
    flags: fc.array(fc.boolean(), { maxLength: 8 }), form: fc.constantFrom('i32', 'u8', 'booleans', 'numbers', 'i32-two', 'u8-two'),
    inplace: fc.boolean(),
  }).map((r) => {
    const bits = r.flags.map(Number);
    const two = r.form.endsWith('-two') && bits.length > 0;
    const make = () => {
      const b = two ? [...bits.slice(0, -1), 2] : bits;
      return r.form.startsWith('i32') ? Int32Array.from(b) : r.form.startsWith('u8') ? Uint8Array.from(b) : r.form === 'booleans' ? r.flags.slice() : b.slice();
    };
    if (r.inplace) {
      return {
        recipe: r, fn: 'flip_inplace', expect: two ? 'error' : r.form === 'u8' || r.form === 'u8-two' ? 'ok' : 'error',
        args: () => [make()], check: (res, args) => res === undefined && sameArray(args[0], bits.map((v) => 1 - v)),
      };
    }
    return {
      recipe: r, fn: 'negate', expect: two ? 'error' : r.form.startsWith('u8') ? 'any' : 'ok',
      args: () => [make()], check: (out) => sameArray(out, bits.map((v) => 1 - v)),
    };
  }),

  /** COMPLEX arrays: interleaved typed arrays or arrays of { re, im }; inout single precision. */
  complex: fc.record({
    pairs: fc.array(fc.tuple(small, small, small, small), { maxLength: 6 }), form: fc.constantFrom('interleaved', 'objects', 'odd', 'badobject'),
    scale: fc.tuple(small, small), inplace: fc.boolean(),
  }).map((r) => {
    const x = r.pairs.map((p) => [p[0], p[1]]);
    const y = r.pairs.map((p) => [p[2], p[3]]);
    const mul = (a, b) => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
    const refused = (r.form === 'odd' || r.form === 'badobject') && r.pairs.length > 0;
    const make = (zs, T) => (r.form === 'objects' ? zs.map(([re, im]) => ({ re, im }))
      : r.form === 'badobject' ? zs.map(([re]) => ({ re: String(re), im: 0 }))
        : r.form === 'odd' ? T.from(zs.flat().slice(0, -1)) : T.from(zs.flat()));
    if (r.inplace) {
      return {
        recipe: r, fn: 'cscale', expect: r.form === 'interleaved' || (r.form === 'odd' && !r.pairs.length) ? 'ok' : 'error',
        args: () => [{ re: r.scale[0], im: r.scale[1] }, make(x, Float32Array)],
        check: (res, args) => res === undefined && sameArray(args[1], x.flatMap((z) => mul(z, r.scale)).map(Math.fround)),
      };
    }
    const want = x.reduce((acc, z, i) => { const p = mul(z, y[i]); return [acc[0] + p[0], acc[1] + p[1]]; }, [0, 0]);
    return {
      recipe: r, fn: 'zdotu_x', expect: refused ? 'error' : 'ok',
      args: () => [make(x, Float64Array), make(y, Float64Array)],
      check: (z) => z.re === want[0] && z.im === want[1],
    };
  }),

  /** CHARACTER scalars and arrays: padded, trimmed, too long refused, non-strings refused. */
  strings: fc.record({
    word: fc.string({ unit: fc.constantFrom('a', 'b', 'Z', ' ', '1', '.'), maxLength: 12 }),
    codes: fc.array(fc.string({ unit: fc.constantFrom('a', 'b', ' '), maxLength: 4 }), { maxLength: 6 }),
    which: fc.constantFrom('greet', 'shout', 'count_codes', 'upcase', 'padded_length'),
    bad: fc.option(fc.constantFrom('number', 'nested', 'symbol'), { freq: 5 }),
  }).map((r) => {
    const up = (s) => s.toUpperCase();
    const trimEnd = (s) => s.replace(/ +$/, '');
    const cases = {
      greet: { args: [r.word], expect: 'ok', check: (g) => g === trimEnd(`Hello, ${trimEnd(r.word)}!`.slice(0, 32)) },
      shout: { args: [r.word], expect: 'ok', check: (s) => s === trimEnd(up(r.word)) },
      padded_length: { args: [r.word], expect: r.word.length > 4 ? 'error' : 'ok', check: (n) => n === 40 + trimEnd(r.word).length },
      count_codes: {
        args: [r.codes, r.word], expect: r.codes.some((c) => c.length > 3) || r.word.length > 3 ? 'error' : 'ok',
        check: (n) => n === r.codes.reduce((acc, c) => acc + (trimEnd(c) === trimEnd(r.word) ? 100 : 0) + (c.padEnd(3)[2] === ' ' ? 1 : 0), 0),
      },
      upcase: {
        args: [r.codes], expect: 'ok',
        check: (out) => Array.isArray(out) && out.length === r.codes.length && out.every((s, i) => s === trimEnd(up(r.codes[i]))),
      },
    };
    const c = cases[r.which];
    const args = c.args.slice();
    if (r.bad) args[0] = r.bad === 'number' ? 7 : r.bad === 'symbol' ? Symbol('s') : [[['deep']]];
    return { recipe: r, fn: r.which, expect: r.bad ? 'error' : c.expect, args: () => args.slice(), check: c.check };
  }),

  /** Callbacks: results, out scalars by name, throwing callbacks, wrong return types. */
  callbacks: fc.record({
    n: fc.integer({ min: -2, max: 20 }), stopAt: fc.integer({ min: 0, max: 25 }),
    behaviour: fc.constantFrom('stop', 'throw', 'string', 'badstop', 'notfn', 'newton', 'newton-nan', 'rk4'),
  }).map((r) => {
    if (r.behaviour === 'newton' || r.behaviour === 'newton-nan') {
      const target = 2 + r.stopAt;
      return {
        recipe: r, fn: 'newton', expect: r.behaviour === 'newton' ? 'ok' : 'error',
        args: () => [(x) => x * x - target, (x) => (r.behaviour === 'newton' ? 2 * x : 'two x'), 1, 1e-12, 100],
        check: (o) => Math.abs(o.x - Math.sqrt(target)) < 1e-9 && o.iters >= 1,
      };
    }
    if (r.behaviour === 'rk4') {
      return {
        recipe: r, fn: 'rk4', expect: 'ok',
        args: () => [(t, y, dydt) => { dydt[0] = y[1]; dydt[1] = -y[0]; }, new Float64Array([0, 1]), 0, Math.PI, 200],
        check: (res, args) => res === undefined && Math.abs(args[1][0]) < 1e-6 && Math.abs(args[1][1] + 1) < 1e-6,
      };
    }
    const visit = {
      stop: (i) => (i === r.stopAt ? { stop: 1 } : undefined),
      throw: (i) => { if (i === r.stopAt) throw userError; },
      string: (i) => (i === r.stopAt ? 'stop' : undefined),
      badstop: (i) => (i === r.stopAt ? { stop: 'soon' } : undefined),
    }[r.behaviour];
    const reached = r.stopAt >= 1 && r.stopAt <= r.n;
    // A subroutine callback's return value matters only as an object (out scalars by name).
    const expect = r.behaviour === 'notfn' ? 'error' : r.behaviour === 'stop' || r.behaviour === 'string' || !reached ? 'ok' : r.behaviour === 'throw' ? 'user' : 'error';
    return {
      recipe: r, fn: 'each', expect,
      args: () => [r.behaviour === 'notfn' ? 42 : visit, r.n],
      check: (count) => count === (r.behaviour === 'stop' && reached ? r.stopAt : Math.max(0, r.n)),
    };
  }),

  /** Optional arguments (absent in Fortran when left out) by position, by name, as undefined. */
  optional: fc.record({
    xs: fc.array(small, { minLength: 1, maxLength: 6 }), weights: fc.boolean(), how: fc.constantFrom('position', 'name', 'undefined', 'unknown-name'),
    given: fc.tuple(fc.option(small), fc.option(fc.double({ noNaN: true })), fc.option(fc.boolean())),
  }).map((r) => {
    if (r.weights) {
      const w = r.xs.map((_, i) => i + 1);
      const args = r.how === 'position' ? [r.xs, w] : r.how === 'name' ? [r.xs, { w }] : r.how === 'undefined' ? [r.xs, undefined] : [r.xs, { v: w }];
      const weighted = r.how === 'position' || r.how === 'name';
      return {
        recipe: r, fn: 'stats.mean', expect: r.how === 'unknown-name' ? 'error' : 'ok', args: () => args,
        check: (mean) => near(mean, weighted ? sum(r.xs.map((x, i) => x * w[i])) / sum(w) : sum(r.xs) / r.xs.length),
      };
    }
    const given = r.given.map((v) => (v === null ? undefined : v));
    const named = Object.fromEntries(['a', 'b', 'c'].map((k, i) => [k, given[i]]).filter(([, v]) => v !== undefined));
    return {
      recipe: r, fn: 'stats.count_given', expect: r.how === 'unknown-name' ? 'error' : 'ok',
      args: () => (r.how === 'name' ? [named] : r.how === 'unknown-name' ? [{ ...named, d: 1 }] : given),
      check: (count) => count === given.filter((v) => v !== undefined).length,
    };
  }),

  /** Module variables: assignments converted and checked like arguments, read back. */
  variables: fc.record({
    which: fc.constantFrom('counter', 'label', 'z', 'enabled', 'samples', 'weights', 'version_code', 'pi'),
    value: fc.oneof(small, fc.double(), fc.string({ maxLength: 10 }), fc.boolean(), fc.array(small, { maxLength: 5 }),
      fc.constantFrom(null, 2 ** 31, NaN, 1.5)),
  }).map((r) => ({
    recipe: r, fn: null, expect: 'any',
    // a named constant is a read-only property: strict-mode assignment is V8's own TypeError
    plainTypeError: r.which === 'pi',
    args: () => [],
    run: () => {
      const state = m.state;
      if (r.which === 'weights') { // a view of the Fortran array itself: typed-array semantics
        const i = Math.abs(Number(r.value)) % 3 | 0;
        state.weights[i] = 5;
        return state.weights[i] === 5 && state.weights.length === 3;
      }
      state[r.which] = r.value;
      return true;
    },
    check: (ok) => {
      const state = m.state;
      const v = r.value;
      switch (r.which) {
        case 'counter': return Number.isInteger(v) && Math.abs(v) < 2 ** 31 && state.counter === v;
        case 'label': return typeof v === 'string' && v.length <= 8 && state.label === v.replace(/ +$/, '');
        case 'enabled': return (typeof v === 'boolean' || v === 0 || v === 1) && state.enabled === Boolean(v);
        case 'z': return typeof v === 'number' && Object.is(state.z.re, v) && state.z.im === 0;
        case 'samples': return v === null ? state.samples === null
          : Array.isArray(v) && sameArray(state.samples, v);
        case 'weights': return ok === true;
        default: return false; // protected and constants must refuse every assignment
      }
    },
  })),

  /** check(...) conditions and hidden computed defaults from a signature file. */
  checks: fc.record({
    xs: fc.array(small, { maxLength: 6 }), n: fc.integer({ min: -2, max: 8 }), scale: fc.option(fc.oneof(fc.double({ min: -10, max: 2e6, noNaN: true }), fc.constant(NaN))),
    square: fc.integer({ min: 0, max: 3 }), cols: fc.integer({ min: 0, max: 3 }), trace: fc.boolean(),
  }).map((r) => {
    if (r.trace) {
      const a = Array.from({ length: r.square }, (_, i) => Array.from({ length: r.cols }, (_, j) => i * 10 + j));
      return {
        recipe: r, mod: 'checks', fn: 'trace_of', expect: r.square === 0 || r.cols === 0 ? 'any' : r.square === r.cols ? 'ok' : 'error',
        args: () => [a],
        check: (o) => o.t === Array.from({ length: r.square }, (_, i) => i * 11).reduce((p, q) => p + q, 0) && o.ld === Math.max(1, r.square),
      };
    }
    const scaleOk = r.scale === null || (r.scale > 0 && !(r.scale > 1e6));
    const ok = r.xs.length >= r.n && scaleOk;
    return {
      recipe: r, mod: 'checks', fn: 'head_sum', expect: ok ? (r.n < 0 ? 'any' : 'ok') : 'error',
      args: () => (r.scale === null ? [r.xs, r.n] : [r.xs, r.n, r.scale]),
      check: (s) => near(s, (r.scale ?? 1) * sum(r.xs.slice(0, Math.max(0, r.n)))),
    };
  }),

  /** callstatement offsets and strides (BLAS ddot/dscal/idamax): in bounds or refused. */
  offsets: fc.record({
    x: fc.array(small, { maxLength: 8 }), y: fc.array(small, { maxLength: 8 }),
    offx: fc.option(fc.integer({ min: -2, max: 9 })), incx: fc.option(fc.integer({ min: -3, max: 3 })),
    offy: fc.option(fc.integer({ min: -2, max: 9 })), incy: fc.option(fc.integer({ min: -3, max: 3 })),
    n: fc.option(fc.integer({ min: -1, max: 9 })), which: fc.constantFrom('ddot', 'idamax', 'dscal'),
  }).map((r) => {
    const opt = (v, d) => (v === null ? d : v);
    const offx = opt(r.offx, 0), incx = opt(r.incx, 1), offy = opt(r.offy, 0), incy = opt(r.incy, 1);
    const opts = Object.fromEntries(Object.entries({ offx: r.offx, incx: r.incx, offy: r.offy, incy: r.incy, n: r.n }).filter(([, v]) => v !== null));
    // BLAS's element order for a stride: from the end for a negative one
    const pick = (v, off, inc, n) => Array.from({ length: Math.max(0, n) }, (_, i) => v[off + (inc >= 0 ? i * inc : (n - 1 - i) * -inc)]);
    if (r.which === 'dscal') {
      delete opts.offy; delete opts.incy;
      const n = r.n ?? (incx > 0 ? Math.trunc((r.x.length - offx) / incx) : 0);
      const ok = offx >= 0 && offx <= r.x.length && incx > 0 && r.x.length > offx + (n - 1) * incx;
      return {
        recipe: r, mod: 'offsets', fn: 'dscal', expect: ok ? (n <= 0 ? 'any' : 'ok') : 'error',
        args: () => [3, Float64Array.from(r.x), opts],
        check: (out) => sameArray(out, r.x.map((v, i) => (i >= offx && (i - offx) % incx === 0 && (i - offx) / incx < n ? 3 * v : v))),
      };
    }
    const nx = r.n ?? (incx !== 0 ? Math.trunc((r.x.length - offx) / Math.abs(incx)) : 0);
    const okx = offx >= 0 && offx < r.x.length && incx !== 0 && r.x.length - offx > (nx - 1) * Math.abs(incx);
    if (r.which === 'idamax') {
      delete opts.offy; delete opts.incy;
      const xs = pick(r.x, offx, incx, nx);
      const best = xs.reduce((b, v, i) => (Math.abs(v) > Math.abs(xs[b]) ? i : b), 0);
      return {
        recipe: r, mod: 'offsets', fn: 'idamax', expect: okx ? (nx <= 0 || incx < 0 ? 'any' : 'ok') : 'error',
        args: () => [Float64Array.from(r.x), opts],
        check: (k) => (nx <= 0 || incx < 0 ? Number.isInteger(k) : k === best),
      };
    }
    const okDefault = r.n !== null || incy !== 0;
    const oky = offy >= 0 && offy < r.y.length && incy !== 0 && r.y.length - offy > (nx - 1) * Math.abs(incy);
    return {
      recipe: r, mod: 'offsets', fn: 'ddot', expect: okx && oky && okDefault ? 'ok' : 'error',
      args: () => [Float64Array.from(r.x), Float64Array.from(r.y), opts],
      check: (d) => d === (nx <= 0 ? 0 : sum(pick(r.x, offx, incx, nx).map((v, i) => v * pick(r.y, offy, incy, nx)[i]))),
    };
  }),
};

// ---- running a case ----------------------------------------------------------------------------

const isCheckedError = (e) => e != null && (e.constructor?.name === 'TypeError' || e.constructor?.name === 'RangeError')
  && typeof e.code === 'string' && e.code.startsWith('ERR_BRIDGEGEN_');

function resolve(c) {
  const mod = c.mod === 'checks' ? checks : c.mod === 'offsets' ? offsets : m;
  return c.fn.split('.').reduce((o, k) => o[k], mod);
}

/** Runs one case sync or async; throws an Error describing any outcome the case does not allow. */
async function runCase(c, async) {
  const describe = (what) => `${c.fn ?? 'variables'}${async ? 'Async' : ''}: ${what}`;
  let result, error, threw = false;
  if (c.run) {
    try { result = c.run(); } catch (e) { threw = true; error = e; }
  } else {
    const args = c.args();
    const fn = async ? (() => { const parts = c.fn.split('.'); parts.push(`${parts.pop()}Async`); return resolve({ ...c, fn: parts.join('.') }); })() : resolve(c);
    try {
      result = fn(...args);
      if (async) {
        if (!(result instanceof Promise)) throw new Error(describe('did not return a promise'));
        try { result = await result; } catch (e) { threw = true; error = e; }
      }
    } catch (e) {
      if (async) throw new Error(describe(`threw instead of rejecting: ${e && e.stack}`));
      threw = true; error = e;
    }
    if (!threw && !c.check(result, args)) throw new Error(describe(`wrong result ${fc.stringify(result)} (args after the call: ${fc.stringify(args)})`));
    if (!threw && c.expect === 'error') throw new Error(describe(`expected a TypeError or RangeError, got the result ${fc.stringify(result)}`));
    if (!threw && c.expect === 'user') throw new Error(describe('expected the callback\'s own error, got a result'));
    if (!threw && c.then) await runCase({ ...c.then, recipe: c.recipe }, async);
  }
  if (c.run && !threw && !c.check(result)) throw new Error(describe('assignment accepted but the value read back differs'));
  if (!threw) return;
  if (error === userError) {
    if (c.expect === 'user' || c.expect === 'any' || c.expect === 'error') return;
  }
  if (c.expect === 'user') throw new Error(describe(`expected the callback's own error, got ${error && error.stack}`));
  if (c.expect === 'ok') throw new Error(describe(`expected a result, got ${error && error.stack}`));
  if (c.plainTypeError && error instanceof TypeError) return;
  if (!isCheckedError(error)) throw new Error(describe(`not a TypeError/RangeError with an ERR_BRIDGEGEN_ code: ${error && error.stack}`));
  if (c.then) return;
}

(async () => {
  const names = only ? [only] : Object.keys(properties);
  let count = 0;
  for (const name of names) {
    const cases = properties[name].map((c) => Object.assign(c, { [fc.toStringMethod]: () => fc.stringify(c.recipe) }));
    const property = fc.asyncProperty(cases, fc.boolean(), async (c, async) => {
      fs.writeFileSync(lastCase, `${name} ${async ? 'async' : 'sync'} ${fc.stringify(c.recipe)}\n`);
      count++;
      await runCase(c, async);
    });
    const details = await fc.check(property, { seed, numRuns });
    if (details.failed) {
      console.log(JSON.stringify({ property: name, report: fc.defaultReportMessage(details), error: String(details.errorInstance && details.errorInstance.message) }));
      process.exit(1);
    }
  }
  console.log(JSON.stringify({ properties: names.length, cases: count }));
})().catch((e) => { console.log(JSON.stringify({ internal: String(e && e.stack) })); process.exit(2); });
