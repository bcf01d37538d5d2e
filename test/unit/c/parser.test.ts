// Unit tests of the C lexer and parser on small inline declarations: declarators (pointers,
// function pointers, arrays), names from comments, enums folded, GNU extensions skipped.

import type { CDecl, CType } from '../../../src/c/ast';
import { foldInteger } from '../../../src/c/const-expr';
import { tokenize } from '../../../src/c/lexer';
import { basicTypeName, parseC } from '../../../src/c/parser';
import { spelling } from '../../../src/c/types';

function parse(text: string): CDecl[] {
  const { decls, errors } = parseC(tokenize(`# 1 "t.h"\n${text}`));
  expect(errors.map((e) => e.message)).toEqual([]);
  return decls;
}

function fn(text: string): Extract<CDecl, { kind: 'function' }> {
  const d = parse(text).find((x) => x.kind === 'function');
  if (d?.kind !== 'function') throw new Error('no function');
  return d;
}

const spelled = (t: CType) => spelling(t);

describe('C lexer', () => {
  it('follows line markers and keeps comments on the next token', () => {
    const tokens = tokenize('# 7 "a.h"\nint /* n */ x;\n# 3 "b.h" 1\ny');
    expect(tokens[0]).toMatchObject({ text: 'int', span: { file: 'a.h', line: 7, col: 1 } });
    expect(tokens[1]).toMatchObject({ text: 'x', comments: [' n '] });
    expect(tokens[3]).toMatchObject({ text: 'y', span: { file: 'b.h', line: 3 } });
  });

  it('reads object-like #defines', () => {
    const [t] = tokenize('#define N (1 << 3)\n');
    expect(t).toMatchObject({ kind: 'define', text: 'N', body: '(1 << 3)' });
    expect(tokenize('#define F(x) x\n')[0].body).toBeUndefined();
  });
});

describe('C declarations', () => {
  it('reads a prototype with const pointers', () => {
    const d = fn('double ddot(const int n, const double *x, int incx);');
    expect(d.name).toBe('ddot');
    expect(d.type.params.map((p) => `${p.name}: ${spelled(p.type)}`)).toEqual(['n: const int', 'x: const double *', 'incx: int']);
  });

  it('names unnamed parameters from their comments, else leaves them unnamed', () => {
    const d = fn('void f(int /* n */, double * /* x */, double);');
    expect(d.type.params.map((p) => p.name)).toEqual(['n', 'x', undefined]);
  });

  it('reads function pointers, arrays (as pointers) and void parameter lists', () => {
    const d = fn('int g(double (*cb)(double, void *), int v[], void (*h)(void));');
    expect(d.type.params.map((p) => spelled(p.type))).toEqual(['double (*)(double, void *)', 'int *', 'void (*)()']);
  });

  it('skips GNU attributes, asm labels and inline bodies', () => {
    const decls = parse('extern int a(int) __attribute__((nothrow)) __asm__("x");\nstatic inline int b(void) { return {0}; }\nint c(void);');
    expect(decls.map((d) => ('name' in d ? d.name : ''))).toEqual(['a', 'b', 'c']);
  });

  it('reads extern "C" blocks, typedefs, structs and enums', () => {
    const decls = parse('extern "C" {\ntypedef struct { double x[2]; int n : 3; } pt;\nenum e { A = 1 << 2, B, C = B * 2 };\n}');
    expect(decls.map((d) => d.kind)).toEqual(['struct', 'typedef', 'enum']);
    const e = decls[2];
    expect(e.kind === 'enum' && e.members.map((m) => [m.name, m.value])).toEqual([['A', 4], ['B', 5], ['C', 10]]);
    const s = decls[0];
    expect(s.kind === 'struct' && s.fields.map((f) => `${f.name}: ${spelled(f.type)}`)).toEqual(['x: double[2]', 'n: int']);
  });

  it('records integer macros, also when they sit inside a struct', () => {
    const decls = parse('struct s {\n#define K 0x10u\nint a; };\nenum { X = K + 1 };');
    expect(decls.find((d) => d.kind === 'macro')).toMatchObject({ name: 'K', value: 16 });
    const e = decls.find((d) => d.kind === 'enum');
    expect(e?.kind === 'enum' && e.members[0].value).toBe(17);
  });

  it('reports a declaration it cannot read and goes on', () => {
    const { decls, errors } = parseC(tokenize('# 1 "t.h"\nint f(int a b);\nint g(void);'));
    expect(errors).toHaveLength(1);
    expect(decls.map((d) => ('name' in d ? d.name : ''))).toEqual(['g']);
  });
});

describe('C base types and constants', () => {
  it('normalises specifier order', () => {
    expect(basicTypeName(['long', 'unsigned', 'int'])).toBe('unsigned long');
    expect(basicTypeName(['long', 'long'])).toBe('long long');
    expect(basicTypeName(['_Complex', 'double'])).toBe('double _Complex');
    expect(basicTypeName(['signed', 'char'])).toBe('signed char');
  });

  it('folds integer constant expressions', () => {
    const fold = (s: string) => foldInteger(tokenize(s).filter((t) => t.kind !== 'eof'), new Map([['A', 3]]));
    expect(fold('(A << 2) | 1')).toBe(13);
    expect(fold("'a' + 1")).toBe(98);
    expect(fold('(int)-7 / 2')).toBe(-3);
    expect(fold('1.5')).toBeUndefined();
    expect(fold('sizeof(int)')).toBeUndefined();
  });
});
