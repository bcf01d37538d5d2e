// Statements -> syntax tree: nests classified statements into routines, modules and interface blocks,
// skipping programs, type definitions and internal procedures; meaning is left to lower.ts.

import type { DiagnosticBag } from '../diag/diagnostic';
import type { InterfaceBlock, ModuleUnit, RoutineUnit, SourceAst, Stmt, TypeDef } from './ast';
import { ParseError } from './cursor';
import { statementSpan, type LogicalSource, type Statement } from './source-form';
import type { TypeHeader } from './spec-syntax';
import { classify, type Classified, type Header } from './statement';

/** How errors inside a unit are reported: routines that may be exported report them, others stay quiet. */
type Report = 'error' | 'quiet';

class UnitParser {
  private pos = 0;
  /** The classification of the statement `next` returned; null when it was malformed. */
  private cls: Classified | null = null;
  constructor(
    private readonly file: string,
    private readonly stmts: readonly Statement[],
    private readonly bag: DiagnosticBag,
  ) {}

  /**
   * The next statement, classified into `cls` (a field, not a pair returned per statement: most
   * statements are executable, and the pair was garbage); a malformed one is reported (per `report`)
   * and classified as null.
   */
  private next(report: Report, onError?: () => void): Statement | undefined {
    const stmt = this.stmts[this.pos++];
    if (!stmt) return undefined;
    try {
      this.cls = classify(stmt);
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      if (stmt.directive) this.bag.warning('BG003', e.span, `f2py directive not understood (ignored): ${e.message}`);
      else if (report === 'error') this.bag.error('BG002', e.span, e.message);
      if (!stmt.directive) onError?.();
      this.cls = null;
    }
    return stmt;
  }

  units(): SourceAst['units'] {
    const units: Array<RoutineUnit | ModuleUnit> = [];
    for (;;) {
      const stmt = this.next('error');
      if (!stmt) return units;
      const cls = this.cls;
      if (!cls) continue;
      switch (cls.kind) {
        case 'header':
          units.push(this.routine(cls.header, stmt, 'error', undefined));
          break;
        case 'module':
          units.push(this.module(cls.name, stmt));
          break;
        case 'begin':
          this.skip(cls, stmt);
          break;
        case 'typedef':
          this.typeDef(cls.header, stmt);
          break;
        case 'end':
          this.bag.warning('BG003', statementSpan(stmt), 'END statement outside of any program unit (ignored)');
          break;
        case 'contains':
          break;
        case 'stmt':
          if (!stmt.directive) this.skipMain();
          break;
      }
    }
  }

  /** A subroutine or function, from its header to its END. */
  routine(header: Header, headerStmt: Statement, report: Report, module: string | undefined): RoutineUnit {
    let broken = header.error !== undefined;
    if (header.error && report === 'error') this.bag.error('BG002', header.error.span, header.error.message);
    const body: Stmt[] = [];
    const interfaces: InterfaceBlock[] = [];
    const internal: RoutineUnit[] = [];
    let contains = false;
    const done = (endLine: number): RoutineUnit => ({
      kind: 'routine', routineKind: header.routineKind, name: header.name, prefixes: header.prefixes,
      ...(header.type ? { type: header.type } : {}), args: header.args,
      ...(header.result ? { result: header.result } : {}),
      body, interfaces, internal, broken, span: statementSpan(headerStmt), headerEndLine: headerStmt.endLine, endLine,
    });
    const what = `${header.routineKind} ${header.name}`;
    for (;;) {
      const stmt = this.next(contains ? 'quiet' : report, () => (broken = broken || !contains));
      if (!stmt) {
        if (report === 'error') this.bag.error('BG002', statementSpan(headerStmt), `${what} has no END statement`);
        return done(this.stmts[this.stmts.length - 1]?.endLine ?? headerStmt.endLine);
      }
      const cls = this.cls;
      if (!cls) continue;
      switch (cls.kind) {
        case 'header':
          if (contains) {
            internal.push(this.routine(cls.header, stmt, 'quiet', module));
            break;
          }
          return this.unterminated(what, stmt, report, done);
        case 'end':
          if (cls.what === null || cls.what === header.routineKind || cls.what === 'procedure') {
            if (cls.name && cls.name !== header.name && report === 'error') {
              this.bag.error('BG002', statementSpan(stmt), `END ${cls.what} ${cls.name} does not match ${what}`);
            }
            return done(stmt.endLine);
          }
          if (cls.what === 'subroutine' || cls.what === 'function') break; // stray; keep going
          return this.unterminated(what, stmt, report, done);
        case 'contains':
          contains = true;
          break;
        case 'module':
          return this.unterminated(what, stmt, report, done);
        case 'begin':
          if (cls.what === 'interface') interfaces.push(this.interface(cls.name, cls.abstract ?? false, stmt));
          else if (cls.what === 'type') this.skip(cls, stmt);
          else return this.unterminated(what, stmt, report, done);
          break;
        case 'typedef':
          this.typeDef(cls.header, stmt);
          break;
        case 'stmt':
          if (!contains) body.push(cls.stmt);
          break;
      }
    }
  }

  /** A unit ended without its END: report it, give the statement back to the enclosing level. */
  private unterminated(what: string, stmt: Statement, report: Report, done: (line: number) => RoutineUnit): RoutineUnit {
    if (report === 'error') this.bag.error('BG002', statementSpan(stmt), `missing END statement for ${what} before this statement`);
    this.pos--;
    return done(this.stmts[this.pos - 1]?.endLine ?? stmt.endLine);
  }

