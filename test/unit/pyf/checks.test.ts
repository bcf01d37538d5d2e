// F2Py's computed defaults and check(...) conditions through the front ends (f2py-values.ts, from
// a signature file and from `!f2py` lines), the passes (value-expr.ts, depend.ts, supported.ts)
// and back out through the signature-file writer.

import { DiagnosticBag } from '../../../src/diag/diagnostic';
import { emitSignatureFile } from '../../../src/emit/pyf/pyf';
import { readFortran } from '../../../src/fortran';
import { defaultOrder } from '../../../src/ir/depend';
import { keepSupported } from '../../../src/ir/passes/supported';
import type { Interface, Routine } from '../../../src/ir/types';
import { readSignatureFiles } from '../../../src/pyf';

function readPyf(body: string): { iface: Interface; messages: string[] } {
  const bag = new DiagnosticBag();
  const text = `python module m\n  interface\n${body}\n  end interface\nend python module m\n`;
  const iface = readSignatureFiles([{ path: 't.pyf', text }], bag);
  return { iface, messages: bag.items.map((d) => `${d.span.line}:${d.span.col} ${d.message}`) };
}

function only(body: string): Routine {
  const { iface, messages } = readPyf(body);
  expect(messages).toEqual([]);
  expect(iface.routines).toHaveLength(1);
  return iface.routines[0]!;
}

/** The BG003 warnings of the `supported` pass. */
function problems(r: Routine): string[] {
  const bag = new DiagnosticBag();
  keepSupported([r], bag);
  return bag.items.map((d) => d.message);
}

const LAPACK_LIKE = `
    subroutine s(a,lda,n,lwork,x)
      real(kind=8) dimension(lda,n),intent(in),check(shape(a,0)==shape(a,1)) :: a
      integer intent(hide),depend(a) :: lda=max(shape(a,0),1)
      integer optional,intent(in),depend(a) :: n=shape(a,1)
      integer optional,intent(in),check(lwork >= max(3*n,1)),depend(n) :: lwork=max(3*n,1)
      real(kind=8) optional,intent(in),check(x > 0 .and. x < len(a)) :: x=0.5
    end subroutine s`;

describe('lowering', () => {
  it('keeps constants and extents, and records any other default as an expression, as written', () => {
    const r = only(LAPACK_LIKE);
    const d = Object.fromEntries(r.args.map((a) => [a.name, a.default]));
    expect(d.n).toEqual({ kind: 'extent', array: 'a', dim: 1 });
    expect(d.lda).toMatchObject({ kind: 'expr', text: 'max(shape(a,0),1)' });
    expect(d.x).toEqual({ kind: 'expr', expr: { op: 'real', value: 0.5 }, text: '0.5' });
  });

  it("records checks on the routine in source order, with the argument they are written on", () => {
    const r = only(LAPACK_LIKE);
    expect(r.checks?.map((c) => [c.text, c.arg, c.span.line])).toEqual([
      ['shape(a,0)==shape(a,1)', 'a', 5],
      ['lwork >= max(3*n,1)', 'lwork', 8],
      ['x > 0 .and. x < len(a)', 'x', 9],
    ]);
  });

  it('reads checks and defaults from !f2py lines, and check statements naming an argument', () => {
    const bag = new DiagnosticBag();
    const { routines } = readFortran([{ path: 'a.f90', text: `
subroutine w(x, n)
!f2py integer optional, intent(in), depend(x) :: n = shape(x,0)-1
!f2py check(len(x) > n) :: n
  integer, intent(in) :: n
  real(8), intent(in) :: x(0:n)
end subroutine w
` }], bag);
    expect(bag.items).toEqual([]);
    expect(routines[0]!.args[1]!.default).toMatchObject({ kind: 'expr', text: 'shape(x,0)-1' });
    expect(routines[0]!.checks?.map((c) => c.text)).toEqual(['len(x) > n']);
  });

  it('skips a routine whose check does not parse, saying why', () => {
    const { iface, messages } = readPyf(`
    subroutine s(n)
      integer intent(in),check(n ** 2 > 1) :: n
    end subroutine s`);
    expect(iface.routines).toEqual([]);
    expect(messages).toEqual(["5:32 check(n ** 2 > 1) of subroutine 's' is not supported ('**' is not supported); the routine is skipped"]);
  });
});

