// Unit tests of docs.ts: Doxygen `\param[dir]` directions and which comment block documents a routine.

import { DocIndex, paramDirection } from '../../../src/fortran/docs';
import { splitFixed, splitFree } from '../../../src/fortran/source-form';

/** The routine doc of the statement at `line` of a free-form text. */
function freeDoc(text: string, line: number) {
  const src = splitFree('a.f90', text);
  return new DocIndex(src.comments, src.blankLines).routineDoc(line, line);
}

describe('paramDirection', () => {
  it('reads the bracket of \\param in the spellings found in the wild', () => {
    expect(['[in]', '[out]', '[in,out]', '[in, out]', '[inout]', '[IN]', '[ in ,out ]'].map(paramDirection)).toEqual([
      'in', 'out', 'inout', 'inout', 'inout', 'in', 'inout',
    ]);
    expect([undefined, '', '[workspace]', '[in,in]'].map(paramDirection)).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('DocIndex.routineDoc', () => {
  it('records the direction of every \\param, by lower-case name', () => {
    const doc = freeDoc(['!> \\brief Scales.', '!> \\param[in] N count', '!> \\param[in, out] X values', '!> \\param[out] INFO status', 'subroutine s(n, x, info)'].join('\n'), 5);
    expect([...(doc.directions ?? [])]).toEqual([['n', 'in'], ['x', 'inout'], ['info', 'out']]);
    expect(doc.params.get('x')).toBe('values');
  });

  it('has no directions for a \\param without a bracket or without Doxygen', () => {
    expect(freeDoc('!> \\param n count\nsubroutine s(n)\n', 2).directions).toBeUndefined();
    expect(freeDoc('! plain words\nsubroutine s(n)\n', 2).directions).toBeUndefined();
  });

  it('continues a Doxygen block across blank lines, inside it and before the header', () => {
    const text = ['!> \\brief Scales.', '!> \\param[in] N count', '', '!> \\param[out] Y result', '! ----', '', 'subroutine s(n, y)'].join('\n');
    const doc = freeDoc(text, 7);
    expect(doc.doc).toBe('Scales.');
    expect([...(doc.directions ?? [])]).toEqual([['n', 'in'], ['y', 'out']]);
  });

  it('does not join plain comment blocks across blank lines', () => {
    const doc = freeDoc('! Licence text.\n\n! Does things.\nsubroutine s()\n', 4);
    expect(doc.doc).toBe('Does things.');
  });

  it('stops at code: the doc of the previous routine is not taken', () => {
    const text = ['!> \\param[in] N count', 'subroutine a(n)', 'end subroutine', '', 'subroutine b(n)'].join('\n');
    expect(freeDoc(text, 5).directions).toBeUndefined();
  });

  it('works the same in fixed form, where `*>` marks Doxygen lines', () => {
    const text = ['*> \\param[in] N', '*>          N is INTEGER', '', '*  =======', '      SUBROUTINE S( N )', '      END'].join('\n');
    const src = splitFixed('a.f', text);
    expect(src.blankLines).toEqual([3]);
    expect([...(new DocIndex(src.comments, src.blankLines).routineDoc(5, 5).directions ?? [])]).toEqual([['n', 'in']]);
  });
});

describe('LAPACK page boilerplate', () => {
  /** A LAPACK-style header in fixed form (our own text, shaped like Reference-LAPACK's). */
  const header = [
    '*> \\brief <b> SFOO solves a small system</b>',
    '*',
    '*> \\htmlonly',
    '*> Download SFOO + dependencies',
    '*> <a href="http://example.org/sfoo.tgz">',
    '*> [TGZ]</a>',
    '*> \\endhtmlonly',
    '*> Download SFOO + dependencies',
    '*> <a',
    '*href="http://example.org/sfoo.zip">',
    '*> [ZIP]</a>',
    '*',
    '*> \\par Purpose:',
    '*  =============',
    '*>',
    '*> \\verbatim',
    '*>',
    '*> SFOO solves A * X = B, see <a href="http://example.org">the notes</a>.',
    '*> \\endverbatim',
    '*',
    '*> \\return SFOO',
    '*> \\verbatim',
    '*>    SFOO = the norm \\n',
    '*> \\endverbatim',
    '*',
    '*> \\ingroup foo',
    '      REAL FUNCTION SFOO( N )',
  ].join('\n');

  it('keeps \\brief, Purpose and \\return; drops download links, \\htmlonly sections and \\n breaks', () => {
    const src = splitFixed('a.f', header);
    const doc = new DocIndex(src.comments, src.blankLines).routineDoc(27, 27);
    expect(doc.doc).toBe(['SFOO solves a small system', '', 'SFOO solves A * X = B, see the notes.', '', 'Returns: SFOO', '   SFOO = the norm'].join('\n'));
  });

  it('gives no doc for a block that holds only \\ingroup', () => {
    expect(freeDoc('!> \\ingroup ladiv\nsubroutine s()', 2).doc).toBeUndefined();
  });
});
