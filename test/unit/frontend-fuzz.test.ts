// Fuzzing the front ends (issue 10): mutated Fortran (fixed and free form) and signature files
// (.pyf, .pyf.src) go through the whole analysis and code generation (`analyze`, `parseOnly`,
// `packageFiles`, `emitSignatureFile`); each must end in a module or in reported diagnostics
// (InputError), never in an internal exception. Seeded: a failure prints the seed, the case, the
// mutations and the mutated source, which is kept on disk for replay.
//
// BRIDGEGEN_FUZZ_CASES=N (default 1500) sets the number of cases, BRIDGEGEN_FUZZ_SEED the seed;
// `npm run test:soak` runs 20000.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, DEFAULT_OPTIONS, parseOnly } from '../../src';
import { packageFiles } from '../../src/build/package-files';
import { emitSignatureFile } from '../../src/emit/pyf/pyf';
import type { BuildOptions } from '../../src/pipeline/options';
import { ROOT, tempDir } from '../helpers/build';

const CASES = Number(process.env.BRIDGEGEN_FUZZ_CASES ?? 1500);
const SEED = Number(process.env.BRIDGEGEN_FUZZ_SEED ?? 20260110);

/** A small seeded generator (mulberry32): the same seed gives the same cases everywhere. */
function generator(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  return { next, int, pick };
}
type Random = ReturnType<typeof generator>;

// LAPACK-like snippets beside the fixtures: doc blocks, assumed-size arrays, labelled loops,
// character options, EXTERNAL functions, CF2PY directives, and free-form interfaces.
const SNIPPETS: Record<string, string> = {
  'dgesvx.f': `*> \\brief DGESVX-like
*> \\param[in] N
      SUBROUTINE DGESVX( TRANS, N, NRHS, A, LDA, IPIV, B, LDB, INFO )
Cf2py intent(in,out) b
Cf2py dimension(lda,n) :: a
      CHARACTER          TRANS
      INTEGER            INFO, LDA, LDB, N, NRHS
      INTEGER            IPIV( * )
      DOUBLE PRECISION   A( LDA, * ), B( LDB, * )
      LOGICAL            LSAME
      EXTERNAL           LSAME, XERBLA
      INTRINSIC          MAX
      INFO = 0
      IF( .NOT.LSAME( TRANS, 'N' ) ) THEN
         INFO = -1
      ELSE IF( LDA.LT.MAX( 1, N ) ) THEN
         INFO = -5
      END IF
      IF( INFO.NE.0 ) THEN
         CALL XERBLA( 'DGESVX', -INFO )
         RETURN
      END IF
      DO 20 J = 1, NRHS
         DO 10 I = 1, N
            B( I, J ) = B( I, J ) / A( I, I )
   10    CONTINUE
   20 CONTINUE
      RETURN
      END
      DOUBLE PRECISION FUNCTION DLANGEX( NORM, M, N, A, LDA, WORK )
      CHARACTER NORM
      INTEGER LDA, M, N
      DOUBLE PRECISION A( LDA, * ), WORK( * )
     $                 , EXTRA
      DLANGEX = 0.0D+0
      END
`,
  'zheevx.f90': `module eig_kinds
  use, intrinsic :: iso_fortran_env, only: wp => real64
  implicit none
  integer, parameter :: sp = kind(1.0)
end module eig_kinds
!> Eigenvalues of a Hermitian matrix (LAPACK-like, free form).
subroutine zheevx_like(jobz, uplo, n, a, lda, w, work, lwork, rwork, info)
  use eig_kinds, only: wp
  character(len=1), intent(in) :: jobz, uplo
  integer, intent(in) :: n, lda, lwork
  complex(wp), intent(inout) :: a(lda, *)
  real(wp), intent(out) :: w(n), rwork(max(1, 3*n-2))
  complex(wp), intent(inout) :: work(*)
  integer, intent(out) :: info
  !f2py intent(hide), depend(a) :: lda = shape(a, 0)
  !f2py dimension(lwork) :: work
  info = 0
end subroutine zheevx_like
subroutine apply(f, n, x)
  interface
    real(8) function f(t)
      real(8), intent(in) :: t
    end function f
  end interface
  integer, intent(in) :: n
  real(8), intent(inout) :: x(n)
  x = f(x(1))
end subroutine apply
`,
};

interface Source { readonly name: string; readonly text: string }

