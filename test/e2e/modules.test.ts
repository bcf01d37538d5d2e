// End to end: module procedures under `m.mod`, with what needs the module's explicit interface:
// assumed-shape arrays (their shape passed along), OPTIONAL arguments (absent in Fortran when
// left out), VALUE arguments, size() in dimensions, and private procedures not exported.

import { buildModule, fixture } from '../helpers/build';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
let stats: any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let m: any;

beforeAll(async () => {
  m = require(await buildModule('modern', [fixture('modern.f90')]));
  stats = m.stats;
});

it('exports public module procedures under the module name, and nothing private', () => {
  expect(Object.keys(m).sort()).toEqual(['getAsyncConcurrency', 'getBlasThreads', 'params', 'setAsyncConcurrency', 'setBlasThreads', 'set_params', 'set_paramsAsync', 'state', 'stats']);
  expect(Object.keys(stats).sort()).toEqual(
    ['add', 'addAsync', 'colsum', 'colsumAsync', 'count_given', 'count_givenAsync', 'mean', 'meanAsync', 'scale', 'scaleAsync']);
});

it('passes assumed-shape arrays with their shape', () => {
  expect(stats.mean([1, 2, 3])).toBe(2);
  expect(Array.from(stats.colsum([[1, 2, 3], [4, 5, 6]]))).toEqual([5, 7, 9]);
});

it('leaves an OPTIONAL argument absent in Fortran when the caller leaves it out', () => {
  expect(stats.count_given()).toBe(0);
  expect(stats.count_given(1)).toBe(1);
  expect(stats.count_given(undefined, 2.5, true)).toBe(2);
  expect(stats.count_given({ c: false })).toBe(1);
  expect(stats.mean([1, 2, 3], [0, 0, 1])).toBe(3);
  expect(stats.mean([1, 2, 3], { w: [1, 0, 0] })).toBe(1);
});

it('updates an assumed-shape ndarray in place, with and without the optional factor', async () => {
  const a = { data: new Float64Array([1, 2, 3, 4]), shape: [2, 2], order: 'column-major' as const };
  stats.scale(a);
  expect(Array.from(a.data)).toEqual([2, 4, 6, 8]);
  await stats.scaleAsync(a, 0.5);
  expect(Array.from(a.data)).toEqual([1, 2, 3, 4]);
});

it('passes VALUE arguments', () => {
  expect(stats.add(2, 3)).toBe(5);
});

it('needs a shape for assumed-shape arrays, and says so', () => {
  expect(() => stats.scale(new Float64Array(4))).toThrow(/argument `a` of stats\.scale\(\) is assumed-shape: its shape is needed/);
  expect(() => stats.colsum(new Float64Array(4))).toThrow(/assumed-shape: its shape is needed/);
});

describe('module data', () => {
  it('exposes named constants as read-only values: numbers, bigint for integer(8), frozen arrays, strings, booleans', () => {
    const s = m.state;
    expect([s.nmax, s.pi, s.big, s.version, s.debug]).toEqual([3, 3.141592653589793, 2n ** 40n, '1.2', false]);
    expect(s.primes).toEqual([2, 3, 5, 7]);
    expect(Object.isFrozen(s.primes)).toBe(true);
    expect(() => { s.pi = 3; }).toThrow(/read only|read-only|Cannot assign/);
  });

  it('reads and writes scalar variables that the Fortran sees', () => {
    const s = m.state;
    s.counter = 10;
    s.weights = [1, 1, 1];
    expect(s.bump(2)).toBe(36); // sum(weights) * (10 + 2)
    expect(s.counter).toBe(12);
    s.label = 'hi';
    expect(s.label).toBe('hi');
    s.z = { re: 2, im: 3 };
    expect(s.z).toEqual({ re: 2, im: 3 });
    s.enabled = false;
    expect(s.enabled).toBe(false);
  });

  it('gives fixed-size arrays as views of the module memory', () => {
    const s = m.state;
    s.weights = [1, 2, 3];
    const view = s.weights;
    view[0] = 100;
    s.counter = 1;
    expect(s.bump(0)).toBe(105);
    expect(s.grid.shape).toEqual([2, 3]);
  });

  it('reports an unallocated allocatable array as null, and allocates it on assignment', () => {
    const s = m.state;
    s.samples = null;
    expect(s.samples).toBeNull();
    expect(s.sample_sum()).toBe(-1);
    s.samples = [1, 2, 3.5];
    expect(s.sample_sum()).toBe(6.5);
    s.make_samples(4);
    expect(Array.from(s.samples)).toEqual([1, 2, 3, 4]);
  });

  it('refuses what the declarations forbid', () => {
    const s = m.state;
    expect(() => { s.version_code = 1; }).toThrow(/state\.version_code is PROTECTED/);
    expect(s.version_code).toBe(12);
    expect(() => { s.weights = [1, 2]; }).toThrow(/expected shape \(3\)/);
    expect(() => { s.counter = 1.5; }).toThrow(/1\.5 is not an integer/);
    expect(() => { s.label = '123456789'; }).toThrow(/character\(len=8\) holds at most 8/);
  });

  it('exposes common blocks as m.blockname', () => {
    m.set_params(2.5, 7);
    expect(m.params.alpha).toBe(2.5);
    expect(Array.from(m.params.iters)).toEqual([7, 7]);
    m.params.alpha = 9;
    expect(m.params.alpha).toBe(9);
  });
});
