// Checks the Fortran front end against Reference-LAPACK: parses every SRC/*.f and BLAS/SRC/*.f with
// readFortran and compares each routine's IR with what the file itself documents (lapack-reference.ts).
// Usage: npx tsx scripts/check-lapack.ts /path/to/lapack [--show N]. Exits 1 on parse errors, internal
// exceptions or accuracy below 99%. Not run in CI.

import { readdirSync, readFileSync } from 'fs';
import { join, relative } from 'path';
import { performance } from 'perf_hooks';
import { DiagnosticBag, type Diagnostic } from '../src/diag/diagnostic';
import { readFortran } from '../src/fortran/index';
import type { Arg, Routine } from '../src/ir/types';
import { readReference, type RefParam, type RefRoutine } from './lapack-reference';

const REQUIRED_ACCURACY = 0.99;

interface Mismatch {
  readonly where: string;
  readonly routine: string;
  readonly what: string;
}

interface Totals {
  files: number;
  routines: number;
  exact: number;
  errors: Diagnostic[];
  warnings: Diagnostic[];
  crashes: string[];
  mismatches: Mismatch[];
  parseMs: number;
  args: number;
  undocumented: number;
  untyped: number;
  intents: number;
  intentsRight: number;
  scalarIns: number;
  scalarInsRight: number;
}

function fortranFiles(root: string): string[] {
  return ['SRC', 'BLAS/SRC'].flatMap((dir) =>
    readdirSync(join(root, dir))
      .filter((f) => f.endsWith('.f'))
      .sort()
      .map((f) => join(root, dir, f)),
  );
}

const show = (t: { type: string; kind: number }): string => `${t.type}*${t.kind}`;

/** How one documented argument differs from the IR's; empty when it agrees. */
function compareArg(a: Arg, p: RefParam | undefined, declared: RefParam['dir'] | undefined, t: Totals): string[] {
  t.args++;
  if (!p) {
    t.undocumented++;
    return [];
  }
  const out: string[] = [];
  if (p.type === undefined) t.untyped++;
  else {
    if (p.type === 'procedure' ? a.type !== 'procedure' : a.type !== p.type || a.kind !== p.kind) {
      out.push(`${a.name}: type ${show(a)}, documented '${p.said}'`);
    }
    if (p.type !== 'procedure' && (a.rank > 0) !== p.array) {
      out.push(`${a.name}: rank ${a.rank}, documented ${p.array ? 'an array' : 'a scalar'}`);
    }
  }
  if (a.type === 'procedure') return out;
  const dir = declared ?? p.dir;
  const returned = dir === 'out' || (dir === 'inout' && a.rank === 0);
  t.intents++;
  if (a.intent === dir && a.returned === returned) t.intentsRight++;
  else out.push(`${a.name}: intent ${a.intent}${a.returned ? ' (returned)' : ''}, ${declared ? 'declared' : 'documented'} ${dir}`);
  if (dir === 'in' && a.rank === 0) {
    t.scalarIns++;
    if (a.intent === 'in') t.scalarInsRight++;
  }
  return out;
}

/** Everything that differs between the IR of a routine and its reference. */
function compareRoutine(ref: RefRoutine, ir: Routine | undefined, t: Totals): string[] {
  if (!ir) return ['routine missing from the IR'];
  const out: string[] = [];
  const names = ir.args.map((a) => a.name);
  if (names.join(',') !== ref.args.join(',')) out.push(`arguments (${names.join(', ')}), header has (${ref.args.join(', ')})`);
  if (ir.kind !== ref.kind) out.push(`kind ${ir.kind}, header says ${ref.kind}`);
  if (ref.result && (!ir.result || show(ir.result) !== show(ref.result))) {
    out.push(`result ${ir.result ? show(ir.result) : 'none'}, header says ${show(ref.result)}`);
  }
  for (const a of ir.args) out.push(...compareArg(a, ref.params.get(a.name), ref.declared.get(a.name), t));
  for (const name of ref.params.keys()) {
    if (!ref.args.includes(name)) out.push(`\\param ${name} is not an argument in the header`);
  }
  return out;
}