  private module(name: string, headerStmt: Statement): ModuleUnit {
    const body: Stmt[] = [];
    const interfaces: InterfaceBlock[] = [];
    const routines: RoutineUnit[] = [];
    const types: TypeDef[] = [];
    let contains = false;
    const done = (endLine: number): ModuleUnit => ({
      kind: 'module', name, body, interfaces, types, routines, span: statementSpan(headerStmt),
      headerEndLine: headerStmt.endLine, endLine,
    });
    for (;;) {
      const stmt = this.next('error');
      if (!stmt) {
        this.bag.error('BG002', statementSpan(headerStmt), `module ${name} has no END MODULE statement`);
        return done(headerStmt.endLine);
      }
      const cls = this.cls;
      if (!cls) continue;
      switch (cls.kind) {
        case 'header':
          routines.push(this.routine(cls.header, stmt, 'error', name));
          break;
        case 'end':
          if (cls.what === null || cls.what === 'module') return done(stmt.endLine);
          break;
        case 'contains':
          contains = true;
          break;
        case 'module':
          this.bag.error('BG002', statementSpan(stmt), `missing END MODULE for module ${name} before this statement`);
          this.pos--;
          return done(stmt.endLine);
        case 'begin':
          if (cls.what === 'interface') interfaces.push(this.interface(cls.name, cls.abstract ?? false, stmt));
          else this.skip(cls, stmt);
          break;
        case 'typedef':
          if (contains) this.typeDef(cls.header, stmt);
          else types.push(this.typeDef(cls.header, stmt));
          break;
        case 'stmt':
          if (!contains) body.push(cls.stmt);
          break;
      }
    }
  }

  /** `type ... name` up to `end type`: the component part is kept, type-bound procedures skipped. */
  private typeDef(header: TypeHeader, begin: Statement): TypeDef {
    const body: Stmt[] = [];
    let contains = false;
    const done = (endLine: number): TypeDef => ({
      kind: 'typedef', name: header.name, attrs: header.attrs, params: header.params, body,
      span: statementSpan(begin), endLine,
    });
    for (;;) {
      const stmt = this.next('quiet');
      if (!stmt) return done(begin.endLine);
      const cls = this.cls;
      if (!cls) continue;
      if (cls.kind === 'end' && (cls.what === 'type' || cls.what === null)) return done(stmt.endLine);
      if (cls.kind === 'header' || cls.kind === 'module' || cls.kind === 'typedef' || (cls.kind === 'end' && cls.what !== 'procedure')) {
        this.pos--; // unterminated type: give the statement back
        return done(this.stmts[this.pos - 1]?.endLine ?? begin.endLine);
      }
      if (cls.kind === 'contains') contains = true;
      else if (cls.kind === 'stmt' && !contains) body.push(cls.stmt);
    }
  }

  /** `interface [name]` ... `end interface`: the bodies are kept (for procedure arguments), never exported. */
  private interface(name: string | undefined, abstract: boolean, begin: Statement): InterfaceBlock {
    const bodies: RoutineUnit[] = [];
    const block = (): InterfaceBlock => ({ kind: 'interface', ...(name ? { name } : {}), abstract, bodies, span: statementSpan(begin) });
    for (;;) {
      const stmt = this.next('quiet');
      if (!stmt) {
        this.bag.error('BG002', statementSpan(begin), 'interface block has no END INTERFACE statement');
        return block();
      }
      const cls = this.cls;
      if (!cls) continue;
      if (cls.kind === 'header') bodies.push(this.routine(cls.header, stmt, 'quiet', undefined));
      else if (cls.kind === 'end' && cls.what === 'interface') return block();
      else if (cls.kind === 'module' || (cls.kind === 'end' && cls.what === 'module')) {
        this.bag.error('BG002', statementSpan(begin), 'interface block has no END INTERFACE statement');
        this.pos--;
        return block();
      }
    }
  }

  /** Skips a program, block data, submodule or type definition up to its END. */
  private skip(begin: Extract<Classified, { kind: 'begin' }>, stmt: Statement): void {
    if (begin.what === 'interface') {
      this.interface(begin.name, begin.abstract ?? false, stmt);
      return;
    }
    for (;;) {
      const stmt = this.next('quiet');
      if (!stmt) return;
      const cls = this.cls;
      if (!cls) continue;
      if (cls.kind === 'end' && (cls.what === begin.what || (cls.what === null && begin.what !== 'type'))) return;
      if (begin.what === 'type') {
        if (cls.kind === 'header' || cls.kind === 'module') return void this.pos--; // unterminated type
        continue;
      }
      if (cls.kind === 'header') this.routine(cls.header, stmt, 'quiet', undefined);
      else if (cls.kind === 'begin') this.skip(cls, stmt);
      else if (cls.kind === 'typedef') this.typeDef(cls.header, stmt);
    }
  }

  /** A main program without a PROGRAM statement: skipped up to its END. */
  private skipMain(): void {
    this.pos--;
    this.skip({ kind: 'begin', what: 'program' }, this.stmts[this.pos]!);
  }
}

/** Parses one file's logical statements into program units. Errors go to `bag`; never throws. */
export function parseSource(file: string, src: LogicalSource, bag: DiagnosticBag): SourceAst {
  const units = new UnitParser(file, src.statements, bag).units();
  return { file, units, comments: src.comments, ...(src.blankLines ? { blankLines: src.blankLines } : {}) };
}
