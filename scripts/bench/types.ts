// Shapes shared by the bench runner (index.ts) and the benchmark modules: what a benchmark returns.

/** One timed quantity, measured `samples.length` times in this run (one value per round). */
export interface MeasuredRow {
  readonly kind: 'measured';
  readonly name: string;
  /** Unit of every sample, e.g. 'ms' or 'ns/call'. */
  readonly unit: string;
  /** Whether a smaller sample is better (times) or a larger one (throughput). */
  readonly better: 'lower' | 'higher';
  readonly samples: readonly number[];
  /** For 'ms' rows: `count` items were processed per sample, reported as `unit`/s at the median. */
  readonly rate?: { readonly count: number; readonly unit: string };
  /** A short free-text remark shown beside the row (e.g. the command that was timed). */
  readonly note?: string;
}

/** A row that could not be measured here; benchmarks report this instead of failing. */
export interface SkippedRow {
  readonly kind: 'skipped';
  readonly name: string;
  readonly reason: string;
}

export type Row = MeasuredRow | SkippedRow;

/** How many times faster/better one row is than another, from medians of the same run. */
export interface Ratio {
  readonly label: string;
  readonly value: number;
  /** The goal the ratio should reach (from the issues), when there is one. */
  readonly goal?: number;
}

export interface BenchResult {
  readonly rows: readonly Row[];
  readonly ratios: readonly Ratio[];
  /** What was measured, on what corpus, how many rounds, what was left out and why. */
  readonly notes: readonly string[];
}

export interface BenchContext {
  /** Repository root. */
  readonly root: string;
  /** Scratch directory for builds, caches and outputs (bench/out, git-ignored). */
  readonly scratch: string;
  /** Progress message on stderr (not part of the results). */
  log(message: string): void;
}

/** A benchmark module: one file in scripts/bench/, registered in index.ts's BENCHMARKS list. */
export interface Benchmark {
  /** Short id used on the command line (`npm run bench -- parse`) and in results.json. */
  readonly id: string;
  readonly title: string;
  run(ctx: BenchContext): Promise<BenchResult>;
}
