// Runs the system C preprocessor over a header: macros and includes expanded, comments kept
// (`-C`, for `/* n */` parameter names and doc comments), macro definitions listed (`-dD`, for
// integer constants), line markers kept (which file each declaration comes from). As C, not
// C++, so `extern "C"` guards (`#ifdef __cplusplus`) drop out.

import { spawnSync } from 'node:child_process';

/** What the preprocessor is told besides the file: include paths and macro definitions. */
export interface PreprocessOptions {
  readonly includeDirs: readonly string[];
  /** Compiler flags; the preprocessor's own (`-D`, `-U`, `-I`, `-include`, `-std=`) are passed on. */
  readonly cflags: readonly string[];
}

/** The flags of `cflags` that change what the preprocessor produces. */
function preprocessorFlags(cflags: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < cflags.length; i++) {
    const flag = cflags[i];
    if (/^-[DUI]./.test(flag) || flag.startsWith('-std=')) out.push(flag);
    else if (['-D', '-U', '-I', '-include'].includes(flag) && i + 1 < cflags.length) out.push(flag, cflags[++i]);
  }
  return out;
}

/** The preprocessed text of `file`; throws with the compiler's message when it fails. */
export function preprocessHeader(file: string, options: PreprocessOptions): string {
  const args = ['-E', '-C', '-dD', '-x', 'c', ...options.includeDirs.map((d) => `-I${d}`), ...preprocessorFlags(options.cflags), file];
  const result = spawnSync(process.env.CC || 'cc', args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(result.stderr || result.error?.message || 'the C preprocessor failed');
  return result.stdout;
}
