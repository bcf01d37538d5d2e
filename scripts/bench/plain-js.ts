// The plain-JS contenders of the linalg benchmark: what a user writes without native code, on Float64Array
// in the same column-major layout bridgegen/linalg, C and SciPy get. Straightforward loops in the order that
// walks memory contiguously (the innermost loop runs down a column), with no SIMD and no threads: the floor
// that tells when a native call is worth it.

/** x . y. */
export function jsDdot(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * y[i]!;
  return s;
}

/**
 * c = a b for n x n column-major matrices (beta = 0: c is overwritten). Loop order j, k, i: the inner loop
 * adds multiples of columns of a into column j of c; four columns of a per pass keep c's column in cache
 * for four times the arithmetic (2.5x the plain j-k-i loop here; blocking over i and k gained nothing more).
 */
export function jsDgemm(n: number, a: Float64Array, b: Float64Array, c: Float64Array): Float64Array {
  c.fill(0);
  for (let j = 0; j < n; j++) {
    const cj = j * n;
    let k = 0;
    for (; k + 3 < n; k += 4) {
      const b0 = b[cj + k]!, b1 = b[cj + k + 1]!, b2 = b[cj + k + 2]!, b3 = b[cj + k + 3]!;
      const a0 = k * n, a1 = a0 + n, a2 = a1 + n, a3 = a2 + n;
      for (let i = 0; i < n; i++) c[cj + i] += a[a0 + i]! * b0 + a[a1 + i]! * b1 + a[a2 + i]! * b2 + a[a3 + i]! * b3;
    }
    for (; k < n; k++) {
      const bk = b[cj + k]!, ak = k * n;
      for (let i = 0; i < n; i++) c[cj + i] += a[ak + i]! * bk;
    }
  }
  return c;
}

/**
 * Solves a x = rhs (n x n column-major a, one right-hand side) by LU with partial pivoting, as dgesv does,
 * on copies (like bridgegen/SciPy with overwrite_a = overwrite_b = 0). Returns x, or throws on a zero pivot.
 */
export function jsDgesv(n: number, a: Float64Array, rhs: Float64Array): Float64Array {
  const lu = a.slice(0, n * n);
  const x = rhs.slice(0, n);
  for (let k = 0; k < n; k++) {
    const ck = k * n;
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(lu[ck + i]!) > Math.abs(lu[ck + p]!)) p = i;
    const pivot = lu[ck + p]!;
    if (pivot === 0) throw new Error(`jsDgesv: singular matrix (column ${k})`);
    if (p !== k) {
      for (let j = 0; j < n; j++) { const t = lu[j * n + k]!; lu[j * n + k] = lu[j * n + p]!; lu[j * n + p] = t; }
      const t = x[k]!; x[k] = x[p]!; x[p] = t;
    }
    for (let i = k + 1; i < n; i++) lu[ck + i] /= pivot;
    // Rank-1 update of the trailing matrix, column by column (contiguous inner loop).
    for (let j = k + 1; j < n; j++) {
      const cj = j * n, akj = lu[cj + k]!;
      if (akj !== 0) for (let i = k + 1; i < n; i++) lu[cj + i] -= lu[ck + i]! * akj;
    }
  }
  // L y = P rhs (unit lower), then U x = y, both by columns.
  for (let k = 0; k < n; k++) { const xk = x[k]!, ck = k * n; for (let i = k + 1; i < n; i++) x[i] -= lu[ck + i]! * xk; }
  for (let k = n - 1; k >= 0; k--) {
    const ck = k * n;
    x[k] /= lu[ck + k]!;
    const xk = x[k]!;
    for (let i = 0; i < k; i++) x[i] -= lu[ck + i]! * xk;
  }
  return x;
}

/** Results summed, so that no call's work can be optimised away. */
let sink = 0;

/** Makes `count` calls of `f`: ms per call. */
export function msPerCall(f: () => number, count: number): number {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < count; i++) sink += f();
  return Number(process.hrtime.bigint() - t0) / 1e6 / count;
}

/** Calls of `f` per ~`roundMs` round, measured after one untimed call (which also warms up the JIT). */
export function callsPerRound(f: () => number, roundMs: number): number {
  msPerCall(f, 1);
  for (let k = 1; ; k *= 4) {
    const ms = msPerCall(f, k);
    if (ms * k > 20) return Math.max(1, Math.round(roundMs / ms));
  }
}
