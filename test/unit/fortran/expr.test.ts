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
