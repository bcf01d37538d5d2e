// TypeScript spellings for the dts emitter: what a parameter accepts and what a result is
// (contract 1.4). Mirrors napi/ctypes.ts.

import { callbackConvention } from '../../ir/callbacks';
import { isInPlace } from '../../ir/convention';
import { bindingName } from '../js-names';
import { requireDtype, type Dtype } from '../../ir/dtype';
import type { Arg } from '../../ir/types';

export const TYPED_ARRAY: Readonly<Record<Dtype, string>> = {
  int8: 'Int8Array',
  int16: 'Int16Array',
  int32: 'Int32Array',
  int64: 'BigInt64Array',
  float32: 'Float32Array',
  float64: 'Float64Array',
  complex64: 'Float32Array',
  complex128: 'Float64Array',
  logical1: 'Uint8Array',
  logical4: 'Int32Array',
  chars: 'string[]',
};

/** The `dtype` of an ndarray result, as the runtime names it (stdlib-js names). */
const NDARRAY_DTYPE: Readonly<Record<Dtype, string>> = {
  int8: 'int8', int16: 'int16', int32: 'int32', int64: 'int64', float32: 'float32', float64: 'float64',
  complex64: 'complex64', complex128: 'complex128', logical1: 'bool', logical4: 'bool', chars: 'string',
};

const COMPLEX = '{ re: number; im: number }';

/** What one element may be given as. */
function elementIn(dtype: Dtype): string {
  if (dtype === 'int64') return 'number | bigint';
  if (dtype === 'complex64' || dtype === 'complex128') return `${COMPLEX} | number`;
  if (dtype === 'logical1' || dtype === 'logical4') return 'boolean | 0 | 1';
  if (dtype === 'chars') return 'string';
  return 'number';
}

/** What one element comes back as. */
function elementOut(dtype: Dtype): string {
  if (dtype === 'int64') return 'bigint';
  if (dtype === 'complex64' || dtype === 'complex128') return COMPLEX;
  if (dtype === 'logical1' || dtype === 'logical4') return 'boolean';
  if (dtype === 'chars') return 'string';
  return 'number';
}

function nested(rank: number, element: string): string {
  let type = `ArrayLike<${element}>`;
  for (let d = 1; d < rank; d++) type = `ArrayLike<${type}>`;
  return type;
}

/** What the caller may pass for an argument; `ns` is the namespace holding the helper types. */
/** A JS function for a procedure argument: what it receives, and what it may return. */
function callbackType(arg: Arg, ns: string): string {
  const conv = callbackConvention(arg.callback!);
  const params = conv.params.map((p) => `${bindingName(p.name)}: ${p.rank === 0 ? elementOut(requireDtype(p)) : TYPED_ARRAY[requireDtype(p)]}`);
  const settable = conv.settable.map((p) => `${p.name}?: ${paramType(p, ns)}`);
  const returns = conv.result ? paramType(conv.result, ns) : settable.length ? `void | { ${settable.join('; ')} }` : 'void';
  return `((${params.join(', ')}) => ${returns})`;
}

/** A derived-type value: an object with one property per component, typed as `element` says (an array component: `array`). */
function recordType(arg: Arg, element: (dtype: Dtype) => string, array: (dtype: Dtype) => string): string {
  return `{ ${arg.record!.components.map((c) => `${bindingName(c.name)}: ${(c.rank > 0 ? array : element)(requireDtype(c))}`).join('; ')} }`;
}

export function paramType(arg: Arg, ns: string): string {
  if (arg.type === 'procedure') return callbackType(arg, ns);
  if (arg.record) return recordType(arg, elementIn, (d) => `${TYPED_ARRAY[d]} | ${elementIn(d)}[]`);
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
  if (arg.record) return recordType(arg, elementOut, (d) => TYPED_ARRAY[d]);
  const dtype = requireDtype(arg);
  if (arg.rank === 0) return elementOut(dtype);
  if (arg.rank === 1) return TYPED_ARRAY[dtype];
  const order = arg.rowMajor ? ", 'row-major'" : '';
  return `${ns}.NDArray<${TYPED_ARRAY[dtype]}, '${NDARRAY_DTYPE[dtype]}'${order}>`;
}

/** How an argument was declared, for docs: `real(8) u(n), intent(in)`. */
export function declaredAs(arg: Arg): string {
  if (arg.type === 'procedure') return `procedure ${arg.name} (a JS function, called on the JS thread)`;
  if (arg.record) return `type(${arg.typeName}) ${arg.name}, ${arg.intent ? `intent(${arg.intent})` : 'no intent'} (an object: ${arg.record.components.map((c) => c.name).join(', ')})`;
  const dims = arg.rank > 0 ? `(${arg.dims.join(',')})` : '';
  const intent = arg.hidden ? 'intent(hide)' : arg.intent ? `intent(${arg.returned && arg.intent === 'inout' && arg.rank > 0 ? 'in,out' : arg.intent})` : 'no intent';
  return `${arg.type}(${arg.kind}) ${arg.name}${dims}, ${intent}`;
}
