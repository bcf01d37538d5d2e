// Unit tests of module-entities.ts and commons.ts (through lower.ts): module variables, named
// constants with values, derived types, visibility, and common blocks in the IR.

import { DiagnosticBag } from '../../../src/diag/diagnostic';
import { readFortran } from '../../../src/fortran/index';
import type { Interface, Module, ModuleVariable } from '../../../src/ir/types';

function read(text: string, path = 'a.f90'): { ir: Interface; bag: DiagnosticBag } {
  const bag = new DiagnosticBag();
  return { ir: readFortran([{ path, text }], bag), bag };
}

const mod = (ir: Interface, name: string): Module => ir.modules.find((m) => m.name === name)!;
const variable = (m: Module, name: string): ModuleVariable => m.variables.find((v) => v.name === name)!;

describe('module variables', () => {
  const { ir, bag } = read(`
module state
  use iso_c_binding, only: c_double
  implicit none
  private
  public :: n, grid, names, pi, v, flag, label, tbl, zs, total, cnt, p, q
  integer, parameter :: dp = kind(1.0d0)
  integer, parameter :: n = 4            !< grid size
  real(dp), save :: grid(n, 0:n)
  character(len=8) :: names(2)
  real(dp), parameter :: pi = 4*atan(1.0_dp)
  integer, parameter :: v(3) = (/ 1, 2, 3 /)
  logical, parameter :: flag = .true.
  character(*), parameter :: label = 'ab' // 'cd'
  real, parameter :: tbl(2, 2) = 0.5
  complex(dp), parameter :: zs = (1.0_dp, 0.0_dp)
  real(c_double), allocatable, protected :: total(:)
  integer, target :: cnt
  real, pointer :: p(:)
  integer :: hidden, q
  integer, private :: w
end module
`);

  it('records public variables and parameters in source order, private ones left out', () => {
    expect(bag.items).toEqual([]);
    const m = mod(ir, 'state');
    expect(m.variables.map((v) => v.name)).toEqual(['n', 'grid', 'names', 'pi', 'v', 'flag', 'label', 'tbl', 'zs', 'total', 'cnt', 'p', 'q']);
  });

  it('gives each its type, byte kind, shape, doc and span', () => {
    const m = mod(ir, 'state');
    expect(variable(m, 'n')).toEqual({
      name: 'n', type: 'integer', kind: 4, rank: 0, dims: [], bounds: [], doc: 'grid size', parameter: true, value: 4,
      allocatable: false, pointer: false, target: false, save: false, protected: false, span: { file: 'a.f90', line: 8, col: 25 },
    });
    const grid = variable(m, 'grid');
    expect([grid.type, grid.kind, grid.rank, grid.dims, grid.save, grid.parameter]).toEqual(['real', 8, 2, ['n', '0:n'], true, false]);
    expect(grid.bounds[1]).toEqual({ lower: { op: 'int', value: 0 }, upper: { op: 'int', value: 4 }, form: 'explicit' });
    expect([variable(m, 'names').charLen, variable(m, 'label').charLen]).toEqual(['8', '*']);
    const total = variable(m, 'total');
    expect([total.allocatable, total.protected, total.dims, total.bounds[0]!.form]).toEqual([true, true, [':'], 'assumed-shape']);
    expect([variable(m, 'cnt').target, variable(m, 'p').pointer]).toEqual([true, true]);
  });

  it('evaluates named constants: reals, arrays, logicals, strings; a scalar fills an array', () => {
    const m = mod(ir, 'state');
    expect(['pi', 'v', 'flag', 'label', 'tbl'].map((x) => variable(m, x).value)).toEqual([
      Math.PI, [1, 2, 3], true, 'abcd', [0.5, 0.5, 0.5, 0.5],
    ]);
    expect('value' in variable(m, 'zs')).toBe(false); // complex: not evaluated
  });

  it('respects public-by-default, declaration attributes and excludes procedures, types and re-exports', () => {
    const { ir: ir2, bag: bag2 } = read(`
module prec
  integer, parameter :: wp = 8
end module
module m
  use prec, only: wp
  public :: wp
  real(wp) :: a
  real, private :: b
  type t
    integer :: i
  end type
  interface gen
    module procedure f
  end interface
  external ext
contains
  subroutine f()
  end subroutine
end module
`);
    expect(bag2.items).toEqual([]);
    expect(mod(ir2, 'm').variables.map((v) => [v.name, v.kind])).toEqual([['a', 8]]);
  });

  it('leaves out, with a warning, a variable whose kind cannot be resolved (never an error)', () => {
    const { ir: ir2, bag: bag2 } = read('module m\n  use elsewhere\n  real(qp) :: x\n  real :: y\nend module\n');
    expect(mod(ir2, 'm').variables.map((v) => v.name)).toEqual(['y']);
    expect(bag2.items.map((d) => [d.severity, d.code, d.span.line, d.message])).toEqual([
      ['warning', 'BG004', 3, "cannot resolve kind 'qp' of variable 'x' of module 'm': cannot resolve 'qp' (module 'elsewhere' is not among the inputs); the variable is left out"],
    ]);
  });
});