function sources(): Source[] {
  const dirs = [path.join(ROOT, 'fortran', 'tests'), path.join(ROOT, 'fortran', 'tests', 'errors'),
    path.join(ROOT, 'fortran', 'tests', 'signatures'), path.join(ROOT, 'fortran', 'linalg'), path.join(ROOT, 'fortran', 'examples')];
  const found = dirs.filter((d) => fs.existsSync(d)).flatMap((d) => fs.readdirSync(d)
    .filter((f) => /\.(f|f90|pyf|pyf\.src)$/.test(f))
    .map((f) => ({ name: f, text: fs.readFileSync(path.join(d, f), 'utf8') })));
  return [...found, ...Object.entries(SNIPPETS).map(([name, text]) => ({ name, text }))];
}

const TOKENS = ['(', ')', "'", '"', '&', '!', '!f2py ', 'Cf2py ', '::', ',', '=', '*', ':', '/', ';', '%', '.and.', '1e400', '2_8',
  '-', '0:', '(*)', 'dimension(', 'intent(in,out)', 'intent(hide)', 'depend(', 'check(', 'optional', 'external', 'interface',
  'end', 'end interface', 'end subroutine', 'contains', 'module m', 'use m', 'python module x', 'callstatement', 'fortranname',
  'subroutine s(a)', 'function f(x) result(r)', 'integer', 'real(kind=wp)', 'character(len=*)', 'complex*16', 'type(t)', 'kind=',
  '<prefix=s,d>', '<ftype>', '<', '>', '\t', '\u00e9', '\u{1f600}', '\0', '\r', '99999999999999999999', 'n', 'x(n)', 'len(x)',
  'shape(a,0)', '@', '#', '$', '\\', '`', '{', '}', '[', ']'];
const LINES = ['      END', 'end', 'contains', 'end module', 'module m', 'interface', 'end interface', '     &', '     $  , X',
  '&', '  & , y)', 'C', '*', '!', 'python module m', 'end python module m', 'subroutine s(a, n)', 'end subroutine s',
  '      SUBROUTINE F(X)', 'integer, parameter :: k = selected_real_kind(15)', 'real(k) :: z(:, :)', 'implicit none',
  'use, intrinsic :: iso_c_binding', 'type :: t', 'end type', 'block data', 'include "missing.h"', '#include "x.h"',
  '!f2py intent(out) :: nothing', 'Cf2py depend(n) x', '    <ftype2> dimension(*), intent(in) :: x', 'callstatement (*f2py_func)(&n,x+offx)',
  '    integer optional, intent(in), check(offx>=0 && offx<len(x)) :: offx=0'];

