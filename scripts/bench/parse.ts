// Generator benchmark, parse time: bridgegen's Fortran front end vs F2Py's crackfortran on the same corpus.
//
// Rows: readFortran in-process (files read from disk included); `bridgegen sig FILES -o OUT.pyf`
// as a user runs it (the counterpart of `f2py -h OUT.pyf FILES`: both write a signature file);
// crackfortran in-process (Python start-up excluded); `python3 -m numpy.f2py -h`.
// The comparison uses the files crackfortran accepts; bridgegen on the whole corpus is an extra row.
// Rounds: bridgegen in-process 2 warm-up + 5, bridgegen CLI 3, crackfortran 1 each (about 30 s a round
// on LAPACK; set BRIDGEGEN_BENCH_CRACK_ROUNDS for more).

import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { DiagnosticBag } from '../../src/diag/diagnostic';
import { readFortran } from '../../src/fortran';
import { type Corpus, findCorpus } from './corpus';
import { crackInProcess, f2pySignature, f2pyVersion, rejectedFiles, summarizeRejects } from './f2py';
import { execTimed, measured, ratio, skipped, timeRounds } from './measure';
import type { BenchContext, BenchResult, Benchmark, Ratio, Row } from './types';

const BG_ROUNDS = 5;
const BG_CLI_ROUNDS = 3;
const CRACK_ROUNDS = Math.max(1, Number(process.env.BRIDGEGEN_BENCH_CRACK_ROUNDS) || 1);
const GOAL = 20; // issue 3: bridgegen parses at least 20x faster than crackfortran

/** readFortran over `files`, reading them from disk as part of the work; returns routines and errors. */
function parseInProcess(files: readonly string[]): { routines: number; errors: number } {
  const sources = files.map((p) => ({ path: p, text: readFileSync(p, 'utf8') }));
  const bag = new DiagnosticBag();
  const iface = readFortran(sources, bag);
  return { routines: iface.routines.length, errors: bag.items.filter((d) => d.severity === 'error').length };
}

/** bin/bridgegen.js runs dist/; rebuild it first when any src/ file is newer (as `npm run build`). */
export function ensureDist(root: string, ctx: BenchContext): string | undefined {
  const main = path.join(root, 'dist', 'cli', 'main.js');
  const built = (() => { try { return statSync(main).mtimeMs; } catch { return 0; } })();
  const newer = spawnSync('find', [path.join(root, 'src'), '-name', '*.ts', '-newermt', `@${Math.floor(built / 1000)}`], { encoding: 'utf8' });
  if (built && !newer.stdout.trim()) return undefined;
  ctx.log('parse: dist/ is missing or older than src/: npm run build');
  const r = spawnSync('npm', ['run', '-s', 'build'], { cwd: root, encoding: 'utf8' });
  if (r.status === 0) return 'dist/ was rebuilt from src/ before timing the CLI.';
  const first = `${r.stdout}${r.stderr}`.trim().split('\n')[0];
  return `npm run build reported errors (${first}); the CLI row times dist/ as tsc emitted it.`;
}

function rate(files: readonly string[]): { count: number; unit: string } {
  return { count: files.length, unit: 'files' };
}

async function bridgegenRows(corpus: Corpus, same: readonly string[], ctx: BenchContext, notes: string[]): Promise<Row[]> {
  const rows: Row[] = [];
  ctx.log(`parse: bridgegen readFortran in-process, ${same.length} files x ${BG_ROUNDS} rounds`);
  let counts = { routines: 0, errors: 0 };
  // Two warm-up rounds: the first timed rounds otherwise still pay for JIT compilation and heap growth.
  const inProc = await timeRounds(BG_ROUNDS, 2, () => { counts = parseInProcess(same); });
  rows.push(measured('bridgegen readFortran, in-process', 'ms', inProc, { rate: rate(same), note: `${counts.routines} routines, ${counts.errors} errors` }));
  if (same.length < corpus.files.length) {
    const all = await timeRounds(3, 0, () => { counts = parseInProcess(corpus.files); });
    rows.push(measured(`bridgegen readFortran, in-process, all ${corpus.files.length} files`, 'ms', all,
      { rate: rate(corpus.files), note: `${counts.routines} routines, ${counts.errors} errors; not compared` }));
  }
  const built = ensureDist(ctx.root, ctx);
  if (built) notes.push(built);
  ctx.log(`parse: node bin/bridgegen.js sig FILES -o OUT.pyf, ${BG_CLI_ROUNDS} rounds`);
  const bin = path.join(ctx.root, 'bin', 'bridgegen.js');
  const out = path.join(ctx.scratch, 'parse-sig.pyf');
  const cli: number[] = [];
  for (let i = 0; i < BG_CLI_ROUNDS; i++) {
    // Exit status 1 only says some routines could not be wrapped: the file is still written.
    const r = execTimed(process.execPath, [bin, 'sig', ...same, '-o', out, '-q'], ctx.root);
    if (r.status !== 0 && r.status !== 1) return [...rows, skipped('bridgegen sig -o OUT.pyf (CLI)', `exit ${r.status}: ${r.stderr.split('\n')[0]}`)];
    cli.push(r.ms);
  }
  rows.push(measured('bridgegen sig -o OUT.pyf (CLI)', 'ms', cli, { rate: rate(same), note: 'node start-up included' }));
  return rows;
}

