#!/usr/bin/env node
// Compiles a generated package's Fortran (user sources, then the bind(C) shim) in order into one
// static library. Run by binding.gyp's `fortran` action:
//   node build-fortran.js OUT.a [--flag=F ...] SOURCE...
// The compiler is $FC or gfortran. Module files go next to OUT.a so later sources can `use` them.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.error) {
    console.error(`build-fortran: cannot run ${command}: ${result.error.message}`);
    process.exit(1);
  }
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/**
 * Flags for the generated shim only. One shim may call a routine with an array in one wrapper
 * and a scalar in another (LAPACK's workspace queries pass `work` as one element), which
 * gfortran >= 10 rejects across a file; by reference both are the same call, so the check is
 * relaxed there, and the generated code's warnings are not the user's to read.
 */
function shimFlags(compiler) {
  const r = spawnSync(compiler, ['-dumpversion'], { encoding: 'utf8' });
  const major = Number.parseInt(String(r.stdout).trim(), 10);
  return Number.isFinite(major) && major >= 10 ? ['-fallow-argument-mismatch', '-w'] : [];
}

function main(argv) {
  const [output, ...rest] = argv;
  const flags = rest.filter((a) => a.startsWith('--flag=')).map((a) => a.slice('--flag='.length));
  const sources = rest.filter((a) => !a.startsWith('--flag='));
  const dir = path.dirname(output);
  fs.mkdirSync(dir, { recursive: true });
  const compiler = process.env.FC || 'gfortran';
  const objects = sources.map((source, i) => {
    const object = path.join(dir, `${i}-${path.basename(source).replace(/\.[^.]+$/, '')}.o`);
    const own = source.endsWith('_shim.f90') ? shimFlags(compiler) : [];
    run(compiler, ['-c', '-fPIC', '-O2', '-J', dir, '-I', dir, ...flags, ...own, source, '-o', object]);
    return object;
  });
  fs.rmSync(output, { force: true });
  run('ar', ['rcs', output, ...objects]);
}

main(process.argv.slice(2));
