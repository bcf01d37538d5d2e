// Progress of a build: on a TTY one live status line, the stage (parse, generate, configure,
// compile N files, link) with a bar while compiling, and the elapsed time; elsewhere silent until
// the end, so logs and pipes stay clean. `--quiet` silences it, `--verbose` streams tool output.

export interface Progress {
  stage(name: string): void;
  /** `done` of `total` steps of the current stage are finished (the files compiled so far). */
  step(done: number, total: number): void;
  /** A line of tool output (shown only when verbose). */
  detail(line: string): void;
  /** Text for the user now (warnings), written above the live line. */
  print(text: string): void;
  done(summary: string): void;
  /** Clears the live line (after done, or before an error is reported). */
  stop(): void;
}

export interface ProgressOptions {
  readonly quiet: boolean;
  readonly verbose: boolean;
  readonly stream?: NodeJS.WriteStream;
}

const BAR_WIDTH = 24;

/** `[#########...............] 3/8`: the bar of a stage with steps. */
export function bar(done: number, total: number): string {
  const filled = total > 0 ? Math.round((Math.min(done, total) / total) * BAR_WIDTH) : 0;
  return `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${done}/${total}`;
}

export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const live = !options.quiet && !options.verbose && stream.isTTY === true;
  let current = '';
  let steps = '';
  let started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const draw = () => {
    const line = `bridgegen: ${current}${steps && ` ${steps}`} ${((Date.now() - started) / 1000).toFixed(0)}s`;
    stream.write(`\r\x1b[2K${line.slice(0, Math.max(20, (stream.columns ?? 80) - 1))}`);
  };
  const stop = () => {
    if (live && current) stream.write('\r\x1b[2K');
    if (timer) clearInterval(timer);
    timer = undefined;
    current = '';
  };
  return {
    stage(name) {
      if (name === current) return;
      current = name;
      steps = '';
      started = Date.now();
      if (options.verbose) stream.write(`bridgegen: ${name}\n`);
      if (!live) return;
      draw();
      timer ??= setInterval(draw, 250);
      timer.unref();
    },
    step(done, total) {
      steps = bar(done, total);
      if (live) draw();
    },
    detail(line) {
      if (options.verbose) stream.write(`${line}\n`);
    },
    print(text) {
      stream.write(live && current ? `\r\x1b[2K${text}` : text);
      if (live && current) draw();
    },
    done(summary) {
      stop();
      if (!options.quiet) process.stdout.write(`${summary}\n`);
    },
    stop,
  };
}

/** A progress that reports nothing (library use, tests). */
export const silentProgress: Progress = { stage() {}, step() {}, detail() {}, print() {}, done() {}, stop() {} };
