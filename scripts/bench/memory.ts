// Memory benchmark (issue 9 item 4): peak RSS of one dgemm n=2048 through bridgegen/linalg vs the C driver on
// the same OpenBLAS, each in a fresh process, beside the baselines of an empty process of each kind.
//
// Node: rss-node.js; C: blas-c.c; both report VmHWM from /proc/self/status, the kernel's high-water mark of
// the process image's resident set, in KiB (not getrusage's ru_maxrss, which also counts what the spawning
// process had resident when it forked). Each child reads a and b (2048 x 2048 float64, 32 MiB each) from
// the same files and multiplies them once; ROUNDS rounds, the children interleaved.

import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { benchThreads, buildC, lastLine, loadLinalg, run, writeInput } from './linalg-setup';
import { measured, ratio, skipped, stats } from './measure';
import type { BenchContext, BenchResult, Benchmark, Ratio, Row } from './types';

const N = 2048;
const ROUNDS = 3;
const MIB = 1024; // KiB per MiB

interface Child { readonly name: string; readonly cmd: string; readonly args: readonly string[]; readonly note: string }
interface ChildOut { readonly vmhwm_kib: number; readonly check?: number | Record<string, number> }

function measure(c: Child, cwd: string, threads: number): ChildOut {
  const r = run(c.cmd, c.args, cwd, { ...process.env, OPENBLAS_NUM_THREADS: String(threads) });
  if (!r.ok) throw new Error(`${c.name}: ${lastLine(r.err)}`);
  const out = JSON.parse(lastLine(r.out)) as ChildOut;
  if (!(out.vmhwm_kib > 0)) throw new Error(`${c.name}: no VmHWM in /proc/self/status`);
  return out;
}

