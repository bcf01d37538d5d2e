// Which machine element type (stdlib-js dtype name) holds a value of an IR type and kind.
// Every emitter maps dtypes to its own language; none re-derives them from Fortran types.

import type { Arg } from './types';

export type Dtype =
  | 'int8' | 'int16' | 'int32' | 'int64'
  | 'float32' | 'float64'
  | 'complex64' | 'complex128'
  | 'logical1' | 'logical4'
  | 'chars';

const DTYPES: Readonly<Record<string, Dtype>> = {
  'integer:1': 'int8',
  'integer:2': 'int16',
  'integer:4': 'int32',
  'integer:8': 'int64',
  'real:4': 'float32',
  'real:8': 'float64',
  'complex:8': 'complex64',
  'complex:16': 'complex128',
  'logical:1': 'logical1',
  'logical:4': 'logical4',
};

/** The dtype of an argument's elements, or undefined when the type/kind is not supported yet. */
export function dtypeOf(arg: Pick<Arg, 'type' | 'kind'>): Dtype | undefined {
  if (arg.type === 'character') return arg.kind === 1 ? 'chars' : undefined;
  return DTYPES[`${arg.type}:${arg.kind}`];
}

/** The dtype of a supported argument; callers run after the `supported` pass. */
export function requireDtype(arg: Pick<Arg, 'type' | 'kind' | 'name'>): Dtype {
  const dtype = dtypeOf(arg);
  if (dtype === undefined) throw new Error(`internal: argument ${arg.name} has no dtype (${arg.type}*${arg.kind})`);
  return dtype;
}
