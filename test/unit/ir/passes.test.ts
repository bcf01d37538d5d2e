// Unit tests of the IR passes: size inference (sizes.ts), what is supported (supported.ts),
// --only/--skip (select.ts) and runPasses (index.ts), on IR read from small Fortran snippets.

import { DiagnosticBag } from '../../../src/diag/diagnostic';
import { readFortran } from '../../../src/fortran/index';
import { runPasses } from '../../../src/ir/passes/index';
import { selectRoutines } from '../../../src/ir/passes/select';
import { inferSizes } from '../../../src/ir/passes/sizes';
import { keepSupportedData } from '../../../src/ir/passes/data';
import { keepSupported } from '../../../src/ir/passes/supported';
import type { Arg, Interface, Routine } from '../../../src/ir/types';

function read(text: string, path = 'a.f90'): Interface {
  const bag = new DiagnosticBag();
  const ir = readFortran([{ path, text }], bag);
  expect(bag.items).toEqual([]);
  return ir;
}

function only(text: string): Routine {
  const { routines } = read(text);
  expect(routines).toHaveLength(1);
  return routines[0];
}

const arg = (r: Routine, name: string): Arg => {
  const a = r.args.find((x) => x.name === name);
  if (!a) throw new Error(`no argument ${name}`);
  return a;
};

describe('inferSizes', () => {
  it('makes an integer used as a whole dimension of an input array optional, defaulting to its extent', () => {
    const r = inferSizes(only(`
subroutine s(x, n)
  integer, intent(in) :: n
  real(8), intent(in) :: x(n)
end`));
    expect(arg(r, 'n')).toMatchObject({ optional: true, default: { kind: 'extent', array: 'x', dim: 0 } });
    expect(arg(r, 'x').optional).toBe(false);
  });

  it('finds the dimension index and takes the first array that has the size', () => {
    const r = inferSizes(only(`
subroutine s(a, b, m, n)
  integer :: m, n
  real(8), intent(in) :: a(m, n), b(n)
end`));
    expect(arg(r, 'm').default).toEqual({ kind: 'extent', array: 'a', dim: 0 });
    expect(arg(r, 'n').default).toEqual({ kind: 'extent', array: 'a', dim: 1 });
  });

  it('infers from an inout array, and from an explicit 1:n', () => {
    const r = inferSizes(only(`
subroutine s(y, n)
  integer, intent(in) :: n
  real(8), intent(inout) :: y(1:n)
end`));
    expect(arg(r, 'n').default).toEqual({ kind: 'extent', array: 'y', dim: 0 });
  });

  it('keeps a size that sizes only outputs required', () => {
    const r = inferSizes(only(`
subroutine s(x, n, y, m)
  integer, intent(in) :: n, m
  real(8), intent(in) :: x(n)
  real(8), intent(out) :: y(m)
end`));
    expect(arg(r, 'm')).toMatchObject({ optional: false });
    expect(arg(r, 'm').default).toBeUndefined();
    expect(arg(r, 'n').optional).toBe(true);
  });

  it('does not infer from dimensions that are not exactly 1:n', () => {
    const r = inferSizes(only(`
subroutine s(x, y, z, n, k, j)
  integer, intent(in) :: n, k, j
  real(8), intent(in) :: x(0:n), y(2*k), z(j-1)
end`));
    for (const name of ['n', 'k', 'j']) {
      expect(arg(r, name).optional).toBe(false);
      expect(arg(r, name).default).toBeUndefined();
    }
  });

  it('leaves inout and out scalars, non-integers and Fortran-optional arguments alone', () => {
    const r = inferSizes(only(`
subroutine s(a, b, c, d, n, m, k)
  integer, intent(inout) :: n
  integer, intent(out) :: m
  integer, optional :: k
  real(8), intent(in) :: a(n), b(m), c(k)
  real(8) :: d(2)
end`));
    expect(arg(r, 'n')).toMatchObject({ optional: false, returned: true });
    expect(arg(r, 'n').default).toBeUndefined();
    expect(arg(r, 'm').default).toBeUndefined();
    expect(arg(r, 'k')).toMatchObject({ optional: true, fortranOptional: true });
    expect(arg(r, 'k').default).toBeUndefined();
  });

  it('gives a hidden size a default, and it stays out of the parameters', () => {
    const r = inferSizes(only(`
subroutine s(x, n)
  !f2py intent(hide) :: n
  integer :: n
  real(8), intent(in) :: x(n)
end`));
    expect(arg(r, 'n')).toMatchObject({ hidden: true, default: { kind: 'extent', array: 'x', dim: 0 } });
  });

  it('does not infer from an intent(out) or a hidden array', () => {
    const r = inferSizes(only(`
subroutine s(x, w, n, m)
  !f2py intent(hide) :: w
  integer, intent(in) :: n, m
  real(8), intent(out) :: x(n)
  real(8) :: w(m)
end`));
    expect(arg(r, 'n').default).toBeUndefined();
    expect(arg(r, 'm').default).toBeUndefined();
  });

  it('keeps a default given by a directive', () => {
    const r = inferSizes(only(`
subroutine s(x, n)
  !f2py integer optional :: n = 2
  integer :: n
  real(8), intent(in) :: x(n)
end`));
    expect(arg(r, 'n').default).toEqual({ kind: 'constant', value: 2 });
  });
});