describe('derived types', () => {
  it('records public types with their components, bind(c), sequence and extends', () => {
    const { ir, bag } = read(`
module shapes
  use iso_c_binding
  implicit none
  private
  public :: point, named, base, child
  !> A point in the plane.
  type, bind(c) :: point
    real(c_double) :: x, y   !< coordinates
    integer(c_int) :: tag(4)
  end type point
  type named
    sequence
    character(len=16) :: label
  end type
  type base
    private
    integer :: id
    real, allocatable, public :: w(:)
  contains
    procedure :: get
  end type
  type, extends(base) :: child
    type(point), pointer :: origin => null()
  end type
  type hidden
    integer :: a
  end type
contains
  integer function get(self)
    class(base), intent(in) :: self
    get = self%id
  end function
end module
`);
    expect(bag.items).toEqual([]);
    const types = mod(ir, 'shapes').types;
    expect(types.map((t) => [t.name, t.bindC, t.sequence, t.extends])).toEqual([
      ['point', true, false, undefined], ['named', false, true, undefined], ['base', false, false, undefined], ['child', false, false, 'base'],
    ]);
    const [point, named, base, child] = types;
    expect(point!.doc).toBe('A point in the plane.');
    expect(point!.span).toEqual({ file: 'a.f90', line: 8, col: 3 });
    expect(point!.components.map((c) => [c.name, c.type, c.kind, c.dims, c.doc])).toEqual([
      ['x', 'real', 8, [], 'coordinates'], ['y', 'real', 8, [], 'coordinates'], ['tag', 'integer', 4, ['4'], undefined],
    ]);
    expect(named!.components[0]).toMatchObject({ name: 'label', type: 'character', charLen: '16' });
    expect(base!.components.map((c) => [c.name, c.private, c.allocatable])).toEqual([['id', true, false], ['w', false, true]]);
    expect(child!.components[0]).toMatchObject({ name: 'origin', type: 'type', typeName: 'point', pointer: true });
  });
});

describe('common blocks', () => {
  it('collects named and blank common from routines and modules, typed where they appear', () => {
    const { ir, bag } = read(`
module m
  integer, parameter :: nmax = 3
  real(8) :: xs
  common /state/ xs(nmax), nstep
end module
subroutine a()
  implicit double precision (a-h, o-z)
  common /work/ w(10), iw
  common // z, k
  common /work/ flag
  logical flag
end
subroutine b()
  double precision ys
  common /state/ ys(3), n /tail/ t
end
`);
    expect(bag.items).toEqual([]);
    expect(ir.commons.map((c) => [c.name, c.variables.map((v) => `${v.name}:${v.type}*${v.kind}(${v.dims.join(',')})`)])).toEqual([
      ['state', ['xs:real*8(nmax)', 'nstep:integer*4()']],
      ['work', ['w:real*8(10)', 'iw:integer*4()', 'flag:logical*4()']],
      ['', ['z:real*8()', 'k:integer*4()']],
      ['tail', ['t:real*4()']],
    ]);
    expect(ir.commons[0]!.variables[0]!.bounds[0]!.upper).toEqual({ op: 'int', value: 3 });
    expect(ir.commons[0]!.span).toEqual({ file: 'a.f90', line: 5, col: 10 });
    expect(mod(ir, 'm').variables.map((v) => v.name)).toEqual(['nmax']); // members live under commons
  });

  it('keeps the first layout of a block and warns when another unit declares it differently', () => {
    const { ir, bag } = read('subroutine a()\n  common /c/ x, n\nend\nsubroutine b()\n  common /c/ y(2)\nend\nsubroutine d()\n  common /c/ u, m\nend\n');
    expect(ir.commons.map((c) => c.variables.map((v) => v.name))).toEqual([['x', 'n']]);
    expect(bag.items.map((d) => [d.severity, d.span.line, d.message])).toEqual([
      ['warning', 5, "common block /c/ is declared differently in subroutine 'b' than in subroutine 'a' (a.f90:2); the first declaration is used"],
    ]);
  });

  it('reads common in fixed form and reports a member without a type as a warning', () => {
    const fixed = read('      SUBROUTINE S\n      COMMON /CB/ A, I\n     &  , B(2)\n      END\n', 'a.f');
    expect(fixed.ir.commons[0]!.variables.map((v) => [v.name, v.type, v.rank])).toEqual([['a', 'real', 0], ['i', 'integer', 0], ['b', 'real', 1]]);
    const { ir, bag } = read('subroutine s()\n  implicit none\n  common /c/ x\nend\n');
    expect(ir.commons).toEqual([]);
    expect(bag.items.map((d) => [d.severity, d.code])).toEqual([['warning', 'BG008']]);
  });
});
