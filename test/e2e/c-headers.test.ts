// C headers end to end: modules built from the system's cblas.h (OpenBLAS) and lapacke.h, their
// functions called with C's parameters in C's order, lengths from the BLAS/LAPACK conventions
// checked before the call, results compared with hand-computed ones; a pointer of unknown
// length refused with a diagnostic saying how to give it.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { analyze, DEFAULT_OPTIONS } from '../../src';
import { buildModule } from '../helpers/build';
import { thrown } from '../helpers/errors';

const LAPACKE = '/usr/include/lapacke.h';

/** Where the C compiler finds `<cblas.h>` (Debian puts it under the multiarch include folder). */
function cblasHeader(): string | undefined {
  const deps = spawnSync(process.env.CC || 'cc', ['-M', '-x', 'c', '-'], { input: '#include <cblas.h>\n', encoding: 'utf8' });
  return deps.status === 0 ? /\S*\/cblas\.h/.exec(deps.stdout)?.[0] : undefined;
}

const CBLAS = cblasHeader();

(CBLAS ? describe : describe.skip)('cblas.h with -l openblas', () => {
  let m: Record<string, any>;
  let C: Record<string, number>;

  beforeAll(async () => {
    const dir = await buildModule('cblas', [CBLAS!], ['openblas'], { only: ['cblas_ddot', 'cblas_dgemm'] });
    m = require(dir);
    C = m.cblas;
  }, 240_000);

  it('exports the header enums as constants of the header module', () => {
    expect([C.CblasRowMajor, C.CblasColMajor, C.CblasNoTrans, C.CblasTrans]).toEqual([101, 102, 111, 112]);
  });

  it('cblas_ddot: strided vectors, lengths checked', async () => {
    expect(m.cblas_ddot(3, [1, 2, 3], 1, new Float64Array([4, 5, 6]), 1)).toBe(32);
    expect(m.cblas_ddot(2, [1, 0, 2], 2, [3, 4], -1)).toBe(1 * 4 + 2 * 3); // a negative stride starts at the end
    expect(await m.cblas_ddotAsync(0, [], 1, [], 1)).toBe(0);
    expect(thrown(() => m.cblas_ddot(4, [1, 2, 3], 1, [4, 5, 6, 7], 1)).message).toMatch(/`x`.*expected shape \(4\).*got \(3\)/);
  });

  // A (2x3) = [[1,2,3],[4,5,6]], B (3x2) = [[7,8],[9,10],[11,12]]: A B = [[58,64],[139,154]].
  const rowsA = [1, 2, 3, 4, 5, 6];
  const rowsB = [7, 8, 9, 10, 11, 12];
  const colsA = [1, 4, 2, 5, 3, 6];
  const colsB = [7, 9, 11, 8, 10, 12];

  it('cblas_dgemm: row-major, C = alpha A B + beta C', () => {
    const c = new Float64Array([1, 1, 1, 1]);
    m.cblas_dgemm(C.CblasRowMajor, C.CblasNoTrans, C.CblasNoTrans, 2, 2, 3, 1, rowsA, 3, rowsB, 2, 2, c, 2);
    expect(Array.from(c)).toEqual([60, 66, 141, 156]);
  });

  it('cblas_dgemm: column-major, sync and async', async () => {
    const c = new Float64Array(4);
    m.cblas_dgemm(C.CblasColMajor, C.CblasNoTrans, C.CblasNoTrans, 2, 2, 3, 1, colsA, 2, colsB, 3, 0, c, 2);
    expect(Array.from(c)).toEqual([58, 139, 64, 154]);
    const d = new Float64Array(4);
    await m.cblas_dgemmAsync(C.CblasColMajor, C.CblasNoTrans, C.CblasNoTrans, 2, 2, 3, 2, colsA, 2, colsB, 3, 0, d, 2);
    expect(Array.from(d)).toEqual([116, 278, 128, 308]);
  });

  it('cblas_dgemm: transposes (A^T stored, B^T stored) in both layouts', () => {
    // Row-major A^T is 3x2 (the column-major A), B^T is 2x3: op(A) op(B) is still A B.
    const c = new Float64Array(4);
    m.cblas_dgemm(C.CblasRowMajor, C.CblasTrans, C.CblasTrans, 2, 2, 3, 1, colsA, 2, colsB, 3, 0, c, 2);
    expect(Array.from(c)).toEqual([58, 64, 139, 154]);
    // Column-major A^T (3x2, lda 3) is the row-major A; B stays column-major.
    const d = new Float64Array(4);
    m.cblas_dgemm(C.CblasColMajor, C.CblasTrans, C.CblasNoTrans, 2, 2, 3, 1, rowsA, 3, colsB, 3, 0, d, 2);
    expect(Array.from(d)).toEqual([58, 139, 64, 154]);
  });

  it('cblas_dgemm: extents follow layout, transpose and leading dimension', () => {
    // Row-major, no transpose: A spans m*lda = 2*4 with a padded leading dimension.
    const padded = [1, 2, 3, 0, 4, 5, 6, 0];
    const c = new Float64Array(4);
    m.cblas_dgemm(C.CblasRowMajor, C.CblasNoTrans, C.CblasNoTrans, 2, 2, 3, 1, padded, 4, rowsB, 2, 0, c, 2);
    expect(Array.from(c)).toEqual([58, 64, 139, 154]);
    expect(thrown(() => m.cblas_dgemm(C.CblasRowMajor, C.CblasNoTrans, C.CblasNoTrans, 2, 2, 3, 1, rowsA, 4, rowsB, 2, 0, c, 2)).message)
      .toMatch(/`a`.*expected shape \(8\).*got \(6\)/);
    expect(thrown(() => m.cblas_dgemm(C.CblasColMajor, C.CblasNoTrans, C.CblasNoTrans, 2, 2, 3, 1, colsA, 2, colsB, 3, 0, new Float64Array(3), 2)).code)
      .toBe('ERR_BRIDGEGEN_SHAPE');
  });
});

