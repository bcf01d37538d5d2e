// Resolves named constants and declared kinds for a scope: its parameters, `use` (with renames) of user
// modules, iso_c_binding and iso_fortran_env, then the host; evaluation itself is in const-eval.ts.

import type { ModuleUnit, RawExpr, Stmt, TypeSpec, UseStmt } from './ast';
import { convertConst, evalValue, integer, type Const, type ValueScope } from './const-eval';
import type { Token } from './lexer';

export { selectedRealKind } from './const-intrinsics';

/** Fortran kind values (gfortran) of the named constants of the intrinsic modules. */
const INTRINSIC_MODULES: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  iso_c_binding: {
    c_int: 4, c_short: 2, c_long: 8, c_long_long: 8, c_signed_char: 1, c_size_t: 8, c_intmax_t: 8, c_intptr_t: 8,
    c_ptrdiff_t: 8, c_int8_t: 1, c_int16_t: 2, c_int32_t: 4, c_int64_t: 8, c_int_least8_t: 1, c_int_least16_t: 2,
    c_int_least32_t: 4, c_int_least64_t: 8, c_int_fast8_t: 1, c_int_fast16_t: 8, c_int_fast32_t: 8, c_int_fast64_t: 8,
    c_float: 4, c_double: 8, c_long_double: 10, c_float_complex: 4, c_double_complex: 8, c_long_double_complex: 10,
    c_bool: 1, c_char: 1,
  },
  iso_fortran_env: {
    int8: 1, int16: 2, int32: 4, int64: 8, real32: 4, real64: 8, real128: 16,
    character_storage_size: 8, numeric_storage_size: 32, file_storage_size: 8,
  },
};

/** Something that knows named constants (typed values, and integers for kinds and bounds). */
export interface ConstScope extends ValueScope {
  /** The value of an integer named constant. */
  lookup(name: string, depth: number): number | undefined;
}

export type ConstResult = { readonly value: number } | { readonly error: string; readonly token?: Token };

/** The type a name gets when no declaration says: a function of its name (implicit rules). */
export type ImplicitOf = (name: string) => TypeSpec | null;

/** Fortran's default implicit rule: I-N integer, the rest real. */
const defaultImplicitOf: ImplicitOf = (name) => ({ name: /^[i-n]/.test(name) ? 'integer' : 'real', span: { file: '', line: 0, col: 0 } });

/** Named constants declared by `parameter` in a list of statements. */
export function parametersOf(body: readonly Stmt[]): Map<string, RawExpr> {
  const params = new Map<string, RawExpr>();
  for (const s of body) {
    if (s.kind === 'parameter' || (s.kind === 'decl' && s.attrs.some((a) => a.kind === 'simple' && a.name === 'parameter'))) {
      for (const e of s.entities) if (e.init) params.set(e.name, e.init);
    }
  }
  return params;
}

/** Resolves modules by name: the intrinsic ones and those among the inputs. */
export class ModuleTable {
  private readonly scopes = new Map<string, Scope>();
  /** Every name looked up among the input modules so far (a later definition would change the answer). */
  readonly looked = new Set<string>();
  constructor(private readonly modules: ReadonlyMap<string, ModuleUnit>) {}

  value(module: string, name: string, depth: number): Const | undefined {
    const table = INTRINSIC_MODULES[module];
    if (table) return Object.hasOwn(table, name) ? integer(table[name]!, 4) : undefined;
    return this.scopeOf(module)?.value(name, depth);
  }

  typeOf(module: string, name: string, depth: number): { type: string; kind: number } | undefined {
    const table = INTRINSIC_MODULES[module];
    if (table) return Object.hasOwn(table, name) ? { type: 'integer', kind: 4 } : undefined;
    return this.scopeOf(module)?.typeOf(name, depth);
  }

  /** The constant scope of a module among the inputs. */
  scopeOf(module: string): Scope | undefined {
    this.looked.add(module);
    let s = this.scopes.get(module);
    const unit = this.modules.get(module);
    if (!s && unit) {
      s = new Scope(unit.body, undefined, this);
      this.scopes.set(module, s);
    }
    return s;
  }

  has(module: string): boolean {
    if (module in INTRINSIC_MODULES) return true;
    this.looked.add(module);
    return this.modules.has(module);
  }
}

