// What one bridgegen run is asked to do, independent of how the command line spelled it.

/** What compiles the package: node-gyp with binding.gyp, or cmake-js with CMakeLists.txt. */
export type BuildSystem = 'node-gyp' | 'cmake';

export interface BuildOptions {
  readonly files: readonly string[];
  /** Module name; defaults to the stem of the first file. */
  readonly name?: string;
  /** Output folder; defaults to ./NAME. */
  readonly out?: string;
  readonly only?: readonly string[];
  readonly skip?: readonly string[];
  readonly libraries: readonly string[];
  readonly libraryDirs: readonly string[];
  readonly includeDirs: readonly string[];
  readonly fflags: readonly string[];
  readonly cflags: readonly string[];
  /**
   * Wrap C functions even when a pointer argument's length is unknown (nothing checks it; the
   * .d.ts marks them `@unsafe`). Without it they are refused with a diagnostic saying how to fix it.
   */
  readonly uncheckedPointers?: boolean;
  /** Default node-gyp; both build files are always written, this picks the one bridgegen and `npm run build` use. */
  readonly buildSystem?: BuildSystem;
  /** Replace LAPACK's XERBLA so an illegal argument throws in JS (bridgegen/linalg uses it). */
  readonly catchXerbla?: boolean;
}

export const DEFAULT_OPTIONS: Omit<BuildOptions, 'files'> = {
  libraries: [],
  libraryDirs: [],
  includeDirs: [],
  fflags: [],
  cflags: [],
};
