// Unit tests of parser.ts (with statement.ts / decl-syntax.ts): statements -> syntax tree.

import { DiagnosticBag } from '../../../src/diag/diagnostic';
import type { DeclStmt, ModuleUnit, RoutineUnit, SourceAst } from '../../../src/fortran/ast';
import { parseFortran } from '../../../src/fortran/index';

function parse(text: string, path = 'a.f90'): { ast: SourceAst; bag: DiagnosticBag } {
  const bag = new DiagnosticBag();
  return { ast: parseFortran({ path, text }, bag), bag };
}

const routines = (ast: SourceAst): RoutineUnit[] => ast.units.filter((u): u is RoutineUnit => u.kind === 'routine');
const decls = (r: RoutineUnit): DeclStmt[] => r.body.filter((s): s is DeclStmt => s.kind === 'decl');

describe('program units', () => {
  it('reads headers with prefixes, type prefixes, result and bind', () => {
    const { ast, bag } = parse(`
pure recursive subroutine s(a, b) bind(c, name='s_')
end subroutine s
real(8) function f(x)
end function
double precision function g(x) result(r)
end
integer*4 elemental function h()
endfunction h
module function mf(y) result(z)
end function mf
`);
    expect(bag.items).toEqual([]);
    const rs = routines(ast);
    expect(rs.map((r) => [r.routineKind, r.name, r.prefixes, r.type?.name, r.args.map((a) => a.name), r.result?.name])).toEqual([
      ['subroutine', 's', ['pure', 'recursive'], undefined, ['a', 'b'], undefined],
      ['function', 'f', [], 'real', ['x'], undefined],
      ['function', 'g', [], 'doubleprecision', ['x'], 'r'],
      ['function', 'h', ['elemental'], 'integer', [], undefined],
      ['function', 'mf', ['module'], undefined, ['y'], 'z'],
    ]);
    expect(rs[1]!.type?.kind?.text).toBe('8');
    expect(rs[3]!.type?.star?.text).toBe('4');
    expect(rs[0]!.span).toEqual({ file: 'a.f90', line: 2, col: 1 });
  });

  it('closes a routine only at its own END, not at END IF / ENDDO / END DO / END BLOCK', () => {
    const { ast, bag } = parse(`
subroutine s(n)
  integer n
  if (n > 0) then
    n = 1
  end if
  do while (n < 3); n = n + 1; enddo
  block
  end block
  select case (n); case (1); end select
  end = 3
end subroutine
subroutine t()
end
`);
    expect(bag.items).toEqual([]);
    expect(routines(ast).map((r) => r.name)).toEqual(['s', 't']);
    expect(routines(ast)[0]!.endLine).toBe(12);
  });

  it('handles modules with contains, module procedure in interfaces, and private type definitions', () => {
    const { ast, bag } = parse(`
module m
  implicit none
  type :: pt
    real :: x
  contains
    procedure :: len
  end type pt
  interface gen
    module procedure a
  end interface gen
contains
  subroutine a(x)
    real :: x
  end subroutine a
  function len(p)
    class(pt) :: p
    real :: len
  end function
end module m
`);
    expect(bag.items).toEqual([]);
    const m = ast.units[0] as ModuleUnit;
    expect(m.kind).toBe('module');
    expect(m.name).toBe('m');
    expect(m.routines.map((r) => r.name)).toEqual(['a', 'len']);
    expect(m.interfaces[0]!.name).toBe('gen');
  });

  it('skips interface bodies and internal procedures inside a routine', () => {
    const { ast } = parse(`
subroutine outer(f, x)
  interface
    subroutine f(y)
      real y
    end subroutine
  end interface
  real x
  call inner()
contains
  subroutine inner()
    real z
  end subroutine inner
end subroutine outer
`);
    const [r] = routines(ast);
    expect(r!.name).toBe('outer');
    expect(r!.interfaces[0]!.bodies.map((b) => b.name)).toEqual(['f']);
    expect(r!.internal.map((b) => b.name)).toEqual(['inner']);
    expect(decls(r!).flatMap((d) => d.entities.map((e) => e.name))).toEqual(['x']);
  });

  it('skips programs, block data and main programs without a PROGRAM statement', () => {
    const { ast, bag } = parse(`
program p
  call s()
contains
  subroutine q()
  end subroutine
end program p
block data init
  common /c/ x
end block data
subroutine s()
end subroutine
`);
    expect(bag.items).toEqual([]);
    expect(routines(ast).map((r) => r.name)).toEqual(['s']);
    const main = parse('x = 1\nprint *, x\nend\nsubroutine z()\nend\n');
    expect(routines(main.ast).map((r) => r.name)).toEqual(['z']);
  });
});

