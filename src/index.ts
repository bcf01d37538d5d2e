// bridgegen as a library: the same pipeline the CLI runs, for build tools and tests.

export { analyze, parseOnly, type Analysis } from './pipeline/analyze';
export type { BuildOptions } from './pipeline/options';
export { DEFAULT_OPTIONS } from './pipeline/options';
export { buildPackage, generatePackage, type BuildResult } from './build';
export { createProgress, silentProgress, type Progress } from './build/progress';
export { InputError, ToolchainError, type Diagnostic } from './diag/diagnostic';
export { renderDiagnostics } from './diag/render';
export type * from './ir/types';
