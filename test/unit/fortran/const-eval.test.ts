// Unit tests of const-eval.ts and const-intrinsics.ts (through kinds.ts scopes): typed constant values,
// array constructors, real arithmetic, kind() of declared variables; kinds stay resolved.

import { DiagnosticBag } from '../../../src/diag/diagnostic';
import type { ModuleUnit } from '../../../src/fortran/ast';
import { evalValue, type Const } from '../../../src/fortran/const-eval';
import { parseFortran } from '../../../src/fortran/index';
import { ModuleTable, evalConst } from '../../../src/fortran/kinds';
import { lex } from '../../../src/fortran/lexer';

/** The scope of module `m` declared by `decls`. */
function scopeOf(decls: string) {
  const ast = parseFortran({ path: 'a.f90', text: `module m\n${decls}\nend module\n` }, new DiagnosticBag());
  const mod = ast.units[0] as ModuleUnit;
  return new ModuleTable(new Map([['m', mod]])).scopeOf('m')!;
}

function value(expr: string, decls = ''): Const | string {
  const r = evalValue(lex(expr), scopeOf(decls));
  return 'value' in r ? r.value : r.error;
}

const int = (v: number, kind = 4): Const => ({ type: 'integer', kind, value: v });
const real = (v: number, kind: number): Const => ({ type: 'real', kind, value: v });

describe('constant values', () => {
  it('keeps integer division integer and mixes in reals', () => {
    expect(value('7/2')).toEqual(int(3));
    expect(value('-7/2')).toEqual(int(-3));
    expect(value('2**10 - 1')).toEqual(int(1023));
    expect(value('2**(-1)')).toEqual(int(0));
    expect(value('7/2.0d0')).toEqual(real(3.5, 8));
    expect(value('1 + 2_8')).toEqual(int(3, 8));
  });

  it('rounds single precision arithmetic like Fortran does', () => {
    expect(value('1.0/3.0')).toEqual(real(Math.fround(1 / 3), 4));
    expect(value('1.0d0/3')).toEqual(real(1 / 3, 8));
    expect(value('0.5_dp * 3', 'integer, parameter :: dp = kind(1.d0)')).toEqual(real(1.5, 8));
  });

  it('evaluates array constructors in both spellings, nested and scaled', () => {
    expect(value('(/ 1, 2, 3 /)')).toEqual({ type: 'array', elements: [int(1), int(2), int(3)] });
    expect(value('[1.5d0, 2]')).toEqual({ type: 'array', elements: [real(1.5, 8), int(2)] });
    expect(value('[v, 4] * 2', 'integer, parameter :: v(2) = [1, 2]')).toEqual({ type: 'array', elements: [int(2), int(4), int(8)] });
    expect(value('(//)')).toEqual({ type: 'array', elements: [] });
    expect(value('[(i, i = 1, 3)]')).toBe('implied-do loops are not evaluated');
  });

  it('evaluates logical and character constants', () => {
    expect(value('.true.')).toEqual({ type: 'logical', value: true });
    expect(value("'ab' // \"cd\"")).toEqual({ type: 'character', value: 'abcd' });
  });

  it('knows the numeric intrinsics and the limits of each kind', () => {
    expect(value('4*atan(1.0d0)')).toEqual(real(Math.PI, 8));
    expect(value('sqrt(2.0)')).toEqual(real(Math.fround(Math.SQRT2), 4));
    expect(value('max(1, 2.5d0)')).toEqual(real(2.5, 8));
    expect(value('nint(-2.5)')).toEqual(int(-3));
    expect(value('real(3, 8)')).toEqual(real(3, 8));
    expect(value('epsilon(1.0d0)')).toEqual(real(2 ** -52, 8));
    expect(value('huge(1)')).toEqual(int(2147483647));
    expect(value('huge(1_8)')).toMatch(/exactly representable/);
    expect(value('radix(0.0)**minexponent(0.0)')).toEqual(int(0)); // integer ** negative integer
    expect(value('mod(7, 3)')).toEqual(int(1));
  });

  it('refuses what it cannot evaluate, without throwing', () => {
    expect(value('1/0')).toMatch(/division by zero/);
    expect(value('(1.0, 2.0)')).toMatch(/complex/);
    expect(value('unknown')).toBe("cannot resolve 'unknown'");
    expect(value('foo(1)')).toMatch(/cannot be evaluated/);
    expect(value('[1, 2')).toMatch(/missing/);
  });
});

describe('kinds after the evaluator', () => {
  it('resolves kind() of a declared variable and of parameters', () => {
    const scope = scopeOf('integer, parameter :: dp = selected_real_kind(15)\nreal(dp) :: x\ncomplex(kind=4) :: z\ndouble precision y\ninteger*8 n');
    const kind = (e: string) => evalConst(lex(e), scope);
    expect(['kind(x)', 'kind(z)', 'kind(y)', 'kind(n)', 'kind(dp)', 'kind(1.0_dp)'].map(kind)).toEqual(
      [8, 4, 8, 8, 4, 8].map((value) => ({ value })),
    );
    expect(kind('kind(nothing)')).toEqual({ error: "cannot resolve 'nothing'", token: expect.anything() });
    expect(kind('2.5')).toEqual({ error: 'not an integer constant', token: expect.anything() });
  });

  it('converts a parameter to its declared type', () => {
    const scope = scopeOf('integer, parameter :: n = 2.7\nreal, parameter :: h = 1/3.0d0\nparameter (k = 5.9, x = 2)');
    expect(scope.value('n', 0)).toEqual(int(2));
    expect(scope.value('h', 0)).toEqual(real(Math.fround(1 / 3), 4));
    expect(scope.value('k', 0)).toEqual(int(5)); // implicit integer
    expect(scope.value('x', 0)).toEqual(real(2, 4)); // implicit real
  });
});
