// Unit tests of lower.ts (with typing.ts, kinds.ts, docs.ts): syntax tree -> IR, and the two fixtures.

import { readFileSync } from 'fs';
import { join } from 'path';
import { DiagnosticBag } from '../../../src/diag/diagnostic';
import { readFortran, sourceFormOf } from '../../../src/fortran/index';
import type { Arg, Interface, Routine } from '../../../src/ir/types';

function read(text: string, path = 'a.f90'): { ir: Interface; bag: DiagnosticBag } {
  const bag = new DiagnosticBag();
  return { ir: readFortran([{ path, text }], bag), bag };
}

function routine(ir: Interface, name: string): Routine {
  const r = ir.routines.find((x) => x.name === name);
  if (!r) throw new Error(`no routine ${name} in ${ir.routines.map((x) => x.name).join(', ')}`);
  return r;
}

const arg = (r: Routine, name: string): Arg => r.args.find((a) => a.name === name)!;
const typeOf = (a: Arg | undefined): string => `${a?.type}*${a?.kind}`;

describe('sourceFormOf', () => {
  it('maps extensions to source forms', () => {
    expect(['a.f', 'a.for', 'A.F', 'a.f77', 'a.ftn', 'x/a.FOR'].map(sourceFormOf)).toEqual(Array(6).fill('fixed'));
    expect(['a.f90', 'a.F90', 'a.f95', 'a.f03', 'a.f08'].map(sourceFormOf)).toEqual(Array(5).fill('free'));
  });
});

describe('types and kinds', () => {
  it('maps type specs to bytes', () => {
    const { ir, bag } = read(`
subroutine s(a, b, c, d, e, f, g, h, i, j, k, l, m, o)
  integer a; real b; double precision c; real*8 d; real(8) e; real(kind=8) f; integer*8 g
  complex h; complex*16 i; double complex j; complex(8) k; logical l; logical*1 m; character o
end`);
    expect(bag.items).toEqual([]);
    const r = routine(ir, 's');
    expect(r.args.map(typeOf)).toEqual([
      'integer*4', 'real*4', 'real*8', 'real*8', 'real*8', 'real*8', 'integer*8',
      'complex*8', 'complex*16', 'complex*16', 'complex*16', 'logical*4', 'logical*1', 'character*1',
    ]);
  });

  it('uses implicit typing: default I-N, implicit none, implicit real*8 (a-h,o-z)', () => {
    const dflt = read('subroutine s(x, n)\nend\n').ir;
    expect(routine(dflt, 's').args.map(typeOf)).toEqual(['real*4', 'integer*4']);
    const dbl = read('subroutine s(x, n)\nimplicit double precision (a-h,o-z)\nend\n').ir;
    expect(routine(dbl, 's').args.map(typeOf)).toEqual(['real*8', 'integer*4']);
    const none = read('subroutine s(x)\n  implicit none\nend\n');
    expect(none.ir.routines).toEqual([]);
    expect(none.bag.items).toEqual([
      { code: 'BG008', severity: 'error', span: { file: 'a.f90', line: 1, col: 14 }, message: "argument 'x' of subroutine 's' has no type (IMPLICIT NONE is in effect)" },
    ]);
  });

  it('resolves kinds from parameters, modules, iso_c_binding and iso_fortran_env with renames', () => {
    const { ir, bag } = read(`
module prec
  use iso_fortran_env, only: real64, int64
  integer, parameter :: dp = kind(1.d0), sp = kind(1.0), qp = selected_real_kind(15, 307)
  integer, parameter :: ik = selected_int_kind(12), wp = real64
end module
subroutine s(a, b, c, d, e, f, g, h, i)
  use prec, only: mydp => dp, sp, qp, ik, wp
  use iso_c_binding, only: c_int, c_double, c_long
  use iso_fortran_env, only: r32 => real32
  integer, parameter :: lk = 8
  real(mydp) a; real(sp) b; real(qp) c; integer(ik) d; real(wp) e
  integer(c_int) f; real(kind=c_double) g; integer(c_long) h; complex(r32) i
end`);
    expect(bag.items).toEqual([]);
    expect(routine(ir, 's').args.map(typeOf)).toEqual([
      'real*8', 'real*4', 'real*8', 'integer*8', 'real*8', 'integer*4', 'real*8', 'integer*8', 'complex*8',
    ]);
  });

  it('reports an unresolvable kind at its position and drops the routine', () => {
    const { ir, bag } = read('subroutine s(x)\n  use precision\n  real(kind=wp) :: x\nend\nsubroutine t(y)\nend\n');
    expect(ir.routines.map((r) => r.name)).toEqual(['t']);
    expect(bag.items).toEqual([
      {
        code: 'BG004', severity: 'error', span: { file: 'a.f90', line: 3, col: 13 },
        message: "cannot resolve kind 'wp' of argument 'x' of subroutine 's': cannot resolve 'wp' (module 'precision' is not among the inputs)",
      },
    ]);
  });

  it('warns (BG003) about an unsupported kind and names the routine', () => {
    const { ir, bag } = read('subroutine s(x)\n  real(10) x\nend\n');
    expect(ir.routines).toEqual([]);
    expect(bag.items[0]).toMatchObject({ code: 'BG003', severity: 'warning', span: { line: 2, col: 8 } });
    expect(bag.items[0]!.message).toContain("subroutine 's'");
  });
});