describe('keepSupported', () => {
  /** Runs size inference and keepSupported on one routine; returns the BG003 messages. */
  function dropped(text: string): string[] {
    const bag = new DiagnosticBag();
    const kept = keepSupported(read(text).routines.map(inferSizes), bag);
    expect(kept).toEqual([]);
    expect(bag.items.every((d) => d.code === 'BG003' && d.severity === 'warning')).toBe(true);
    return bag.items.map((d) => d.message);
  }

  it('keeps a supported routine without diagnostics', () => {
    const bag = new DiagnosticBag();
    const r = inferSizes(only('subroutine s(x, n)\n integer n\n real(8) x(n)\nend\n'));
    expect(keepSupported([r], bag)).toEqual([r]);
    expect(bag.items).toEqual([]);
  });

  it.each([
    ['an unsupported type', 'subroutine s(z)\n type(pt) z\nend\n', 'argument `z` has derived type `pt`, not supported yet (a module\'s type crosses as an object when its components are all public scalar numbers, logicals or complex)'],
    ['an unsupported kind', 'subroutine s(l)\n logical(2) l\nend\n', 'argument `l` has type logical*2, not supported yet'],
    ['an assumed-length character array created when hidden', 'subroutine s(c)\n character(len=*) c(3)\n!f2py intent(hide) c\nend\n', 'argument `c` is a CHARACTER array of assumed length (`len=*`) created when hidden: its length is unknown'],
    ['an assumed-length output array', 'subroutine s(c)\n character(len=*), intent(out) :: c(3)\nend\n', 'argument `c` is an output of assumed length (`len=*`): its length is unknown; declare one in a signature file, e.g. `character(len=10)`'],
    ['a character length expression', 'subroutine s(c, n)\n integer n\n character(len=n) c\nend\n', 'argument `c` has a length (`n`) that is not a constant, not supported yet'],
    ['an assumed-length output', 'subroutine s(c)\n character(len=*), intent(out) :: c\nend\n', 'argument `c` is an output of assumed length (`len=*`): its length is unknown; declare one in a signature file, e.g. `character(len=10)`'],
    ['a Fortran optional argument', 'subroutine s(k)\n integer, optional :: k\nend\n', 'argument `k` is a Fortran optional argument, which needs an explicit interface: put the routine in a module'],
    ['the VALUE attribute', 'subroutine s(k)\n integer, value :: k\nend\n', 'argument `k` is a VALUE argument, which needs an explicit interface: put the routine in a module'],
    ['an allocatable argument', 'subroutine s(b)\n real(8), allocatable, intent(out) :: b(:)\nend\n', 'argument `b` is allocatable or a pointer, not supported yet'],
    ['an assumed-shape argument', 'subroutine s(a)\n real(8), intent(in) :: a(:)\nend\n', 'argument `a` is assumed-shape, which needs an explicit interface: put the routine in a module'],
    ['an assumed size that is not last', 'subroutine s(a, n)\n integer n\n real(8), intent(in) :: a(*, n)\nend\n', 'argument `a` is assumed-size (`*`): its extent is unknown, so the call cannot be checked; declare it, e.g. `!f2py dimension(n) :: a`, or (an input) bound the access with a `check(len(a)>...)`'],
    ['an assumed size on an output', 'subroutine s(a)\n real(8), intent(out) :: a(*)\nend\n', 'argument `a` is assumed-size (`*`): its extent is unknown, so the call cannot be checked; declare it, e.g. `!f2py dimension(n) :: a`, or (an input) bound the access with a `check(len(a)>...)`'],
    ['a dimension naming a non-argument', 'subroutine s(a, n)\n integer n\n real(8), intent(in) :: a(kk)\nend\n', 'dimension 1 of argument `a`: `kk` is not an argument'],
    ['a dimension naming a real', 'subroutine s(a, x)\n real(8) x\n real(8), intent(in) :: a(2, x)\nend\n', 'dimension 2 of argument `a`: `x` is not an integer input'],
    ['a dimension naming an output', 'subroutine s(a, n)\n integer, intent(out) :: n\n real(8), intent(in) :: a(n)\nend\n', 'dimension 1 of argument `a`: `n` is not an input'],
    ['an unknown intrinsic in a dimension', 'subroutine s(a, n)\n integer n\n real(8), intent(in) :: a(mod(n, 2))\nend\n', 'dimension 1 of argument `a`: `mod()` is not supported (len, size, shape, rank, max, min and abs are)'],
    ['an array-valued function', 'function f(n)\n integer n\n real(8) f(n)\nend\n', 'array-valued functions are not supported yet'],
    ['an unsupported function result', 'type(pt) function f(n)\n integer n\nend\n', 'its result has derived type `pt`, not supported yet'],
  ])('drops a routine with %s, with one BG003 warning naming it', (_what, text, reason) => {
    expect(dropped(text)).toEqual([`routine \`${text.match(/(?:subroutine|function) (\w+)/)![1]}\` skipped: ${reason}`]);
  });

  it('accepts max/min in dimensions, and an assumed size given its extent by a directive', () => {
    const bag = new DiagnosticBag();
    const routines = read(`
subroutine s(a, b, n, m)
  integer n, m
!f2py dimension(max(1, n), m) :: a
  real(8), intent(in) :: a(max(1, n), *)
  real(8), intent(out) :: b(min(n, m, 3))
end`).routines;
    expect(keepSupported(routines, bag).map((r) => r.name)).toEqual(['s']);
    expect(bag.items).toEqual([]);
  });

  it('takes a hidden numeric scalar without a value as zero (F2Py), and reports a hidden string', () => {
    const bag = new DiagnosticBag();
    expect(keepSupported(read('subroutine s(k)\n !f2py intent(hide) :: k\n integer k\nend\n').routines, bag).map((r) => r.name)).toEqual(['s']);
    expect(bag.items).toEqual([]);
    expect(dropped("subroutine s(c)\n !f2py intent(hide) :: c\n character(len=4) c\nend\n")).toEqual([
      'routine `s` skipped: argument `c` is hidden but has no value to take',
    ]);
  });

  it('warns at the routine, once per routine, and keeps the others in order', () => {
    const bag = new DiagnosticBag();
    const ir = read(`
subroutine a(x)
  real(8) x
end
subroutine b(z, w)
  type(pt) z, w
end
subroutine c(x)
  real(4) x
end`);
    expect(keepSupported(ir.routines, bag).map((r) => r.name)).toEqual(['a', 'c']);
    expect(bag.items).toEqual([
      { code: 'BG003', severity: 'warning', span: { file: 'a.f90', line: 5, col: 1 }, message: 'routine `b` skipped: argument `z` has derived type `pt`, not supported yet (a module\'s type crosses as an object when its components are all public scalar numbers, logicals or complex)' },
    ]);
  });
});

