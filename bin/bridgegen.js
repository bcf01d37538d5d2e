#!/usr/bin/env node
// The `bridgegen` command: a shell over dist/cli/main.js (built from src/ by `npm run build`).
'use strict';
require('../dist/cli/main.js')
  .main(process.argv.slice(2))
  .then((status) => { process.exitCode = status; })
  .catch((err) => {
    process.stderr.write(`bridgegen: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 3;
  });