describe('intents, arrays, optional', () => {
  it('reads intents from attributes, statements and f2py directives', () => {
    const { ir } = read(`
subroutine s(a, b, c, d, e, f, g, n)
  integer n
  real, intent(in) :: a
  real, intent(out) :: b
  real, intent(inout) :: c, d(n)
  real e, f, g(n)
  intent(in out) :: e
  !f2py intent(in,out) f
  !f2py intent(hide) n
  !f2py intent(in, out) :: g
end`);
    const r = routine(ir, 's');
    expect(r.args.map((a) => [a.name, a.intent, a.returned, a.hidden])).toEqual([
      ['a', 'in', false, false],
      ['b', 'out', true, false],
      ['c', 'inout', true, false],
      ['d', 'inout', false, false],
      ['e', 'inout', true, false],
      ['f', 'inout', true, false],
      ['g', 'inout', true, false],
      ['n', 'in', false, true],
    ]);
  });

  it('infers intents from Doxygen \\param[in|out|in,out] when the code declares none', () => {
    const { ir, bag } = read(`
!> \\param[in] n count
!> \\param[in] x input values
!> \\param[in,out] y updated in place
!> \\param[in, out] s updated scalar
!> \\param[out] w result values
!> \\param[out] info status
!> \\param[in] trans character flag
subroutine s(n, x, y, s, w, info, trans)
  integer n, info
  double precision x(n), y(n), s, w(n)
  character trans
end`);
    expect(bag.items).toEqual([]);
    expect(routine(ir, 's').args.map((a) => [a.name, a.intent, a.returned])).toEqual([
      ['n', 'in', false],
      ['x', 'in', false],
      ['y', 'inout', false],
      ['s', 'inout', true],
      ['w', 'out', true],
      ['info', 'out', true],
      ['trans', 'in', false],
    ]);
  });

  it('lets a declared intent or an f2py directive win over the docs', () => {
    const { ir } = read(`
!> \\param[in] a
!> \\param[in] b
!> \\param[out] c
!> \\param[in,out] d
!> \\param[in] f
subroutine s(a, b, c, d, e, f)
  real, intent(inout) :: a
  real b, c, d(3), e
  external f
  !f2py intent(out) b
  !f2py intent(hide) c
  !f2py intent(in,out) d
end`);
    expect(routine(ir, 's').args.map((a) => [a.name, a.intent, a.returned, a.hidden])).toEqual([
      ['a', 'inout', true, false],
      ['b', 'out', true, false],
      ['c', 'in', false, true],
      ['d', 'inout', true, false],
      ['e', null, false, false],
      ['f', null, false, false],
    ]);
  });

  it('lowers array specs to dims and bounds', () => {
    const { ir } = read(`
subroutine s(a, b, c, d, n, m)
  integer n, m
  double precision a(n, *), b(2*n+1), c(-2:n), d(:, 0:)
end`);
    const r = routine(ir, 's');
    expect(r.args.slice(0, 4).map((a) => [a.rank, a.dims])).toEqual([
      [2, ['n', '*']], [1, ['2*n+1']], [1, ['-2:n']], [2, [':', '0:']],
    ]);
    expect(arg(r, 'a').bounds).toEqual([
      { lower: { op: 'int', value: 1 }, upper: { op: 'name', name: 'n' }, form: 'explicit' },
      { lower: { op: 'int', value: 1 }, upper: null, form: 'assumed-size' },
    ]);
    expect(arg(r, 'c').bounds[0]).toEqual({ lower: { op: 'int', value: -2 }, upper: { op: 'name', name: 'n' }, form: 'explicit' });
    expect(arg(r, 'd').bounds[1]).toEqual({ lower: { op: 'int', value: 0 }, upper: null, form: 'assumed-shape' });
  });

  it('marks optional arguments and f2py defaults', () => {
    const { ir } = read(`
subroutine s(x, y, n)
  real, optional, intent(in) :: x
  real y(n)
  !f2py integer optional, intent(in) :: n = shape(y, 0)
end`);
    const r = routine(ir, 's');
    expect([arg(r, 'x').optional, arg(r, 'x').fortranOptional]).toEqual([true, true]);
    expect([arg(r, 'n').optional, arg(r, 'n').fortranOptional, arg(r, 'n').default]).toEqual([
      true, false, { kind: 'extent', array: 'y', dim: 0 },
    ]);
  });

  it('folds named constants in bounds (dims keep the text) and makes f2py-initialized arguments optional', () => {
    const { ir } = read(`
subroutine s(x, y, r)
  integer, parameter :: nmax = 10
  real x(nmax, 0:nmax-1), y(r)
  integer r
  !f2py integer :: r = 0
end`);
    const r = routine(ir, 's');
    expect(arg(r, 'x').dims).toEqual(['nmax', '0:nmax-1']);
    expect(arg(r, 'x').bounds[0]!.upper).toEqual({ op: 'int', value: 10 });
    expect(arg(r, 'x').bounds[1]!.upper).toEqual({ op: '-', left: { op: 'int', value: 10 }, right: { op: 'int', value: 1 } });
    expect(arg(r, 'y').bounds[0]!.upper).toEqual({ op: 'name', name: 'r' });
    expect([arg(r, 'r').optional, arg(r, 'r').fortranOptional, arg(r, 'r').default]).toEqual([true, false, { kind: 'constant', value: 0 }]);
  });

  it('drops a routine with an unsupported bound, with a warning naming it', () => {
    const { ir, bag } = read('subroutine s(x, n)\n  real x(n**2)\nend\n');
    expect(ir.routines).toEqual([]);
    expect(bag.items[0]).toMatchObject({ code: 'BG003', span: { line: 2, col: 10 } });
    expect(bag.items[0]!.message).toContain("argument 'x' of subroutine 's'");
  });
});