describe('selectRoutines', () => {
  const routines = read('subroutine aa(x)\nend\nsubroutine bb(x)\nend\nsubroutine cc(x)\nend\n').routines;
  const names = (rs: readonly Routine[]) => rs.map((r) => r.name);

  it('keeps everything without a selection', () => {
    const bag = new DiagnosticBag();
    expect(names(selectRoutines(routines, {}, bag))).toEqual(['aa', 'bb', 'cc']);
    expect(bag.items).toEqual([]);
  });

  it('--only keeps the named routines (case-insensitive), in source order', () => {
    const bag = new DiagnosticBag();
    expect(names(selectRoutines(routines, { only: ['CC', 'aa'] }, bag))).toEqual(['aa', 'cc']);
    expect(bag.items).toEqual([]);
  });

  it('--skip drops the named routines', () => {
    const bag = new DiagnosticBag();
    expect(names(selectRoutines(routines, { skip: ['bb'] }, bag))).toEqual(['aa', 'cc']);
  });

  it('--only and --skip together', () => {
    const bag = new DiagnosticBag();
    expect(names(selectRoutines(routines, { only: ['aa', 'bb'], skip: ['aa'] }, bag))).toEqual(['bb']);
  });

  it('reports every unknown name as a BG006 error on the command line', () => {
    const bag = new DiagnosticBag();
    selectRoutines(routines, { only: ['aa', 'nope'], skip: ['zz'] }, bag);
    expect(bag.items).toEqual([
      { code: 'BG006', severity: 'error', span: { file: '<command line>', line: 0, col: 0 }, message: '--only: no routine named `nope`' },
      { code: 'BG006', severity: 'error', span: { file: '<command line>', line: 0, col: 0 }, message: '--skip: no routine named `zz`' },
    ]);
  });
});

