// F2Py's `python module NAME__user__routines` (src/pyf/user-routines.ts): callback interfaces a
// routine takes with `use`, from templates too (SciPy's flapack_user.pyf.src), and what is reported.

import { DiagnosticBag } from '../../../src/diag/diagnostic';
import type { Arg, Routine } from '../../../src/ir/types';
import { readSignatureFiles } from '../../../src/pyf';

function read(text: string, path = 't.pyf'): { routines: readonly Routine[]; messages: string[] } {
  const bag = new DiagnosticBag();
  const { routines } = readSignatureFiles([{ path, text }], bag);
  return { routines, messages: bag.items.map((d) => `${d.span.line}: ${d.message}`) };
}

/** A callback argument's signature, briefly: `function(real4 arg1, real4 arg2) -> logical4`. */
function signature(arg: Arg | undefined): string | undefined {
  const cb = arg?.callback;
  if (!cb) return undefined;
  const args = cb.args.map((a) => `${a.type}${a.kind} ${a.name}`).join(', ');
  return `${cb.kind}(${args})${cb.result ? ` -> ${cb.result.type}${cb.result.kind}` : ''}`;
}

// SciPy's own user module for gees, templated, and a routine in SciPy's form.
const GEES = `
python module gees__user__routines
    interface
        function <prefix>select(<_arg=arg1\\,arg2,\\0,arg,\\2>)
            <ftype> :: <_arg>
            logical :: <prefix>select
        end function <prefix>select
    end interface
end python module gees__user__routines
python module lapack
    interface
        subroutine <prefix>gees(<prefix>select,n,a)
            use gees__user__routines
            external <prefix>select
            integer intent(hide),depend(a) :: n = shape(a,1)
            <ftype> intent(in,out),dimension(n,n) :: a
        end subroutine <prefix>gees
    end interface
end python module lapack
`;

describe('python module NAME__user__routines', () => {
  it('gives each variant of a template the callback of its own variant, and wraps no callback as a routine', () => {
    const { routines, messages } = read(GEES, 'lapack.pyf.src');
    expect(messages).toEqual([]);
    expect(routines.map((r) => [r.name, signature(r.args[0])])).toEqual([
      ['sgees', 'function(real4 arg1, real4 arg2) -> logical4'],
      ['dgees', 'function(real8 arg1, real8 arg2) -> logical4'],
      ['cgees', 'function(complex8 arg) -> logical4'],
      ['zgees', 'function(complex16 arg) -> logical4'],
    ]);
  });

  it('takes intent(callback) without external as a procedure argument, as F2Py does', () => {
    const { routines, messages } = read(GEES.replace('            external <prefix>select\n', '            intent(callback) <prefix>select\n'), 'lapack.pyf.src');
    expect(messages).toEqual([]);
    expect(signature(routines[1]!.args[0])).toBe('function(real8 arg1, real8 arg2) -> logical4');
  });

  it('is not the python module name of the build', () => {
    const bag = new DiagnosticBag();
    expect(readSignatureFiles([{ path: 'lapack.pyf.src', text: GEES }], bag).moduleName).toBe('lapack');
  });

  it('reports a use of a module no signature file defines, and a rename that is not local=>name', () => {
    const { routines, messages } = read(`
python module m
    interface
        subroutine s(f)
            use nothing__user__routines
            use other__user__routines, f
            external f
        end subroutine s
    end interface
end python module m
`);
    expect(routines[0]?.args[0]?.callback).toBeUndefined();
    expect(messages).toEqual([
      '6: `use other__user__routines`: expected `local=>name`, found `f`',
      '5: `use nothing__user__routines` in `s`: no python module `nothing__user__routines` in the signature files',
      '6: `use other__user__routines` in `s`: no python module `other__user__routines` in the signature files',
    ]);
  });
});
