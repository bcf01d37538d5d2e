// The default local build: bridgegen runs the compilers itself with binding.gyp's flags
// (addon-flags.ts) instead of node-gyp's configure (Python) and make. The Fortran library and
// the C and C++ files compile at once, one per core; the glue includes the runtime through a
// precompiled header cached for the user and links the runtime's array templates compiled once
// beside it (runtime-pch.ts), so it does not optimise its own copies. binding.gyp and
// CMakeLists.txt still ship in the package and build it the same way (header-only runtime) for
// `npm run build` and prebuilds.

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type NativeBuild, sanitizerFlags } from '../emit/build/binding-gyp';
import { ToolchainError } from '../diag/diagnostic';
import { addonFlags, type AddonFlags } from './addon-flags';
import { compilerMessage } from './build-tool';
import { type CommandResult, runCommand, Slots, type Step } from './commands';
import type { Progress } from './progress';
import { runtimeCachePlan, separateGlueFlags } from './runtime-cache';
import { discardPch, finishPch, type PchEntry, pchUsable, stagePch } from './runtime-pch';
import { bridgegenRoot, fastLinker, nodeDir, packageDir } from './toolchain';

const RELEASE = path.join('build', 'Release');
/** The compiled runtime, copied from the cache entry: linked whatever happens to the entry meanwhile. */
const RUNTIME_OBJECT = path.join(RELEASE, 'obj', 'bridgegen_runtime.o');

class DirectBuild {
  private readonly slots = new Slots(os.availableParallelism());
  private readonly flags: AddonFlags;
  private readonly cxx = process.env.CXX || 'g++';
  private readonly cc = process.env.CC || 'cc';
  private readonly fortranLibrary: string;
  private readonly cxxSources: readonly string[];
  private readonly total: number;
  private started = 0;

  constructor(
    private readonly dir: string, private readonly b: NativeBuild, private readonly progress: Progress,
    private readonly originals: ReadonlyMap<string, string>,
  ) {
    this.fortranLibrary = path.join(RELEASE, 'fortran', `lib${b.moduleName}_fortran.a`);
    this.flags = addonFlags(b, nodeDir(), packageDir('node-addon-api'), this.fortranLibrary, path.resolve(dir));
    this.cxxSources = b.cxxSources ?? [`src/${b.moduleName}.cc`];
    this.total = this.cxxSources.length + b.cSources.length + 1;
  }

  async run(): Promise<void> {
    const pch = this.runtimePch();
    const runtime = pch.ready.then((entry) => entry && this.copyRuntime(entry));
    try {
      const compiles = await Promise.allSettled([
        this.fortran().then(() => undefined),
        ...this.b.cSources.map((source) => this.compileC(source)),
        ...this.largestFirst(this.cxxSources).map(async (source) => this.compileCxx(source, await runtime)),
      ]);
      const failed = compiles.find((o): o is PromiseRejectedResult => o.status === 'rejected');
      if (failed) throw failed.reason;
      const objects = compiles.flatMap((o) => (o.status === 'fulfilled' && o.value ? [o.value] : []));
      const separate = Boolean(await runtime);
      if (separate) objects.push(RUNTIME_OBJECT);
      this.progress.stage('linking');
      const { linkBefore, linkAfter } = this.flags;
      await this.check({ what: 'link', command: this.cxx, args: ['-o', path.join(RELEASE, `${this.b.moduleName}.node`), ...fastLinker(), ...linkBefore,
        ...(separate ? ['-Wl,--gc-sections'] : []), '-Wl,--start-group', ...objects, '-Wl,--end-group', ...linkAfter] });
    } finally {
      await pch.ready;  // a header being made is finished, not abandoned half-written
      pch.later();
    }
  }

  /** Copies the entry's runtime object into the build: the entry, or undefined if that failed. */
  private copyRuntime(entry: PchEntry): PchEntry | undefined {
    try {
      const copy = path.join(this.dir, RUNTIME_OBJECT);
      fs.mkdirSync(path.dirname(copy), { recursive: true });
      fs.copyFileSync(entry.runtime, copy);
      return entry;
    } catch {
      discardPch(entry);
      return undefined;
    }
  }

