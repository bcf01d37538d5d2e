// The shim of CHARACTER arrays: bytes and a length in, and the routine called from an internal
// procedure whose dummy gives them that length (len=*) and, if assumed-shape, their shape.

import { DiagnosticBag } from '../../../src/diag/diagnostic';
import { emitFortranShim } from '../../../src/emit/fortran-shim/shim';
import { readFortran } from '../../../src/fortran/index';
import { runPasses } from '../../../src/ir/passes/index';

function shim(text: string): string {
  const bag = new DiagnosticBag();
  const iface = runPasses(readFortran([{ path: 'x.f90', text }], bag), {}, bag);
  expect(bag.items).toEqual([]);
  return emitFortranShim('x', iface);
}

describe('CHARACTER array shims', () => {
  it('call an external procedure from an internal one that gives the array its length', () => {
    const text = shim('subroutine s(a, n, k)\n integer n, k\n character(len=*), intent(inout) :: a(n)\nend\n');
    expect(text).toContain("subroutine bridgegen_shim_1(a, bgl_1, n, k) bind(C, name='bgshim_x_s')");
    expect(text).toContain('  character(kind=c_char), intent(inout) :: a(*)\n');
    expect(text).toContain([
      '  call bridgegen_call(a)',
      'contains',
      '  subroutine bridgegen_call(bgc_1)',
      '    character(len=bgl_1), intent(inout) :: bgc_1(*)',
      '    call s(bgc_1, n, k)',
      '  end subroutine bridgegen_call',
      'end subroutine bridgegen_shim_1',
    ].join('\n'));
  });

  it('pass an assumed-shape array its extents', () => {
    const text = shim('module m\ncontains\n subroutine s(a)\n  character(len=*), intent(in) :: a(:, :)\n end subroutine\nend module\n');
    expect(text).toContain('(a, bgl_1, bge_1) bind(C');
    expect(text).toContain('  integer(c_int64_t), intent(in) :: bge_1(2)\n');
    expect(text).toContain('    character(len=bgl_1), intent(in) :: bgc_1(bge_1(1), bge_1(2))\n    call s(bgc_1)\n');
  });

  it('leave routines without CHARACTER arrays a plain call', () => {
    expect(shim('subroutine s(c, x)\n character(len=*) c\n real(8) x(3)\nend\n')).not.toContain('contains');
  });
});
