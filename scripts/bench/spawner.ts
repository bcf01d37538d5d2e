// Runs the bench's other processes (the C driver, SciPy) from a small helper process, so the Node
// process being measured never forks. A fork marks every writable page of the parent copy-on-write,
// and each page then faults on its next write: after a spawnSync of the C driver, bridgegen's reused
// output buffers and in-place arrays faulted in again page by page (dgesv n=256: 133 faults a call,
// 3.3 ms instead of 0.56), a cost no other contender paid (each runs in a fresh process) and no
// loop of calls in a program that does not spawn children has.

import { type ChildProcess, spawn } from 'node:child_process';

/** spawnSync in the helper, sent back whole. */
const HELPER = `
const { spawnSync } = require('node:child_process');
process.on('message', (m) => {
  const r = spawnSync(m.cmd, m.args, { cwd: m.cwd, env: m.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  process.send({ ok: !r.error && r.status === 0, out: r.stdout ?? '', err: r.error ? String(r.error) : String(r.stderr ?? '').trim() || 'exit ' + r.status });
});
process.on('disconnect', () => process.exit(0));
`;

export interface RunResult { ok: boolean; out: string; err: string }

export class Spawner {
  private readonly child: ChildProcess = spawn(process.execPath, ['-e', HELPER], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });

  constructor() {
    this.holdOpen(false);
  }

  /** Runs `cmd` to completion in the helper (one at a time). */
  run(cmd: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<RunResult> {
    this.holdOpen(true);
    return new Promise<RunResult>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`bench spawner exited (${code})`));
      this.child.once('exit', onExit);
      this.child.once('message', (m) => {
        this.child.off('exit', onExit);
        resolve(m as RunResult);
      });
      this.child.send({ cmd, args, cwd, env });
    }).finally(() => this.holdOpen(false));
  }

  /**
   * Whether the helper keeps this process alive: only while it runs something. Idle, it does not, so
   * the bench needs no close(); the helper exits when this process does (its IPC channel closes).
   */
  private holdOpen(busy: boolean): void {
    if (busy) {
      this.child.ref();
      this.child.channel?.ref();
    } else {
      this.child.unref();
      this.child.channel?.unref();
    }
  }
}
