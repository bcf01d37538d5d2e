// TypeScript spellings for the dts emitter: what a parameter accepts and what a result is
// (contract 1.4). Mirrors napi/ctypes.ts.

import { isInPlace } from '../../ir/convention';
import { requireDtype, type Dtype } from '../../ir/dtype';
import type { Arg } from '../../ir/types';

export const TYPED_ARRAY: Readonly<Record<Dtype, string>> = {
  int8: 'Int8Array',
  int16: 'Int16Array',
  int32: 'Int32Array',
  int64: 'BigInt64Array',
  float32: 'Float32Array',
  float64: 'Float64Array',
};

function elementIn(dtype: Dtype): string {
  return dtype === 'int64' ? 'number | bigint' : 'number';
}

function nested(rank: number, element: string): string {
  let type = `ArrayLike<${element}>`;
  for (let d = 1; d < rank; d++) type = `ArrayLike<${type}>`;
  return type;
}

/** What the caller may pass for an argument; `ns` is the namespace holding the helper types. */
export function paramType(arg: Arg, ns: string): string {
  const dtype = requireDtype(arg);
  if (arg.rank === 0) return elementIn(dtype);
  const exact = TYPED_ARRAY[dtype];
  if (isInPlace(arg)) return arg.rank === 1 ? exact : `${exact} | ${ns}.NDArrayIn<${exact}>`;
  const element = elementIn(dtype);
  if (arg.rank === 1) return `${exact} | ${nested(1, element)}`;
  return `${exact} | ${nested(arg.rank, element)} | ${ns}.NDArrayIn<ArrayLike<${element}>>`;
}

/** The type of one result value. */
export function resultType(arg: Arg, ns: string): string {
  const dtype = requireDtype(arg);
  if (arg.rank === 0) return dtype === 'int64' ? 'bigint' : 'number';
  if (arg.rank === 1) return TYPED_ARRAY[dtype];
  return `${ns}.NDArray<${TYPED_ARRAY[dtype]}, '${dtype}'>`;
}

/** How an argument was declared, for docs: `real(8) u(n), intent(in)`. */
export function declaredAs(arg: Arg): string {
  const dims = arg.rank > 0 ? `(${arg.dims.join(',')})` : '';
  const intent = arg.hidden ? 'intent(hide)' : arg.intent ? `intent(${arg.returned && arg.intent === 'inout' && arg.rank > 0 ? 'in,out' : arg.intent})` : 'no intent';
  return `${arg.type}(${arg.kind}) ${arg.name}${dims}, ${intent}`;
}
