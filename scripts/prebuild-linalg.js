// npm `prepack` step of bridgegen: the prebuilt bridgegen/linalg the package ships, in
// linalg/prebuilds/ (src/linalg/prebuild.ts; needs dist/, which `npm run build` compiles first).
// Prints to stderr only: `npm pack` prints the tarball's name on stdout.
'use strict';
const path = require('node:path');

const dist = path.join(__dirname, '..', 'dist');
const { prebuildLinalg } = require(path.join(dist, 'linalg', 'prebuild.js'));
const { createProgress } = require(path.join(dist, 'build', 'progress.js'));

prebuildLinalg(createProgress({ quiet: true, verbose: false })).then(
  (binary) => console.error(`bridgegen: prebuilt bridgegen/linalg -> ${binary}`),
  (err) => {
    console.error(`bridgegen: error: cannot prebuild bridgegen/linalg: ${err.message}\n${err.output ?? ''}`);
    process.exit(1);
  },
);
