// npm `install` script of bridgegen: builds bridgegen/linalg against the system BLAS/LAPACK,
// unless the prebuilt binary shipped for this platform loads (as node-gyp-build does;
// `npm install --build-from-source` builds anyway). A failure never fails the install (the CLI
// works without it): it prints how to build it later, and require('bridgegen/linalg') says the same.
// Then it fills the runtime cache (dist/build/warm-cache.js), so the user's first build is as fast
// as later ones; that never fails the install either.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const builder = path.join(root, 'dist', 'linalg', 'build.js');

function prebuildLoads() {
  if (process.env.npm_config_build_from_source === 'true') return false;
  try {
    require('./index.js');
    return true;
  } catch {
    return false;
  }
}

/** A clone of the repository (npm ci): scripts/setup.sh compiles dist/, then builds linalg and fills the cache. */
const clone = fs.existsSync(path.join(root, 'src')) || !fs.existsSync(builder);

/** bridgegen/linalg: built, prebuilt or skipped; resolves when done (never rejects). */
function linalg() {
  if (process.env.BRIDGEGEN_SKIP_LINALG) {
    console.log('bridgegen: BRIDGEGEN_SKIP_LINALG is set; build bridgegen/linalg later with: npx bridgegen linalg-build');
    return Promise.resolve();
  }
  if (prebuildLoads()) {
    console.log(`bridgegen: bridgegen/linalg uses its prebuilt binary for ${process.platform}-${process.arch}; ` +
      'to build it against your own BLAS/LAPACK: npx bridgegen linalg-build');
    return Promise.resolve();
  }
  const warn = (err) => {
    console.warn(`bridgegen: warning: bridgegen/linalg was not built: ${err.message}`);
    if (err.output) console.warn(String(err.output).split('\n').slice(-20).join('\n'));
    console.warn('bridgegen: the bridgegen CLI works; to use bridgegen/linalg, install gfortran and a BLAS/LAPACK\n' +
      '  (Debian: apt-get install gfortran libopenblas-dev, or liblapack-dev libblas-dev) and run: npx bridgegen linalg-build');
  };
  return new Promise((resolve) => {
    const { buildLinalg } = require(builder);
    const { createProgress } = require(path.join(root, 'dist', 'build', 'progress.js'));
    resolve(buildLinalg({}, createProgress({ quiet: false, verbose: false })));
  })
    .then((r) => console.log(`bridgegen: built bridgegen/linalg (${r.counts.blas} BLAS + ${r.counts.lapack} LAPACK routines, ${r.blas.libraries.map((l) => `-l${l}`).join(' ')})`))
    .catch(warn);
}

/** The runtime cache of a build without options (dist/build/warm-cache.js); never rejects. */
function warmCache() {
  return new Promise((resolve) => {
    const warm = require(path.join(root, 'dist', 'build', 'warm-cache.js'));
    resolve(warm.warmRuntimeCache().then((r) => console.log(warm.describeWarm(r))));
  }).catch((err) => console.log(`bridgegen: warning: could not fill the runtime cache: ${err.message}`));
}

if (!clone) linalg().then(warmCache);