describe('declarations', () => {
  it('reads type specs, attributes, entity arrays and initializers', () => {
    const { ast, bag } = parse(`
subroutine s(a, b, c, d, e, n)
  real(kind=8), dimension(n, *), intent(in out) :: a
  integer, intent(in) :: n, b(2*n+1), c(-2:n)
  character(len=*), optional :: d
  character*(*) e
  integer, parameter :: k = 3
  double precision x(n), y
  type(point), target :: p
end
`);
    expect(bag.items).toEqual([]);
    const ds = decls(routines(ast)[0]!);
    expect(ds[0]!.type).toMatchObject({ name: 'real', kind: { text: '8' } });
    expect(ds[0]!.attrs.map((a) => a.kind)).toEqual(['dimension', 'intent']);
    expect(ds[0]!.attrs[1]).toMatchObject({ kind: 'intent', words: ['inout'] });
    const dims = ds[0]!.attrs[0]!.kind === 'dimension' ? ds[0]!.attrs[0]!.dims : [];
    expect(dims.map((d) => [d.text, d.form])).toEqual([['n', 'explicit'], ['*', 'assumed-size']]);
    expect(ds[1]!.entities.map((e) => [e.name, e.dims?.map((d) => d.text)])).toEqual([
      ['n', undefined], ['b', ['2*n+1']], ['c', ['-2:n']],
    ]);
    expect(ds[1]!.entities[2]!.dims![0]).toMatchObject({ lower: { text: '-2' }, upper: { text: 'n' } });
    expect(ds[2]!.type.len?.text).toBe('*');
    expect(ds[3]!.type.len?.text).toBe('*');
    expect(ds[4]!.entities[0]!.init?.text).toBe('3');
    expect(ds[5]!.type.name).toBe('doubleprecision');
    expect(ds[6]!.type).toMatchObject({ name: 'type', derived: 'point' });
    expect(ds[1]!.entities[1]!.span).toEqual({ file: 'a.f90', line: 4, col: 29 });
  });

  it('reads old-style statements: dimension, intent, optional, external, parameter, implicit, use', () => {
    const { ast, bag } = parse(`
subroutine s(a, f, x)
  use iso_fortran_env, only: wp => real64
  use, intrinsic :: iso_c_binding
  implicit real*8 (a-h, o-z), integer (i-n)
  dimension a(10)
  intent(out) :: a
  optional x
  external f
  parameter (n = 3, m = n + 1)
end
`);
    expect(bag.items).toEqual([]);
    const body = routines(ast)[0]!.body;
    expect(body.map((s) => s.kind)).toEqual(['use', 'use', 'implicit', 'attr', 'attr', 'attr', 'attr', 'parameter']);
    expect(body[0]).toMatchObject({ module: 'iso_fortran_env', only: true, names: [{ local: 'wp', remote: 'real64' }] });
    expect(body[1]).toMatchObject({ module: 'iso_c_binding', intrinsic: true, only: false });
    expect(body[2]).toMatchObject({ none: false, rules: [{ type: { name: 'real', star: { text: '8' } }, ranges: [['a', 'h'], ['o', 'z']] }, { ranges: [['i', 'n']] }] });
    expect(body[7]).toMatchObject({ entities: [{ name: 'n', init: { text: '3' } }, { name: 'm', init: { text: 'n+1' } }] });
  });

  it('reads f2py directives as declarations and directive statements', () => {
    const { ast, bag } = parse(`
subroutine s(x, n)
  !f2py intent(in,out) x
  !f2py integer intent(hide), depend(x) :: n = len(x)
  !f2py threadsafe
  real x(n)
end
`);
    expect(bag.items).toEqual([]);
    const body = routines(ast)[0]!.body;
    expect(body.map((s) => [s.kind, s.directive])).toEqual([
      ['attr', true], ['decl', true], ['directive', true], ['decl', false],
    ]);
    expect(body[0]).toMatchObject({ attr: { kind: 'intent', words: ['in', 'out'] } });
    expect(body[2]).toMatchObject({ name: 'threadsafe' });
  });

  it('handles fixed-form LAPACK spellings', () => {
    const { ast, bag } = parse(`      DOUBLEPRECISION FUNCTION F( N, A )
      INTEGER N
      DOUBLE PRECISION A( N, * )
      IF( N.GT.0 ) THEN
         GO TO 10
      ELSE IF( N.LT.0 ) THEN
      ENDIF
   10 CONTINUE
      END
`, 'a.f');
    expect(bag.items).toEqual([]);
    const [r] = routines(ast);
    expect([r!.name, r!.type?.name, r!.endLine]).toEqual(['f', 'doubleprecision', 9]);
  });
});