/** Applies 1-4 random mutations; returns the new text and what was done. */
function mutate(text: string, name: string, r: Random): { text: string; did: string[] } {
  const did: string[] = [];
  let lines = text.split('\n');
  // Large signature files: a random excerpt inside their `interface` block keeps cases fast.
  if (lines.length > 150) {
    const start = r.int(lines.length - 60);
    const header = lines.slice(0, lines.findIndex((l) => /^\s*interface\b/i.test(l)) + 1);
    lines = [...header, ...lines.slice(start, start + 20 + r.int(60)), '    end interface', 'end python module'];
    did.push(`excerpt@${start}`);
  }
  const fixed = /\.f$/i.test(name);
  const count = 1 + r.int(4);
  for (let k = 0; k < count; k++) {
    const i = r.int(Math.max(1, lines.length));
    const line = lines[i] ?? '';
    const op = r.int(14);
    switch (op) {
      case 0: { // byte flip
        const at = r.int(Math.max(1, line.length));
        lines[i] = line.slice(0, at) + String.fromCharCode(r.int(128)) + line.slice(at + 1);
        did.push(`flip ${i}:${at}`);
        break;
      }
      case 1: lines.splice(i, 1 + r.int(3)); did.push(`delete ${i}`); break;
      case 2: lines.splice(i, 0, ...lines.slice(i, i + 1 + r.int(4))); did.push(`duplicate ${i}`); break;
      case 3: { // truncation, mid-line
        const joined = lines.join('\n');
        lines = joined.slice(0, r.int(joined.length + 1)).split('\n');
        did.push('truncate');
        break;
      }
      case 4: { // a random token inside a line
        const at = r.int(line.length + 1);
        const token = r.pick(TOKENS);
        lines[i] = line.slice(0, at) + token + line.slice(at);
        did.push(`token ${JSON.stringify(token)} ${i}:${at}`);
        break;
      }
      case 5: { // unbalanced parentheses and quotes
        const c = r.pick(['(', ')', "'", '"', '((', '))', "'x", '"x']);
        const at = r.int(line.length + 1);
        lines[i] = line.slice(0, at) + c + line.slice(at);
        did.push(`unbalanced ${JSON.stringify(c)} ${i}`);
        break;
      }
      case 6: { // continuation chaos
        const variants = fixed
          ? [`     ${r.pick(['&', '$', '1', 'x', '0'])}${line.slice(6)}`, `${line.padEnd(72, ' ')}TRAILING-COLUMNS`, `\t${line}`, ` ${line}`]
          : [`${line} &`, `& ${line}`, `${line} &  ! comment`, `${line}&`, `&`];
        lines[i] = r.pick(variants);
        did.push(`continuation ${i}`);
        break;
      }
      case 7: lines.splice(i, 0, r.pick(LINES)); did.push(`line ${i}`); break;
      case 8: { // swap two lines
        const j = r.int(lines.length);
        [lines[i], lines[j]] = [lines[j] ?? '', line];
        did.push(`swap ${i} ${j}`);
        break;
      }
      case 9: { // a word replaced by another from the file
        const words = text.match(/[A-Za-z_]\w*/g) ?? ['x'];
        const from = r.pick(words), to = r.pick(words);
        lines[i] = line.replace(from, to);
        did.push(`rename ${from}->${to} ${i}`);
        break;
      }
      case 10: { // a number replaced by an extreme one
        lines[i] = line.replace(/\d+/, r.pick(['0', '-1', '2147483648', '9223372036854775808', '1e308', '0.5', '00', '']));
        did.push(`number ${i}`);
        break;
      }
      case 11: { // delete a character range across lines
        const joined = lines.join('\n');
        const at = r.int(joined.length + 1);
        lines = (joined.slice(0, at) + joined.slice(at + 1 + r.int(40))).split('\n');
        did.push(`cut ${at}`);
        break;
      }
      case 12: lines[i] = line.toUpperCase() === line ? line.toLowerCase() : line.toUpperCase(); did.push(`case ${i}`); break;
      default: { // a very long line or deep nesting
        lines[i] = r.next() < 0.5 ? `${line}${' x,'.repeat(200)}` : `${line}${'('.repeat(300)}1${')'.repeat(300 - r.int(2))}`;
        did.push(`long ${i}`);
      }
    }
  }
  return { text: lines.join('\n'), did };
}

/** One fuzz case: a mutated input, how it was mutated, and options beyond the defaults. */
interface FuzzCase {
  readonly name: string;
  readonly text: string;
  readonly did: readonly string[];
  readonly extra?: Partial<BuildOptions>;
}

/**
 * Runs `count` cases through the whole analysis and code generation; each must end in a module
 * or in reported diagnostics (InputError). An internal error fails with the seed, the case and
 * the input, which is kept on disk for replay.
 */
function survive(dir: string, count: number, what: string, next: () => FuzzCase): { module: number; diagnostics: number } {
  const outcomes = { module: 0, diagnostics: 0 };
  for (let k = 0; k < count; k++) {
    const { name, text, did, extra } = next();
    const file = path.join(dir, `case${k}-${name}`);
    fs.writeFileSync(file, text);
    const options = { ...DEFAULT_OPTIONS, files: [file], name: 'fuzzed', out: path.join(dir, 'out'), includeDirs: [], ...extra };
    const stage = { name: 'parseOnly' };
    try {
      const parsed = parseOnly(options);
      stage.name = 'emitSignatureFile';
      emitSignatureFile(parsed.moduleName, parsed.iface);
      stage.name = 'analyze';
      const analysis = analyze(options);
      stage.name = 'packageFiles';
      packageFiles(analysis, options);
      outcomes.module++;
    } catch (err) {
      const e = err as Error & { diagnostics?: unknown[] };
      if (!(e.name === 'InputError' && Array.isArray(e.diagnostics) && e.diagnostics.length > 0)) {
        throw new Error(`internal error in ${stage.name} (seed ${SEED}, ${what} ${k}, from ${name}, mutations ${did.join('; ')});\n`
          + `input kept at ${file}:\n${text.slice(0, 4000)}\n--- error:\n${e.stack}`);
      }
      outcomes.diagnostics++;
    }
    fs.rmSync(file);
  }
  return outcomes;
}

