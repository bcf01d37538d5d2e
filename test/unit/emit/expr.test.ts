// Unit tests of the emitters' small pieces: extent expressions in Fortran (expr.ts) and checked
// C++ (napi/ctypes.ts), statement wrapping in the shim, the d.ts signature line, and the Writer.

import { signatureLine } from '../../../src/emit/dts/dts';
import { fortranBound, fortranExpr, printInfix } from '../../../src/emit/expr';
import { emitFortranShim, wrapStatement } from '../../../src/emit/fortran-shim/shim';
import { DiagnosticBag } from '../../../src/diag/diagnostic';
import { readFortran } from '../../../src/fortran/index';
import { cppString, member } from '../../../src/emit/napi/ctypes';
import { cppExtent, cppValueExpr, routineScope } from '../../../src/emit/napi/values';
import { generatedBanner, Writer } from '../../../src/emit/writer';
import { conventionOf } from '../../../src/ir/convention';
import type { Arg, Bound, Expr, Routine } from '../../../src/ir/types';

const int = (value: number): Expr => ({ op: 'int', value });
const name = (n: string): Expr => ({ op: 'name', name: n });
const bin = (op: '+' | '-' | '*' | '/', left: Expr, right: Expr): Expr => ({ op, left, right });
const neg = (a: Expr): Expr => ({ op: 'neg', arg: a });
const call = (n: string, ...args: Expr[]): Expr => ({ op: 'call', name: n, args });
const [a, b, c, n] = ['a', 'b', 'c', 'n'].map(name);

describe('fortranExpr', () => {
  it.each<[string, Expr]>([
    ['2*n+1', bin('+', bin('*', int(2), n), int(1))],
    ['a-b-c', bin('-', bin('-', a, b), c)],
    ['a-(b-c)', bin('-', a, bin('-', b, c))],
    ['a+(b+c)', bin('+', a, bin('+', b, c))],
    ['(a+b)*c', bin('*', bin('+', a, b), c)],
    ['a*(b+c)', bin('*', a, bin('+', b, c))],
    ['a*b+c', bin('+', bin('*', a, b), c)],
    ['a/(b*c)', bin('/', a, bin('*', b, c))],
    ['a*b/c', bin('/', bin('*', a, b), c)],
    ['-n', neg(n)],
    ['n>=2*a.and..not.b==1', { op: 'and', left: { op: '>=', left: n, right: bin('*', int(2), a) }, right: { op: 'not', arg: { op: '==', left: b, right: int(1) } } }],
    ['(a.or.b).and.c/=-1.5', { op: 'and', left: { op: 'or', left: a, right: b }, right: { op: '/=', left: c, right: { op: 'real', value: -1.5 } } }],
    ['-(a+b)', neg(bin('+', a, b))],
    ['(-n)*2', bin('*', neg(n), int(2))],
    ['-n+a', bin('+', neg(n), a)],
    ['a-(-n)', bin('-', a, neg(n))],
    ['2*(-n)', bin('*', int(2), neg(n))],
    ['-(-n)', neg(neg(n))],
    ['max(-n,1)', call('max', neg(n), int(1))],
    ['max(1,n-1)', call('max', int(1), bin('-', n, int(1)))],
    ['2*max(a,b)', bin('*', int(2), call('max', a, b))],
  ])('prints %s with minimal parentheses', (text, expr) => {
    expect(fortranExpr(expr)).toBe(text);
  });
});

describe('fortranBound', () => {
  const bound = (lower: Expr, upper: Expr | null, form: Bound['form'] = 'explicit'): Bound => ({ lower, upper, form });

  it('omits a lower bound of 1', () => {
    expect(fortranBound(bound(int(1), n))).toBe('n');
  });
  it('prints other lower bounds', () => {
    expect(fortranBound(bound(int(0), n))).toBe('0:n');
    expect(fortranBound(bound(neg(n), n))).toBe('-n:n');
  });
  it('prints assumed size and assumed shape', () => {
    expect(fortranBound(bound(int(1), null, 'assumed-size'))).toBe('*');
    expect(fortranBound(bound(int(0), null, 'assumed-size'))).toBe('0:*');
    expect(fortranBound(bound(int(1), null, 'assumed-shape'))).toBe(':');
    expect(fortranBound(bound(int(0), null, 'assumed-shape'))).toBe('0:');
  });
});

describe('printInfix', () => {
  it('lets the caller spell names and calls', () => {
    const text = printInfix(bin('*', name('m'), call('max', n, int(1))), (x) => `v.${x}`, (f, args) => `${f.toUpperCase()}[${args.join(';')}]`);
    expect(text).toBe('v.m*MAX[v.n;1]');
  });
});

