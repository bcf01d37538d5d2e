// Unit tests of convention.ts: F2Py's calling rules as a query (JS parameters and their order,
// nrequired, results, in-place arrays, JS paths), on IR read from small Fortran snippets.

import { DiagnosticBag } from '../../../src/diag/diagnostic';
import { readFortran } from '../../../src/fortran/index';
import { conventionOf, isInPlace, isInput, isParam, jsPath } from '../../../src/ir/convention';
import { inferSizes } from '../../../src/ir/passes/sizes';
import type { Arg, Routine } from '../../../src/ir/types';

function routines(text: string): Routine[] {
  const bag = new DiagnosticBag();
  const ir = readFortran([{ path: 'a.f90', text }], bag);
  expect(bag.items).toEqual([]);
  return ir.routines.map(inferSizes);
}

const names = (args: readonly Arg[]) => args.map((a) => a.name);
const arg = (r: Routine, name: string): Arg => r.args.find((a) => a.name === name)!;

describe('conventionOf', () => {
  const [s] = routines(`
subroutine s(n, x, w, k, y, m, z, t)
  !f2py intent(hide) :: w
  !f2py integer optional :: t = 1
  integer, intent(in) :: n, m
  real(8), intent(in) :: x(n), w
  integer, intent(inout) :: k
  real(8), intent(out) :: y(m)
  real(8), intent(inout) :: z(n)
  integer :: t
end`);

  it('lists required parameters in declaration order, then optional ones; hidden and intent(out) are left out', () => {
    const conv = conventionOf(s);
    expect(names(conv.params)).toEqual(['x', 'k', 'm', 'z', 'n', 't']);
    expect(conv.nrequired).toBe(4);
  });

  it('returns intent(out) and inout scalars in declaration order; an inout array is updated in place', () => {
    expect(names(conventionOf(s).results)).toEqual(['k', 'y']);
  });

  it('puts a function result first, under its result name', () => {
    const [f, g] = routines(`
function f(x, n, y) result(total)
  integer, intent(in) :: n
  real(8), intent(in) :: x(n)
  real(8), intent(out) :: y(n)
  real(8) :: total
end
integer function g(k)
  integer, intent(inout) :: k
end`);
    expect(names(conventionOf(f).results)).toEqual(['total', 'y']);
    expect(conventionOf(f).results[0]).toBe(f.result);
    expect(names(conventionOf(g).results)).toEqual(['g', 'k']);
    expect(names(conventionOf(f).params)).toEqual(['x', 'n']);
    expect(conventionOf(f).nrequired).toBe(1);
  });

  it('returns F2Py intent(in,out) arrays and takes them as parameters', () => {
    const [r] = routines(`
subroutine r(a, n)
  !f2py intent(in,out) :: a
  integer :: n
  real(8) :: a(n)
end`);
    const conv = conventionOf(r);
    expect(names(conv.params)).toEqual(['a', 'n']);
    expect(names(conv.results)).toEqual(['a']);
  });

  it('gives no parameters and no results for an empty subroutine', () => {
    const [e] = routines('subroutine e()\nend\n');
    expect(conventionOf(e)).toEqual({ params: [], nrequired: 0, results: [] });
  });
});

describe('isInPlace, isParam, isInput', () => {
  const [r] = routines(`
subroutine r(a, b, c, k, d, n)
  !f2py intent(in,out) :: b
  integer, intent(in) :: n
  real(8), intent(inout) :: a(n)
  real(8) :: b(n)
  real(8), intent(out) :: c(n)
  integer, intent(inout) :: k
  real(8), intent(in) :: d(n)
end`);

  it('is true only for intent(inout) arrays that are not also returned', () => {
    expect(['a', 'b', 'c', 'k', 'd', 'n'].filter((n) => isInPlace(arg(r, n)))).toEqual(['a']);
  });

  it('isParam excludes intent(out); isInput is everything the caller provides', () => {
    expect(['a', 'b', 'c', 'k', 'd', 'n'].filter((n) => isParam(arg(r, n)))).toEqual(['a', 'b', 'k', 'd', 'n']);
    expect(isInput(arg(r, 'c'))).toBe(false);
    expect(isInput(arg(r, 'k'))).toBe(true);
  });
});

describe('jsPath', () => {
  it('is the name, or module.name for a module procedure', () => {
    const rs = routines(`
module geo
contains
  subroutine norm(x)
    real(8) x
  end subroutine
end module
subroutine ext(x)
  real(8) x
end`);
    expect(rs.map(jsPath)).toEqual(['geo.norm', 'ext']);
  });
});