describe('functions, modules, threadsafe, docs', () => {
  it('types function results from the prefix, a declaration, or implicitly', () => {
    const { ir } = read(`
real(8) function f(x)
  real(8) x
end
function g(x) result(r)
  integer*8 r
end
function h(x)
end
`);
    expect([routine(ir, 'f'), routine(ir, 'g'), routine(ir, 'h')].map((r) => [r.result?.name, typeOf(r.result), r.result?.intent, r.result?.returned])).toEqual([
      ['f', 'real*8', 'out', true],
      ['r', 'integer*8', 'out', true],
      ['h', 'real*4', 'out', true],
    ]);
  });

  it('sets module on module procedures, hides private ones, and sets threadsafe', () => {
    const { ir } = read(`
!> Tools.
module tools
  private
  public :: a, b
contains
  pure subroutine a()
  end subroutine
  subroutine b()
    !f2py threadsafe
  end subroutine
  subroutine c()
  end subroutine
end module
elemental function e(x)
  real, intent(in) :: x
  real :: e
  e = x
end function
`);
    expect(ir.modules).toEqual([{ name: 'tools', doc: 'Tools.', variables: [], types: [], span: { file: 'a.f90', line: 3, col: 1 } }]);
    expect(ir.routines.map((r) => [r.name, r.module, r.threadsafe])).toEqual([
      ['a', 'tools', true],
      ['b', 'tools', true],
      ['e', undefined, true],
    ]);
  });

  it('takes docs from the comment block above or after the header and from argument comments', () => {
    const { ir } = read(`
! unrelated

!> Adds two numbers.
!>
!>   Indented detail.
subroutine add(a, b, c)
  real, intent(in) :: a  !< first
  !> second
  real, intent(in) :: b
  real, intent(out) :: c
  !! the sum
end subroutine
subroutine after(x)
  ! Computes nothing.
  ! Really.
  real x
end subroutine
`);
    const add = routine(ir, 'add');
    expect(add.doc).toBe('Adds two numbers.\n\n  Indented detail.');
    expect(add.args.map((a) => a.doc)).toEqual(['first', 'second', 'the sum']);
    expect(routine(ir, 'after').doc).toBe('Computes nothing.\nReally.');
  });

  it('treats external and interface-declared arguments as procedures', () => {
    const { ir } = read(`
subroutine s(f, g, x)
  external f
  interface
    real function g(t)
      real t
    end function
  end interface
  real x
end`);
    expect(routine(ir, 's').args.map((a) => a.type)).toEqual(['procedure', 'procedure', 'real']);
  });
});