describe('cppValueExpr', () => {
  it('spells integers and names as int64_t', () => {
    expect(cppValueExpr(int(3))).toBe('int64_t{3}');
    expect(cppValueExpr(n)).toBe('int64_t(a_n)');
  });
  it('uses the checked runtime operations, keeping the tree structure', () => {
    expect(cppValueExpr(bin('+', bin('*', int(2), n), int(1)))).toBe(
      'bridgegen::ext_add(args, bridgegen::ext_mul(args, int64_t{2}, int64_t(a_n)), int64_t{1})',
    );
    expect(cppValueExpr(bin('-', a, bin('-', b, c)))).toBe(
      'bridgegen::ext_sub(args, int64_t(a_a), bridgegen::ext_sub(args, int64_t(a_b), int64_t(a_c)))',
    );
    expect(cppValueExpr(bin('/', a, b))).toBe('bridgegen::ext_div(args, int64_t(a_a), int64_t(a_b))');
    expect(cppValueExpr(neg(n))).toBe('bridgegen::ext_neg(args, int64_t(a_n))');
  });
  it('folds max/min over two or more arguments', () => {
    expect(cppValueExpr(call('max', int(1), n))).toBe('bridgegen::ext_max(int64_t{1}, int64_t(a_n))');
    expect(cppValueExpr(call('min', a, b, c))).toBe(
      'bridgegen::ext_min(bridgegen::ext_min(int64_t(a_a), int64_t(a_b)), int64_t(a_c))',
    );
  });
});

describe('cppValueExpr on F2Py defaults and checks', () => {
  const routine = { args: [
    { name: 'x', type: 'real', rank: 0 }, { name: 'n', type: 'integer', rank: 0 }, { name: 'a', type: 'real', rank: 2 },
  ] } as unknown as Routine;
  const scope = routineScope(routine, (p) => ['a', 'n', 'x'].indexOf(p));
  const cmp = (op: '==' | '/=' | '<' | '>=', left: Expr, right: Expr): Expr => ({ op, left, right });

  it('computes in double as soon as a real takes part, in checked int64 otherwise', () => {
    expect(cppValueExpr(bin('*', name('x'), n), scope)).toBe('(double(a_x) * double(int64_t(a_n)))');
    expect(cppValueExpr(call('max', n, { op: 'real', value: 1 }), scope)).toBe('std::fmax(double(int64_t(a_n)), double{1.0})');
    expect(cppValueExpr(call('abs', n), scope)).toBe('bridgegen::ext_abs(args, int64_t(a_n))');
    expect(cppValueExpr(neg(name('x')), scope)).toBe('(-double(a_x))');
  });

  it('reads shapes of input arrays (shape 0-based, size 1-based) and their rank', () => {
    expect(cppValueExpr(call('shape', a, int(1)), scope)).toBe('bridgegen::known_extent(args, 0, a_a, 1)');
    expect(cppValueExpr(call('size', a, int(1)), scope)).toBe('bridgegen::known_extent(args, 0, a_a, 0)');
    expect(cppValueExpr(call('len', a), scope)).toBe('bridgegen::known_extent(args, 0, a_a, 0)');
    expect(cppValueExpr(call('rank', a), scope)).toBe('int64_t{2}');
  });

  it('spells comparisons and logic in C++', () => {
    const e: Expr = { op: 'and', left: cmp('/=', n, int(0)), right: { op: 'not', arg: cmp('<', name('x'), n) } };
    expect(cppValueExpr(e, scope)).toBe('((int64_t(a_n) != int64_t{0}) && !(double(a_x) < double(int64_t(a_n))))');
  });
});

describe('cppExtent, member, cppString', () => {
  it('gives the extent of a dimension: upper, a span for other lower bounds, unchecked for *', () => {
    expect(cppExtent({ lower: int(1), upper: n, form: 'explicit' })).toBe('int64_t(a_n)');
    expect(cppExtent({ lower: int(0), upper: n, form: 'explicit' })).toBe('bridgegen::ext_span(args, int64_t{0}, int64_t(a_n))');
    expect(cppExtent({ lower: int(1), upper: null, form: 'assumed-size' })).toBe('bridgegen::kUnchecked');
  });
  it('prefixes members so Fortran names cannot clash with C++ keywords', () => {
    expect(member('new')).toBe('a_new');
  });
  it('quotes C++ strings', () => {
    expect(cppString('x(n, "m")\\')).toBe('"x(n, \\"m\\")\\\\"');
  });
});

