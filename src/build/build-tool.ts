// Compiles a generated package in place with node-gyp or cmake-js, against the local Node
// headers. A failure becomes a ToolchainError carrying the compiler's own messages.

import { spawn } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { ToolchainError } from '../diag/diagnostic';
import type { BuildSystem } from '../pipeline/options';
import type { Progress } from './progress';
import { cmakeJsScript, nodeDir, nodeGypScript, packageDir } from './toolchain';

/** The build tools' own chatter, dropped from error reports so the compiler's message stands out. */
const NOISE = /^gyp (info|http|verb|ERR!)|^make(\[\d+\])?: (Entering|Leaving)|^\s*(CXX|CC|SOLINK_MODULE|COPY|ACTION|TOUCH|LINK)\(|^(info|verb|ERR!) |^-- |^\[ *\d+%\]|^\[\d+\/\d+\] /;

/**
 * The compiler's messages from the build tool's output, with the package's copies of user files
 * (`fortran/x.f90`) named by their original paths.
 */
export function compilerMessage(output: string, originals: ReadonlyMap<string, string> = new Map()): string {
  const lines = output.split('\n').filter((l) => l.trim() !== '' && !NOISE.test(l));
  let text = lines.slice(-80).join('\n');
  for (const [copy, original] of originals) text = text.split(copy).join(original);
  return text;
}

/**
 * What one line of node-gyp's (make) or cmake-js's (CMake) output starts: compiling one of the
 * package's files (node-gyp compiles all the Fortran in one action), or linking the addon.
 */
export function stepOf(line: string): 'compile' | 'link' | undefined {
  if (/\b(CXX|CC)\(target\)|ACTION .*fortran|Building (CXX|C|Fortran) object/.test(line)) return 'compile';
  if (/SOLINK_MODULE|Linking CXX shared/.test(line)) return 'link';
  return undefined;
}

/** How many compile steps stepOf counts for a package with these sources. */
export function compileSteps(system: BuildSystem, sources: { readonly c: number; readonly fortran: number }): number {
  return sources.c + (system === 'cmake' ? sources.fortran : 1);
}

interface Tool {
  readonly name: string;
  readonly args: readonly string[];
}

function toolFor(system: BuildSystem): Tool {
  const jobs = Math.max(1, os.cpus().length);
  if (system === 'cmake') return { name: 'cmake-js', args: [cmakeJsScript(), 'rebuild', `--parallel=${jobs}`] };
  return { name: 'node-gyp', args: [nodeGypScript(), 'rebuild', `--nodedir=${nodeDir()}`, `--jobs=${jobs}`] };
}

/**
 * Runs `node-gyp rebuild` or `cmake-js rebuild` in `dir`, showing `steps` compile steps as they
 * start; `originals` maps package paths back to the user's files.
 */
export function runBuildTool(
  system: BuildSystem, dir: string, steps: number, progress: Progress, originals: ReadonlyMap<string, string>,
): Promise<void> {
  const tool = toolFor(system);
  let compiled = 0;
  // node-addon-api is resolved through NODE_PATH, so a package generated anywhere finds bridgegen's copy;
  // cmake-js takes Node's headers from npm's nodedir setting (it would download them otherwise).
  const env = { ...process.env, NODE_PATH: path.dirname(packageDir('node-addon-api')), npm_config_nodedir: nodeDir() };
  progress.stage(`configuring (${tool.name})`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, tool.args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      for (const line of text.split('\n')) {
        if (line.trim() === '') continue;
        progress.detail(line);
        const step = stepOf(line);
        if (step === 'link') progress.stage('linking');
        if (step !== 'compile') continue;
        progress.stage(`compiling ${steps} file${steps === 1 ? '' : 's'}`);
        progress.step(++compiled, Math.max(compiled, steps));
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (err) => reject(new ToolchainError(`cannot run ${tool.name}: ${err.message}`, '')));
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new ToolchainError(`build failed (${tool.name} exited with ${code})`, compilerMessage(output, originals)));
    });
  });
}