describe('runPasses', () => {
  it('selects, infers sizes and drops what is unsupported', () => {
    const bag = new DiagnosticBag();
    const ir = read(`
subroutine keep(x, n)
  integer n
  real(8), intent(in) :: x(n)
end
subroutine cplx(z)
  type(pt) z
end
subroutine other(x)
  real(8) x
end`);
    const out = runPasses(ir, { skip: ['other'] }, bag);
    expect(out.routines.map((r) => r.name)).toEqual(['keep']);
    expect(arg(out.routines[0], 'n').optional).toBe(true);
    expect(bag.items.map((d) => d.code)).toEqual(['BG003']);
    expect(out.modules).toEqual(ir.modules);
  });

  it('gives BG007 when nothing supported is left', () => {
    const bag = new DiagnosticBag();
    const out = runPasses(read('subroutine s(z)\n type(pt) z\nend\n'), {}, bag);
    expect(out.routines).toEqual([]);
    expect(bag.items.map((d) => [d.code, d.severity])).toEqual([['BG003', 'warning'], ['BG007', 'error']]);
    expect(bag.items[1].message).toBe('nothing to wrap: no supported routine found');
  });

  it('gives BG007 when the selection leaves nothing', () => {
    const bag = new DiagnosticBag();
    runPasses(read('subroutine s(x)\n real(8) x\nend\n'), { skip: ['s'] }, bag);
    expect(bag.items.map((d) => d.code)).toEqual(['BG007']);
  });

  it('does not add BG007 on top of a selection error', () => {
    const bag = new DiagnosticBag();
    const out = runPasses(read('subroutine s(x)\n real(8) x\nend\n'), { only: ['t'] }, bag);
    expect(out.routines).toEqual([]);
    expect(bag.items.map((d) => d.code)).toEqual(['BG006']);
  });
});

describe('keepSupportedData', () => {
  it('keeps exposable module variables and common blocks, and warns for the rest by name', () => {
    const bag = new DiagnosticBag();
    const ir = read(`
module m
  type t
    integer i
  end type
  real(8) :: x, a(3)
  real(8), allocatable :: b(:)
  type(t) :: rec
  real(8), pointer :: p
  character(len=4) :: names(2)
  complex(8), parameter :: zc = (1d0, 2d0)
  integer, parameter :: n = 4
end module
subroutine s()
  real(8) u
  type(t) v
  common /good/ u
  common /bad/ v
end`);
    const out = keepSupportedData(ir, bag);
    expect(out.modules[0].variables.map((v) => v.name)).toEqual(['x', 'a', 'b', 'n']);
    expect(out.commons.map((c) => c.name)).toEqual(['good']);
    expect(bag.items.map((d) => d.message)).toEqual([
      'module variable `m.rec` skipped: it has type type(t), not supported yet',
      'module variable `m.p` skipped: it is a pointer, not supported yet',
      'module variable `m.names` skipped: it is a CHARACTER array or of non-constant length, not supported yet',
      'module variable `m.zc` skipped: it is a named constant whose value bridgegen cannot evaluate',
      'common block `/bad/` skipped: its member `v` has type type(t), not supported yet',
    ]);
  });
});
