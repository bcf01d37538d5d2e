// No input crashes a generated module: seeded random argument lists (wrong types, sizes, NaN,
// huge and negative numbers, detached buffers, throwing getters and callbacks) against modules
// covering every argument kind; each run is a child process, so a crash is a failure here.

import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { ALL_FIXTURES, fixture, sharedModule } from '../helpers/build';

let dir: string;

beforeAll(async () => {
  // The module property.test.ts and soak.test.ts use too: built once for the three.
  dir = await sharedModule('fixtures', ALL_FIXTURES.map(fixture));
});

it.each([1, 2, 3, 4])('survives 3000 random calls (seed %i) with only results, TypeErrors and RangeErrors', (seed) => {
  const script = path.join(__dirname, '..', 'fuzz', 'random-calls.js');
  const r = spawnSync(process.execPath, [script, dir, String(seed), '3000'], { encoding: 'utf8', timeout: 120_000 });
  expect(r.signal).toBeNull();
  expect(r.status).toBe(0);
  const summary = JSON.parse(r.stdout.trim().split('\n').pop()!);
  expect(summary.results + summary.errors).toBe(3000);
});
