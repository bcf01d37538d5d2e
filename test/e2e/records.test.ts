// Derived-type arguments end to end (fortran/tests/records.f90): a `type(point)` scalar is a JS
// plain object with one property per component, in, out and inout, sync and async; a type whose
// components are not plain values skips its routines with a warning naming why.

import { buildModule, fixture } from '../helpers/build';
import { analyze, DEFAULT_OPTIONS } from '../../src';
import { thrown } from '../helpers/errors';

let geometry: Record<string, any>;

beforeAll(async () => {
  geometry = require(await buildModule('records', [fixture('records.f90')])).geometry;
}, 240_000);

it('passes a derived-type input as an object of its components', async () => {
  expect(geometry.norm({ x: 3, y: 4 })).toBe(5);
  expect(await geometry.normAsync({ x: 6, y: 8 })).toBe(10);
});

it('returns a derived-type output as a new object', async () => {
  expect(geometry.midpoint({ x: 0, y: 0 }, { x: 2, y: 4 })).toEqual({ x: 1, y: 2 });
  expect(await geometry.midpointAsync({ x: 1, y: 1 }, { x: 3, y: 5 })).toEqual({ x: 2, y: 3 });
});

it('returns an intent(inout) one updated, leaving the caller’s object alone; every component type converts', () => {
  const p = { x: 1, y: 1, mass: 2, charge: -1, fixed: false, id: 5n };
  expect(geometry.push(p, 0.5, 0.25)).toEqual({ x: 1.5, y: 1.25, mass: 2, charge: -1, fixed: false, id: 6n });
  expect(p.x).toBe(1);
  expect(geometry.push({ ...p, fixed: true }, 1, 1)).toEqual({ ...p, fixed: true }); // a fixed particle stays
});

it('passes array components of constant extents as arrays, in Fortran element order, and returns them as typed arrays', async () => {
  const t = { v: [0, 0, 4, 0, 0, 3], labels: new Int32Array(3), pinned: [true, false, false] };
  const out = geometry.shift_triangle(t, 1, 2);
  expect(out.area2).toBe(12);
  // Typed arrays of the addon's realm, not jest's: compared by class name and contents.
  expect([out.t.v.constructor.name, Array.from(out.t.v)]).toEqual(['Float64Array', [0, 0, 5, 2, 1, 5]]); // v(:, 1) pinned
  expect([out.t.labels.constructor.name, Array.from(out.t.labels)]).toEqual(['Int32Array', [1, 2, 3]]);
  expect(Array.from(out.t.pinned)).toEqual([1, 0, 0]);
  expect(Array.from((await geometry.shift_triangleAsync({ ...t, v: new Float64Array(6) }, 1, 1)).t.v)).toEqual([0, 0, 1, 1, 1, 1]);
  expect(t.v).toEqual([0, 0, 4, 0, 0, 3]); // the caller's object is left alone
});

it('names the component of an array of the wrong length or type', () => {
  const t = { v: [0, 0, 4, 0, 0, 3], labels: [0, 0, 0], pinned: [false, false, false] };
  expect(thrown(() => geometry.shift_triangle({ ...t, v: [1, 2] }, 0, 0))).toMatchObject({ name: 'RangeError', code: 'ERR_BRIDGEGEN_SHAPE' });
  expect(thrown(() => geometry.shift_triangle({ ...t, v: [1, 2] }, 0, 0)).message)
    .toMatch(/argument `t` of geometry\.shift_triangle\(\), component `v`: expected 6 elements, got 2/);
  expect(thrown(() => geometry.shift_triangle({ ...t, labels: 3 }, 0, 0)).message).toMatch(/component `labels`: expected an array of 3 numbers, got number/);
  expect(thrown(() => geometry.shift_triangle({ ...t, labels: [1, 'a', 3] }, 0, 0)).message).toMatch(/component `labels` at index 1: expected a number/);
});

it('names the argument and the component of a bad value', () => {
  expect(thrown(() => geometry.norm({ x: 3 }))).toMatchObject({ name: 'TypeError', code: 'ERR_BRIDGEGEN_ARG_TYPE' });
  expect(thrown(() => geometry.norm({ x: 3 })).message).toMatch(/argument `p` of geometry\.norm\(\), component `y`: expected a number, got undefined/);
  expect(thrown(() => geometry.norm([3, 4])).message).toMatch(/expected an object with a property per component, got array/);
  expect(thrown(() => geometry.push({ x: 1, y: 1, mass: 1, charge: 1.5, fixed: false, id: 0 }, 0, 0)).name).toBe('RangeError');
});

it('skips a routine whose type has an allocatable component, saying why', () => {
  const analysis = analyze({ ...DEFAULT_OPTIONS, files: [fixture('records.f90')], name: 'records', out: '/tmp/unused' });
  expect(analysis.iface.routines.map((r) => r.name)).not.toContain('vertices');
  expect(analysis.warnings.map((d) => d.message).join('\n')).toMatch(/`vertices` skipped: argument `p` has derived type `polygon`/);
});
