// Types of bridgegen/linalg. `Blas` and `Lapack` come from the generated module's own index.d.ts
// (build/api.d.ts, written by the build), so every routine and its …Async twin is typed.
import type { Blas, Lapack } from './build/api';

/** scipy.linalg.blas: `blas.dgemm(alpha, a, b, beta, c)`, `await blas.dgemmAsync(...)`. */
export declare const blas: Blas;
/** scipy.linalg.lapack: `lapack.dgesv(a, b)` -> `{ lu, piv, x, info }`. */
export declare const lapack: Lapack;
/** The OpenBLAS thread count, or null when the module does not link OpenBLAS. */
export declare function getBlasThreads(): number | null;
/** Sets the OpenBLAS thread count (1: large async calls run side by side, a core each); false without OpenBLAS. */
export declare function setBlasThreads(threads: number): boolean;
/** The cores large async calls take at once (default: all), each as many as its BLAS threads; the rest wait their turn. */
export declare function getAsyncConcurrency(): number;
/** Sets it (an integer from 1 to 1024); cores - 1 keeps a core for the event loop (timers on time) at the cost of async throughput. */
export declare function setAsyncConcurrency(cores: number): void;
/** The BLAS/LAPACK the module was built against. */
export declare const libraries: {
  readonly kind: 'openblas' | 'reference' | 'user';
  readonly libraries: readonly string[];
  readonly libraryDirs: readonly string[];
};