it(`survives ${CASES} mutated Fortran and signature files (seed ${SEED}) with a module or diagnostics`, () => {
  const all = sources();
  expect(all.length).toBeGreaterThan(15);
  const dir = tempDir('frontend-fuzz');
  const r = generator(SEED);
  const outcomes = survive(dir, CASES, 'case', () => {
    const source = r.pick(all);
    return { name: source.name, ...mutate(source.text, source.name, r) };
  });
  // Both outcomes occur: the mutations neither always break the input nor never do.
  expect(outcomes.module).toBeGreaterThan(CASES / 20);
  expect(outcomes.diagnostics).toBeGreaterThan(CASES / 20);
  fs.rmSync(dir, { recursive: true, force: true });
});

// C headers: each case runs the system preprocessor, so fewer of them (BRIDGEGEN_FUZZ_C_CASES).
const C_CASES = Number(process.env.BRIDGEGEN_FUZZ_C_CASES ?? Math.max(50, Math.round(CASES / 8)));

const C_SNIPPET = `/* BLAS- and LAPACK-like prototypes, a callback with userdata, a struct, enums and macros. */
#include <stddef.h>
#include <stdint.h>
#define LAYOUT_ROW 101
typedef enum { NoTrans = 111, Trans = 112 } trans_t;
typedef struct { double re, im; int32_t n; } pair_t;
struct range { int lo, hi; };
typedef double (*fn_t)(double x, void *ud);
double ddot_(const int *n, const double *x, const int *incx, const double *y, const int *incy);
void dgemm(int layout, trans_t ta, trans_t tb, int m, int n, int k, double alpha, const double *a, int lda,
           const double *b, int ldb, double beta, double *c, int ldc);
int dgesv(int layout, int n, int nrhs, double *a, int lda, int *ipiv, double *b, int ldb);
double integrate(fn_t f, void *ud, double a, double b, int n);
double plen(pair_t p, const struct range *r, size_t /* count */, char c, _Bool flag);
`;

const C_TOKENS = ['(', ')', '*', ';', '{', '}', ',', '[', ']', '[3]', '[n]', 'const', 'struct', 'union', 'enum', 'typedef',
  'unsigned', 'long long', 'void', 'void *', '...', '/* n */', '/* len */', '(*f)(double)', '#define N 3\n', '#define', '#if 1\n',
  '#endif\n', '"', "'", '= 3', '_Complex', 'extern "C" {', '__attribute__((unused))', 'static inline', 'int x = 1;', '\\', '0x7fffffffffffffff'];

function mutateC(text: string, r: Random): { text: string; did: string[] } {
  let out = text;
  const did: string[] = [];
  for (let n = 1 + r.int(4); n > 0; n--) {
    const at = r.int(out.length + 1);
    const op = r.int(4);
    if (op === 0) {
      const token = r.pick(C_TOKENS);
      out = `${out.slice(0, at)} ${token} ${out.slice(at)}`;
      did.push(`insert ${JSON.stringify(token)} at ${at}`);
    } else if (op === 1) {
      const len = 1 + r.int(30);
      out = out.slice(0, at) + out.slice(at + len);
      did.push(`delete ${len} at ${at}`);
    } else if (op === 2) {
      out = out.slice(0, at);
      did.push(`truncate at ${at}`);
    } else {
      const words = out.match(/[A-Za-z_]\w*/g) ?? ['x'];
      const [from, to] = [r.pick(words), r.pick(words)];
      out = out.replace(new RegExp(`\\b${from}\\b`), to);
      did.push(`rename ${from} -> ${to}`);
    }
  }
  return { text: out, did };
}

it(`survives ${C_CASES} mutated C headers (seed ${SEED}) with a module or diagnostics`, () => {
  const headers = [{ name: 'snippet.h', text: C_SNIPPET }, ...fs.readdirSync(path.join(ROOT, 'fortran', 'tests', 'c'))
    .filter((f) => f.endsWith('.h')).map((f) => ({ name: f, text: fs.readFileSync(path.join(ROOT, 'fortran', 'tests', 'c', f), 'utf8') }))];
  const dir = tempDir('frontend-fuzz-c');
  const r = generator(SEED + 1);
  const outcomes = survive(dir, C_CASES, 'C case', () => {
    const source = r.pick(headers);
    const mutated = mutateC(source.text, r);
    return { name: source.name, ...mutated, extra: { uncheckedPointers: r.int(2) === 0 } };
  });
  expect(outcomes.module).toBeGreaterThan(C_CASES / 20);
  expect(outcomes.diagnostics).toBeGreaterThan(C_CASES / 20);
  fs.rmSync(dir, { recursive: true, force: true });
}, 120_000);
