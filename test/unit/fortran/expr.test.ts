// Unit tests of expr.ts: bound expressions -> IR Expr.

import { exprText, parseExpr } from '../../../src/fortran/expr';
import { lex } from '../../../src/fortran/lexer';

const parse = (s: string) => parseExpr(lex(s));

describe('bound expressions', () => {
  it('parses literals, names and precedence', () => {
    expect(parse('2*n+1')).toEqual({
      expr: { op: '+', left: { op: '*', left: { op: 'int', value: 2 }, right: { op: 'name', name: 'n' } }, right: { op: 'int', value: 1 } },
    });
    expect(parse('-2')).toEqual({ expr: { op: 'int', value: -2 } });
    expect(parse('-n')).toEqual({ expr: { op: 'neg', arg: { op: 'name', name: 'n' } } });
  });

  it('honours parentheses and left associativity', () => {
    const r = parse('(n-1)/2 - m - 1');
    expect('expr' in r && exprText(r.expr)).toBe('(((n-1)/2-m)-1)'.replace(/^\((.*)\)$/, '$1'));
  });

  it('parses calls like size(a,1), max(1,n) and min(m,n)', () => {
    expect(parse('size(a,1)')).toEqual({ expr: { op: 'call', name: 'size', args: [{ op: 'name', name: 'a' }, { op: 'int', value: 1 }] } });
    const r = parse('MAX(1, MIN(M, N))');
    expect('expr' in r && exprText(r.expr)).toBe('max(1,min(m,n))');
  });

  it('reports what it cannot represent', () => {
    expect(parse('n**2')).toMatchObject({ error: expect.stringContaining("'**'") });
    expect(parse('n+')).toMatchObject({ error: 'expression ends too early' });
    expect(parse('.true.')).toMatchObject({ error: "'.true.' is not supported here" });
    expect(parse('a < b < c')).toMatchObject({ error: "unexpected '<'" });
  });
});

describe('F2Py value expressions', () => {
  const text = (s: string) => {
    const r = parse(s);
    return 'expr' in r ? exprText(r.expr) : r.error;
  };

  it('parses comparisons in Fortran, dot and C spelling, normalised', () => {
    expect(parse('shape(a,0)==n')).toEqual({
      expr: { op: '==', left: { op: 'call', name: 'shape', args: [{ op: 'name', name: 'a' }, { op: 'int', value: 0 }] }, right: { op: 'name', name: 'n' } },
    });
    expect(text('n .ne. m')).toBe('n/=m');
    expect(text('n != m')).toBe('n/=m');
    expect(text('n .GE. 2*m+1')).toBe('n>=(2*m+1)');
  });

  it('gives .not. over .and. over .or., Fortran precedence, and accepts && || !', () => {
    expect(text('a>0 .or. b>0 .and. .not. c>0')).toBe('(a>0).or.((b>0).and..not.(c>0))');
    expect(text('a>0 || b>0 && !(c>0)')).toBe('(a>0).or.((b>0).and..not.(c>0))');
    expect(text('(a>0 .or. b>0) .and. c>0')).toBe('((a>0).or.(b>0)).and.(c>0)');
  });

  it("parses C's ?: below every Fortran operator, right-associative", () => {
    expect(text('compute_v?4*n:3*n')).toBe('compute_v?4*n:3*n');
    expect(text('lower>0 && n>1 ? max(n,1) : m>0 ? m : 1')).toBe('((lower>0).and.(n>1))?max(n,1):((m>0)?m:1)');
    expect(text('max(n>0?n:1,2)')).toBe('max((n>0)?n:1,2)');
    expect(text('n>0 ? n')).toBe("expected ':' of '?:'");
  });

  it('parses real literals (d exponents and kinds too), negated ones folded', () => {
    expect(parse('1.5')).toEqual({ expr: { op: 'real', value: 1.5 } });
    expect(parse('-1d-3')).toEqual({ expr: { op: 'real', value: -0.001 } });
    expect(parse('2.5_dp')).toEqual({ expr: { op: 'real', value: 2.5 } });
  });

  it("reads C's *c and c[0] (a CHARACTER argument's first character, as SciPy writes it) as the name", () => {
    expect(text("*jobz=='N'||*jobz=='V'")).toBe("(jobz=='N').or.(jobz=='V')");
    expect(text("(side[0]=='L'?m:n)*nb")).toBe("((side=='L')?m:n)*nb");
    expect(text("2*n")).toBe('2*n');
    expect(text("*max(n)")).toBe("'*' must be followed by an argument name (C's `*c`)");
    expect(text("side[1]=='L'")).toBe('only `side[0]` (the first character) is supported');
  });

  it('parses the intrinsics defaults use: max(shape(a,0),1), rank(x), abs(n)', () => {
    expect(text('max(shape(a,0),1)')).toBe('max(shape(a,0),1)');
    expect(text('-1 + shape(x, 0)')).toBe('-1+shape(x,0)');
    expect(text('len(x) >= n .and. rank(x) == 1')).toBe('(len(x)>=n).and.(rank(x)==1)');
  });
});
