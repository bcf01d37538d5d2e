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