  /**
   * The cached runtime header and object: `ready` gives their entry once usable by this build (or undefined).
   * A missing one is made first when there are many glue files for the cores (they all gain
   * from it); otherwise this build compiles without it, and a detached process makes it
   * afterwards for the next build: here it would only take a core and delay the result.
   */
  private runtimePch(): { ready: Promise<PchEntry | undefined>; later: () => void } {
    const none = { ready: Promise.resolve(undefined), later: () => {} };
    const plan = runtimeCachePlan(this.cxx, this.flags, this.b.cflags, path.join(this.dir, 'include', 'bridgegen'));
    if (!plan) return none;
    const { entry } = plan;
    if (pchUsable(entry)) return { ready: Promise.resolve(entry), later: () => {} };
    const staged = stagePch(entry, plan.headers, plan.runtimeSource);
    if (!staged) return none;
    const steps = plan.steps(staged);
    this.progress.detail(`bridgegen: precompiling the runtime header and compiling the runtime into ${entry.dir} (reused by later builds)`);
    const worker = path.join(bridgegenRoot(), 'dist', 'build', 'runtime-pch-worker.js');
    // Made first only when enough glue files share it to repay it within this build: the header
    // costs about 1.5 parses of the runtime, and each file then saves ~0.8 of one; the object
    // costs about as much as two small modules' glue.
    if (this.cxxSources.length <= 2 * os.availableParallelism() && fs.existsSync(worker)) {
      // Niced: it must not slow down what the user runs next.
      const job = { staged, entry, steps: steps.map((step) => ({ command: 'nice', args: ['-n', '10', step.command, ...step.args] })) };
      const later = () => {
        const child = spawn(process.execPath, [worker, JSON.stringify(job)], { detached: true, stdio: 'ignore' });
        child.on('error', () => discardPch(staged));
        child.unref();
      };
      return { ready: Promise.resolve(undefined), later };
    }
    const made = finishPch(staged, entry, async () => {
      const results = await Promise.all(steps.map((step) => this.slots.run(() => this.exec(step))));
      return results.every((r) => r.ok);
    });
    return { ready: made.then((ok) => (ok ? entry : undefined), () => undefined), later: () => {} };
  }

  /** build-fortran.js, as binding.gyp's `fortran` action runs it: the sources in order into one library. */
  private fortran(): Promise<CommandResult> {
    const fflags = [...sanitizerFlags(this.b.sanitize), ...this.b.fflags];
    return this.compile({ what: 'Fortran', command: process.execPath,
      args: ['build-fortran.js', this.fortranLibrary, ...fflags.map((f) => `--flag=${f}`), ...this.b.fortranSources] });
  }

  private async compileC(source: string): Promise<string> {
    const object = this.objectOf(source);
    await this.compile({ what: source, command: this.cc, args: ['-o', object, source, ...this.flags.c, '-c'] });
    return object;
  }

  /**
   * A glue file, through the precompiled header and linked runtime if there are; if that fails,
   * once more without the header (and the entry is dropped; its runtime object was copied).
   */
  private async compileCxx(source: string, pch: PchEntry | undefined): Promise<string> {
    const object = this.objectOf(source);
    const flags = pch ? separateGlueFlags(this.flags, this.b.cflags) : this.flags.cxx;
    const args = (extra: readonly string[]) => ['-o', object, source, ...flags, ...extra,
      ...this.flags.includeDirs.map((d) => `-I${d}`), '-c'];
    if (pch) {
      const r = await this.slots.run(() => this.exec({ what: source, command: this.cxx,
        args: args([`-I${pch.include}`, '-Winvalid-pch']) }, true));
      if (r.ok && !/\.gch: /.test(r.output)) return object;  // -Winvalid-pch: GCC refused it
      discardPch(pch);  // refused by GCC, or failed: made again by the next build
      if (r.ok) return object;
    }
    await this.compile({ what: source, command: this.cxx, args: args([]) });
    return object;
  }

  /** Longest compiles first (by source size), so the last to start is a short one: the cores finish together. */
  private largestFirst(sources: readonly string[]): string[] {
    const size = (source: string) => fs.statSync(path.join(this.dir, source)).size;
    return [...sources].sort((a, b) => size(b) - size(a));
  }

  private objectOf(source: string): string {
    const object = path.join(RELEASE, 'obj', `${source}.o`);
    fs.mkdirSync(path.join(this.dir, path.dirname(object)), { recursive: true });
    return object;
  }

  /** Runs a compile step when a core is free; throws if it fails. */
  private compile(step: Step): Promise<CommandResult> {
    return this.slots.run(() => this.check(step, true));
  }

  private async check(step: Step, counted = false): Promise<CommandResult> {
    const r = await this.exec(step, counted);
    if (!r.ok) throw new ToolchainError(`build failed (${step.what}: ${step.command} ${r.status})`, compilerMessage(r.output, this.originals));
    return r;
  }

  private async exec(step: Step, counted = false): Promise<CommandResult> {
    if (counted) {
      this.progress.stage(`compiling ${this.total} file${this.total === 1 ? '' : 's'}`);
      this.progress.step(++this.started, Math.max(this.started, this.total));
    }
    this.progress.detail([step.command, ...step.args].join(' '));
    const r = await runCommand(step.command, step.args, this.dir);
    if (r.output.trim()) this.progress.detail(r.output.trimEnd());
    return r;
  }
}

/** Compiles the package in `dir` (sources written) into build/Release/NAME.node. */
export function buildDirect(dir: string, b: NativeBuild, progress: Progress, originals: ReadonlyMap<string, string>): Promise<void> {
  return new DirectBuild(dir, b, progress, originals).run();
}
