// Emits an F2Py signature file (`bridgegen sig`, F2Py's `-h`) from the IR: what bridgegen
// understood of each routine, in F2Py's syntax, for the user to edit and build from again.

import { exprText } from '../../fortran/expr';
import type { Arg, Bound, Check, DefaultValue, Expr, Interface, Routine } from '../../ir/types';
import { referencedNames } from '../../ir/value-expr';
import { fortranBound } from '../expr';
import { fortranTypeSpec } from '../fortran-types';
import { wrapStatement } from '../fortran-shim/shim';
import { Writer } from '../writer';

/** F2Py's intent words for what the IR says the argument does (`c`: a C scalar by value). */
function intentWords(arg: Arg): string | undefined {
  if (arg.value && arg.rank === 0 && !arg.hidden && arg.intent === 'in') return 'c';
  if (arg.hidden) return arg.intent === 'out' ? 'out,hide' : 'hide';
  const extra = [...(arg.overwrite ? [arg.overwrite] : []), ...(arg.outName ? [`out=${arg.outName}`] : [])];
  const base = arg.intent === 'inout' ? (arg.returned && arg.rank > 0 ? 'in,out' : 'inout') : arg.intent;
  return base ? [base, ...extra].join(',') : undefined;
}

function defaultText(value: DefaultValue): string {
  if (value.kind === 'expr') return value.text;
  return value.kind === 'constant' ? String(value.value) : `shape(${value.array},${value.dim})`;
}

/** The names a default reads (F2Py's `depend(...)`), if any. */
function dependNames(value: DefaultValue | undefined): readonly string[] {
  if (value?.kind === 'extent') return [value.array];
  return value?.kind === 'expr' ? referencedNames(value.expr) : [];
}

/**
 * A dimension as a signature file reads it: `?:` spelled as C's conditional, which the
 * signature reader parses (F2Py's own spelling), rather than Fortran's `merge`; parenthesized,
 * so that its `:` is not read as the one between lower and upper bound.
 */
function dimensionText(bound: Bound): string {
  if (bound.form !== 'explicit' || !bound.upper || !hasCond(bound.upper)) return fortranBound(bound);
  const lower = bound.lower.op === 'int' && bound.lower.value === 1 ? '' : `${exprText(bound.lower)}:`;
  return `${lower}(${exprText(bound.upper)})`;
}

function hasCond(e: Expr): boolean {
  if (e.op === 'cond') return true;
  if (e.op === 'call') return e.args.some(hasCond);
  if (e.op === 'neg' || e.op === 'not') return hasCond(e.arg);
  return 'left' in e && (hasCond(e.left) || hasCond(e.right));
}

/** One argument's declaration; `checks` are the routine's, of which those written on `arg` are kept. */
export function declaration(arg: Arg, checks: readonly Check[] = []): string {
  if (arg.type === 'procedure') return `external ${arg.name}`;
  const attrs = [fortranTypeSpec(arg)];
  if (arg.rank > 0) attrs.push(`dimension(${arg.bounds.map(dimensionText).join(',')})`);
  const intent = intentWords(arg);
  if (intent) attrs.push(`intent(${intent})`);
  if (arg.optional) attrs.push('optional');
  const depends = dependNames(arg.default);
  if (depends.length > 0) attrs.push(`depend(${depends.join(',')})`);
  for (const check of checks.filter((c) => c.arg === arg.name)) attrs.push(`check(${check.text})`);
  const init = arg.default ? ` = ${defaultText(arg.default)}` : '';
  const doc = arg.doc ? ` !< ${arg.doc.split('\n')[0]}` : '';
  return `${attrs.join(', ')} :: ${arg.name}${init}${doc}`;
}

function writeDoc(w: Writer, doc: string | undefined): void {
  for (const line of doc?.split('\n') ?? []) w.line(line ? `!> ${line}` : '!>');
}

/** Why a C function cannot be written as a signature (an argument F2Py's syntax has no words for), if so. */
function cProblem(routine: Routine): string | undefined {
  const arg = routine.args.find((a) => a.type === 'type' || a.userdata || a.callback);
  if (arg) return `argument \`${arg.name}\` is a struct, pointer or callback a signature file cannot describe yet`;
  return routine.result?.type === 'type' ? 'its result is a pointer or struct' : undefined;
}

/** The marker `bridgegen sig` leaves on a C pointer whose length no convention gave. */
const FILL_IN = '! bridgegen: fill in dimension(...), the length in the other arguments';

function writeRoutine(w: Writer, routine: Routine): void {
  const names = routine.args.map((a) => a.name).join(',');
  const result = routine.result && routine.result.name !== routine.name ? ` result(${routine.result.name})` : '';
  // A check written on no argument is written back on the first one (F2Py attaches checks to arguments).
  const owner = (c: Check) => (routine.args.some((a) => a.name === c.arg) ? c.arg : routine.args[0]?.name);
  const checks = (routine.checks ?? []).map((c) => ({ ...c, arg: owner(c) }));
  writeDoc(w, routine.doc);
  w.many(wrapStatement(`${routine.kind} ${routine.name}(${names})${result}`));
  w.indent(() => {
    if (routine.language === 'c') w.line(`intent(c) ${routine.name}`);
    if (routine.fortranName) w.line(`fortranname ${routine.fortranName}`);
    if (routine.threadsafe) w.line('threadsafe');
    for (const arg of routine.args) {
      w.many(wrapStatement(declaration(arg, checks)));
      if (routine.language === 'c' && arg.bounds.some((b) => b.form === 'assumed-size')) w.line(FILL_IN);
    }
    if (routine.result) w.line(`${fortranTypeSpec(routine.result)} :: ${routine.result.name}`);
  });
  w.line(`end ${routine.kind} ${routine.name}`);
}

export function emitSignatureFile(moduleName: string, iface: Interface): string {
  const w = new Writer('    ');
  w.line('!    -*- f90 -*-');
  w.line('! Signature file written by bridgegen; edit it and build with `bridgegen NAME.pyf SOURCES...`.');
  // Noted here, not beside the routines: a comment above a routine would read back as its doc.
  const refused = iface.routines.flatMap((r) => {
    const problem = r.language === 'c' ? cProblem(r) : undefined;
    return problem ? [{ routine: r, problem }] : [];
  });
  for (const { routine, problem } of refused) w.line(`! not written: ${routine.fortranName ?? routine.name}: ${problem}`);
  const routines = iface.routines.filter((r) => !refused.some((x) => x.routine === r));
  w.line();
  w.block(`python module ${moduleName}`, () => {
    w.block('interface', () => {
      for (const routine of routines.filter((r) => !r.module)) writeRoutine(w, routine);
      const modules = [...new Set(routines.map((r) => r.module).filter((m): m is string => !!m))];
      for (const mod of modules) {
        w.block(`module ${mod}`, () => {
          for (const routine of routines.filter((r) => r.module === mod)) writeRoutine(w, routine);
        }, `end module ${mod}`);
      }
    }, 'end interface');
  }, `end python module ${moduleName}`);
  return w.toString();
}
