// C++ spellings for the napi emitter: element types, member names, string literals (expressions: values.ts).

import { requireDtype, type Dtype } from '../../ir/dtype';
import type { Arg } from '../../ir/types';

export const C_TYPE: Readonly<Record<Dtype, string>> = {
  int8: 'int8_t',
  int16: 'int16_t',
  int32: 'int32_t',
  int64: 'int64_t',
  float32: 'float',
  float64: 'double',
  complex64: 'std::complex<float>',
  complex128: 'std::complex<double>',
  logical1: 'bridgegen::logical1',
  logical4: 'bridgegen::logical4',
  chars: 'bridgegen::Chars',
};

/** Frame members are prefixed so no Fortran name can clash with C++ keywords or frame methods. */
export function member(name: string): string {
  return `a_${name}`;
}

/** The frame members of a derived-type argument: one per component (records.ts). */
export function recordMembers(arg: Arg): { name: string; type: string; field: string }[] {
  return arg.record!.components.map((c) => ({ name: `${member(arg.name)}__${c.name}`, type: cType(c), field: c.name }));
}

/** Whether an argument that may be absent was given. */
export function present(arg: Pick<Arg, 'name'>): string {
  return `${member(arg.name)}_present`;
}

export function cType(arg: Pick<Arg, 'type' | 'kind' | 'name'>): string {
  return C_TYPE[requireDtype(arg)];
}

export const RESULT_MEMBER = 'r_value';

/** A C++ string literal. */
export function cppString(text: string): string {
  return JSON.stringify(text);
}