/** The constants visible in a routine or module: its own parameters, then its `use`s, then the host. */
export class Scope implements ConstScope {
  private readonly params: Map<string, RawExpr>;
  private readonly decls = new Map<string, TypeSpec>();
  private readonly uses: UseStmt[];
  private readonly cache = new Map<string, Const>();
  constructor(
    body: readonly Stmt[],
    private readonly parent: ConstScope | undefined,
    private readonly modules: ModuleTable,
    private readonly implicitOf: ImplicitOf = defaultImplicitOf,
  ) {
    this.params = parametersOf(body);
    this.uses = body.filter((s): s is UseStmt => s.kind === 'use');
    for (const s of body) if (s.kind === 'decl' && !s.directive) for (const e of s.entities) this.decls.set(e.name, s.type);
  }

  lookup(name: string, depth: number): number | undefined {
    const v = this.value(name, depth);
    return v?.type === 'integer' ? v.value : undefined;
  }

  value(name: string, depth: number): Const | undefined {
    if (depth > 32) return undefined;
    const cached = this.cache.get(name);
    if (cached) return cached;
    const p = this.params.get(name);
    if (p) {
      const r = evalValue(p.tokens, this, depth + 1);
      const t = 'value' in r ? this.typeOf(name, depth + 1) : undefined;
      const v = 'value' in r && t ? convertConst(r.value, t.type, t.kind) : undefined;
      if (v) this.cache.set(name, v);
      return v;
    }
    for (const u of this.uses) {
      const remote = visibleAs(u, name);
      if (remote === undefined) continue;
      const v = this.modules.value(u.module, remote, depth + 1);
      if (v !== undefined) return v;
    }
    return this.parent?.value(name, depth + 1);
  }

  /** The declared (else implicit, for a local named constant) type and kind parameter of a name. */
  typeOf(name: string, depth: number): { type: string; kind: number } | undefined {
    if (depth > 32) return undefined;
    const spec = this.decls.get(name) ?? (this.params.has(name) ? this.implicitOf(name) : null);
    if (spec) return kindParamOf(spec, this, depth + 1);
    for (const u of this.uses) {
      const remote = visibleAs(u, name);
      const t = remote === undefined ? undefined : this.modules.typeOf(u.module, remote, depth + 1);
      if (t) return t;
    }
    return this.parent?.typeOf(name, depth + 1);
  }

  /** The `use`d modules that are neither intrinsic nor among the inputs (for messages). */
  unknownModules(): string[] {
    return this.uses.filter((u) => !this.modules.has(u.module)).map((u) => u.module);
  }
}

/** The base type and kind parameter (not bytes) a type spec declares; undefined when it cannot be resolved. */
function kindParamOf(spec: TypeSpec, scope: ConstScope, depth: number): { type: string; kind: number } | undefined {
  const evaluated = (e: RawExpr | undefined): number | undefined => {
    if (!e) return undefined;
    const r = evalConst(e.tokens, scope, depth);
    return 'value' in r ? r.value : undefined;
  };
  switch (spec.name) {
    case 'doubleprecision':
      return { type: 'real', kind: 8 };
    case 'doublecomplex':
      return { type: 'complex', kind: 8 };
    case 'integer':
    case 'real':
    case 'logical':
    case 'complex': {
      const star = evaluated(spec.star);
      const kind = star !== undefined ? (spec.name === 'complex' ? star / 2 : star) : spec.kind ? evaluated(spec.kind) : 4;
      return kind === undefined ? undefined : { type: spec.name, kind };
    }
    case 'character':
      return { type: 'character', kind: spec.kind ? (evaluated(spec.kind) ?? 1) : 1 };
    default:
      return undefined;
  }
}

/** The name in `u`'s module that `name` refers to, if `u` makes it visible. */
function visibleAs(u: UseStmt, name: string): string | undefined {
  const renamed = u.names.find((n) => n.local === name);
  if (renamed) return renamed.remote;
  if (u.only || u.names.some((n) => n.remote === name && n.local !== name)) return undefined;
  return name;
}

/** Evaluates an integer constant expression (`8`, `dp`, `kind(1.d0)`, `selected_real_kind(15, 307)`, `2*4`). */
export function evalConst(tokens: readonly Token[], scope: ConstScope, depth = 0): ConstResult {
  const r = evalValue(tokens, scope, depth);
  if (!('value' in r)) return r;
  if (r.value.type !== 'integer') return { error: 'not an integer constant', ...(tokens[0] ? { token: tokens[0] } : {}) };
  return { value: r.value.value };
}
