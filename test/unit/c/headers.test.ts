// Unit tests of the C front end on whole headers: the fixture library (fortran/tests/c/mylib.h)
// and the system's cblas.h and lapacke.h, through the preprocessor; the conventions' lengths,
// the refusal of unknown pointers and `bridgegen sig`'s draft.

import * as fs from 'node:fs';
import { readCHeaders } from '../../../src/c';
import { DiagnosticBag } from '../../../src/diag/diagnostic';
import { emitSignatureFile } from '../../../src/emit/pyf/pyf';
import { exprText } from '../../../src/fortran/expr';
import { checkCPointers } from '../../../src/ir/passes/c-pointers';
import type { Arg, Interface, Routine } from '../../../src/ir/types';

const MYLIB = 'fortran/tests/c/mylib.h';
const CBLAS = '/usr/include/x86_64-linux-gnu/cblas.h';
const LAPACKE = '/usr/include/lapacke.h';

function read(header: string): { iface: Interface; bag: DiagnosticBag } {
  const bag = new DiagnosticBag();
  return { iface: readCHeaders([header], { includeDirs: [], cflags: [] }, bag), bag };
}

function routine(iface: Interface, name: string): Routine {
  const r = iface.routines.find((x) => x.name === name);
  if (!r) throw new Error(`no routine ${name}`);
  return r;
}

/** `name: type*kind [value] intent [(length)]`, one per argument. */
function args(r: Routine): string[] {
  return r.args.map((a: Arg) => `${a.name}: ${a.type}*${a.kind}${a.value ? ' value' : ''} ${a.intent}${a.rank ? ` (${a.bounds[0].upper ? exprText(a.bounds[0].upper) : '*'})` : ''}`);
}

