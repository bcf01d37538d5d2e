// `npm run bench`: runs every registered benchmark, prints a table and the total time, writes bench/RESULTS.md,
// results.json and chart.svg (the ratios as bar charts, for the README).
//
// Usage: npm run bench [-- ID...]   With IDs, only those run and results go to bench/out/ (scratch), so
// the committed bench/RESULTS.md always comes from one complete run. Benchmarks never fail the run:
// one that throws is reported as skipped with the reason. To add a benchmark, write one file in
// scripts/bench/ exporting a `Benchmark` (types.ts) and add it to BENCHMARKS below.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { machineInfo } from './machine';
import build from './build';
import calls from './calls';
import { renderChart } from './chart';
import linalg from './linalg';
import memory from './memory';
import parse from './parse';
import { type BenchOutcome, renderJson, renderMarkdown, renderText, type RunReport } from './report';
import type { Benchmark, BenchContext } from './types';

/** Every benchmark, in report order (issue 9: call overhead, throughput, event loop, memory, generator). */
const BENCHMARKS: readonly Benchmark[] = [calls, linalg, memory, parse, build];

const ROOT = path.resolve(__dirname, '..', '..');

async function runOne(b: Benchmark, ctx: BenchContext): Promise<BenchOutcome> {
  const t0 = performance.now();
  ctx.log(`${b.id}: ${b.title}`);
  try {
    const result = await b.run(ctx);
    return { id: b.id, title: b.title, seconds: (performance.now() - t0) / 1000, result };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    ctx.log(`${b.id}: skipped: ${why}`);
    return { id: b.id, title: b.title, seconds: (performance.now() - t0) / 1000, skipped: why };
  }
}

/**
 * Runs benchmark `b` in a Node process of its own (this script with `--group ID FILE`), so one
 * group's addons, JIT code and heap do not bias the next: with other addons loaded and called
 * first, linalg's 4-element ddot had 9 instruction-cache misses per call instead of 0.7
 * (callgrind's cache simulation), and its time moved with it.
 */
function runIsolated(b: Benchmark, ctx: BenchContext): BenchOutcome {
  const t0 = performance.now();
  const file = path.join(ctx.scratch, `${b.id}.outcome.json`);
  rmSync(file, { force: true });
  // execArgv carries tsx's loader flags.
  const r = spawnSync(process.execPath, [...process.execArgv, __filename, '--group', b.id, file], { stdio: ['ignore', 'inherit', 'inherit'] });
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as BenchOutcome;
  } catch {
    const why = `its process ended with ${r.error?.message ?? (r.signal ? `signal ${r.signal}` : `exit code ${r.status}`)} and no result`;
    ctx.log(`${b.id}: skipped: ${why}`);
    return { id: b.id, title: b.title, seconds: (performance.now() - t0) / 1000, skipped: why };
  }
}

async function main(argv: readonly string[]): Promise<void> {
  if (argv[0] === '--group') {
    const [, id, file] = argv;
    const b = BENCHMARKS.find((x) => x.id === id)!;
    const scratch = path.join(ROOT, 'bench', 'out');
    writeFileSync(file!, JSON.stringify(await runOne(b, { root: ROOT, scratch, log: (m) => process.stderr.write(`[bench] ${m}\n`) })));
    return;
  }
  const unknown = argv.filter((id) => !BENCHMARKS.some((b) => b.id === id));
  if (unknown.length) {
    process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.id).join(', ')}\n`);
    process.exitCode = 1;
    return;
  }
  if (!argv.length && process.env.BRIDGEGEN_BENCH_LINALG_ONLY) {
    // A partial linalg group must not become bench/RESULTS.md.
    process.stderr.write('BRIDGEGEN_BENCH_LINALG_ONLY is for `npm run bench -- linalg` (results in bench/out/); unset it for a full run\n');
    process.exitCode = 1;
    return;
  }
  const selected = argv.length ? BENCHMARKS.filter((b) => argv.includes(b.id)) : BENCHMARKS;
  const scratch = path.join(ROOT, 'bench', 'out');
  mkdirSync(scratch, { recursive: true });
  const ctx: BenchContext = { root: ROOT, scratch, log: (m) => process.stderr.write(`[bench] ${m}\n`) };

  const t0 = performance.now();
  const machine = machineInfo(ROOT);
  const benchmarks: BenchOutcome[] = [];
  for (const b of selected) benchmarks.push(runIsolated(b, ctx));
  const report: RunReport = { machine, seconds: (performance.now() - t0) / 1000, benchmarks };

  const dest = argv.length ? scratch : path.join(ROOT, 'bench');
  writeFileSync(path.join(dest, 'RESULTS.md'), renderMarkdown(report));
  writeFileSync(path.join(dest, 'results.json'), renderJson(report));
  writeFileSync(path.join(dest, 'chart.svg'), renderChart(report));
  process.stdout.write(`${renderText(report)}\nwrote ${path.relative(ROOT, dest) || '.'}/RESULTS.md, results.json and chart.svg\n`);
}

void main(process.argv.slice(2));
