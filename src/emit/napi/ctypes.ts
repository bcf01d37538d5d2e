// C++ spellings for the napi emitter: element types, member names, string literals (expressions: values.ts).

import { requireDtype, type Dtype } from '../../ir/dtype';
import { componentSize } from '../../ir/passes/records';
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

/** One frame member of a derived-type argument: `type` is its C++ type, `element` what the shim gets a pointer to. */
export interface RecordMember {
  readonly name: string;
  readonly type: string;
  readonly element: string;
  readonly field: string;
  /** The component's address for the shim: the member's, or its first element's. */
  readonly address: string;
  /** An array component: how many elements. */
  readonly size?: number;
}

/** The frame members of a derived-type argument: one per component (records.ts). */
export function recordMembers(arg: Arg): RecordMember[] {
  return arg.record!.components.map((c) => {
    const name = `${member(arg.name)}__${c.name}`;
    const element = cType(c);
    const size = c.rank > 0 ? componentSize(c)! : undefined;
    return size === undefined
      ? { name, type: element, element, field: c.name, address: `&${name}` }
      : { name, type: `std::array<${element}, ${size}>`, element, field: c.name, address: `${name}.data()`, size };
  });
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
