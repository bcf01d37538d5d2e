// The Fortran corpus for the parse benchmark: Reference-LAPACK's SRC/*.f, or a synthetic stand-in.
//
// LAPACK is looked for in $BRIDGEGEN_LAPACK (the LAPACK root, or its SRC folder), else in /work/lapack.
// Its files are only read, never copied. Without it, 2000 LAPACK-style fixed-form routines are
// generated into a temporary folder (removed by `dispose`), and the results say so.

import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface Corpus {
  /** What the files are, for the results ("Reference-LAPACK SRC/*.f (/work/lapack/SRC)"). */
  readonly label: string;
  readonly files: readonly string[];
  readonly bytes: number;
  readonly synthetic: boolean;
  dispose(): void;
}

const SYNTHETIC_ROUTINES = 2000;

function lapackSrc(): string | undefined {
  const roots = process.env.BRIDGEGEN_LAPACK ? [process.env.BRIDGEGEN_LAPACK] : ['/work/lapack'];
  for (const root of roots) {
    for (const dir of [path.join(root, 'SRC'), root]) {
      if (existsSync(dir) && readdirSync(dir).some((f) => f.endsWith('.f'))) return dir;
    }
  }
  return undefined;
}

function sizeOf(files: readonly string[]): number {
  return files.reduce((sum, f) => sum + statSync(f).size, 0);
}

export function findCorpus(): Corpus {
  const dir = lapackSrc();
  if (dir) {
    const files = readdirSync(dir).filter((f) => f.endsWith('.f')).sort().map((f) => path.join(dir, f));
    return { label: `Reference-LAPACK SRC/*.f (${dir})`, files, bytes: sizeOf(files), synthetic: false, dispose() {} };
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'bridgegen-bench-corpus-'));
  const files: string[] = [];
  for (let i = 0; i < SYNTHETIC_ROUTINES; i++) {
    const file = path.join(tmp, `${routineName(i).toLowerCase()}.f`);
    writeFileSync(file, syntheticRoutine(i));
    files.push(file);
  }
  return {
    label: `synthetic: ${SYNTHETIC_ROUTINES} LAPACK-style fixed-form routines (LAPACK not found; set BRIDGEGEN_LAPACK)`,
    files,
    bytes: sizeOf(files),
    synthetic: true,
    dispose: () => rmSync(tmp, { recursive: true, force: true }),
  };
}

const PREFIX = ['S', 'D', 'C', 'Z'] as const;
const TYPE: Record<(typeof PREFIX)[number], string> = {
  S: 'REAL', D: 'DOUBLE PRECISION', C: 'COMPLEX', Z: 'COMPLEX*16',
};

function routineName(i: number): string {
  return `${PREFIX[i % 4]}GEN${String(i).padStart(4, '0')}`;
}

function param(intent: string, name: string, what: string): string[] {
  return [`*> \\param[${intent}] ${name}`, '*> \\verbatim', `*>          ${name} is ${what}`, '*> \\endverbatim', '*>'];
}

/** A declaration `head item, item, ...` in fixed form: columns 7-72, continued with `$` in column 6. */
function wrap(head: string, items: readonly string[]): string[] {
  const lines: string[] = [];
  let cur = `      ${head}`;
  items.forEach((item, k) => {
    const piece = item + (k < items.length - 1 ? ',' : '');
    if (cur.length + 1 + piece.length > 72) {
      lines.push(cur);
      cur = `     $${' '.repeat(head.length + 1)}`;
    }
    cur += (cur.endsWith(' ') ? '' : ' ') + piece;
  });
  return [...lines, cur];
}

/** One routine in LAPACK's layout: Doxygen header, declarations, and a body of executable statements. */
function syntheticRoutine(i: number): string {
  const name = routineName(i);
  const t = TYPE[PREFIX[i % 4]!];
  const nArrays = 1 + (i % 4);
  const arrays = Array.from({ length: nArrays }, (_, k) => String.fromCharCode(65 + k));
  const args = ['UPLO', 'M', 'N', ...arrays.flatMap((a) => [a, `LD${a}`]), 'WORK', 'LWORK', 'INFO'];
  const lines: string[] = [
    `*> \\brief \\b ${name} is a generated routine for the bridgegen parse benchmark.`,
    '*', '*  Definition:', '*  ===========', '*', `*       SUBROUTINE ${name}( ${args.join(', ')} )`, '*',
    '*> \\par Purpose:', '*  =============', '*>', '*> \\verbatim', '*>',
    `*> ${name} applies a blocked update to the matrices ${arrays.join(', ')}.`, '*> \\endverbatim', '*',
    '*  Arguments:', '*  ==========', '*',
    ...param('in', 'UPLO', 'CHARACTER*1'), ...param('in', 'M', 'INTEGER'), ...param('in', 'N', 'INTEGER'),
    ...arrays.flatMap((a) => [
      ...param(a === 'A' ? 'in,out' : 'in', a, `${t} array, dimension (LD${a},N)`),
      ...param('in', `LD${a}`, 'INTEGER'),
    ]),
    ...param('out', 'WORK', `${t} array, dimension (MAX(1,LWORK))`),
    ...param('in', 'LWORK', 'INTEGER'), ...param('out', 'INFO', 'INTEGER'),
    '*  =====================================================================',
    `      SUBROUTINE ${name}( ${args.slice(0, 5).join(', ')},`,
    `     $                   ${args.slice(5).join(', ')} )`,
    '*', '*     .. Scalar Arguments ..', '      CHARACTER          UPLO',
    `      INTEGER            INFO, LWORK, M, N, ${arrays.map((a) => `LD${a}`).join(', ')}`,
    '*     ..', '*     .. Array Arguments ..',
    ...wrap(t.padEnd(19), [...arrays.map((a) => `${a}( LD${a}, * )`), 'WORK( * )']),
    '*     ..', '*     .. Parameters ..', `      ${t.padEnd(19)}ONE`, '      PARAMETER          ( ONE = 1.0E+0 )',
    '*     .. Local Scalars ..', '      INTEGER            I, J', '      LOGICAL            UPPER',
    '*     .. External Functions ..', '      LOGICAL            LSAME', '      EXTERNAL           LSAME',
    '*     .. Executable Statements ..', '*', '      INFO = 0', "      UPPER = LSAME( UPLO, 'U' )",
    "      IF( .NOT.UPPER .AND. .NOT.LSAME( UPLO, 'L' ) ) THEN", '         INFO = -1',
    '      ELSE IF( M.LT.0 ) THEN', '         INFO = -2', '      END IF', '      IF( INFO.NE.0 ) THEN',
    `         CALL XERBLA( '${name}', -INFO )`, '         RETURN', '      END IF',
    '      DO 20 J = 1, N', '         DO 10 I = 1, MIN( J, M )',
    ...arrays.slice(1).map((a) => `            A( I, J ) = A( I, J ) + ${a}( I, J )*ONE`),
    '   10    CONTINUE', '   20 CONTINUE', '      WORK( 1 ) = ONE', '      RETURN', `*     End of ${name}`, '*', '      END',
  ];
  return `${lines.join('\n')}\n`;
}