describe('passes', () => {
  it('accepts defaults and checks over integer/real inputs and input array shapes', () => {
    expect(problems(only(LAPACK_LIKE))).toEqual([]);
  });

  it('orders computed defaults after the ones they read (F2Py depend), whatever the declaration order', () => {
    const r = only(`
    subroutine s(x,lwork,n)
      integer optional,intent(in) :: lwork=max(3*n,1)
      real(kind=8) dimension(0:n),intent(in) :: x
      integer optional,intent(in) :: n=shape(x,0)-1
    end subroutine s`);
    const order = defaultOrder(r);
    expect('order' in order && order.order.map((a) => a.name)).toEqual(['n', 'lwork']);
  });

  it.each([
    ['a cycle', 'integer optional,intent(in) :: n=m+1\n      integer optional,intent(in) :: m=2*n', 'the defaults of `n` -> `m` -> `n` depend on each other'],
    ['an output in a check', 'integer intent(in),check(n<m) :: n\n      integer intent(out) :: m', '`check(n<m)`: `m` is not an input'],
    ['a check that is a number', 'integer intent(in),check(n+1) :: n\n      integer intent(in) :: m', '`check(n+1)` is not a condition'],
    ['an unknown function', 'integer intent(in) :: n\n      integer optional,intent(in) :: m=mod(n,2)', 'the default `mod(n,2)` of argument `m`: `mod()` is not supported (len, size, shape, rank, max, min and abs are)'],
    ['a real default for an integer', 'integer intent(in) :: n\n      integer optional,intent(in) :: m=n*0.5', 'the default `n*0.5` of argument `m` is real, and `m` is an integer'],
    ['shape() of a scalar', 'integer intent(in) :: n\n      integer optional,intent(in) :: m=shape(n,0)', 'the default of argument `m` is the shape of `n`, which is not an input array argument'],
    ['shape() beyond the rank', 'integer intent(in) :: n\n      real(kind=8) dimension(n),intent(in) :: x\n      integer optional,intent(in) :: m=shape(x,1)', 'the default of argument `m` is dimension 1 (0-based) of `x`, which has rank 1'],
  ])('rejects %s with a BG003 warning naming the routine', (_what, decls, reason) => {
    const r = only(`\n    subroutine s(n,m,x)\n      ${decls}\n    end subroutine s`);
    expect(problems(r)).toEqual([`routine \`s\` skipped: ${reason}`]);
  });
});

describe('character comparisons', () => {
  // SciPy's sygvd: a CHARACTER option checked, and integer defaults chosen by it.
  const SYGVD_LIKE = `
    subroutine s(n,jobz,lwork,x)
      character optional,intent(in),check(*jobz=='N'||*jobz=='V') :: jobz='V'
      integer intent(in) :: n
      integer optional,intent(in),depend(n) :: lwork=(*jobz=='N'?2*n+1:1+6*n+2*n*n)
      real(kind=8) intent(out),dimension((jobz[0]=='V'?n:0)),depend(jobz,n) :: x
    end subroutine s`;

  it('compares a CHARACTER argument by its first character in checks, defaults and extents', () => {
    const r = only(SYGVD_LIKE);
    expect(problems(r)).toEqual([]);
    const order = defaultOrder(r);
    expect('order' in order && order.order.map((a) => a.name)).toEqual(['jobz', 'lwork']);
  });

  it.each([
    ['a literal of two characters', "character intent(in),check(c=='NO') :: c", "`check(c=='NO')`: 'NO' is not one ASCII character (characters are compared one at a time)"],
    ['an ordering of characters', "character intent(in),check(c<'N') :: c", "`check(c<'N')`: `<` does not compare characters (`==` and `/=` do)"],
    ['a number compared with a character', "integer intent(in),check(n=='N') :: n", "`check(n=='N')`: `n` is compared with a character but is not CHARACTER"],
    ['a character used as a number', "character intent(in) :: c\n      integer optional,intent(in) :: n=c+1", "the default `c+1` of argument `n`: `c` is CHARACTER: it can only be compared with a one-character literal (`c=='N'`)"],
    ['a character output', "character intent(out) :: c\n      integer optional,intent(in) :: n=(c=='N'?1:2)", "the default `(c=='N'?1:2)` of argument `n`: `c` is not a CHARACTER scalar input"],
  ])('rejects %s, saying why', (_what, decls, reason) => {
    const args = decls.includes(':: n') ? 'c,n' : decls.includes(':: c') ? 'c' : 'n';
    const r = only(`\n    subroutine s(${args})\n      ${decls}\n    end subroutine s`);
    expect(problems(r)).toEqual([`routine \`s\` skipped: ${reason}`]);
  });
});

describe('bridgegen sig', () => {
  it('writes computed defaults with their depend(...) and checks back, and reads them again unchanged', () => {
    const { iface } = readPyf(LAPACK_LIKE);
    const text = emitSignatureFile('m', iface);
    expect(text).toContain('dimension(lda,n), intent(in), check(shape(a,0)==shape(a,1)) :: a');
    expect(text).toContain('intent(hide), depend(a) :: lda = max(shape(a,0),1)');
    expect(text).toContain('optional, depend(n), check(lwork >= max(3*n,1)) :: lwork = max(3*n,1)');
    const bag = new DiagnosticBag();
    expect(emitSignatureFile('m', readSignatureFiles([{ path: 'm.pyf', text }], bag))).toBe(text);
    expect(bag.items).toEqual([]);
  });
});
