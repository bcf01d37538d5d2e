// Evaluates constant integer expressions for kind parameters: named constants, `use` (with renames)
// of user modules, iso_c_binding and iso_fortran_env, kind() and selected_*_kind(); types are in lower.ts.

import type { ModuleUnit, RawExpr, Stmt, UseStmt } from './ast';
import { splitTop } from './cursor';
import type { Token } from './lexer';

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

/** Something that knows named constants. */
export interface ConstScope {
  lookup(name: string, depth: number): number | undefined;
}

export type ConstResult = { readonly value: number } | { readonly error: string; readonly token?: Token };

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
  constructor(private readonly modules: ReadonlyMap<string, ModuleUnit>) {}

  lookup(module: string, name: string, depth: number): number | undefined {
    const table = INTRINSIC_MODULES[module];
    if (table) return Object.hasOwn(table, name) ? table[name] : undefined;
    return this.scopeOf(module)?.lookup(name, depth);
  }

  /** The constant scope of a module among the inputs. */
  scopeOf(module: string): Scope | undefined {
    let s = this.scopes.get(module);
    const unit = this.modules.get(module);
    if (!s && unit) {
      s = new Scope(unit.body, undefined, this);
      this.scopes.set(module, s);
    }
    return s;
  }

  has(module: string): boolean {
    return module in INTRINSIC_MODULES || this.modules.has(module);
  }
}

/** The constants visible in a routine or module: its own parameters, then its `use`s, then the host. */
export class Scope implements ConstScope {
  private readonly params: Map<string, RawExpr>;
  private readonly uses: UseStmt[];
  constructor(
    body: readonly Stmt[],
    private readonly parent: ConstScope | undefined,
    private readonly modules: ModuleTable,
  ) {
    this.params = parametersOf(body);
    this.uses = body.filter((s): s is UseStmt => s.kind === 'use');
  }

  lookup(name: string, depth: number): number | undefined {
    if (depth > 32) return undefined;
    const p = this.params.get(name);
    if (p) {
      const r = evalConst(p.tokens, this, depth + 1);
      return 'value' in r ? r.value : undefined;
    }
    for (const u of this.uses) {
      const remote = visibleAs(u, name);
      if (remote === undefined) continue;
      const v = this.modules.lookup(u.module, remote, depth + 1);
      if (v !== undefined) return v;
    }
    return this.parent?.lookup(name, depth + 1);
  }

