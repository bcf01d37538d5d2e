// Lays out a generated package: the emitted sources (from the IR) plus the copied pieces
// (the runtime headers, build-fortran.js, load-addon.js, the user's sources, and node-gyp-build,
// whose prebuild rules load-addon.js follows, so the package loads before any npm install).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { emitBindingGyp, type NativeBuild } from '../emit/build/binding-gyp';
import { emitCMakeLists } from '../emit/build/cmake-lists';
import { emitDts } from '../emit/dts/dts';
import { emitCShim } from '../emit/c-shim/shim';
import { emitFortranShim } from '../emit/fortran-shim/shim';
import { emitIndexJs, emitIndexMjs, emitPackageJson } from '../emit/loader/loader';
import { emitAddonFiles } from '../emit/napi/addon';
import type { Analysis } from '../pipeline/analyze';
import type { BuildOptions } from '../pipeline/options';
import { bridgegenRoot, bridgegenVersion, installedVersion, packageDir } from './toolchain';

/** A file of the package: text to write, or a file to copy. */
export type PackageFile = { readonly path: string } & ({ readonly text: string } | { readonly copyFrom: string });

/** Package-relative names for the user's files, unique even when two share a base name. */
function placed(folder: string, files: readonly string[]): string[] {
  const seen = new Set<string>();
  return files.map((file, i) => {
    const base = path.basename(file);
    const name = seen.has(base) ? `${i}-${base}` : base;
    seen.add(name);
    return `${folder}/${name}`;
  });
}

/** The folders of the C headers wrapped: the user's C sources include them (`#include "mylib.h"`). */
function headerDirs(iface: Analysis['iface']): string[] {
  return [...new Set(iface.routines.flatMap((r) => (r.header ? [path.dirname(r.header)] : [])))];
}

function copiedTree(from: string, to: string): PackageFile[] {
  return fs.readdirSync(from, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? copiedTree(path.join(from, entry.name), `${to}/${entry.name}`)
      : [{ path: `${to}/${entry.name}`, copyFrom: path.join(from, entry.name) }],
  );
}

export function packageFiles(analysis: Analysis, options: BuildOptions): PackageFile[] {
  return packageLayout(analysis, options).files;
}

/** The package's files, and the native build they describe (binding.gyp's target, as data). */
export function packageLayout(analysis: Analysis, options: BuildOptions): { files: PackageFile[]; build: NativeBuild } {
  const { moduleName: name, iface } = analysis;
  const fortran = placed('fortran', analysis.fortranFiles);
  const native = placed('native', analysis.nativeFiles);
  const shim = `src/${name}_shim.f90`;
  const versions = {
    bridgegen: bridgegenVersion(),
    nodeAddonApi: `^${installedVersion('node-addon-api')}`,
    nodeGypBuild: `^${installedVersion('node-gyp-build')}`,
    cmakeJs: `^${installedVersion('cmake-js')}`,
    prebuildify: `^${installedVersion('prebuildify')}`,
  };
  const addon = emitAddonFiles(name, iface, options.catchXerbla);
  const cShim = emitCShim(name, iface, (header) => `#include ${JSON.stringify(path.resolve(header))}`);
  const cShimPath = `src/${name}_cshim.c`;
  const build: NativeBuild = {
    moduleName: name,
    cxxSources: addon.map((f) => f.path),
    fortranSources: [...fortran, shim],
    cSources: [...(cShim ? [cShimPath] : []), ...native.filter((f) => f.endsWith('.c'))],
    linkInputs: native.filter((f) => !f.endsWith('.c')),
    libraries: options.libraries,
    libraryDirs: options.libraryDirs.map((d) => path.resolve(d)),
    includeDirs: [...options.includeDirs, ...headerDirs(iface)].map((d) => path.resolve(d)),
    fflags: options.fflags,
    cflags: options.cflags,
    sanitize: process.env.BRIDGEGEN_SANITIZE ?? '',
  };
  const shipped = ['index.js', 'index.mjs', 'index.d.ts', 'load-addon.js', 'binding.gyp', 'CMakeLists.txt', 'build-fortran.js',
    'src/', 'include/', 'fortran/', 'prebuilds/'];
  const system = options.buildSystem ?? 'node-gyp';
  const files: PackageFile[] = [
    { path: 'package.json', text: emitPackageJson(name, versions, native.length ? [...shipped, 'native/'] : shipped, system) },
    { path: 'index.js', text: emitIndexJs(name) },
    { path: 'index.mjs', text: emitIndexMjs(name, iface) },
    { path: 'index.d.ts', text: emitDts(name, iface) },
    { path: 'binding.gyp', text: emitBindingGyp(build) },
    { path: 'CMakeLists.txt', text: emitCMakeLists(build) },
    ...addon,
    { path: shim, text: emitFortranShim(name, iface, options.catchXerbla) },
    ...(cShim ? [{ path: cShimPath, text: cShim }] : []),
    { path: 'build-fortran.js', copyFrom: path.join(bridgegenRoot(), 'native', 'build-fortran.js') },
    { path: 'load-addon.js', copyFrom: path.join(bridgegenRoot(), 'native', 'load-addon.js') },
    ...copiedTree(path.join(bridgegenRoot(), 'native', 'include', 'bridgegen'), 'include/bridgegen'),
    ...analysis.fortranFiles.map((file, i) => ({ path: fortran[i], copyFrom: file })),
    ...analysis.nativeFiles.map((file, i) => ({ path: native[i], copyFrom: file })),
    ...copiedTree(packageDir('node-gyp-build'), 'node_modules/node-gyp-build'),
  ];
  return { files, build };
}

export function writePackageFiles(dir: string, files: readonly PackageFile[]): void {
  for (const file of files) {
    const target = path.join(dir, file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if ('text' in file) fs.writeFileSync(target, file.text);
    else fs.copyFileSync(file.copyFrom, target);
  }
}