describe('mylib.h (fixture)', () => {
  const { iface, bag } = read(MYLIB);

  it('reads every prototype but the variadic one, which it reports', () => {
    expect(iface.routines.map((r) => r.name)).toEqual([
      'mylib_dsum', 'mylib_scale', 'mylib_reduce', 'mylib_integrate', 'mylib_map', 'mylib_norm', 'mylib_count', 'mylib_fill', 'mylib_hash', 'mylib_cmul',
      'mylib_vlen', 'mylib_vscale', 'mylib_width', 'mylib_reweigh', 'mylib_buffer_len',
    ]);
    expect(bag.items.map((d) => d.message)).toEqual(['function `mylib_printf` skipped: it is variadic (`...`)']);
    expect(iface.routines.every((r) => r.language === 'c' && r.header === MYLIB)).toBe(true);
  });

  it('passes scalars by value, const pointers in, others in place, with BLAS lengths', () => {
    expect(args(routine(iface, 'mylib_dsum'))).toEqual(['n: integer*4 value in', 'x: real*8 in (1+(n-1)*abs(incx))', 'incx: integer*4 value in']);
    expect(args(routine(iface, 'mylib_scale'))).toEqual([
      'n: integer*4 value in', 'alpha: real*8 value in', 'x: real*8 inout (1+(n-1)*abs(incx))', 'incx: integer*4 value in',
    ]);
    expect(routine(iface, 'mylib_dsum')).toMatchObject({ kind: 'function', result: { type: 'real', kind: 8, intent: 'out', returned: true }, doc: 'Sum of x[0], x[incx], ... (n entries).' });
  });

  it('maps enums, size_t, char, const char *, _Bool and complex', () => {
    expect(args(routine(iface, 'mylib_reduce'))).toEqual(['op: integer*4 value in', 'count: integer*8 value in', 'values: real*8 in (*)']);
    expect(routine(iface, 'mylib_count').args.map((a) => [a.type, a.kind, a.charLen, a.value ?? false])).toEqual([
      ['character', 1, '*', false], ['character', 1, '1', true], ['logical', 1, undefined, true],
    ]);
    expect(args(routine(iface, 'mylib_cmul'))).toEqual(['a: complex*16 value in', 'b: complex*8 value in']);
    expect(routine(iface, 'mylib_hash').result).toMatchObject({ type: 'integer', kind: 8 });
  });

  it('turns a function pointer into a callback and its void * into hidden userdata', () => {
    const [f, userdata] = routine(iface, 'mylib_integrate').args;
    expect(f).toMatchObject({ type: 'procedure', callback: { kind: 'function', result: { type: 'real', kind: 8 } } });
    expect(f.callback!.args.map((a) => [a.name, a.hidden, a.userdata])).toEqual([['x', false, undefined], ['userdata', true, 'f']]);
    expect(userdata).toMatchObject({ type: 'type', typeName: 'void *', hidden: true, userdata: 'f' });
  });

  it('records how the header spells a function pointer type (the C shim casts its adapter to it)', () => {
    expect(routine(iface, 'mylib_integrate').args[0].typeName).toBe('mylib_fn');
    expect(routine(iface, 'mylib_map').args[3]).toMatchObject({ typeName: 'double (*)(double, int, void *)', callback: { kind: 'function' } });
  });

  it('passes structs by value or address as types', () => {
    expect(routine(iface, 'mylib_norm').args.map((a) => [a.type, a.typeName, a.value ?? false])).toEqual([
      ['type', 'mylib_point', true], ['type', 'mylib_point', false],
    ]);
  });

  it('records constants (enumerators with their enum, integer macros) and structs in a module', () => {
    const [mod] = iface.modules;
    expect(mod.name).toBe('mylib');
    expect(mod.variables.map((v) => [v.name, v.value, v.enumName])).toEqual([
      ['MYLIB_VERSION', 3, undefined], ['MYLIB_FLAGS', 17, undefined],
      ['MYLIB_SUM', 1, 'mylib_op'], ['MYLIB_MAX', 2, 'mylib_op'], ['MYLIB_MIN', 7, 'mylib_op'],
      ['RED', 0, 'mylib_color'], ['GREEN', 16, 'mylib_color'], ['BLUE', 17, 'mylib_color'],
    ]);
    expect(mod.types.map((t) => [t.name, t.components.map((c) => `${c.name}:${c.type}*${c.kind}${c.rank ? `(${c.dims})` : ''}`)])).toEqual([
      ['mylib_point', ['x:real*8', 'y:real*8', 'tag:integer*4', 'weights:real*8(3)']],
      ['mylib_vec2', ['x:real*8', 'y:real*8']],
      // A struct known by its tag only is spelled as C declares it.
      ['struct mylib_range', ['lo:integer*4', 'hi:integer*4', 'closed:logical*1']],
      ['mylib_buffer', ['data:real*8(*)', 'n:integer*4']],
    ]);
  });

  it('refuses a pointer of unknown length with how to fix it, or marks it with --unchecked-pointers', () => {
    const fill = [routine(iface, 'mylib_fill')];
    const bag = new DiagnosticBag();
    expect(checkCPointers(fill, false, bag)).toEqual([]);
    expect(bag.items[0].message).toBe(
      'routine `mylib_fill` skipped: pointer argument `out` of C function `mylib_fill` has no known length, so the call cannot be checked: ' +
      'write its length in a signature file (`bridgegen sig mylib.h -o mylib.pyf`, replace `dimension(*)` of `out` by its length in the ' +
      'other arguments, e.g. `dimension(n)`, then build from `mylib.pyf`), or annotate it in the header (`out /* dimension(n) */`), ' +
      'or pass --unchecked-pointers to wrap it unchecked');
    expect(checkCPointers(fill, true, bag)[0].args[0].unchecked).toBe(true);
  });

  it('writes a signature draft with intent(c) and a marked dimension to fill in', () => {
    const text = emitSignatureFile('mylib', { ...iface, routines: iface.routines.filter((r) => ['mylib_dsum', 'mylib_fill', 'mylib_norm'].includes(r.name)) });
    expect(text).toContain('! not written: mylib_norm: argument `p` is a struct, pointer or callback a signature file cannot describe yet');
    expect(text).toContain([
      '        function mylib_dsum(n,x,incx)',
      '            intent(c) mylib_dsum',
      '            integer(kind=4), intent(c) :: n',
      '            real(kind=8), dimension(1+(n-1)*abs(incx)), intent(in) :: x',
    ].join('\n'));
    expect(text).toContain('real(kind=8), dimension(*), intent(inout) :: out\n            ! bridgegen: fill in dimension(...)');
  });
});

const system = (file: string) => (fs.existsSync(file) ? describe : describe.skip);

