// Makes a runtime PCH entry after the build that needed it has finished (runtime-pch.ts):
//   node runtime-pch-worker.js JSON   with JSON = { staged, entry, command, args }
// Started detached by direct-build.ts, so a cold build does not wait for a header it did not use.

import { runCommand } from './commands';
import { finishPch, type PchEntry } from './runtime-pch';

interface Job {
  readonly staged: PchEntry;
  readonly entry: PchEntry;
  readonly command: string;
  readonly args: readonly string[];
}

if (require.main === module) {
  const job = JSON.parse(process.argv[2] ?? '{}') as Job;
  void finishPch(job.staged, job.entry, async () => (await runCommand(job.command, job.args, job.staged.dir)).ok);
}
