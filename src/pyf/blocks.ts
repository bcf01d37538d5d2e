// The structure that only signature files have: `python module NAME` / `interface` wrappers,
// routine bodies made of F2Py declarations, and the directives bridgegen handles itself
// (`fortranname`, a `callstatement` that is only a call) or refuses (other C, `usercode`). What is left is Fortran for the
// Fortran front end, with every body statement marked as an F2Py directive.

import type { DiagnosticBag } from '../diag/diagnostic';
import { ParseError } from '../fortran/cursor';
import { statementSpan, type LogicalSource, type Statement } from '../fortran/source-form';
import { classify } from '../fortran/statement';
import { type CallStatement, parseCallStatement } from './callstatement';
import { takeNotes } from './note';
import { parseUserUse, splitUserModules, type UserModuleSource, type UserUse } from './user-routines';

/** What a signature file says about one routine beyond its declarations. */
export interface RoutineDirectives {
  fortranName?: string;
  /** The call a `callstatement` makes: argument order and offsets. */
  call?: CallStatement;
  /** Why the routine cannot be wrapped (e.g. a `callstatement`), if it cannot. */
  refused?: string;
  /** The `use NAME__user__routines` statements that give its procedure arguments their signatures. */
  uses?: UserUse[];
  /** F2Py `note(...)` texts by entity name (the routine's own name documents the routine). */
  notes?: Map<string, string>;
}

export interface UnwrappedSignature {
  readonly source: LogicalSource;
  /** The `python module` name, if one was given. */
  readonly moduleName?: string;
  /** Keyed by lower-case routine name. */
  readonly directives: ReadonlyMap<string, RoutineDirectives>;
  /** The `python module NAME__user__routines` blocks (callback interfaces), unwrapped the same way. */
  readonly userModules: readonly UserModuleSource[];
}

const PYTHON_MODULE = /^\s*python\s+module\s+(\w+)/i;
const END_PYTHON_MODULE = /^\s*end\s*python\s*module\b/i;
const INTERFACE = /^\s*(end\s*)?interface\b/i;
const UNSUPPORTED_BLOCK = /^\s*(usercode|pymethoddef)\b/i;
const TRIPLE_QUOTE = "'''";
const ROUTINE_DIRECTIVE = /^\s*(fortranname|callstatement|callprotoargument)\b\s*(.*)$/is;

/** A synthetic statement (e.g. the `contains` a signature file's module leaves implicit). */
function synthetic(like: Statement, text: string): Statement {
  return { ...like, text, directive: false, segments: [{ offset: 0, line: like.endLine, col: 1 }] };
}

class Walker {
  readonly out: Statement[] = [];
  readonly directives = new Map<string, RoutineDirectives>();
  moduleName?: string;
  private routine?: string;
  /** Inside a `'''`-quoted multi-line string (usercode and friends): skip until it closes. */
  private inString = false;

  constructor(private readonly bag: DiagnosticBag) {}

  visit(stmt: Statement): void {
    const quotes = stmt.text.split(TRIPLE_QUOTE).length - 1;
    if (this.inString) {
      this.inString = quotes % 2 === 0;
      return;
    }
    const m = PYTHON_MODULE.exec(stmt.text);
    if (m) this.moduleName ??= m[1]!.toLowerCase();
    if (m || END_PYTHON_MODULE.test(stmt.text) || INTERFACE.test(stmt.text)) return;
    if (UNSUPPORTED_BLOCK.test(stmt.text)) {
      this.bag.warning('BG003', statementSpan(stmt), `\`${stmt.text.trim().split(/\s/)[0]}\` blocks are not supported (ignored)`);
      this.inString = quotes % 2 === 1;
      return;
    }
    if (this.routine) this.inRoutine(stmt);
    else this.outside(stmt);
  }

  private outside(stmt: Statement): void {
    const cls = this.classify(stmt, true);
    if (cls && cls.kind !== 'header' && cls.kind !== 'module' && cls.kind !== 'end') {
      this.bag.error('BG002', statementSpan(stmt), "expected a subroutine, function or module in the signature file's interface");
      return;
    }
    if (cls?.kind === 'header') {
      this.routine = cls.header.name;
      this.directives.set(cls.header.name, {});
    }
    this.out.push(stmt);
    if (cls?.kind === 'module') this.out.push(synthetic(stmt, 'contains'));
  }

  private inRoutine(stmt: Statement): void {
    const cls = this.classify(stmt, false);
    if (cls?.kind === 'end') {
      this.routine = undefined;
      this.out.push(stmt);
      return;
    }
    const d = ROUTINE_DIRECTIVE.exec(stmt.text);
    if (d) return this.routineDirective(d[1]!.toLowerCase(), d[2]!.trim());
    const use = parseUserUse(stmt, this.bag);
    if (use) return void (this.directives.get(this.routine!)!.uses ??= []).push(use);
    const { text, notes } = takeNotes(stmt.text);
    if (notes.size) this.addNotes(notes);
    // Everything in a signature body is F2Py's word: initializers are defaults, `optional` is F2Py's.
    const directive = { ...stmt, text, directive: true };
    if (this.classify(directive, true) !== undefined) this.out.push(directive);
  }

  private addNotes(notes: ReadonlyMap<string, string>): void {
    const entry = this.directives.get(this.routine!)!;
    entry.notes ??= new Map();
    for (const [name, note] of notes) entry.notes.set(name, entry.notes.has(name) ? `${entry.notes.get(name)}\n\n${note}` : note);
  }

  private routineDirective(name: string, value: string): void {
    const entry = this.directives.get(this.routine!)!;
    if (name === 'fortranname') entry.fortranName = value.toLowerCase();
    else if (name === 'callstatement') {
      const call = parseCallStatement(value);
      if ('problem' in call) entry.refused = call.problem;
      else entry.call = call;
    }
    // `callprotoargument` only types F2Py's C prototype; the shim has its own.
  }

  /** Classifies; a malformed statement is an error here (a signature file is all declarations). */
  private classify(stmt: Statement, report: boolean): ReturnType<typeof classify> | undefined {
    try {
      return classify(stmt);
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      if (report) this.bag.error('BG002', e.span, e.message);
      return undefined;
    }
  }
}

function walk(statements: readonly Statement[], bag: DiagnosticBag): Walker {
  const walker = new Walker(bag);
  for (const stmt of statements) walker.visit(stmt);
  return walker;
}

export function unwrapSignature(src: LogicalSource, bag: DiagnosticBag): UnwrappedSignature {
  const { rest, user } = splitUserModules(src.statements);
  const walker = walk(rest, bag);
  const file = src.statements[0]?.file ?? '';
  return {
    source: { ...src, statements: walker.out },
    ...(walker.moduleName ? { moduleName: walker.moduleName } : {}),
    directives: walker.directives,
    userModules: [...user].map(([name, statements]) => ({ name, file, statements: walk(statements, bag).out })),
  };
}
