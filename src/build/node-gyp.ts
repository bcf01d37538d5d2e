// Compiles a generated package in place with node-gyp, against the local Node headers.
// A failure becomes a ToolchainError carrying the compiler's own messages.

import { spawn } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { ToolchainError } from '../diag/diagnostic';
import type { Progress } from './progress';
import { nodeDir, nodeGypScript, packageDir } from './toolchain';

/** node-gyp's own chatter, dropped from error reports so the compiler's message stands out. */
const NOISE = /^gyp (info|http|verb|ERR!)|^make(\[\d+\])?: (Entering|Leaving)|^\s*(CXX|CC|SOLINK_MODULE|COPY|ACTION|TOUCH|LINK)\(/;

/**
 * The compiler's messages from node-gyp's output, with the package's copies of user files
 * (`fortran/x.f90`) named by their original paths.
 */
export function compilerMessage(output: string, originals: ReadonlyMap<string, string> = new Map()): string {
  const lines = output.split('\n').filter((l) => l.trim() !== '' && !NOISE.test(l));
  let text = lines.slice(-80).join('\n');
  for (const [copy, original] of originals) text = text.split(copy).join(original);
  return text;
}

function stageOf(line: string): string | undefined {
  if (/ACTION .*fortran/.test(line)) return 'compiling Fortran';
  if (/CXX\(target\)/.test(line)) return 'compiling C++ glue';
  if (/SOLINK_MODULE/.test(line)) return 'linking';
  return undefined;
}

/** Runs `node-gyp rebuild` in `dir`; `originals` maps package paths back to the user's files. */
export function runNodeGyp(dir: string, progress: Progress, originals: ReadonlyMap<string, string>): Promise<void> {
  const args = [nodeGypScript(), 'rebuild', `--nodedir=${nodeDir()}`, `--jobs=${Math.max(1, os.cpus().length)}`];
  // node-addon-api is resolved through NODE_PATH, so a package generated anywhere finds bridgegen's copy.
  const env = { ...process.env, NODE_PATH: path.dirname(packageDir('node-addon-api')) };
  progress.stage('configuring (node-gyp)');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      for (const line of text.split('\n')) {
        if (line.trim() === '') continue;
        progress.detail(line);
        const stage = stageOf(line);
        if (stage) progress.stage(stage);
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (err) => reject(new ToolchainError(`cannot run node-gyp: ${err.message}`, '')));
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new ToolchainError(`build failed (node-gyp exited with ${code})`, compilerMessage(output, originals)));
    });
  });
}
