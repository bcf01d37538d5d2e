// The interface IR: plain, serializable data describing what a set of sources exports.
// Front ends produce it, passes refine it, emitters only read it. No syntax lives here.

/** A position in a source file; 1-based line and column. */
export interface Span {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

/** The value types of contract 1.4. */
export type BaseType = 'integer' | 'real' | 'complex' | 'logical' | 'character' | 'procedure' | 'type';

/** Declared intent; `null` when the source declares none (treated as `in`, as F2Py does). */
export type Intent = 'in' | 'out' | 'inout' | null;

/** Arithmetic operators, Fortran's meaning (integer division truncates). */
export type ArithOp = '+' | '-' | '*' | '/';

/** Comparisons in Fortran spelling (`.eq.`, `!=` and friends are normalised to these). */
export type CompareOp = '==' | '/=' | '<' | '<=' | '>' | '>=';

/**
 * An expression: an array bound (`2*n+1`, `size(a,1)`), or an F2Py default value or `check(...)`
 * condition (`max(shape(a,0),1)`, `len(x)>=n .and. n>0`). Calls name intrinsics: `max`, `min`,
 * `abs`, and of an array argument `len(x)`, `size(x[,k])` (k 1-based), `shape(x,k)` (k 0-based,
 * as in F2Py) and `rank(x)`. Which forms a given use accepts is the `supported` pass's business.
 */
export type Expr =
  | { readonly op: 'int'; readonly value: number }
  /** A real literal (`1.0`, `1d-8`); `value` is its double value. */
  | { readonly op: 'real'; readonly value: number }
  | { readonly op: 'name'; readonly name: string }
  /** A character literal (`'N'`): a default of a CHARACTER argument, or a branch of `?:`. */
  | { readonly op: 'string'; readonly value: string }
  | { readonly op: 'neg'; readonly arg: Expr }
  | { readonly op: ArithOp; readonly left: Expr; readonly right: Expr }
  | { readonly op: CompareOp; readonly left: Expr; readonly right: Expr }
  /** Logical `.and.`/`&&` and `.or.`/`||`. */
  | { readonly op: 'and' | 'or'; readonly left: Expr; readonly right: Expr }
  /** Logical `.not.`/`!`. */
  | { readonly op: 'not'; readonly arg: Expr }
  | { readonly op: 'call'; readonly name: string; readonly args: readonly Expr[] }
  /** C's `test ? then : else`, as F2Py's defaults write it. */
  | { readonly op: 'cond'; readonly test: Expr; readonly then: Expr; readonly else: Expr };

/** One dimension of an array: `lower:upper`; `upper` is null for assumed size (`*`) or shape (`:`). */
export interface Bound {
  readonly lower: Expr;
  readonly upper: Expr | null;
  /** How the extent is known: explicit bounds, `*` (assumed size) or `:` (assumed shape). */
  readonly form: 'explicit' | 'assumed-size' | 'assumed-shape';
}

/** Where an optional argument's value comes from when the caller leaves it out. */
export type DefaultValue =
  /** The extent of dimension `dim` (0-based) of the argument `array`. */
  | { readonly kind: 'extent'; readonly array: string; readonly dim: number }
  /** An explicit constant, e.g. from a signature file `integer :: n = 0`. */
  | { readonly kind: 'constant'; readonly value: number }
  /**
   * Any other F2Py default (`n=shape(x,0)-1`, `lda=max(shape(a,0),1)`): computed before the call
   * from the input arrays and the other scalars, which may themselves have defaults (F2Py's
   * `depend`; the order follows from the names the expressions use). `text` is as written.
   */
  | { readonly kind: 'expr'; readonly expr: Expr; readonly text: string };

/** An F2Py `check(...)` condition: verified before the call; false is a RangeError. */
export interface Check {
  readonly expr: Expr;
  /** The condition as written, blanks removed: `shape(a,0)==shape(a,1)`. */
  readonly text: string;
  /** The argument whose declaration carries it (where `bridgegen sig` writes it back), if any. */
  readonly arg?: string;
  readonly span: Span;
}

/**
 * A dummy argument, or a function result: its declared type and shape (`DataDecl`: name, type,
 * byte kind, rank, dims and bounds, charLen, typeName, doc, span) and how it is passed.
 */
export interface Arg extends DataDecl {
  readonly intent: Intent;
  /**
   * The intent the Fortran source itself declares (absent when it declares none): what an
   * interface to the routine must say. `intent` is the F2Py meaning after directives.
   */
  readonly declaredIntent?: 'in' | 'out' | 'inout';
  /**
   * F2Py's `intent(copy)` / `intent(overwrite)` on an array the routine updates: the caller gets
   * an `overwrite_<name>` flag (default 0 for copy, 1 for overwrite); unless it is set, the
   * caller's array is copied first and left untouched.
   */
  readonly overwrite?: 'copy' | 'overwrite';
  /** F2Py's `intent(out=name)`: the name of this argument in the result object. */
  readonly outName?: string;
  /**
   * Part of the call's result: intent(out), F2Py's intent(in,out), and intent(inout) scalars
   * (a JS number cannot be updated in place).
   */
  readonly returned: boolean;
  /** May be left out by the JS caller. */
  readonly optional: boolean;
  /** Never passed by the JS caller (intent(hide)). */
  readonly hidden: boolean;
  /** Present in Fortran as `optional` (so `present()` may be false). */
  readonly fortranOptional: boolean;
  readonly default?: DefaultValue;
  /** For a procedure argument with a known interface: the callback's signature. */
  readonly callback?: CallbackSignature;
  /** Fortran `value` attribute: passed by value, not by reference. */
  readonly value?: boolean;
  /** Fortran `allocatable` dummy argument (allocated by the routine when intent(out)). */
  readonly allocatable?: boolean;
  /** Fortran `pointer` dummy argument. */
  readonly pointer?: boolean;
  /**
   * bridgegen's `zerobased[(extent)]` on an integer array of Fortran indices (LAPACK's pivots):
   * JS sees them 0-based, as SciPy shows them. Inputs are checked to lie in [0, extent) and
   * passed on plus one; outputs come back minus one.
   */
  readonly zeroBased?: { readonly extent?: Expr };
  /**
   * F2Py's `intent(c)` on an array of rank >= 2 (C functions only): stored in C (row-major)
   * order, so `a(m,n)` is m rows of n; JS inputs and outputs keep the declared shape.
   */
  readonly rowMajor?: boolean;
  /**
   * A derived-type scalar passed as its components (`type(point) :: p` -> `{ x, y }` in JS):
   * the module defining the type and the components, in order. Set by the `records` pass when
   * every component is a plain value; absent, the `supported` pass says why the routine is skipped.
   */
  readonly record?: RecordLayout;
  /**
   * A C `void *` context (userdata) that the function hands back to the callback argument named
   * here: the wrapper supplies its own, so neither the JS caller nor the JS callback sees it
   * (hidden). Also set on that `void *` parameter of the callback's signature.
   */
  readonly userdata?: string;
  /**
   * A C pointer of unknown length passed as given (`--unchecked-pointers`): nothing checks what
   * the function reads or writes through it, and the .d.ts marks the routine `@unsafe`.
   */
  readonly unchecked?: boolean;
}

/** How a derived-type argument crosses: the type's module (for `use`) and its components. */
export interface RecordLayout {
  readonly module: string;
  readonly components: readonly DataDecl[];
}

/**
 * One actual argument of the Fortran call, when a `callstatement` gives the call (F2Py): the
 * argument named, for an array displaced by `offset` elements (`x+offx`).
 */
export interface CallArg {
  readonly name: string;
  readonly offset?: Expr;
}

export type RoutineKind = 'subroutine' | 'function';

/** The interface of a procedure argument: how the routine calls the JS function given for it. */
export interface CallbackSignature {
  readonly kind: RoutineKind;
  readonly args: readonly Arg[];
  readonly result?: Arg;
}

export interface Routine {
  /** Lower-case Fortran name: the JS name. */
  readonly name: string;
  readonly kind: RoutineKind;
  /** The name to call in Fortran when it differs from `name` (F2Py's `fortranname`). */
  readonly fortranName?: string;
  /** The enclosing Fortran module, if any. */
  readonly module?: string;
  readonly doc?: string;
  /** The function result (functions only); its name is the `result(...)` name or the function's. */
  readonly result?: Arg;
  readonly args: readonly Arg[];
  /** Declared pure/elemental or `threadsafe`: may run concurrently with other calls. */
  readonly threadsafe: boolean;
  /**
   * F2Py `check(...)` conditions of the routine's arguments, in source order: they may relate
   * several arguments, so they belong to the routine and are verified once every input and
   * default is known (absent when there are none).
   */
  readonly checks?: readonly Check[];
  /**
   * The Fortran routine's actual arguments when they are not simply `args` in order (F2Py's
   * `callstatement (*f2py_func)(&n,x+offx,...)`): arguments left out are the wrapper's own.
   */
  readonly callArgs?: readonly CallArg[];
  /**
   * `'c'`: a C function (F2Py's `intent(c)` on the routine, or a prototype from a C header),
   * called directly with C's conventions: arguments with `value` by value, others by address, a
   * function result as C's return value. Absent: Fortran, called through the bind(C) shim.
   */
  readonly language?: 'c';
  /** For a C function: the header that declares it (the addon includes it); absent, the addon writes the prototype. */
  readonly header?: string;
  readonly span: Span;
}

/**
 * The declared type and shape of an entity: a dummy argument (`Arg` extends it), module
 * variable, named constant, common block member or derived-type component.
 */
export interface DataDecl {
  /** Lower-case Fortran name: the JS name. */
  readonly name: string;
  readonly type: BaseType;
  /** Storage size in bytes (complex*16 -> 16); 0 for `type` and `procedure`. */
  readonly kind: number;
  readonly rank: number;
  /** Each dimension as written, e.g. `['3', '0:n']`; `':'` for a deferred (allocatable/pointer) shape. */
  readonly dims: readonly string[];
  /**
   * Each dimension parsed, named constants folded to numbers; same length as `dims`. A deferred
   * shape (`:` of an allocatable or pointer) has form `'assumed-shape'`: its extent is known only at run time.
   */
  readonly bounds: readonly Bound[];
  /** Character length as written, lower case without blanks (`'*'`, `'10'`, `'n'`); character only. */
  readonly charLen?: string;
  /**
   * Type name of a `type(t)`/`class(t)` entity, or interface name of `procedure(iface)`; for a
   * parameter of a C header's function, its C type as the header spells it (`mylib_fn`, `void *`).
   */
  readonly typeName?: string;
  readonly doc?: string;
  readonly span: Span;
}

/**
 * The value of a named constant, evaluated by the front end and converted to its declared type
 * (integer truncated, `real(4)` rounded to single precision): a number, boolean (logical) or
 * string (character); an array lists its elements in array element (column-major) order.
 */
export type ConstantValue = number | boolean | string | readonly number[] | readonly boolean[] | readonly string[];

/** A public variable or named constant of a Fortran module (issue 4 wraps it as `m.mod.name`). */
export interface ModuleVariable extends DataDecl {
  /** A named constant (`parameter`): no storage; `value` holds it when it could be evaluated. */
  readonly parameter: boolean;
  /** The constant's value (parameters only; absent when not evaluable, e.g. complex or `huge(1_8)`). */
  readonly value?: ConstantValue;
  /** `allocatable`: allocated at run time; `bounds` are deferred (`:`). */
  readonly allocatable: boolean;
  /** `pointer` (data or procedure pointer). */
  readonly pointer: boolean;
  /** `target`: may be pointed to. */
  readonly target: boolean;
  /** `save` written on it or a bare `save` statement in the module (F2008 saves every module variable anyway). */
  readonly save: boolean;
  /** `protected`: read-only outside the module (so a setter must be refused). */
  readonly protected: boolean;
  /** A C enumerator: the tag (or typedef name) of its `enum`, so the .d.ts can group them. */
  readonly enumName?: string;
}

/** A component of a derived type. */
export interface TypeComponent extends DataDecl {
  readonly allocatable: boolean;
  readonly pointer: boolean;
  /** Not accessible outside the module (`private` attribute, or a `private` statement in the type). */
  readonly private: boolean;
}

/** A public derived type defined in a module (recorded; wrapping comes later). */
export interface DerivedType {
  /** Lower-case type name. */
  readonly name: string;
  /** `bind(c)`: interoperable, laid out as the C struct of its components. */
  readonly bindC: boolean;
  /** `sequence`: components stored in declaration order. */
  readonly sequence: boolean;
  /** The parent type of `extends(parent)`, whose components come first. */
  readonly extends?: string;
  /** Every component in declaration order (private ones too: the layout needs them). */
  readonly components: readonly TypeComponent[];
  readonly doc?: string;
  readonly span: Span;
}

export interface Module {
  readonly name: string;
  /** For the constants (enumerators, integer macros) and structs of a C header: that header. */
  readonly header?: string;
  readonly doc?: string;
  /** Public variables and named constants, in source order (common block members are under `commons`). */
  readonly variables: readonly ModuleVariable[];
  /** Public derived types, in source order. */
  readonly types: readonly DerivedType[];
  readonly span: Span;
}

/** A member of a common block; type, kind and shape from the declarations of the unit where it appears. */
export type CommonVariable = DataDecl;

/** A common block (issue 4 wraps it as `m.blockname`). */
export interface CommonBlock {
  /**
   * Lower-case block name; `''` for blank common (so `common /${name}/` is valid Fortran either way;
   * the JS name of blank common is the emitter's choice).
   */
  readonly name: string;
  /** Members in storage order, as the first unit (in source order) that declares the block lists them. */
  readonly variables: readonly CommonVariable[];
  /** The first `common` statement naming the block. */
  readonly span: Span;
}

/** Everything one build exports. */
export interface Interface {
  readonly routines: readonly Routine[];
  readonly modules: readonly Module[];
  /** Common blocks of all routines and modules, in order of first appearance. */
  readonly commons: readonly CommonBlock[];
}
