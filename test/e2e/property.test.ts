// Property tests (fast-check, issue 10): arbitrary argument lists against modules covering every
// argument kind — scalars of every kind (integer(1..8) incl. bigint, real, complex, logical,
// character), arrays of rank 1-3 (typed, nested, ndarray-like, flat), in/out/inout/in,out,
// optional and hidden arguments, check(...) and callstatement offsets, callbacks and module
// variables. Every outcome must be the result a JS model predicts or a TypeError/RangeError with
// an ERR_BRIDGEGEN_ code (test/fuzz/properties.js). It runs in a child process: a crash fails
// here with the seed and the input that caused it.
//
// BRIDGEGEN_PROPERTY_RUNS=N (default 60 per property and seed) — `npm run test:soak` runs 1000.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_FIXTURES, fixture, sharedModule, tempDir } from '../helpers/build';

const RUNS = Number(process.env.BRIDGEGEN_PROPERTY_RUNS ?? 60);
let modules: Record<string, string>;

beforeAll(async () => {
  modules = {
    fixtures: await sharedModule('fixtures', ALL_FIXTURES.map(fixture)),
    checks: await sharedModule('checks', [fixture('signatures/checks.pyf'), fixture('checks.f90')]),
    offsets: await sharedModule('offsets', [fixture('signatures/offsets.pyf.src')], ['openblas']),
  };
});

it.each([1, 2])(`holds for ${RUNS} arbitrary calls per property, sync and async (seed %i)`, (seed) => {
  const last = path.join(tempDir('property'), 'last-case.txt');
  const script = path.join(__dirname, '..', 'fuzz', 'properties.js');
  const r = spawnSync(process.execPath, [script, JSON.stringify(modules), String(seed), String(RUNS), last],
    { encoding: 'utf8', timeout: 300_000 });
  const lastCase = fs.existsSync(last) ? fs.readFileSync(last, 'utf8') : '(none)';
  if (r.signal !== null || r.status !== 0) {
    throw new Error(`property run (seed ${seed}) ended with ${r.signal ?? `status ${r.status}`}; last case: ${lastCase}\n`
      + `stdout: ${r.stdout}\nstderr: ${r.stderr}`);
  }
  const summary = JSON.parse(r.stdout.trim().split('\n').pop()!);
  expect(summary.properties).toBeGreaterThanOrEqual(17);
  expect(summary.cases).toBeGreaterThanOrEqual(17 * RUNS);
});