  /** The `use`d modules that are neither intrinsic nor among the inputs (for messages). */
  unknownModules(): string[] {
    return this.uses.filter((u) => !this.modules.has(u.module)).map((u) => u.module);
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
  let i = 0;
  const fail = (error: string, token: Token | undefined = tokens[i]): never => {
    throw token ? { error, token } : { error };
  };
  const isOp = (t: string): boolean => tokens[i]?.kind === 'op' && tokens[i]!.text === t;
  const sum = (): number => {
    let v = product();
    while (isOp('+') || isOp('-')) v = tokens[i++]!.text === '+' ? v + product() : v - product();
    return v;
  };
  const product = (): number => {
    let v = unary();
    while (isOp('*') || isOp('/')) v = tokens[i++]!.text === '*' ? v * unary() : Math.trunc(v / unary());
    return v;
  };
  const unary = (): number => (isOp('-') ? (i++, -unary()) : isOp('+') ? (i++, unary()) : primary());
  const primary = (): number => {
    const t = tokens[i] ?? fail('expression ends too early');
    i++;
    if (t.kind === 'int') return literalValue(t, scope, depth, fail);
    if (t.kind === 'op' && t.text === '(') {
      const v = sum();
      if (!isOp(')')) fail("expected ')'");
      i++;
      return v;
    }
    if (t.kind !== 'ident') return fail(`'${t.text}' is not a constant`, t);
    if (!isOp('(')) return scope.lookup(t.text, depth) ?? fail(`cannot resolve '${t.text}'`, t);
    const open = i;
    let level = 0;
    do {
      if (isOp('(')) level++;
      else if (isOp(')')) level--;
      i++;
    } while (level > 0 && i < tokens.length);
    return intrinsicCall(t, splitTop(tokens.slice(open + 1, i - 1)), scope, depth, fail);
  };
  try {
    const value = sum();
    if (i < tokens.length) fail(`unexpected '${tokens[i]!.text}'`);
    return { value };
  } catch (e) {
    if (e && typeof e === 'object' && 'error' in e) return e as ConstResult;
    throw e;
  }
}

type Fail = (error: string, token?: Token) => never;

/** An integer literal, honouring a kind suffix only as far as checking it resolves. */
function literalValue(t: Token, scope: ConstScope, depth: number, fail: Fail): number {
  const [digits, suffix] = t.text.split('_');
  if (suffix && !/^\d+$/.test(suffix) && scope.lookup(suffix, depth) === undefined) fail(`cannot resolve '${suffix}'`, t);
  return Number(digits);
}

/** `kind(x)`, `selected_real_kind(p, r)`, `selected_int_kind(r)`, `max`, `min`, `int`. */
function intrinsicCall(f: Token, args: Token[][], scope: ConstScope, depth: number, fail: Fail): number {
  const value = (ts: Token[]): number => {
    const r = evalConst(ts, scope, depth + 1);
    return 'value' in r ? r.value : fail(r.error, r.token ?? f);
  };
  const named = (pos: number, key: string): number | undefined => {
    const kw = args.find((a) => a[0]?.text === key && a[1]?.text === '=');
    if (kw) return value(kw.slice(2));
    const a = args[pos];
    return a && a.length > 0 && !(a[1]?.text === '=') ? value(a) : undefined;
  };
  switch (f.text) {
    case 'kind':
      if (args.length !== 1 || args[0]!.length !== 1) return fail('kind() of an expression is not supported', f);
      return kindOfLiteral(args[0]![0]!, scope, depth, fail);
    case 'selected_real_kind':
      return selectedRealKind(named(0, 'p') ?? 0, named(1, 'r') ?? 0);
    case 'selected_int_kind': {
      const r = named(0, 'r') ?? fail('selected_int_kind needs an argument', f);
      return r <= 2 ? 1 : r <= 4 ? 2 : r <= 9 ? 4 : r <= 18 ? 8 : 16;
    }
    case 'max':
    case 'min': {
      const vs = args.map(value);
      return f.text === 'max' ? Math.max(...vs) : Math.min(...vs);
    }
    case 'int':
      return args.length === 1 ? value(args[0]!) : fail('int() with a kind is not supported', f);
    default:
      return fail(`'${f.text}' cannot be evaluated as a constant`, f);
  }
}

/** gfortran's answer for `selected_real_kind(p, r)`; -1 when no kind has that precision. */
export function selectedRealKind(p: number, r: number): number {
  if (p <= 6 && r <= 37) return 4;
  if (p <= 15 && r <= 307) return 8;
  if (p <= 18 && r <= 4931) return 10;
  if (p <= 33 && r <= 4931) return 16;
  return -1;
}

/** `kind(1.d0)` = 8, `kind(1.0)` = 4, `kind(1.0_dp)` = dp, `kind(0)` = 4, `kind(.true.)` = 4. */
function kindOfLiteral(t: Token, scope: ConstScope, depth: number, fail: Fail): number {
  const [body, suffix] = t.text.split('_');
  if (suffix) return /^\d+$/.test(suffix) ? Number(suffix) : (scope.lookup(suffix, depth) ?? fail(`cannot resolve '${suffix}'`, t));
  if (t.kind === 'real') return /d/i.test(body!) ? 8 : /q/i.test(body!) ? 16 : 4;
  if (t.kind === 'int' || t.kind === 'dotop') return 4;
  return fail('kind() of a variable is not supported', t);
}
