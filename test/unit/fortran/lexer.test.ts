// Unit tests of lexer.ts: tokens of one statement.

import { lex } from '../../../src/fortran/lexer';

const kinds = (s: string): string[] => lex(s).map((t) => `${t.kind}:${t.text}`);

describe('lexer', () => {
  it('lower-cases identifiers and keeps offsets', () => {
    const toks = lex('  REAL*8 X(N)');
    expect(toks.map((t) => [t.text, t.offset])).toEqual([
      ['real', 2], ['*', 6], ['8', 7], ['x', 9], ['(', 10], ['n', 11], [')', 12],
    ]);
  });

  it('reads integer and real literals with exponents and kind suffixes', () => {
    expect(kinds('1 1.d0 1.0_dp 0d0 .5 2.5e-3 1_8 3.')).toEqual([
      'int:1', 'real:1.d0', 'real:1.0_dp', 'real:0d0', 'real:.5', 'real:2.5e-3', 'int:1_8', 'real:3.',
    ]);
  });

  it('does not eat the dot of a dot operator after an integer', () => {
    expect(kinds('1.eq.n .AND. .true.')).toEqual(['int:1', 'dotop:.eq.', 'ident:n', 'dotop:.and.', 'dotop:.true.']);
  });

  it('reads both quote styles with doubled quotes', () => {
    const toks = lex(`'it''s' "say ""hi"""`);
    expect(toks.map((t) => [t.kind, t.value])).toEqual([
      ['string', "it's"],
      ['string', 'say "hi"'],
    ]);
  });

  it('reads two-character operators before one-character ones', () => {
    expect(lex('a**b // c == d /= e <= f >= g => h :: i % j').filter((t) => t.kind === 'op').map((t) => t.text)).toEqual([
      '**', '//', '==', '/=', '<=', '>=', '=>', '::', '%',
    ]);
  });

  it('never fails on unknown characters or unterminated strings', () => {
    expect(kinds("a @ 'open")).toEqual(['ident:a', 'unknown:@', "string:'open"]);
  });
});
