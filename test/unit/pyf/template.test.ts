// Unit tests of template.ts: `.pyf.src` expansion with NumPy's from_template rules.

import { expandTemplateText } from '../../../src/pyf/template';

const SRC = [
  'python module t', //                                        1
  '<_ft=real,double precision,complex,double complex>', //     2
  'interface', //                                              3
  '  subroutine <prefix>scal(n, a, x)', //                     4
  '    <_ft> intent(in) :: a', //                              5
  '    <_ft> dimension(n), intent(in,out) :: x', //            6
  '    integer intent(hide), depend(x), check(n\\>=0) :: n = len(x)', // 7
  '  end subroutine <prefix>scal', //                          8
  '  subroutine plain(n)', //                                  9
  '    integer :: n', //                                       10
  '  end subroutine plain', //                                 11
  '  function <p=s,d>nrm2(x) result(r)', //                   12
  '    <real,double precision> dimension(:) :: x, r', //      13
  '    integer :: unused_<p>', //                              14
  '  end function <p>nrm2', //                                 15
  'end interface', //                                          16
  'end python module t', //                                    17
].join('\n');

describe('.pyf.src templates', () => {
  const variants = expandTemplateText(SRC);
  const lines = variants.map((v) => v.split('\n'));

  it('makes one variant per entry, each with the template line count', () => {
    expect(variants).toHaveLength(4);
    for (const v of lines) expect(v).toHaveLength(17);
  });

  it('replaces predefined, file-wide and block lists entry by entry', () => {
    expect(lines.map((v) => v[3]!.trim())).toEqual(['subroutine sscal(n, a, x)', 'subroutine dscal(n, a, x)', 'subroutine cscal(n, a, x)', 'subroutine zscal(n, a, x)']);
    expect(lines[3]![5]!.trim()).toBe('double complex dimension(n), intent(in,out) :: x');
    expect(lines[1]![11]!.trim()).toBe('function dnrm2(x) result(r)');
    expect(lines[1]![12]!.trim()).toBe('double precision dimension(:) :: x, r');
  });

  it('drops file-wide definitions and unescapes \\< \\> \\,', () => {
    expect(lines[0]![1]).toBe('');
    expect(lines[0]![6]).toContain('check(n>=0)');
  });

  it('keeps text outside blocks in every variant, a plain block once, shorter lists blank later', () => {
    for (const v of lines) expect([v[0], v[2], v[15], v[16]]).toEqual(['python module t', 'interface', 'end interface', 'end python module t']);
    expect(lines[0]![8]!.trim()).toBe('subroutine plain(n)');
    expect(lines[1]![8]).toBe('');
    expect(lines[2]![11]).toBe('');
    expect(lines[2]![13]).toBe('');
  });

  it('resolves \\k entries and reports undefined names and mismatched lists by line', () => {
    expect(expandTemplateText('subroutine <a=x,\\0>f()\nend subroutine').map((v) => v.split('\n')[0])).toEqual(['subroutine xf()', 'subroutine xf()']);
    expect(() => expandTemplateText('\nsubroutine <nope>f()\nend subroutine')).toThrow(expect.objectContaining({ line: 2, message: '<nope> is not defined' }));
    expect(() => expandTemplateText('subroutine <s,d>f()\n<a,b,c> x\nend subroutine')).toThrow(expect.objectContaining({ line: 2 }));
  });
});

it('expands the comment lines right above a block with it (its documentation)', () => {
  const v = expandTemplateText('! header\n\n! c,s = <prefix2=s,d>rotg(a,b)\nsubroutine <prefix2>rotg()\nend subroutine').map((t) => t.split('\n'));
  expect(v.map((l) => l[2])).toEqual(['! c,s = srotg(a,b)', '! c,s = drotg(a,b)']);
  expect(v.map((l) => l[0])).toEqual(['! header', '! header']);
});