describe('wrapStatement', () => {
  it('leaves a short statement alone', () => {
    expect(wrapStatement('call f(a, b)')).toEqual(['call f(a, b)']);
    const exact = `call f(${'a'.repeat(92)})`;
    expect(exact).toHaveLength(100);
    expect(wrapStatement(exact)).toEqual([exact]);
  });

  it('splits at the last comma within the width, with & continuations', () => {
    const args = Array.from({ length: 30 }, (_, i) => `arg${i}`);
    const text = `call f(${args.join(', ')})`;
    const lines = wrapStatement(text, 60);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(62);
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/, &$/);
    for (const line of lines.slice(1)) expect(line).toMatch(/^ {4}\S/);
    // Joining the pieces back gives the statement.
    expect(lines.map((l) => l.replace(/ &$/, '').trim()).join(' ')).toBe(text);
  });

  it('keeps a long statement without commas whole', () => {
    const text = `x = ${'y'.repeat(120)}`;
    expect(wrapStatement(text)).toEqual([text]);
  });
});

describe('emitFortranShim', () => {
  it('keeps every line within free form\'s 132 columns, also the iso_c_binding import of a routine using every kind', () => {
    // Regression (issue 10): the `use, intrinsic :: iso_c_binding, only: ...` line was not wrapped.
    const text = ['subroutine every(i1, i2, i4, i8, r4, r8, c4, c8, l1, l4, s)',
      ...['integer(1)', 'integer(2)', 'integer(4)', 'integer(8)', 'real(4)', 'real(8)', 'complex(4)', 'complex(8)', 'logical(1)', 'logical(4)', 'character(len=6)']
        .map((t, i) => `  ${t}, intent(in) :: ${['i1', 'i2', 'i4', 'i8', 'r4', 'r8', 'c4', 'c8', 'l1', 'l4', 's'][i]}`),
      'end subroutine every'].join('\n');
    const bag = new DiagnosticBag();
    const shim = emitFortranShim('m', readFortran([{ path: 'every.f90', text }], bag));
    expect(bag.hasErrors).toBe(false);
    expect(shim).toMatch(/use, intrinsic :: iso_c_binding, only: .*&\n/);
    for (const line of shim.split('\n')) expect(line.length).toBeLessThanOrEqual(132);
  });
});

describe('signatureLine', () => {
  const span = { file: 'a.f90', line: 1, col: 1 };
  const mk = (nm: string, extra: Partial<Arg> = {}): Arg => ({
    name: nm, type: 'real', kind: 8, rank: 0, dims: [], bounds: [], intent: 'in', returned: false, optional: false,
    hidden: false, fortranOptional: false, span, ...extra,
  });
  const routine = (args: Arg[], result?: Arg): Routine => ({
    name: 'heat_steps', kind: result ? 'function' : 'subroutine', args, threadsafe: false, span, ...(result ? { result } : {}),
  });

  it("prints F2Py's summary: results = name(required,[optional])", () => {
    const r = routine([
      mk('u'), mk('n', { type: 'integer', kind: 4, optional: true }), mk('alpha'),
      mk('unew', { intent: 'out', returned: true }), mk('work', { hidden: true }),
    ]);
    expect(signatureLine(r, conventionOf(r))).toBe('unew = heat_steps(u,alpha,[n])');
  });

  it('puts the function result first and leaves out `=` when nothing is returned', () => {
    const f = routine([mk('x'), mk('k', { intent: 'inout', returned: true })], mk('s', { intent: 'out', returned: true }));
    expect(signatureLine(f, conventionOf(f))).toBe('s,k = heat_steps(x,k)');
    const s = routine([mk('x')]);
    expect(signatureLine(s, conventionOf(s))).toBe('heat_steps(x)');
  });
});

describe('Writer', () => {
  it('writes lines, blank lines and a trailing newline', () => {
    expect(new Writer().line('a').line().line('b').toString()).toBe('a\n\nb\n');
  });

  it('indents blocks and nested indents, but not blank lines', () => {
    const w = new Writer();
    w.block('struct x {', () => {
      w.line('int a;');
      w.line();
      w.indent(() => w.many(['b', 'c']));
    }, '};');
    w.line('done');
    expect(w.toString()).toBe('struct x {\n  int a;\n\n    b\n    c\n};\ndone\n');
  });

  it('takes its indentation unit', () => {
    expect(new Writer('\t').block('{', () => void new Writer(), '}').toString()).toBe('{\n}\n');
    const w = new Writer('    ');
    w.indent(() => w.line('x'));
    expect(w.toString()).toBe('    x\n');
  });

  it('writes the banner in the comment syntax given', () => {
    expect(generatedBanner('//')).toBe('// generated by bridgegen — do not edit');
    expect(generatedBanner('!')).toBe('! generated by bridgegen — do not edit');
  });
});
