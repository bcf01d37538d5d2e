// F2Py's callback interfaces in signature files: a `python module NAME__user__routines` block
// holds an interface of functions and subroutines, and a routine that says
// `use NAME__user__routines[, local=>remote]` takes, for each of its procedure arguments
// (`external select`), the signature of the function of the same name there — SciPy's gees/gges:
//
//   python module gees__user__routines
//       interface
//           function sselect(arg1,arg2)
//               real :: arg1,arg2
//               logical :: sselect
//           end function sselect
//       end interface
//   end python module gees__user__routines
//
// The functions are read by the Fortran front end as any signature's routines, and become the
// arguments' `callback` exactly as an interface block in the routine would make it.

import type { DiagnosticBag } from '../diag/diagnostic';
import { lowerSources } from '../fortran/lower';
import { parseSource } from '../fortran/parser';
import { statementSpan, type Statement } from '../fortran/source-form';
import type { CallbackSignature, Routine, Span } from '../ir/types';

/** F2Py's rule: a `python module` whose name contains `__user__` declares callbacks, not routines. */
export function isUserModule(name: string): boolean {
  return name.includes('__user__');
}

/** A routine's `use NAME__user__routines[, local=>remote, ...]`. */
export interface UserUse {
  readonly module: string;
  /** Local (argument) name -> the function's name in the module. */
  readonly renames: ReadonlyMap<string, string>;
  readonly span: Span;
}

const USE = /^\s*use\s+(\w+)\s*(?:,(.*))?$/is;
const RENAME = /^\s*(\w+)\s*=>\s*(\w+)\s*$/;

/**
 * The `use` of a user-routines module, or undefined for any other statement (a `use` of a Fortran
 * module stays the Fortran front end's). A rename list that is not `local=>remote` is an error.
 */
export function parseUserUse(stmt: Statement, bag: DiagnosticBag): UserUse | undefined {
  const m = USE.exec(stmt.text);
  if (!m || !isUserModule(m[1]!.toLowerCase())) return undefined;
  const span = statementSpan(stmt);
  const renames = new Map<string, string>();
  for (const item of m[2]?.split(',') ?? []) {
    const r = RENAME.exec(item);
    if (r) renames.set(r[1]!.toLowerCase(), r[2]!.toLowerCase());
    else bag.error('BG002', span, `\`use ${m[1]}\`: expected \`local=>name\`, found \`${item.trim()}\``);
  }
  return { module: m[1]!.toLowerCase(), renames, span };
}

/**
 * Splits a signature file's statements: those of `__user__` python modules, by module name, and
 * the rest (in order). Each module's statements keep their `python module`/`interface` lines, to
 * be unwrapped like any signature.
 */
export function splitUserModules(statements: readonly Statement[]): { rest: Statement[]; user: Map<string, Statement[]> } {
  const rest: Statement[] = [];
  const user = new Map<string, Statement[]>();
  let current: Statement[] | undefined;
  for (const stmt of statements) {
    const start = /^\s*python\s+module\s+(\w+)/i.exec(stmt.text);
    if (start && isUserModule(start[1]!.toLowerCase())) {
      const name = start[1]!.toLowerCase();
      current = user.get(name) ?? [];
      user.set(name, current);
    }
    (current ?? rest).push(stmt);
    if (current && /^\s*end\s*python\s*module\b/i.test(stmt.text)) current = undefined;
  }
  return { rest, user };
}

/** The callback signatures each user-routines module declares: module -> function name -> signature. */
export type UserModules = ReadonlyMap<string, ReadonlyMap<string, CallbackSignature>>;

/** One user-routines module as unwrapped (see blocks.ts): its statements, ready for the Fortran front end. */
export interface UserModuleSource {
  readonly name: string;
  readonly file: string;
  readonly statements: readonly Statement[];
}

/**
 * Lowers every user-routines module's functions. A module may come in pieces (one per variant of
 * a `.pyf.src` template): the pieces are merged, the first signature of a name kept.
 */
export function lowerUserModules(sources: readonly UserModuleSource[], bag: DiagnosticBag): UserModules {
  const modules = new Map<string, Map<string, CallbackSignature>>();
  for (const { name, file, statements } of sources) {
    const { routines } = lowerSources([parseSource(file, { statements, comments: [] }, bag)], bag);
    const functions = modules.get(name) ?? new Map<string, CallbackSignature>();
    modules.set(name, functions);
    for (const r of routines) if (!functions.has(r.name)) functions.set(r.name, signatureOf(r));
  }
  return modules;
}

function signatureOf(r: Routine): CallbackSignature {
  return { kind: r.kind, args: r.args, ...(r.result ? { result: r.result } : {}) };
}

/**
 * Gives each procedure argument without a signature the one its routine's `use` statements name
 * (the function of the argument's name, or of the name it renames). A module no signature file
 * defines is reported; an argument still without a signature is the `supported` pass's to report.
 */
export function withUserCallbacks(routine: Routine, uses: readonly UserUse[] | undefined, modules: UserModules, bag: DiagnosticBag): Routine {
  if (!uses?.length) return routine;
  for (const use of uses.filter((u) => !modules.has(u.module))) {
    bag.warning('BG003', use.span, `\`use ${use.module}\` in \`${routine.name}\`: no python module \`${use.module}\` in the signature files`);
  }
  const lookup = (name: string): CallbackSignature | undefined => {
    for (const use of uses) {
      const found = modules.get(use.module)?.get(use.renames.get(name) ?? name);
      if (found) return found;
    }
    return undefined;
  };
  const args = routine.args.map((arg) => {
    const callback = arg.type === 'procedure' && !arg.callback ? lookup(arg.name) : undefined;
    return callback ? { ...arg, callback } : arg;
  });
  return { ...routine, args };
}