async function runMemory(ctx: BenchContext): Promise<BenchResult> {
  const work = path.join(ctx.scratch, 'memory');
  mkdirSync(work, { recursive: true });
  const notes: string[] = [];
  const la = loadLinalg(ctx, notes);
  const { threads } = benchThreads(la);
  writeInput(work, 'a', N);
  writeInput(work, 'b', N);

  const node = (mode: string, name: string, note: string): Child =>
    ({ name, cmd: process.execPath, args: [path.join(__dirname, 'rss-node.js'), path.join(ctx.root, 'linalg'), work, String(N), String(threads), mode], note });
  const children: Child[] = [
    node('empty', 'peak RSS: empty Node process (baseline)', 'node rss-node.js: nothing loaded'),
    node('load', 'peak RSS: Node + require(\'bridgegen/linalg\') (baseline)', 'addon and OpenBLAS loaded, no call'),
    node('dgemm', `peak RSS: dgemm n=${N}, bridgegen/linalg, c reused`, 'a, b read from files; c allocated in JS, overwrite_c=1'),
    node('dgemm-new', `peak RSS: dgemm n=${N}, bridgegen/linalg, new c`, 'dgemm(1, a, b): bridgegen allocates c'),
  ];
  let cWhy = '';
  try {
    const bin = buildC(la, work);
    children.push(
      { name: 'peak RSS: C driver, no call (baseline)', cmd: bin, args: [work, String(threads)], note: 'OpenBLAS loaded, no call' },
      { name: `peak RSS: dgemm n=${N}, C (OpenBLAS)`, cmd: bin, args: [work, String(threads), `dgemm:${N}:0:1`], note: 'a, b read from files; c calloc\'d' },
    );
  } catch (err) { cWhy = (err as Error).message; }

  const samples = new Map<string, number[]>(children.map((c) => [c.name, []]));
  const failed = new Map<string, string>();
  const checks = new Map<string, number>();
  for (let r = 0; r < ROUNDS; r++) {
    ctx.log(`memory: round ${r + 1}/${ROUNDS}: ${children.length} fresh processes`);
    for (const c of children) {
      if (failed.has(c.name)) continue;
      try {
        const out = measure(c, work, threads);
        samples.get(c.name)!.push(out.vmhwm_kib / MIB);
        const check = typeof out.check === 'number' ? out.check : out.check?.[`dgemm ${N}`];
        if (check !== undefined) checks.set(c.name, check);
      } catch (err) { failed.set(c.name, (err as Error).message); }
    }
  }
  const rows: Row[] = children.map((c) => (failed.has(c.name)
    ? skipped(c.name, failed.get(c.name)!)
    : measured(c.name, 'MiB', samples.get(c.name)!, { note: c.note })));
  if (cWhy) rows.push(skipped(`peak RSS: dgemm n=${N}, C (OpenBLAS)`, cWhy));

  const sums = [...checks.values()];
  if (sums.some((v) => Math.abs(v - sums[0]!) > 1e-9 * Math.max(1, Math.abs(sums[0]!)))) {
    notes.push(`dgemm n=${N}: the children's results differ: ${[...checks].map(([k, v]) => `${k}: ${v}`).join('; ')}`);
  }

  const row = (name: string): Row | undefined => rows.find((x) => x.name === name);
  const median = (name: string): number | undefined => { const x = row(name); return x?.kind === 'measured' ? stats(x.samples).median : undefined; };
  const bg = `peak RSS: dgemm n=${N}, bridgegen/linalg, c reused`, cRow = `peak RSS: dgemm n=${N}, C (OpenBLAS)`;
  const ratios: (Ratio | undefined)[] = [ratio(`peak RSS, dgemm n=${N}: C / bridgegen/linalg (c reused)`, row(cRow), row(bg))];
  // What the call adds above each process's own baseline: the matrices and OpenBLAS's buffers, without Node itself.
  const added = (peak: string, base: string): number | undefined => {
    const p = median(peak), b = median(base);
    return p === undefined || b === undefined ? undefined : p - b;
  };
  const bgAdded = added(bg, 'peak RSS: Node + require(\'bridgegen/linalg\') (baseline)');
  const cAdded = added(cRow, 'peak RSS: C driver, no call (baseline)');
  if (bgAdded && cAdded) ratios.push({ label: `memory added by the call, dgemm n=${N}: C / bridgegen/linalg (above each baseline)`, value: cAdded / bgAdded });

  notes.push(
    `One dgemm n=${N} (C = A B, beta = 0) per fresh process: a and b (${N} x ${N} float64, ${(N * N * 8) / 2 ** 20} MiB each) read ` +
      `from the same files (uniform [-1, 1), as the linalg group's), c (${(N * N * 8) / 2 ** 20} MiB) zero-allocated and written; ` +
      `so ~${(3 * N * N * 8) / 2 ** 20} MiB of arrays in every contender. OpenBLAS threads: ${threads} in every child.`,
    'Peak RSS: VmHWM of /proc/self/status, the kernel\'s high-water mark of the process\'s resident memory, read at ' +
      'the end of the child (Node: scripts/bench/rss-node.js, run by node directly; C: blas-c.c with the spec ' +
      'dgemm:2048:0:1, one call); KiB reported as MiB. Not getrusage ru_maxrss / process.resourceUsage().maxRSS: ' +
      'after fork + exec it also holds what the spawning process had resident (every baseline read ~64 MiB here).',
    `Baselines: an empty Node process, a Node process that only loads bridgegen/linalg, and the C driver with no spec ` +
      `(OpenBLAS loaded, no call). ${ROUNDS} rounds, the ${children.length} children interleaved; "memory added by the ` +
      'call" compares peaks minus each one\'s own baseline at the medians.',
  );
  return { rows, ratios: ratios.filter((x): x is Ratio => x !== undefined && Number.isFinite(x.value)), notes };
}

const memory: Benchmark = {
  id: 'memory',
  title: 'Memory: peak RSS of dgemm n=2048, bridgegen/linalg vs C',
  run: runMemory,
};
export default memory;
