// The Fortran syntax tree: only what was written (program units, declarations, directives);
// what it means (kinds, intents, shapes) is decided by lower.ts.

import type { Span } from '../ir/types';
import type { Token } from './lexer';
import type { Comment } from './source-form';

/** An expression kept as tokens, e.g. a kind selector, a bound or an initializer. */
export interface RawExpr {
  /** Tokens joined without blanks, e.g. `2*n+1`. */
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly span: Span;
}

export type TypeName =
  | 'integer'
  | 'real'
  | 'doubleprecision'
  | 'complex'
  | 'doublecomplex'
  | 'logical'
  | 'character'
  | 'type'
  | 'class'
  | 'procedure';

/** `real(kind=8)`, `integer*4`, `character(len=*)`, `type(point)`, `procedure(f)`. */
export interface TypeSpec {
  readonly name: TypeName;
  /** `(8)`, `(kind=dp)`; for character the `kind=` selector. */
  readonly kind?: RawExpr;
  /** Character length from `(len=...)`, `(n)` or `*n`, `*(*)`. */
  readonly len?: RawExpr;
  /** The `*N` of `real*8` (not character). */
  readonly star?: RawExpr;
  /** `type(t)`, `class(t)`, `procedure(iface)`: the name in parentheses. */
  readonly derived?: string;
  readonly span: Span;
}

/** One dimension as written: `n`, `-2:n`, `*`, `1:*`, `:`. */
export interface DimSpec {
  /** Lower-case text without blanks. */
  readonly text: string;
  readonly lower?: RawExpr;
  readonly upper?: RawExpr;
  readonly form: 'explicit' | 'assumed-size' | 'assumed-shape';
  readonly span: Span;
}

export type Attribute =
  | { readonly kind: 'dimension'; readonly dims: readonly DimSpec[]; readonly span: Span }
  /** Each entry is one comma-separated item, blanks removed: `in`, `out`, `inout` (also `in out`), `hide`. */
  | { readonly kind: 'intent'; readonly words: readonly string[]; readonly span: Span }
  /** `optional`, `value`, `parameter`, `external`, `allocatable`, `bind`, `depend`, `check`, ... */
  | { readonly kind: 'simple'; readonly name: string; readonly args?: RawExpr; readonly span: Span };

export interface Entity {
  readonly name: string;
  readonly dims?: readonly DimSpec[];
  /** `c*10` */
  readonly charLen?: RawExpr;
  /** `= value` or `=> target` */
  readonly init?: RawExpr;
  readonly span: Span;
}

interface StmtBase {
  readonly span: Span;
  /** Last source line (first line is `span.line`). */
  readonly endLine: number;
  /** From a `!f2py` / `Cf2py` line. */
  readonly directive: boolean;
}

/** `real(8), intent(in) :: x(n)`; also F2Py directive declarations. */
export interface DeclStmt extends StmtBase {
  readonly kind: 'decl';
  readonly type: TypeSpec;
  readonly attrs: readonly Attribute[];
  readonly entities: readonly Entity[];
}

/** `dimension a(n)`, `intent(in) :: a`, `optional x`, `external f`, `private`, `save`. */
export interface AttrStmt extends StmtBase {
  readonly kind: 'attr';
  readonly attr: Attribute;
  readonly entities: readonly Entity[];
}

export interface ParameterStmt extends StmtBase {
  readonly kind: 'parameter';
  readonly entities: readonly Entity[];
}

export interface ImplicitRule {
  readonly type: TypeSpec;
  /** Letter ranges, lower case: `['a','h']`. */
  readonly ranges: ReadonlyArray<readonly [string, string]>;
}

export interface ImplicitStmt extends StmtBase {
  readonly kind: 'implicit';
  readonly none: boolean;
  readonly rules: readonly ImplicitRule[];
}

export interface UseName {
  readonly local: string;
  readonly remote: string;
  readonly span: Span;
}

