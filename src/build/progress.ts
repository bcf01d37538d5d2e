// Progress of a build: on a TTY a live status line with elapsed time; elsewhere silent until
// the end, so logs and pipes stay clean. `--quiet` silences it, `--verbose` streams tool output.

export interface Progress {
  stage(name: string): void;
  /** A line of tool output (shown only when verbose). */
  detail(line: string): void;
  done(summary: string): void;
}

export interface ProgressOptions {
  readonly quiet: boolean;
  readonly verbose: boolean;
  readonly stream?: NodeJS.WriteStream;
}

export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const live = !options.quiet && !options.verbose && stream.isTTY === true;
  let current = '';
  let started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const draw = () => stream.write(`\r\x1b[2Kbridgegen: ${current} ${((Date.now() - started) / 1000).toFixed(0)}s`);
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
    if (live) stream.write('\r\x1b[2K');
  };
  return {
    stage(name) {
      current = name;
      started = Date.now();
      if (options.verbose) stream.write(`bridgegen: ${name}\n`);
      if (!live) return;
      draw();
      timer ??= setInterval(draw, 250);
      timer.unref();
    },
    detail(line) {
      if (options.verbose) stream.write(`${line}\n`);
    },
    done(summary) {
      stop();
      if (!options.quiet) process.stdout.write(`${summary}\n`);
    },
  };
}

/** A progress that reports nothing (library use, tests). */
export const silentProgress: Progress = { stage() {}, detail() {}, done() {} };