describe('fixtures', () => {
  const fixture = (name: string) => ({ path: name, text: readFileSync(join(__dirname, '../../../fortran/tests', name), 'utf8') });

  it('reads the LAPACK-style fixed-form fixture', () => {
    const bag = new DiagnosticBag();
    const ir = readFortran([fixture('frontend_fixed.f')], bag);
    expect(bag.items).toEqual([]);
    expect(ir.routines.map((r) => `${r.kind} ${r.name}`)).toEqual(['subroutine dgesvx', 'function ddotx', 'subroutine saxpyx']);
    const d = routine(ir, 'dgesvx');
    expect(d.span).toEqual({ file: 'frontend_fixed.f', line: 41, col: 7 });
    expect(d.doc).toBe('DGESVX solves a general system (front-end test fixture)\n\nDGESVX computes the solution to a real system of linear equations\n   A * X = B.');
    expect(d.args.map((a) => [a.name, typeOf(a), a.dims, a.intent, a.returned])).toEqual([
      ['n', 'integer*4', [], 'in', false], // \param[in] N in the fixture's docs
      ['nrhs', 'integer*4', [], null, false],
      ['a', 'real*8', ['lda', '*'], 'inout', true],
      ['lda', 'integer*4', [], null, false],
      ['ipiv', 'integer*4', ['*'], 'out', true],
      ['b', 'real*8', ['ldb', '*'], 'inout', true],
      ['ldb', 'integer*4', [], null, false],
      ['info', 'integer*4', [], 'out', true],
    ]);
    expect(arg(d, 'n').doc).toBe('N is INTEGER\nThe number of linear equations.  N >= 0.');
    expect(arg(d, 'a').span).toEqual({ file: 'frontend_fixed.f', line: 51, col: 26 });
    const dd = routine(ir, 'ddotx');
    expect([dd.doc, typeOf(dd.result), dd.args.map((a) => a.dims.join(','))]).toEqual(['Dot product of two vectors.', 'real*8', ['', '*', '', '*', '']]);
    const sx = routine(ir, 'saxpyx');
    expect(sx.threadsafe).toBe(true);
    expect(sx.args.map((a) => [a.name, typeOf(a), a.intent, a.hidden])).toEqual([
      ['n', 'integer*4', 'in', true], ['sa', 'real*8', null, false], ['sx', 'real*8', null, false], ['sy', 'real*8', 'inout', false],
    ]);
    expect(arg(sx, 'n').default).toEqual({ kind: 'extent', array: 'sx', dim: 0 });
  });

  it('reads the free-form fixture', () => {
    const bag = new DiagnosticBag();
    const ir = readFortran([fixture('frontend_free.f90')], bag);
    expect(bag.items).toEqual([]);
    expect(ir.modules.map((m) => m.name)).toEqual(['kinds_m']);
    expect(ir.routines.map((r) => [r.name, r.module, r.kind])).toEqual([
      ['scale', 'kinds_m', 'subroutine'],
      ['norm2x', 'kinds_m', 'function'],
      ['matsum', undefined, 'subroutine'],
      ['count_pos', undefined, 'function'],
      ['strings', undefined, 'subroutine'],
    ]);
    const sc = routine(ir, 'scale');
    expect([sc.threadsafe, sc.doc]).toEqual([true, 'Scale a vector in place.\nMultiplies every element by `alpha`.']);
    expect(sc.args.map((a) => [a.name, typeOf(a), a.intent, a.doc])).toEqual([
      ['n', 'integer*4', 'in', 'number of elements'],
      ['alpha', 'real*8', 'in', 'the factor'],
      ['x', 'real*8', 'inout', 'the vector'],
    ]);
    const nm = routine(ir, 'norm2x');
    expect([nm.doc, nm.result?.name, typeOf(nm.result), arg(nm, 'x').bounds[0]!.form]).toEqual(['Euclidean norm.', 'nrm', 'real*8', 'assumed-shape']);
    const ms = routine(ir, 'matsum');
    expect(ms.args.map((a) => [a.name, typeOf(a), a.rank, a.intent, a.optional])).toEqual([
      ['a', 'real*8', 2, 'in', false],
      ['m', 'integer*4', 0, 'in', false],
      ['n', 'integer*4', 0, 'in', false],
      ['s', 'real*8', 0, 'out', false],
      ['f', 'procedure*0', 0, null, false],
      ['opt', 'real*8', 0, 'in', true],
    ]);
    const cp = routine(ir, 'count_pos');
    expect([typeOf(cp.result), arg(cp, 'x').dims, arg(cp, 'x').intent]).toEqual(['integer*8', ['0:n-1'], 'in']);
    const st = routine(ir, 'strings');
    expect(st.args.map((a) => [a.name, typeOf(a), a.charLen, a.intent, a.returned])).toEqual([
      ['name', 'character*1', '*', 'in', false],
      ['names', 'character*1', '8', null, false],
      ['k', 'integer*4', undefined, 'in', false],
      ['z', 'complex*16', undefined, 'out', true],
      ['flag', 'logical*1', undefined, 'inout', true],
    ]);
  });
});

describe('include', () => {
  it('splices an included file, read next to the including one; reports a missing one', () => {
    const fs = require('fs') as typeof import('fs');
    const os = require('os') as typeof import('os');
    const dir = fs.mkdtempSync(join(os.tmpdir(), 'bg-inc-'));
    fs.writeFileSync(join(dir, 'decl.inc'), 'integer, intent(in) :: n\nreal(8), intent(out) :: x(n)\n');
    const bag = new DiagnosticBag();
    const text = "subroutine s(n, x)\n  implicit none\n  include 'decl.inc'\nend\nsubroutine t()\n  include 'missing.inc'\nend\n";
    const ir = readFortran([{ path: join(dir, 'a.f90'), text }], bag);
    expect(routine(ir, 's').args.map((a) => [a.name, typeOf(a), a.intent, a.span.line])).toEqual([
      ['n', 'integer*4', 'in', 1],
      ['x', 'real*8', 'out', 2],
    ]);
    expect(bag.items.map((d) => [d.code, d.span.line, d.message])).toEqual([['BG001', 6, "cannot read included file 'missing.inc'"]]);
  });
});
