// Unit tests of source-form.ts: fixed and free form -> logical statements, spans, comments.

import { spanAt, splitFixed, splitFree, statementSpan } from '../../../src/fortran/source-form';

describe('free form', () => {
  it('joins & continuations, with and without a leading &, and splits tokens', () => {
    const src = 'real(8) :: abc&\n  &def, &  ! note\n   x\n';
    const { statements, comments } = splitFree('a.f90', src);
    expect(statements).toHaveLength(1);
    expect(statements[0]!.text.replace(/\s+/g, ' ')).toBe('real(8) :: abcdef, x');
    expect(statements[0]!.endLine).toBe(3);
    expect(comments).toEqual([{ line: 2, col: 12, text: '! note', trailing: true }]);
  });

  it('keeps ! and ; inside strings, splits statements at ;', () => {
    const { statements } = splitFree('a.f90', "s = 'it''s ! not; a comment'; t = \"x\" ! yes\n");
    expect(statements.map((s) => s.text.trim())).toEqual(["s = 'it''s ! not; a comment'", 't = "x"']);
  });

  it('continues a string across lines', () => {
    const { statements } = splitFree('a.f90', "s = 'abc&\n     &def'\n");
    expect(statements[0]!.text.trim()).toBe("s = 'abcdef'");
  });

  it('turns !f2py lines into directive statements and other ! lines into comments', () => {
    const { statements, comments } = splitFree('a.f90', '  !f2py intent(out) x\n! just a comment\n  x = 1\n');
    expect(statements.map((s) => [s.text.trim(), s.directive])).toEqual([
      ['intent(out) x', true],
      ['x = 1', false],
    ]);
    expect(comments).toEqual([{ line: 2, col: 1, text: '! just a comment', trailing: false }]);
  });

  it('maps offsets back to original line and column across continuations', () => {
    const { statements } = splitFree('a.f90', 'call f(a, &\n       b)\n');
    const s = statements[0]!;
    expect(statementSpan(s)).toEqual({ file: 'a.f90', line: 1, col: 1 });
    expect(spanAt(s, s.text.indexOf('b'))).toEqual({ file: 'a.f90', line: 2, col: 8 });
  });

  it('records a label without changing columns', () => {
    const { statements } = splitFree('a.f90', '10 continue\n');
    expect(statements[0]!.label).toBeUndefined();
    expect(statements[0]!.text.trim()).toBe('continue');
    expect(statementSpan(statements[0]!).col).toBe(4);
  });
});

describe('fixed form', () => {
  it('reads comment lines, labels, column-6 continuation and ignores columns past 72', () => {
    const src = [
      'C     a comment',
      '*     another',
      '      SUBROUTINE FOO( A,',
      '     $                B )'.padEnd(72) + 'IGNORED',
      '   10 CONTINUE',
      '      X = 1 ! trailing',
    ].join('\n');
    const { statements, comments } = splitFixed('a.f', src);
    expect(statements.map((s) => s.text.replace(/\s+/g, ' ').trim())).toEqual(['SUBROUTINE FOO( A, B )', 'CONTINUE', 'X = 1']);
    expect(statements[1]!.label).toBe('10');
    expect(statements[0]!.endLine).toBe(4);
    expect(comments.map((c) => [c.line, c.trailing])).toEqual([
      [1, false],
      [2, false],
      [6, true],
    ]);
    expect(spanAt(statements[0]!, statements[0]!.text.lastIndexOf('B'))).toEqual({ file: 'a.f', line: 4, col: 23 });
  });

  it('treats a 0 in column 6 as no continuation and Cf2py/!f2py lines as directives', () => {
    const src = '      X = 1\n     0Y = 2\nCf2py intent(out) y\n!f2py threadsafe\nc     plain\n';
    const { statements } = splitFixed('a.f', src);
    expect(statements.map((s) => [s.text.trim(), s.directive])).toEqual([
      ['X = 1', false],
      ['Y = 2', false],
      ['intent(out) y', true],
      ['threadsafe', true],
    ]);
  });

  it('continues a string across a continuation line', () => {
    const { statements } = splitFixed('a.f', "      S = 'AB\n     &CD'\n");
    expect(statements[0]!.text.trim()).toBe("S = 'ABCD'");
  });
});
