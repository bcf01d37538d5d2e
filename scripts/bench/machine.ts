// Describes the machine and toolchain a bench run happened on (recorded beside every result).

import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import { versionOf } from './measure';

export interface MachineInfo {
  readonly date: string;
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  /** 1, 5 and 15 minute load averages when the run started (other work on the machine skews timings). */
  readonly loadAverage: readonly number[];
  readonly os: string;
  readonly node: string;
  readonly gfortran: string;
  readonly python: string;
  readonly numpy: string;
  readonly commit: string;
}

function gitCommit(root: string): string {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' });
  if (head.status !== 0) return 'unknown';
  // bench/ holds the outputs of earlier runs (RESULTS.md, results.json, chart.svg): not a change to what is measured.
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no', '--', '.', ':!bench'], { cwd: root, encoding: 'utf8' });
  return `${head.stdout.trim()}${dirty.stdout.trim() ? ' (with uncommitted changes)' : ''}`;
}

export function machineInfo(root: string): MachineInfo {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    gfortran: versionOf('gfortran', ['--version']) ?? 'not found',
    python: versionOf('/usr/bin/python3', ['--version']) ?? 'not found',
    numpy: versionOf('/usr/bin/python3', ['-c', 'import numpy; print(numpy.__version__)']) ?? 'not found',
    commit: gitCommit(root),
  };
}