(fs.existsSync(LAPACKE) ? describe : describe.skip)('lapacke.h with -l lapacke', () => {
  let m: Record<string, any>;
  let L: Record<string, number>;

  beforeAll(async () => {
    const dir = await buildModule('lapacke', [LAPACKE], ['lapacke'], { only: ['LAPACKE_dgesv', 'LAPACKE_dgetrs'] });
    m = require(dir);
    L = m.lapacke;
  }, 240_000);

  // A = [[2,1],[1,3]], b = [3,5]: det 5, x = [(9-5)/5, (10-3)/5] = [0.8, 1.4].
  it('LAPACKE_dgesv: row-major, the C parameters in order, info returned', () => {
    const a = new Float64Array([2, 1, 1, 3]);
    const b = new Float64Array([3, 5]);
    const ipiv = new Int32Array(2);
    expect(m.lapacke_dgesv(L.LAPACK_ROW_MAJOR, 2, 1, a, 2, ipiv, b, 1)).toBe(0);
    expect(Array.from(b).map((v) => +v.toFixed(12))).toEqual([0.8, 1.4]);
    expect(Array.from(ipiv)).toEqual([1, 2]); // LAPACK's 1-based pivots, as C sees them
  });

  it('LAPACKE_dgesv: column-major with two right-hand sides, async', async () => {
    // A = [[4,1],[2,3]] (det 10) and B = [[1,0],[0,1]] columns: X = A^-1 = [[0.3,-0.1],[-0.2,0.4]].
    const a = new Float64Array([4, 2, 1, 3]);
    const b = new Float64Array([1, 0, 0, 1]);
    expect(await m.lapacke_dgesvAsync(L.LAPACK_COL_MAJOR, 2, 2, a, 2, new Int32Array(2), b, 2)).toBe(0);
    expect(Array.from(b).map((v) => +v.toFixed(12))).toEqual([0.3, -0.2, -0.1, 0.4]);
  });

  it('LAPACKE_dgesv: a singular matrix is info > 0; sizes are checked', () => {
    expect(m.lapacke_dgesv(L.LAPACK_ROW_MAJOR, 2, 1, new Float64Array([1, 2, 2, 4]), 2, new Int32Array(2), new Float64Array(2), 1)).toBe(2);
    expect(thrown(() => m.lapacke_dgesv(L.LAPACK_ROW_MAJOR, 3, 1, new Float64Array(4), 3, new Int32Array(3), new Float64Array(3), 1)).message)
      .toMatch(/`a`.*expected shape \(9\).*got \(4\)/);
  });

  it('LAPACKE_dgetrs: a by-value char (trans) reaches C as a char', () => {
    // Factor the non-symmetric A = [[1,2],[3,4]] (dgesv leaves its LU in a), then solve A x = b and A^T x = b.
    const a = new Float64Array([1, 2, 3, 4]);
    const ipiv = new Int32Array(2);
    expect(m.lapacke_dgesv(L.LAPACK_ROW_MAJOR, 2, 1, a, 2, ipiv, new Float64Array(2), 1)).toBe(0);
    const b = new Float64Array([5, 11]); // A [1,2] = [5,11]
    expect(m.lapacke_dgetrs(L.LAPACK_ROW_MAJOR, 'N', 2, 1, a, 2, ipiv, b, 1)).toBe(0);
    expect(Array.from(b).map((v) => +v.toFixed(12))).toEqual([1, 2]);
    const bt = new Float64Array([7, 10]); // A^T [1,2] = [7,10]
    expect(m.lapacke_dgetrs(L.LAPACK_ROW_MAJOR, 'T', 2, 1, a, 2, ipiv, bt, 1)).toBe(0);
    expect(Array.from(bt).map((v) => +v.toFixed(12))).toEqual([1, 2]);
  });
});

(fs.existsSync(LAPACKE) ? describe : describe.skip)('a pointer of unknown length', () => {
  const options = { ...DEFAULT_OPTIONS, files: [LAPACKE], libraries: ['lapacke'], only: ['LAPACKE_dgesv', 'LAPACKE_dsyev'] };

  it('is refused with a diagnostic saying how to give its length', () => {
    const { iface, warnings } = analyze(options);
    expect(iface.routines.map((r) => r.name)).toEqual(['lapacke_dgesv']);
    expect(warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(
      /^routine `lapacke_dsyev` skipped: pointer argument `w` of C function `LAPACKE_dsyev` has no known length.*bridgegen sig lapacke\.h -o lapacke\.pyf.*dimension\(\*\)` of `w`.*--unchecked-pointers/));
  });

  it('is wrapped, marked unchecked, with --unchecked-pointers', () => {
    const { iface } = analyze({ ...options, uncheckedPointers: true });
    const dsyev = iface.routines.find((r) => r.name === 'lapacke_dsyev')!;
    expect(dsyev.args.filter((a) => a.unchecked).map((a) => a.name)).toEqual(['w']);
  });
});
