// The algorithms of fortran/examples/heat.f90, in plain TypeScript, for the demo's
// side-by-side timing and cross-check. Same loops, same order of operations.

/** Explicit Euler steps for u_t = alpha u_xx with fixed ends (see heat_steps in heat.f90). */
export function heatSteps(u: Float64Array, alpha: number, dt: number, dx: number, steps: number): Float64Array {
  const n = u.length;
  const unew = Float64Array.from(u);
  const r = (alpha * dt) / (dx * dx);
  for (let k = 0; k < steps; k++) {
    let left = unew[0];
    for (let i = 1; i < n - 1; i++) {
      const center = unew[i];
      unew[i] = center + r * (left - 2 * center + unew[i + 1]);
      left = center;
    }
  }
  return unew;
}

/**
 * Jacobi sweeps for u_xx + u_yy = f, u = 0 on the boundary, from u = 0 (see jacobi in
 * heat.f90). `f` and the result are n x m in column-major order: element (i, j) at i + j*n.
 */
export function jacobi(f: Float64Array, n: number, m: number, h: number, iters: number): Float64Array {
  const u = new Float64Array(n * m);
  if (n < 3 || m < 3) return u;
  const w = new Float64Array(n * m);
  const h2 = h * h;
  for (let k = 0; k < iters; k++) {
    for (let j = 1; j < m - 1; j++) {
      const c = j * n;
      for (let i = 1; i < n - 1; i++) {
        const p = c + i;
        w[p] = 0.25 * (u[p - 1] + u[p + 1] + u[p - n] + u[p + n] - h2 * f[p]);
      }
    }
    for (let j = 1; j < m - 1; j++) {
      const c = j * n;
      u.set(w.subarray(c + 1, c + n - 1), c + 1);
    }
  }
  return u;
}

/** h * sqrt(sum of squared residuals of the 5-point Poisson equation over the interior). */
export function residualNorm(u: Float64Array, f: Float64Array, n: number, m: number, h: number): number {
  let s = 0;
  for (let j = 1; j < m - 1; j++) {
    const c = j * n;
    for (let i = 1; i < n - 1; i++) {
      const p = c + i;
      const r = (u[p - 1] + u[p + 1] + u[p - n] + u[p + n] - 4 * u[p]) / (h * h) - f[p];
      s += r * r;
    }
  }
  return h * Math.sqrt(s);
}
