// Unit tests of inputs.ts: file roles by extension, which files need the C preprocessor, and
// re-placing preprocessed lines at their original line numbers.

import { alignPreprocessed, needsPreprocessor, roleOf } from '../../src/inputs';

describe('roleOf', () => {
  it.each([
    ['a.f', 'fortran'], ['a.for', 'fortran'], ['a.f77', 'fortran'], ['a.ftn', 'fortran'], ['a.f90', 'fortran'],
    ['a.f95', 'fortran'], ['a.f03', 'fortran'], ['a.f08', 'fortran'], ['A.F', 'fortran'], ['dir/a.F90', 'fortran'],
    ['a.pyf', 'signature'], ['a.h', 'c-header'], ['a.c', 'native'], ['a.o', 'native'], ['liba.a', 'native'], ['liba.so', 'native'],
  ])('%s is %s', (file, role) => {
    expect(roleOf(file)).toBe(role);
  });

  it('has no role for other files', () => {
    expect(roleOf('a.txt')).toBeUndefined();
    expect(roleOf('f90')).toBeUndefined();
    expect(roleOf('a.f90.bak')).toBeUndefined();
  });
});

describe('needsPreprocessor', () => {
  it('is true for upper-case extensions', () => {
    expect(['a.F', 'a.F90', 'a.FOR', 'x/y.F08'].map(needsPreprocessor)).toEqual([true, true, true, true]);
  });
  it('is false for lower-case extensions and files without one', () => {
    expect(['a.f', 'a.f90', 'a.for', 'Makefile', 'dir.F/a.f90'].map(needsPreprocessor)).toEqual([false, false, false, false, false]);
  });
});

describe('alignPreprocessed', () => {
  it('keeps line numbers across lines removed by the preprocessor', () => {
    const out = ['# 1 "a.F90"', 'subroutine s(x)', '# 5 "a.F90"', '  real(8) x', 'end'].join('\n');
    expect(alignPreprocessed(out, 'a.F90').split('\n')).toEqual(['subroutine s(x)', '', '', '', '  real(8) x', 'end']);
  });

  it('drops the lines of included files and resumes at the marker line', () => {
    const out = [
      '# 1 "a.F90"', 'subroutine s(x)',
      '# 1 "inc.h" 1', 'integer, parameter :: n = 3', 'integer, parameter :: m = 4',
      '# 3 "a.F90" 2', '  real(8) x(n)', 'end',
    ].join('\n');
    expect(alignPreprocessed(out, 'a.F90').split('\n')).toEqual(['subroutine s(x)', '', '  real(8) x(n)', 'end']);
  });

  it('ignores built-in and command-line markers', () => {
    const out = ['# 1 "a.F"', '# 1 "<built-in>"', '#define X 1', '# 1 "<command-line>"', '# 1 "a.F"', '      END'].join('\n');
    expect(alignPreprocessed(out, 'a.F')).toBe('      END');
  });

  it('accepts gcc-style `#line`-less markers with extra flags and no marker at all', () => {
    expect(alignPreprocessed('x\ny', 'a.F90')).toBe('x\ny');
    expect(alignPreprocessed('# 2 "a.F90" 3 4\ny', 'a.F90')).toBe('\ny');
  });
});
