// Which runtime cache entry (runtime-pch.ts) a build's flags need, and the two compiles that make
// it: shared by the direct build (direct-build.ts), which makes a missing one, and the install
// step (warm-cache.ts), which makes the one of a build without options ahead of the first build.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AddonFlags } from './addon-flags';
import type { Step } from './commands';
import { cacheRoot, type PchEntry, pchEntryFor, pchFiles, RUNTIME_FLAGS, SEPARATE_GLUE, SEPARATE_RUNTIME } from './runtime-pch';
import { bridgegenRoot } from './toolchain';

export interface RuntimeCachePlan {
  readonly entry: PchEntry;
  /** The runtime headers the entry copies (a package's include/bridgegen, or native/include/bridgegen). */
  readonly headers: string;
  readonly runtimeSource: string;
  /** What makes the staged entry `staged`: the precompiled header and the runtime object, independent of each other (paths absolute). */
  steps(staged: PchEntry): Step[];
}

/** A glue file's C++ flags when it compiles through a cache entry (include paths excluded): the user's cflags come again and win. */
export function separateGlueFlags(flags: AddonFlags, cflags: readonly string[]): string[] {
  return [...flags.cxx, ...SEPARATE_GLUE, ...cflags];
}

/**
 * The entry for glue compiled by `cxx` with `flags` and the user's `cflags` against the runtime
 * headers in `headers`; undefined when there is no cache (BRIDGEGEN_NO_CACHE), the compiler is
 * not GCC, or bridgegen ships no runtime source.
 */
export function runtimeCachePlan(cxx: string, flags: AddonFlags, cflags: readonly string[], headers: string): RuntimeCachePlan | undefined {
  const root = cacheRoot();
  const runtimeSource = path.join(bridgegenRoot(), 'native', 'runtime', 'bridgegen_runtime.cc');
  if (!root || !fs.existsSync(runtimeSource)) return undefined;
  // The runtime's own include folders (Node's, node-addon-api's); not the user's -I, which the glue reads after it.
  const others = flags.includeDirs.slice(0, flags.includeDirs.indexOf('include'));
  const glueFlags = separateGlueFlags(flags, cflags);
  const runtimeFlags = [...flags.cxx, SEPARATE_RUNTIME, ...RUNTIME_FLAGS];
  const entry = pchEntryFor(root, { compiler: cxx, flags: glueFlags, includeDirs: others, headers, runtimeSource, runtimeFlags });
  if (!entry) return undefined;
  const includes = others.map((d) => `-I${d}`);
  return {
    entry, headers, runtimeSource,
    steps: (staged) => {
      const files = pchFiles(staged);
      return [
        { what: 'precompiled header', command: cxx, args: ['-x', 'c++-header', files.header, '-o', files.gch, ...glueFlags, ...includes] },
        { what: 'runtime', command: cxx, args: ['-o', staged.runtime, files.runtimeSource, ...runtimeFlags, `-I${files.runtimeInclude}`, ...includes, '-c'] },
      ];
    },
  };
}
