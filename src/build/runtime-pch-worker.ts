// Makes a runtime cache entry after the build that needed it has finished (runtime-pch.ts):
//   node runtime-pch-worker.js JSON   with JSON = { staged, entry, steps: [{ command, args }] }
// Started detached by direct-build.ts, so a cold build does not wait for a header it did not use.
// The steps (the precompiled header, the runtime object) run at once.

import { runCommand } from './commands';
import { finishPch, type PchEntry } from './runtime-pch';

interface Job {
  readonly staged: PchEntry;
  readonly entry: PchEntry;
  readonly steps: readonly { readonly command: string; readonly args: readonly string[] }[];
}

if (require.main === module) {
  const job = JSON.parse(process.argv[2] ?? '{}') as Job;
  void finishPch(job.staged, job.entry, async () =>
    (await Promise.all(job.steps.map((step) => runCommand(step.command, step.args, job.staged.dir)))).every((r) => r.ok));
}