system(CBLAS)('cblas.h (system)', () => {
  const { iface } = read(CBLAS);
  const names = fs.readFileSync(CBLAS, 'utf8').match(/\bcblas_\w+(?=\s*\()/g)!;

  it('reads every cblas_* prototype', () => {
    const read = new Set(iface.routines.map((r) => r.fortranName ?? r.name));
    expect([...new Set(names)].filter((n) => n !== 'cblas_xerbla' && !read.has(n))).toEqual([]);
  });

  it('cblas_ddot: strided vectors', () => {
    expect(args(routine(iface, 'cblas_ddot'))).toEqual([
      'n: integer*4 value in', 'x: real*8 in (1+(n-1)*abs(incx))', 'incx: integer*4 value in', 'y: real*8 in (1+(n-1)*abs(incy))', 'incy: integer*4 value in',
    ]);
  });

  it('cblas_dgemm: extents from layout and transposes', () => {
    const a = args(routine(iface, 'cblas_dgemm'));
    expect(a[7]).toBe('a: real*8 in (((transa==112).or.(transa==113))?((order==101)?k*lda:lda*m):((order==101)?m*lda:lda*k))');
    expect(a[9]).toBe('b: real*8 in (((transb==112).or.(transb==113))?((order==101)?n*ldb:ldb*k):((order==101)?k*ldb:ldb*n))');
    expect(a[12]).toBe('c: real*8 inout ((order==101)?m*ldc:ldc*n)');
  });

  it('cblas_dgemv: vector lengths follow the transpose', () => {
    const a = args(routine(iface, 'cblas_dgemv'));
    expect(a[7]).toBe('x: real*8 in (1+((((trans==112).or.(trans==113))?m:n)-1)*abs(incx))');
  });

  it('exports the CBLAS enums as constants', () => {
    const vars = iface.modules[0].variables;
    expect(vars.find((v) => v.name === 'CblasColMajor')).toMatchObject({ value: 102, enumName: 'CBLAS_ORDER' });
    expect(vars.find((v) => v.name === 'CblasTrans')).toMatchObject({ value: 112, enumName: 'CBLAS_TRANSPOSE' });
  });
});

system(LAPACKE)('lapacke.h (system)', () => {
  const { iface } = read(LAPACKE);

  it('LAPACKE_dgesv: square system, pivots of n, b of n x nrhs in either layout', () => {
    const r = routine(iface, 'lapacke_dgesv');
    expect(r).toMatchObject({ fortranName: 'LAPACKE_dgesv', kind: 'function', result: { type: 'integer', kind: 4 } });
    expect(args(r)).toEqual([
      'matrix_layout: integer*4 value in', 'n: integer*4 value in', 'nrhs: integer*4 value in', 'a: real*8 inout (lda*n)',
      'lda: integer*4 value in', 'ipiv: integer*4 inout (n)', 'b: real*8 inout ((matrix_layout==101)?n*ldb:ldb*nrhs)', 'ldb: integer*4 value in',
    ]);
  });

  it('leaves lengths it cannot know unknown (LAPACKE_dsyev: w)', () => {
    expect(args(routine(iface, 'lapacke_dsyev'))).toContain('w: real*8 inout (*)');
  });

  it('reads char parameters by value and complex types', () => {
    expect(routine(iface, 'lapacke_dgetrs').args[1]).toMatchObject({ name: 'trans', type: 'character', charLen: '1', value: true });
    expect(routine(iface, 'lapacke_zgesv').args[3]).toMatchObject({ type: 'complex', kind: 16, rank: 1 });
  });
});

describe('invalid C that only a compiler would reject (found by test/unit/frontend-fuzz.test.ts)', () => {
  const header = (text: string): string => {
    const file = `${fs.mkdtempSync('/tmp/bridgegen-c-')}/bad.h`;
    fs.writeFileSync(file, text);
    return file;
  };

  it('reports a keyword declared as a name instead of recursing through it', () => {
    const { iface, bag } = read(header('typedef double (*double)(double x, void *ud);\ndouble f(double x);\n'));
    expect(bag.items.map((d) => d.message)).toContain('declaration skipped: `double` is a keyword, not a name');
    expect(iface.routines.map((r) => r.name)).toEqual(['f']);
  });

  it('stops at a function-pointer typedef that returns itself: no signature, so the routine is refused', () => {
    const { iface } = read(header('typedef fn_t (*fn_t)(double x, void *ud);\ndouble g(fn_t f, void *ud);\n'));
    expect(routine(iface, 'g').args[0]!.type).toBe('procedure');
  });
});

describe('length annotations in comments', () => {
  it('give a pointer its length (`/* dimension(...) */` or `/* [...] */`), over the conventions; a bad one is reported', () => {
    const file = `${fs.mkdtempSync('/tmp/bridgegen-c-')}/ann.h`;
    fs.writeFileSync(file, [
      'double asum(int n, const double *x /* dimension(1+(n-1)*abs(incx)) */, int incx);',
      'void fill(int n, double * /* out */ /* [2*n] */);',
      'void bad(int n, double *y /* [n+] */);',
    ].join('\n'));
    const { iface, bag } = read(file);
    expect(args(routine(iface, 'asum'))).toEqual(['n: integer*4 value in', 'x: real*8 in (1+(n-1)*abs(incx))', 'incx: integer*4 value in']);
    expect(args(routine(iface, 'fill'))[1]).toBe('out: real*8 inout (2*n)');
    expect(args(routine(iface, 'bad'))[1]).toBe('y: real*8 inout (*)');
    expect(bag.items.map((d) => d.message)).toContain('length annotation `n+` of `y` ignored: expression ends too early');
  });
});
