// The syntax of C declarations as written (after preprocessing): types as a tree of pointers,
// arrays and functions over named base types. Meaning (sizes, IR types, bounds) is lower.ts's.

import type { Span } from '../ir/types';

/** A C type. `const` is the qualifier on this level (`const double *` is a pointer to const). */
export type CType =
  /** Base type specifiers, normalised (`unsigned long`, `double _Complex`), or a typedef name. */
  | { readonly kind: 'name'; readonly name: string; readonly const: boolean }
  /** `struct tag`, `union tag` or `enum tag` (an anonymous one gets a `<anon@line>` tag). */
  | { readonly kind: 'struct' | 'union' | 'enum'; readonly tag: string; readonly const: boolean }
  | { readonly kind: 'pointer'; readonly to: CType; readonly const: boolean }
  /** `T name[size]`; `size` as written (absent for `[]`). */
  | { readonly kind: 'array'; readonly of: CType; readonly size?: string }
  | { readonly kind: 'function'; readonly result: CType; readonly params: readonly CParam[]; readonly variadic: boolean };

export interface CParam {
  /** The declared name, else one taken from a `/* name * /` comment in the parameter. */
  readonly name?: string;
  readonly type: CType;
  /** A length annotation from a comment in the parameter (`/* dimension(n) * /` or `/* [n] * /`), as written. */
  readonly length?: string;
  readonly span: Span;
}

export interface CEnumerator {
  readonly name: string;
  /** The value; undefined when its expression is not an integer constant this front end folds. */
  readonly value: number | undefined;
  readonly span: Span;
}

export interface CField {
  readonly name: string;
  readonly type: CType;
  readonly span: Span;
}

/** One declaration. `doc` is the comment right above it, if any. */
export type CDecl =
  | { readonly kind: 'function'; readonly name: string; readonly type: Extract<CType, { kind: 'function' }>; readonly doc?: string; readonly span: Span }
  | { readonly kind: 'typedef'; readonly name: string; readonly type: CType; readonly span: Span }
  | { readonly kind: 'enum'; readonly tag: string; readonly members: readonly CEnumerator[]; readonly doc?: string; readonly span: Span }
  | { readonly kind: 'struct' | 'union'; readonly tag: string; readonly fields: readonly CField[]; readonly doc?: string; readonly span: Span }
  /** An object-like macro whose body is an integer constant (`#define LAPACK_COL_MAJOR 102`). */
  | { readonly kind: 'macro'; readonly name: string; readonly value: number; readonly span: Span };
