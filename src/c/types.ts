// C types as the IR sees them: typedefs resolved, base types sized (LP64, as on Linux x86_64
// and aarch64), each type classified as a scalar, a pointer, a struct, a function pointer or
// something bridgegen does not pass (`long double`, `void **`).

import type { BaseType } from '../ir/types';
import type { CType } from './ast';

/** What a C type is, for lowering. */
export type CKind =
  | { readonly kind: 'scalar'; readonly type: BaseType; readonly bytes: number; readonly enumTag?: string; readonly unsigned?: boolean }
  | { readonly kind: 'void' }
  | { readonly kind: 'struct'; readonly name: string }
  | { readonly kind: 'pointer'; readonly to: CKind; readonly const: boolean }
  | { readonly kind: 'function'; readonly type: Extract<CType, { kind: 'function' }> }
  | { readonly kind: 'opaque'; readonly spelling: string };

/** Base type names (as parser.ts normalises them) and their IR type and size in bytes. */
const BASE: Readonly<Record<string, readonly [BaseType, number]>> = {
  char: ['character', 1], 'signed char': ['integer', 1], 'unsigned char': ['integer', 1],
  short: ['integer', 2], 'unsigned short': ['integer', 2],
  int: ['integer', 4], 'unsigned int': ['integer', 4],
  long: ['integer', 8], 'unsigned long': ['integer', 8], 'long long': ['integer', 8], 'unsigned long long': ['integer', 8],
  float: ['real', 4], double: ['real', 8],
  'float _Complex': ['complex', 8], 'double _Complex': ['complex', 16],
  _Bool: ['logical', 1],
};

/** The typedefs, structs and enums of the headers read, by name. */
export interface TypeScope {
  readonly typedefs: ReadonlyMap<string, CType>;
  /** The name a struct is known by: its tag, or the typedef naming an anonymous one. */
  readonly structNames: ReadonlyMap<string, string>;
}

/** C's spelling of a type, for messages and type names (`const double *`). */
export function spelling(t: CType): string {
  switch (t.kind) {
    case 'name': return `${t.const ? 'const ' : ''}${t.name}`;
    case 'struct': case 'union': case 'enum': return `${t.const ? 'const ' : ''}${t.kind} ${t.tag}`;
    case 'pointer': return t.to.kind === 'function' ? functionSpelling(t.to, '(*)') : `${spelling(t.to)} *${t.const ? 'const' : ''}`;
    case 'array': return `${spelling(t.of)}[${t.size ?? ''}]`;
    case 'function': return functionSpelling(t, '');
  }
}

function functionSpelling(t: Extract<CType, { kind: 'function' }>, declarator: string): string {
  return `${spelling(t.result)} ${declarator}(${t.params.map((p) => spelling(p.type)).join(', ')}${t.variadic ? ', ...' : ''})`;
}

/** Whether the type is `const`-qualified at its top level (through typedefs). */
export function isConst(t: CType, scope: TypeScope): boolean {
  if (t.kind === 'name' && !t.const && scope.typedefs.has(t.name)) return isConst(scope.typedefs.get(t.name)!, scope);
  return 'const' in t && t.const;
}

/** The type a typedef name stands for, through every level of typedef. */
function unalias(t: CType, scope: TypeScope): CType {
  for (let depth = 0; t.kind === 'name' && scope.typedefs.has(t.name) && depth < 64; depth++) t = scope.typedefs.get(t.name)!;
  return t;
}

/** What `t` is; `depth` guards against typedef cycles (not valid C, but not a reason to hang). */
export function classify(t: CType, scope: TypeScope, depth = 0): CKind {
  if (depth > 64) return { kind: 'opaque', spelling: spelling(t) }; // a typedef cycle: not valid C
  switch (t.kind) {
    case 'name': {
      const alias = scope.typedefs.get(t.name);
      if (alias) return classify(alias, scope, depth + 1);
      if (t.name === 'void') return { kind: 'void' };
      const base = BASE[t.name];
      if (!base) return { kind: 'opaque', spelling: spelling(t) };
      return t.name.startsWith('unsigned ') ? { kind: 'scalar', type: base[0], bytes: base[1], unsigned: true } : { kind: 'scalar', type: base[0], bytes: base[1] };
    }
    case 'enum':
      return { kind: 'scalar', type: 'integer', bytes: 4, enumTag: t.tag };
    case 'struct':
      return { kind: 'struct', name: structSpelling(t.tag, scope) };
    case 'union':
      return { kind: 'opaque', spelling: spelling(t) };
    case 'pointer': {
      const target = unalias(t.to, scope);
      if (target.kind === 'function') return { kind: 'function', type: target };
      return { kind: 'pointer', to: classify(t.to, scope, depth + 1), const: isConst(t.to, scope) };
    }
    case 'array':
      return { kind: 'opaque', spelling: spelling(t) };
    case 'function':
      return { kind: 'function', type: t };
  }
}

/**
 * How C spells a struct type: its typedef name for an anonymous struct, else `struct tag` (the
 * name the C shim declares it by, and the derived type's name in the IR).
 */
export function structSpelling(tag: string, scope: Pick<TypeScope, 'structNames'>): string {
  return scope.structNames.get(tag) ?? `struct ${tag}`;
}