function crackRows(same: readonly string[], ctx: BenchContext): Row[] {
  const rows: Row[] = [];
  try {
    ctx.log(`parse: crackfortran in-process, ${CRACK_ROUNDS} round(s)`);
    let blocks = 0;
    const inProc = Array.from({ length: CRACK_ROUNDS }, () => {
      const r = crackInProcess(same, ctx.scratch);
      blocks = r.blocks;
      return r.ms;
    });
    rows.push(measured('crackfortran, in-process', 'ms', inProc, { rate: rate(same), note: `${blocks} blocks` }));
  } catch (err) {
    rows.push(skipped('crackfortran, in-process', (err as Error).message));
  }
  try {
    ctx.log(`parse: python3 -m numpy.f2py -h, ${CRACK_ROUNDS} round(s)`);
    const cli = Array.from({ length: CRACK_ROUNDS }, () => f2pySignature(same, ctx.scratch));
    rows.push(measured('python3 -m numpy.f2py -h OUT.pyf (CLI)', 'ms', cli, { rate: rate(same), note: 'python start-up included' }));
  } catch (err) {
    rows.push(skipped('python3 -m numpy.f2py -h OUT.pyf (CLI)', (err as Error).message));
  }
  return rows;
}

async function run(ctx: BenchContext): Promise<BenchResult> {
  const corpus = findCorpus();
  try {
    const mib = (corpus.bytes / 2 ** 20).toFixed(1);
    const notes = [`Corpus: ${corpus.label}: ${corpus.files.length} files, ${mib} MiB.`];
    const numpy = f2pyVersion();
    let same = corpus.files;
    if (numpy) {
      ctx.log('parse: which files does crackfortran accept?');
      const { rejects, cached } = rejectedFiles(corpus.files, numpy, ctx.scratch);
      const bad = new Set(rejects.map((r) => r.file));
      same = corpus.files.filter((f) => !bad.has(f));
      notes.push(`Compared on the ${same.length} files crackfortran accepts` +
        (rejects.length ? `; it rejects ${rejects.length}${cached ? ' (cached probe)' : ''}:` : '.'));
      notes.push(...summarizeRejects(rejects).map((s) => `  * ${s}`));
    }
    const rows = await bridgegenRows(corpus, same, ctx, notes);
    const byName = (prefix: string): Row | undefined => rows.find((r) => r.name.startsWith(prefix));
    if (numpy) rows.push(...crackRows(same, ctx));
    else rows.push(skipped('crackfortran', `/usr/bin/python3 cannot import numpy.f2py (install Debian's python3-numpy)`));
    notes.push(`Rounds: bridgegen in-process 2 warm-up + ${BG_ROUNDS}, bridgegen CLI ${BG_CLI_ROUNDS}, ` +
      `crackfortran ${CRACK_ROUNDS} in-process and ${CRACK_ROUNDS} CLI (BRIDGEGEN_BENCH_CRACK_ROUNDS).`,
      'In-process rows include reading the files; CLI rows are wall clock of a fresh process with stdout to /dev/null.');
    const ratios = [
      ratio('bridgegen vs crackfortran, in-process', byName('crackfortran'), byName('bridgegen readFortran, in-process'), GOAL),
      // End to end, not parsing alone: Node start-up, module loading and writing the 5 MB file are in
      // it (the 20x goal is the parse's, the row above), so it carries no goal of its own.
      ratio('bridgegen sig vs f2py -h, command line (end to end)', byName('python3 -m numpy.f2py'), byName('bridgegen sig')),
    ].filter((r): r is Ratio => r !== undefined && Number.isFinite(r.value));
    return { rows, ratios, notes };
  } finally {
    corpus.dispose();
  }
}

const parse: Benchmark = { id: 'parse', title: 'Generator: Fortran parse time vs F2Py crackfortran', run };
export default parse;
