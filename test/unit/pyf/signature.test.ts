// The signature-file front end (src/pyf) and writer (src/emit/pyf): F2Py's blocks and
// directives, errors with positions, and the writer's F2Py spelling of the IR.

import { DiagnosticBag } from '../../../src/diag/diagnostic';
import { declaration, emitSignatureFile } from '../../../src/emit/pyf/pyf';
import { readFortran } from '../../../src/fortran';
import { inferSizes } from '../../../src/ir/passes/sizes';
import { readSignatureFiles } from '../../../src/pyf';

function readPyf(text: string) {
  const bag = new DiagnosticBag();
  const iface = readSignatureFiles([{ path: 't.pyf', text }], bag);
  return { iface, messages: bag.items.map((d) => `${d.severity} ${d.span.line}:${d.span.col} ${d.message}`) };
}

const wrap = (body: string) => `python module m\n  interface\n${body}\n  end interface\nend python module m\n`;

describe('readSignatureFiles', () => {
  it('reads routines inside python module / interface, with F2Py meaning for every declaration', () => {
    const { iface, messages } = readPyf(wrap(`
    subroutine s(x, n, y)
      real(kind=8) dimension(n),intent(in) :: x
      integer, optional,intent(in),check(shape(x, 0) == n),depend(x) :: n=shape(x, 0)
      real(kind=8) dimension(n),intent(out),depend(n) :: y
    end subroutine s`));
    expect(messages).toEqual([]);
    expect(iface.moduleName).toBe('m');
    const [s] = iface.routines;
    expect(s.args.map((a) => [a.name, a.type, a.kind, a.dims, a.intent, a.optional, a.default])).toEqual([
      ['x', 'real', 8, ['n'], 'in', false, undefined],
      ['n', 'integer', 4, [], 'in', true, { kind: 'extent', array: 'x', dim: 0 }],
      ['y', 'real', 8, ['n'], 'out', false, undefined],
    ]);
    expect(s.args[0].declaredIntent).toBeUndefined(); // a signature says nothing of the Fortran's own intents
  });

  it('reads module procedures listed inside `module` in the interface', () => {
    const { iface, messages } = readPyf(wrap(`
    module solvers
      subroutine step(x)
        real(kind=8), dimension(3), intent(inout) :: x
      end subroutine step
    end module solvers`));
    expect(messages).toEqual([]);
    expect(iface.routines.map((r) => [r.module, r.name])).toEqual([['solvers', 'step']]);
  });

  it('applies fortranname and threadsafe, and refuses a callstatement that is more than a call, naming the routine', () => {
    const { iface, messages } = readPyf(wrap(`
    function total(x)
      fortranname vsum
      threadsafe
      real(kind=8), dimension(4), intent(in) :: x
      real(kind=8) :: total
    end function total
    subroutine raw(x)
      callstatement {int i; (*f2py_func)(x); for(i=0;i<4;++i) x[i]=0;}
      real(kind=8), dimension(4), intent(in) :: x
    end subroutine raw
    subroutine plain(x, off)
      callstatement (*f2py_func)(x+off)
      real(kind=8), dimension(4), intent(in) :: x
      integer intent(in) :: off
    end subroutine plain`));
    expect(iface.routines.map((r) => [r.name, r.fortranName, r.threadsafe])).toEqual([['total', 'vsum', true], ['plain', undefined, false]]);
    expect(iface.routines[1]!.callArgs).toEqual([{ name: 'x', offset: { op: 'name', name: 'off' } }]);
    expect(iface.routines[1]!.checks!.map((c) => c.text)).toEqual(['0<=off<=size(x)']);
    expect(messages).toEqual([expect.stringMatching(/^warning 10:5 routine `raw` skipped: its `callstatement` is more than `\(\*f2py_func\)\(...\)`/)]);
  });

  it("skips usercode blocks, including multi-line '''strings'''", () => {
    const { iface, messages } = readPyf(`python module m\n  usercode '''\n  int main(void) { return 0; }\n  '''\n  interface\n    subroutine s(n)\n      integer intent(in) :: n\n    end subroutine s\n  end interface\nend python module m\n`);
    expect(iface.routines.map((r) => r.name)).toEqual(['s']);
    expect(messages).toEqual(['warning 2:3 `usercode` blocks are not supported (ignored)']);
  });

  it('reports malformed declarations and stray statements as errors with positions', () => {
    const { messages } = readPyf(wrap(`
    subroutine s(x)
      real(kind=8) dimension(3,intent(in) :: x
    end subroutine s
    x = 1`));
    expect(messages).toEqual([
      expect.stringMatching(/^error 5:\d+ /),
      "error 7:5 expected a subroutine, function or module in the signature file's interface",
    ]);
  });
});

describe('emitSignatureFile', () => {
  it('spells the IR in F2Py syntax that reads back to the same text', () => {
    const bag = new DiagnosticBag();
    const iface = readFortran([{ path: 'a.f90', text: `
!> Scales x.
subroutine sc(x, n, f, k)
  integer, intent(in) :: n
  real(8), intent(inout) :: x(n)
  real(8), intent(in) :: f
  integer, intent(inout) :: k
end subroutine sc
` }], bag);
    const text = emitSignatureFile('m', { ...iface, routines: iface.routines.map(inferSizes) });
    expect(text).toContain('!> Scales x.\n        subroutine sc(x,n,f,k)');
    expect(text).toContain('real(kind=8), dimension(n), intent(inout) :: x');
    expect(text).toContain('integer(kind=4), intent(in), optional, depend(x) :: n = shape(x,0)');
    expect(text).toContain('integer(kind=4), intent(inout) :: k');
    const again = readSignatureFiles([{ path: 'm.pyf', text }], bag);
    expect(emitSignatureFile('m', again)).toBe(text);
    expect(bag.items).toEqual([]);
  });

  it('writes hidden, in,out and complex declarations as F2Py does', () => {
    const base = { rank: 0, dims: [], bounds: [], optional: false, hidden: false, fortranOptional: false, returned: false, span: { file: 'a', line: 1, col: 1 } };
    expect(declaration({ ...base, name: 'n', type: 'integer', kind: 4, intent: 'in', hidden: true, default: { kind: 'extent', array: 'x', dim: 0 } }))
      .toBe('integer(kind=4), intent(hide), depend(x) :: n = shape(x,0)');
    expect(declaration({ ...base, name: 'z', type: 'complex', kind: 16, intent: 'inout', returned: true, rank: 1, dims: ['3'], bounds: [{ lower: { op: 'int', value: 1 }, upper: { op: 'int', value: 3 }, form: 'explicit' }] }))
      .toBe('complex(kind=8), dimension(3), intent(in,out) :: z');
  });
});

describe('intent(copy|overwrite) and out=', () => {
  it('reads them into the IR, adds the overwrite flag to the call, and writes them back', () => {
    const { iface, messages } = readPyf(wrap(`
    subroutine s(a, n)
      real(kind=8), dimension(n), intent(in,out,copy,out=lu) :: a
      integer, intent(hide), depend(a) :: n = len(a)
    end subroutine s`));
    expect(messages).toEqual([]);
    const [a] = iface.routines[0].args;
    expect([a.overwrite, a.outName, a.returned]).toEqual(['copy', 'lu', true]);
    const text = emitSignatureFile('m', iface);
    expect(text).toContain('real(kind=8), dimension(n), intent(in,out,copy,out=lu) :: a');
    expect(emitSignatureFile('m', readSignatureFiles([{ path: 'm.pyf', text }], new DiagnosticBag()))).toBe(text);
  });
});