function checkFile(path: string, root: string, t: Totals): void {
  const text = readFileSync(path, 'utf8');
  const bag = new DiagnosticBag();
  const start = performance.now();
  let routines: readonly Routine[] = [];
  try {
    routines = readFortran([{ path, text }], bag).routines;
  } catch (e) {
    t.crashes.push(`${relative(root, path)}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
  t.parseMs += performance.now() - start;
  t.files++;
  for (const d of bag.items) (d.severity === 'error' ? t.errors : t.warnings).push(d);
  for (const ref of readReference(text)) {
    t.routines++;
    const diffs = compareRoutine(ref, routines.find((r) => r.name === ref.name), t);
    if (diffs.length === 0) t.exact++;
    const where = `${relative(root, path)}:${ref.line}`;
    for (const what of diffs) t.mismatches.push({ where, routine: ref.name, what });
  }
}

const pct = (n: number, d: number): string => `${d === 0 ? '100.00' : ((100 * n) / d).toFixed(2)}%`;

function report(t: Totals, showN: number): boolean {
  const accuracy = t.routines === 0 ? 0 : t.exact / t.routines;
  const line = (d: Diagnostic): string => `  ${d.span.file}:${d.span.line}:${d.span.col}: ${d.severity}: ${d.message}`;
  console.log(`files:           ${t.files}`);
  console.log(`routines:        ${t.routines} (in the files' headers)`);
  console.log(`parse errors:    ${t.errors.length}`);
  console.log(`warnings:        ${t.warnings.length}`);
  console.log(`exceptions:      ${t.crashes.length}`);
  console.log(`exactly right:   ${t.exact} of ${t.routines} routines (${pct(t.exact, t.routines)})`);
  const typed = t.args - t.undocumented - t.untyped;
  console.log(`arguments:       ${t.args}: ${typed} checked against their 'NAME is TYPE' line; by name, order and intent only:`);
  console.log(`                 ${t.untyped} whose \\param block states no type, ${t.undocumented} without a \\param block`);
  console.log(`intents:         ${t.intentsRight} of ${t.intents} documented arguments as declared, else as \\param[...] says (${pct(t.intentsRight, t.intents)})`);
  console.log(`scalar [in]:     ${t.scalarInsRight} of ${t.scalarIns} have intent 'in' (declared or documented; ${pct(t.scalarInsRight, t.scalarIns)})`);
  console.log(`parse time:      ${Math.round(t.parseMs)} ms for ${t.files} files`);
  for (const d of [...t.errors, ...t.warnings].slice(0, showN)) console.log(line(d));
  for (const c of t.crashes.slice(0, showN)) console.log(`  exception: ${c}`);
  if (t.mismatches.length > 0) console.log(`mismatches (${t.mismatches.length}, first ${Math.min(showN, t.mismatches.length)}):`);
  for (const m of t.mismatches.slice(0, showN)) console.log(`  ${m.where}: ${m.routine}: ${m.what}`);
  return t.errors.length === 0 && t.crashes.length === 0 && accuracy >= REQUIRED_ACCURACY;
}

function main(argv: readonly string[]): number {
  const k = argv.indexOf('--show');
  const root = argv.find((a, i) => !a.startsWith('--') && (k < 0 || i !== k + 1));
  const showN = k >= 0 ? Number(argv[k + 1]) : 30;
  if (!root) {
    console.error('usage: npx tsx scripts/check-lapack.ts LAPACK_DIR [--show N]');
    return 2;
  }
  const t: Totals = {
    files: 0, routines: 0, exact: 0, errors: [], warnings: [], crashes: [], mismatches: [], parseMs: 0,
    args: 0, undocumented: 0, untyped: 0, intents: 0, intentsRight: 0, scalarIns: 0, scalarInsRight: 0,
  };
  for (const path of fortranFiles(root)) checkFile(path, root, t);
  return report(t, showN) ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
