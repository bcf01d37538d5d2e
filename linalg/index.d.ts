// Types of bridgegen/linalg. `Blas` and `Lapack` come from the generated module's own index.d.ts
// (build/api.d.ts, written by the build), so every routine and its …Async twin is typed.
import type { Blas, Lapack } from './build/api';

/** scipy.linalg.blas: `blas.dgemm(alpha, a, b, beta, c)`, `await blas.dgemmAsync(...)`. */
export declare const blas: Blas;
/** scipy.linalg.lapack: `lapack.dgesv(a, b)` -> `{ lu, piv, x, info }`. */
export declare const lapack: Lapack;
/** The OpenBLAS thread count, or null when the module is not linked with OpenBLAS. */
export declare function getBlasThreads(): number | null;
/** Sets the OpenBLAS thread count (1 while many async calls share the pool); false without OpenBLAS. */
export declare function setBlasThreads(threads: number): boolean;
/** How many large async calls run on the libuv pool at once (default: cores - 1, at least 1; the rest wait their turn). */
export declare function getAsyncConcurrency(): number;
/** Sets it (an integer from 1 to 1024); more than cores - 1 trades event-loop lag for async throughput. */
export declare function setAsyncConcurrency(calls: number): void;
/** The BLAS/LAPACK the module was built against. */
export declare const libraries: {
  readonly kind: 'openblas' | 'reference' | 'user';
  readonly libraries: readonly string[];
  readonly libraryDirs: readonly string[];
};
