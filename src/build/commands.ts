// Running compiler commands for the direct build: as many at once as there are cores, each one's
// output collected for the error report.

import { spawn } from 'node:child_process';

/** One compile or link: what it is (for an error), the command and its arguments. */
export interface Step {
  readonly what: string;
  readonly command: string;
  readonly args: readonly string[];
}

export interface CommandResult {
  readonly ok: boolean;
  /** The exit code, or the reason it did not run. */
  readonly status: string;
  readonly output: string;
}

/** Runs `command args` in `cwd`; never rejects. */
export function runCommand(command: string, args: readonly string[], cwd: string): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (err) => resolve({ ok: false, status: `cannot run ${command}: ${err.message}`, output: `${output}${err.message}\n` }));
    child.on('close', (code) => resolve({ ok: code === 0, status: `exited with ${code}`, output }));
  });
}

/** Limits how many tasks run at once. */
export class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(count: number) {
    this.free = Math.max(1, count);
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}