export interface UseStmt extends StmtBase {
  readonly kind: 'use';
  readonly module: string;
  readonly intrinsic: boolean;
  /** `only:` list given: nothing else is visible. */
  readonly only: boolean;
  readonly names: readonly UseName[];
}

/** A directive that is not a declaration: `threadsafe`, `fortranname f`, `callstatement ...`. */
export interface DirectiveStmt extends StmtBase {
  readonly kind: 'directive';
  readonly name: string;
  readonly text: string;
}

/** One block of a `common` statement: `/name/ a, b(10)`; `name` is `''` for blank common. */
export interface CommonGroup {
  readonly name: string;
  readonly entities: readonly Entity[];
  readonly span: Span;
}

/** `common /c1/ a, b(10), /c2/ x` or `common a, b` (blank common). */
export interface CommonStmt extends StmtBase {
  readonly kind: 'common';
  readonly groups: readonly CommonGroup[];
}

/** Anything else (executable statements, `data`, `format`, ...): recorded, then skipped. */
export interface OtherStmt extends StmtBase {
  readonly kind: 'other';
  readonly keyword: string;
  /** The statement as written (shared, not copied): call sites tell callback signatures. */
  readonly text: string;
}

export type Stmt = DeclStmt | AttrStmt | ParameterStmt | ImplicitStmt | UseStmt | CommonStmt | DirectiveStmt | OtherStmt;

export interface NameRef {
  readonly name: string;
  readonly span: Span;
}

export interface RoutineUnit {
  readonly kind: 'routine';
  readonly routineKind: 'subroutine' | 'function';
  readonly name: string;
  /** `pure`, `elemental`, `recursive`, `module`, `impure`, ... */
  readonly prefixes: readonly string[];
  /** Type prefix of a function: `real(8) function f(x)`. */
  readonly type?: TypeSpec;
  /** Dummy arguments; `*` for an alternate return. */
  readonly args: readonly NameRef[];
  readonly result?: NameRef;
  readonly body: readonly Stmt[];
  readonly interfaces: readonly InterfaceBlock[];
  /** Internal procedures after `contains`. */
  readonly internal: readonly RoutineUnit[];
  /** A declaration or header could not be parsed (already reported). */
  readonly broken: boolean;
  readonly span: Span;
  /** Last line of the header statement. */
  readonly headerEndLine: number;
  readonly endLine: number;
}

export interface InterfaceBlock {
  readonly kind: 'interface';
  readonly name?: string;
  readonly abstract: boolean;
  readonly bodies: readonly RoutineUnit[];
  readonly span: Span;
}

/** `type [, attrs ::] name` ... `end type`: a derived type definition. */
export interface TypeDef {
  readonly kind: 'typedef';
  readonly name: string;
  /** `bind(c)`, `public`, `private`, `extends(t)`, `abstract`, ... */
  readonly attrs: readonly Attribute[];
  /** Type parameters of a parameterized type: `type t(k, n)`. */
  readonly params: readonly string[];
  /** Component part (before `contains`): declarations, `sequence`, `private`. */
  readonly body: readonly Stmt[];
  readonly span: Span;
  readonly endLine: number;
}

export interface ModuleUnit {
  readonly kind: 'module';
  readonly name: string;
  readonly body: readonly Stmt[];
  readonly interfaces: readonly InterfaceBlock[];
  /** Derived type definitions, in source order. */
  readonly types: readonly TypeDef[];
  readonly routines: readonly RoutineUnit[];
  readonly span: Span;
  readonly headerEndLine: number;
  readonly endLine: number;
}

/** One parsed file. */
export interface SourceAst {
  readonly file: string;
  readonly units: ReadonlyArray<RoutineUnit | ModuleUnit>;
  readonly comments: readonly Comment[];
  /** Lines holding nothing but blanks. */
  readonly blankLines?: readonly number[];
}
