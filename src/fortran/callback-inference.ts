// F2Py's inference of a callback's signature from its call site, for a procedure argument that
// has no interface (`external f`): `call f(n, x, fvec, iflag)` makes f a subroutine whose
// arguments are declared like the actual arguments; `y = f(x)` makes it a function whose result
// has f's own declared (or implicit) type. The inferred interface is written as Fortran and read
// back by the front end itself, so it is lowered exactly like one the user wrote.
//
// Direction is unknown at a call site: a variable is taken as intent(inout) (the JS function
// receives it and may set it, a scalar by returning `{ name: value }`), a literal or a size of
// another argument as intent(in).
// An actual argument that is any other expression leaves the signature unknown.

import type { Stmt } from './ast';
import { splitTop } from './cursor';
import { lex, type Token } from './lexer';

/** How a variable of the calling routine is declared, as Fortran text; undefined if unsuitable. */
export interface VariableDecl {
  /** `real(8)`, `integer(4)`, `complex(8)`, `logical(4)`. */
  readonly type: string;
  /** Each dimension as written (`n`, `0:n`, `*`); empty for a scalar. */
  readonly dims: readonly string[];
}

export interface InferenceScope {
  /** The declaration of a variable of the routine, or undefined (unknown or unsuitable). */
  variable(name: string): VariableDecl | undefined;
  /** The type of the procedure `name` as a function (its declared or implicit type). */
  functionType(name: string): string | undefined;
}

interface CallSite {
  readonly kind: 'subroutine' | 'function';
  readonly actuals: readonly (readonly Token[])[];
}

const isOp = (t: Token | undefined, text: string): boolean => t !== undefined && t.kind === 'op' && t.text === text;
const isName = (t: Token | undefined, name: string): boolean => t !== undefined && t.kind === 'ident' && t.text.toLowerCase() === name;

/** The actual arguments after the `(` at tokens[open], split at top-level commas; undefined if unbalanced. */
function actualsAt(tokens: readonly Token[], open: number): Token[][] | undefined {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i];
    if (isOp(t, '(') || isOp(t, '[')) depth++;
    else if ((isOp(t, ')') || isOp(t, ']')) && --depth === 0) return i > open + 1 ? splitTop(tokens.slice(open + 1, i)) : [];
  }
  return undefined;
}

/** The first statement of the body that calls `name`: `call name(...)`, else a reference `name(...)`. */
function findCallSite(name: string, body: readonly Stmt[]): CallSite | undefined {
  for (const s of body) {
    if (s.kind !== 'other' || !s.text.toLowerCase().includes(name)) continue;
    const tokens = lex(s.text);
    const call = isName(tokens[0], 'call') && isName(tokens[1], name);
    if (call) {
      const actuals = isOp(tokens[2], '(') ? actualsAt(tokens, 2) : [];
      if (actuals) return { kind: 'subroutine', actuals };
      continue;
    }
    for (let i = 1; i < tokens.length; i++) {
      if (!isName(tokens[i], name) || !isOp(tokens[i + 1], '(')) continue;
      const actuals = actualsAt(tokens, i + 1);
      if (actuals) return { kind: 'function', actuals };
    }
  }
  return undefined;
}

interface Dummy {
  readonly name: string;
  readonly decl: string;
}

/** A literal's type: integers, reals (`1d0` double), logicals. */
function literalType(t: Token): string | undefined {
  if (t.kind === 'int') return 'integer';
  if (t.kind === 'real') return /d/i.test(t.text) ? 'real(8)' : 'real';
  if (t.kind === 'dotop' && (t.text === '.true.' || t.text === '.false.')) return 'logical';
  return undefined;
}

/** Dimensions that mention names the callback does not receive become assumed size (`*`). */
function ownDims(dims: readonly string[], dummies: ReadonlySet<string>): string[] {
  return dims.map((d) => {
    const names = d.toLowerCase().match(/[a-z_]\w*/g) ?? [];
    return names.every((n) => dummies.has(n)) ? d : '*';
  });
}

/** One dummy per actual argument: a variable keeps its name and declaration, anything else is `aK`. */
function dummiesOf(site: CallSite, scope: InferenceScope): Dummy[] | undefined {
  const used = new Set<string>();
  const fresh = (base: string): string => {
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base}_${k}`;
    used.add(name);
    return name;
  };
  const plan: { name: string; type: string; dims: readonly string[]; intent: string }[] = [];
  for (const [k, actual] of site.actuals.entries()) {
    const [first] = actual;
    if (!first) return undefined;
    const literal = actual.length === 1 || (actual.length === 2 && isOp(first, '-')) ? literalType(actual[actual.length - 1]!) : undefined;
    if (literal) {
      plan.push({ name: fresh(`a${k + 1}`), type: literal, dims: [], intent: 'in' });
      continue;
    }
    if (first.kind !== 'ident') return undefined;
    const v = scope.variable(first.text.toLowerCase());
    if (!v) return undefined;
    const element = actual.length > 1 && isOp(actual[1], '(') && actualsAt(actual, 1)?.length === v.dims.length;
    if (actual.length > 1 && !(element && isOp(actual[actual.length - 1], ')'))) return undefined;
    // An array element passes a scalar (F2Py's reading; sequence association is not followed).
    plan.push({ name: fresh(first.text.toLowerCase()), type: v.type, dims: element ? [] : v.dims, intent: 'inout' });
  }
  const names = new Set(plan.map((p) => p.name));
  const dimsOf = plan.map((p) => ownDims(p.dims, names));
  // A scalar that sizes another argument is read, not set: the JS side then leaves it out, as in a call.
  const sizes = new Set(dimsOf.flat().flatMap((d) => d.toLowerCase().match(/[a-z_]\w*/g) ?? []));
  return plan.map((p, k) => {
    const dims = dimsOf[k]!;
    const intent = sizes.has(p.name) ? 'in' : p.intent;
    return { name: p.name, decl: `${p.type}, intent(${intent}) :: ${p.name}${dims.length ? `(${dims.join(',')})` : ''}` };
  });
}

/**
 * The interface of procedure argument `name` as Fortran source, from its first call site in
 * `body`; undefined when there is none or it does not tell every argument's type.
 */
export function inferredInterface(name: string, body: readonly Stmt[], scope: InferenceScope): string | undefined {
  const site = findCallSite(name, body);
  if (!site) return undefined;
  const dummies = dummiesOf(site, scope);
  if (!dummies) return undefined;
  const result = site.kind === 'function' ? scope.functionType(name) : undefined;
  if (site.kind === 'function' && !result) return undefined;
  const header = `${result ? `${result} function` : 'subroutine'} ${name}(${dummies.map((d) => d.name).join(', ')})`;
  return [header, ...dummies.map((d) => `  ${d.decl}`), `end ${site.kind} ${name}`, ''].join('\n');
}
