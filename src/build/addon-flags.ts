// The compiler and linker command lines node-gyp derives from binding.gyp on Linux (Node's
// common.gypi Release settings, node-gyp's addon.gypi, then the target's own flags, in that
// order), so bridgegen can run the compilers itself: node-gyp's Python configure step and make
// cost seconds on a small module. binding.gyp stays the package's build file (`npm run build`,
// prebuilds); what it says and what this file says are the same flags.

import * as os from 'node:os';
import * as path from 'node:path';
import { BIND_NOW, NAPI_DEFINES, NO_SHARED_STATICS, type NativeBuild, sanitizerFlags, sharedInputRpath } from '../emit/build/binding-gyp';

/** Whether this platform's node-gyp flags are the ones below (elsewhere node-gyp itself builds). */
export function directBuildSupported(): boolean {
  return process.platform === 'linux';
}

/** Set by both build files from PREBUILD_PLATFORM / BRIDGEGEN_NO_V8_TYPE_TEST (binding-gyp.ts NAPI_ONLY_WHY). */
export function napiOnly(): boolean {
  return Boolean(process.env.PREBUILD_PLATFORM || process.env.BRIDGEGEN_NO_V8_TYPE_TEST);
}

/**
 * Defines of every C and C++ file. Not NODE_GYP_MODULE_NAME: only node.h's NODE_MODULE reads it,
 * never N-API's registration, and one value per module would make the shared precompiled runtime
 * header (runtime-pch.ts) unusable for every other module.
 */
function defines(): string[] {
  return ['USING_UV_SHARED=1', 'USING_V8_SHARED=1', 'V8_DEPRECATION_WARNINGS=1', '_GLIBCXX_USE_CXX11_ABI=1',
    '_FILE_OFFSET_BITS=64', '_LARGEFILE_SOURCE', '__STDC_FORMAT_MACROS', ...NAPI_DEFINES, 'BUILDING_NODE_EXTENSION',
    ...(napiOnly() ? ['BRIDGEGEN_NO_V8_TYPE_TEST'] : [])];
}

/** common.gypi's Release cflags for every file (-O3; the C++ glue's own -O2 comes later and wins, as in node-gyp). */
function commonCflags(): string[] {
  return ['-fPIC', '-pthread', '-Wall', '-Wextra', '-Wno-unused-parameter', ...(os.arch() === 'x64' ? ['-m64'] : []),
    '-O3', '-fno-omit-frame-pointer'];
}

export interface AddonFlags {
  /** Compiles one C++ file, with `-I` of each of includeDirs after them (a precompiled header's folder goes first). */
  readonly cxx: readonly string[];
  /** Node's headers, node-addon-api, the package's include/, the user's -I folders. */
  readonly includeDirs: readonly string[];
  readonly c: readonly string[];
  /** Links the objects into NAME.node: before the objects, and after them (the libraries). */
  readonly linkBefore: readonly string[];
  readonly linkAfter: readonly string[];
}

/** The flags of binding.gyp's target `b`; the Fortran library is linked from `fortranLibrary`. */
export function addonFlags(b: NativeBuild, nodeDir: string, addonApiDir: string, fortranLibrary: string, packageDir: string): AddonFlags {
  const sanitize = sanitizerFlags(b.sanitize);
  const defs = defines().map((d) => `-D${d}`);
  const includeDirs = [path.join(nodeDir, 'include', 'node'), addonApiDir, 'include', ...b.includeDirs];
  return {
    cxx: [...defs, ...commonCflags(), '-fno-rtti', '-std=gnu++17',
      '-std=c++17', '-fexceptions', '-O2', NO_SHARED_STATICS, ...sanitize, ...b.cflags],
    includeDirs,
    c: [...defs, `-DNODE_GYP_MODULE_NAME=${b.moduleName}`, ...includeDirs.map((d) => `-I${d}`), ...commonCflags(), ...sanitize, ...b.cflags],
    linkBefore: ['-shared', '-pthread', '-rdynamic', ...(os.arch() === 'x64' ? ['-m64'] : []), ...sanitize, BIND_NOW,
      ...b.libraryDirs.map((d) => `-Wl,-rpath,${d}`), ...sharedInputRpath(b, packageDir), `-Wl,-soname=${b.moduleName}.node`],
    linkAfter: [fortranLibrary, ...(b.linkInputs ?? []), ...b.libraryDirs.map((d) => `-L${d}`), ...b.libraries.map((l) => `-l${l}`), '-lgfortran'],
  };
}