describe('syntax errors', () => {
  it('reports a malformed declaration at its exact position and marks the routine broken', () => {
    const { ast, bag } = parse('subroutine s(x)\n  real(8), intent(in) :: x(\nend\n');
    expect(bag.items).toEqual([
      { code: 'BG002', severity: 'error', span: { file: 'a.f90', line: 2, col: 27 }, message: "missing ')'" },
    ]);
    expect(routines(ast)[0]!.broken).toBe(true);
  });

  it('reports a malformed header and a missing END', () => {
    const { bag } = parse('subroutine s(x, 1)\nend\nsubroutine t(y)\n  real y\n');
    expect(bag.items.map((d) => [d.code, d.span.line, d.span.col, d.message])).toEqual([
      ['BG002', 1, 17, 'expected an argument name'],
      ['BG002', 3, 1, 'subroutine t has no END statement'],
    ]);
  });

  it('reports a routine that starts before the previous one ended', () => {
    const { ast, bag } = parse('subroutine s()\nsubroutine t()\nend\n');
    expect(bag.items[0]).toMatchObject({ code: 'BG002', span: { line: 2, col: 1 } });
    expect(routines(ast).map((r) => r.name)).toEqual(['s', 't']);
  });

  it('warns about (and ignores) an f2py directive it cannot read', () => {
    const { bag } = parse('subroutine s(x)\n!f2py intent(in) :: x(\nend\n');
    expect(bag.items.map((d) => [d.code, d.severity])).toEqual([['BG003', 'warning']]);
  });
});

describe('common statements and type definitions', () => {
  it('reads common groups: named, blank (`//` or none), several in one statement', () => {
    const { ast, bag } = parse('subroutine s()\n  common /a/ x, y(2, n), // z /b/ w\n  common p, q\nend\n');
    expect(bag.items).toEqual([]);
    const commons = routines(ast)[0]!.body.filter((s) => s.kind === 'common');
    expect(commons.map((s) => (s.kind === 'common' ? s.groups.map((g) => [g.name, g.entities.map((e) => e.name + (e.dims ? `(${e.dims.map((d) => d.text)})` : ''))]) : []))).toEqual([
      [['a', ['x', 'y(2,n)']], ['', ['z']], ['b', ['w']]],
      [['', ['p', 'q']]],
    ]);
  });

  it('reports a malformed common statement at its position', () => {
    const { bag } = parse('subroutine s()\n  common /a x\nend\n');
    expect(bag.items.map((d) => [d.code, d.span.line, d.span.col, d.message])).toEqual([['BG002', 2, 13, "expected '/' after the common block name, found 'x'"]]);
  });

  it('keeps a module type definition: header attributes, parameters, component part only', () => {
    const { ast, bag } = parse(`
module m
  type, bind(c), public :: t
    sequence
    real :: x
  contains
    procedure :: f
  end type t
  type :: pt(k)
    integer, kind :: k
  end type
  type u
  end type
end module
`);
    expect(bag.items).toEqual([]);
    const mod = ast.units[0] as ModuleUnit;
    expect(mod.types.map((t) => [t.name, t.attrs.map((a) => (a.kind === 'simple' ? a.name + (a.args ? `(${a.args.text})` : '') : a.kind)), t.params, t.body.map((s) => s.kind)])).toEqual([
      ['t', ['bind(c)', 'public'], [], ['other', 'decl']],
      ['pt', [], ['k'], ['decl']],
      ['u', [], [], []],
    ]);
    expect(mod.body).toEqual([]);
  });
});
