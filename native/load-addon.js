// Loads a generated package's native module (copied into every package as load-addon.js; also
// used by bridgegen/linalg). In order: the file an environment variable names, if set (then only
// it); else a prebuild for this platform (prebuilds/<platform>-<arch>/, chosen as node-gyp-build
// chooses: one for this Node's ABI before an N-API one); else the local build,
// build/Release/NAME.node. When none loads, the error lists each path tried and why.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

/** The prebuilds in `dir` that fit this Node, best first, by node-gyp-build's rules (which its install check uses). */
function prebuilds(dir) {
  const { parseTags, matchTags, compareTags } = require('node-gyp-build');
  let files;
  try {
    files = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return files.map(parseTags).filter(matchTags('node', process.versions.modules)).sort(compareTags('node'))
    .map((tags) => path.join(dir, tags.file));
}

/**
 * How long, in 2^N CPU cycles, OpenBLAS's idle threads spin (sched_yield) for new work before they
 * sleep: 2^22, ~1.6 ms at 2.6 GHz, instead of its 2^28, ~0.1 s. Calls made back to back still find
 * them spinning; but after any call on more than one thread they took a core from the calls that
 * run side by side on a thread each, which the async policy chooses for routines that threads
 * speed up little (native/include/bridgegen/width.h): 4 dgesvAsync n=256 in flight ran 1.5x
 * slower for the 0.1 s after one 2-thread call.
 */
const OPENBLAS_THREAD_TIMEOUT = '22';

/**
 * require(file) of a native module, with OPENBLAS_THREAD_TIMEOUT set while it loads, unless the
 * user set it: OpenBLAS reads it once, when the module's loading loads it, so it stays out of
 * the environment that child processes inherit.
 */
function requireNative(file) {
  if (process.env.OPENBLAS_THREAD_TIMEOUT !== undefined) return require(file);
  process.env.OPENBLAS_THREAD_TIMEOUT = OPENBLAS_THREAD_TIMEOUT;
  try {
    return require(file);
  } finally {
    delete process.env.OPENBLAS_THREAD_TIMEOUT;
  }
}

/**
 * Loads the module `name` of the package in `dir`. `override` (optional) is the environment
 * variable that names a .node file to load instead; `howToBuild` ends the error when nothing loads.
 */
function loadAddon(dir, name, { override, howToBuild }) {
  const explicit = override && process.env[override];
  const tried = [];
  let candidates;
  if (explicit) candidates = [path.resolve(explicit)];
  else {
    const prebuildDir = path.join(dir, 'prebuilds', `${process.platform}-${process.arch}`);
    candidates = prebuilds(prebuildDir);
    if (!candidates.length) tried.push(`${prebuildDir}${path.sep}: no prebuild for this Node`);
    candidates.push(path.join(dir, 'build', 'Release', `${name}.node`));
  }
  for (const file of candidates) {
    if (!fs.existsSync(file)) {
      tried.push(`${file}: not found`);
      continue;
    }
    try {
      return requireNative(file);
    } catch (err) {
      tried.push(`${file}: ${String(err.message).split('\n')[0]}`);
    }
  }
  // Bound at load (-z now): a symbol no linked library defines is reported here, not at a call.
  const missing = tried.map((t) => /undefined symbol: (\S+)/.exec(t)?.[1]).find(Boolean);
  const err = new Error(
    `${name}: the native module did not load${explicit ? ` (${override} is set)` : ''}. Tried:\n` +
      tried.map((t) => `  ${t}\n`).join('') +
      (missing ? `\`${missing}\` is defined by none of the libraries it was linked with: add the source, object (.o), ` +
        'library (.a, .so) or -l NAME that defines it to the bridgegen command, and build again.\n' : '') +
      howToBuild + (override ? `\nor set ${override} to the path of a built ${name}.node.` : ''),
  );
  throw Object.assign(err, { code: 'ERR_BRIDGEGEN_NOT_BUILT', tried });
}

module.exports = { loadAddon, requireNative };
