// npm `install` script of bridgegen: builds bridgegen/linalg against the system BLAS/LAPACK,
// unless the prebuilt binary shipped for this platform loads (as node-gyp-build does;
// `npm install --build-from-source` builds anyway). A failure never fails the install (the CLI
// works without it): it prints how to build it later, and require('bridgegen/linalg') says the same.
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

if (process.env.BRIDGEGEN_SKIP_LINALG) {
  console.log('bridgegen: BRIDGEGEN_SKIP_LINALG is set; build bridgegen/linalg later with: npx bridgegen linalg-build');
} else if (fs.existsSync(path.join(root, 'src')) || !fs.existsSync(builder)) {
  // A clone of the repository (npm ci): scripts/setup.sh compiles dist/ and then builds linalg.
} else if (prebuildLoads()) {
  console.log(`bridgegen: bridgegen/linalg uses its prebuilt binary for ${process.platform}-${process.arch}; ` +
    'to build it against your own BLAS/LAPACK: npx bridgegen linalg-build');
} else {
  const warn = (err) => {
    console.warn(`bridgegen: warning: bridgegen/linalg was not built: ${err.message}`);
    if (err.output) console.warn(String(err.output).split('\n').slice(-20).join('\n'));
    console.warn('bridgegen: the bridgegen CLI works; to use bridgegen/linalg, install gfortran and a BLAS/LAPACK\n' +
      '  (Debian: apt-get install gfortran libopenblas-dev, or liblapack-dev libblas-dev) and run: npx bridgegen linalg-build');
  };
  new Promise((resolve) => {
    const { buildLinalg } = require(builder);
    const { createProgress } = require(path.join(root, 'dist', 'build', 'progress.js'));
    resolve(buildLinalg({}, createProgress({ quiet: false, verbose: false })));
  })
    .then((r) => console.log(`bridgegen: built bridgegen/linalg (${r.counts.blas} BLAS + ${r.counts.lapack} LAPACK routines, ${r.blas.libraries.map((l) => `-l${l}`).join(' ')})`))
    .catch(warn);
}
