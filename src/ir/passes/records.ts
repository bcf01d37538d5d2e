// Derived-type arguments as JS plain objects: a `type(point)` scalar whose components are plain
// values (numbers, logicals, complex) crosses as those components, one by one — the shim
// assembles the Fortran value, so no layout (padding, gfortran's descriptor rules) is assumed.
// A component array of constant extents (`real(8) :: v(3)`, C's `double v[3]`) crosses as an
// array of that many elements, in Fortran's element order.

import { dtypeOf } from '../dtype';
import type { Arg, DerivedType, Interface, RecordLayout, Routine, TypeComponent } from '../types';

/** How many elements an array component holds: the product of its constant extents, else undefined. */
export function componentSize(c: Pick<TypeComponent, 'bounds'>): number | undefined {
  let size = 1;
  for (const b of c.bounds) {
    if (b.lower.op !== 'int' || b.upper?.op !== 'int') return undefined;
    size *= Math.max(0, b.upper.value - b.lower.value + 1);
  }
  return size;
}

/** Why a component cannot cross as a plain value, or undefined. */
export function componentProblem(c: TypeComponent): string | undefined {
  if (c.private) return `component \`${c.name}\` is private`;
  if (c.allocatable || c.pointer) return `component \`${c.name}\` is allocatable or a pointer`;
  if (c.type === 'character' || dtypeOf(c) === undefined) return `component \`${c.name}\` has type ${c.type}${c.typeName ? `(${c.typeName})` : ''}, not a plain value`;
  if (c.rank > 0 && componentSize(c) === undefined) return `component \`${c.name}\` is an array whose extents are not constants`;
  if (c.rank > 0 && c.type === 'complex') return `component \`${c.name}\` is a complex array (arrays of real, integer or logical components are supported)`;
  return undefined;
}

/** The defining module and type of every public derived type, by lower-case name. */
function typesByName(iface: Interface): Map<string, { module: string; type: DerivedType }> {
  const found = new Map<string, { module: string; type: DerivedType }>();
  for (const m of iface.modules) for (const type of m.types) if (!found.has(type.name)) found.set(type.name, { module: m.name, type });
  return found;
}

function layoutOf(arg: Arg, types: ReadonlyMap<string, { module: string; type: DerivedType }>): RecordLayout | undefined {
  const found = arg.typeName ? types.get(arg.typeName) : undefined;
  if (!found || found.type.extends || found.type.components.some((c) => componentProblem(c) !== undefined)) return undefined;
  return { module: found.module, components: found.type.components };
}

/** Attaches the layout of every derived-type scalar argument that can cross as its components. */
export function resolveRecords(routines: readonly Routine[], iface: Interface): Routine[] {
  const types = typesByName(iface);
  return routines.map((r) => {
    if (!r.args.some((a) => a.type === 'type' && a.rank === 0)) return r;
    const args = r.args.map((a) => {
      const record = a.type === 'type' && a.rank === 0 ? layoutOf(a, types) : undefined;
      return record ? { ...a, record } : a;
    });
    return { ...r, args };
  });
}
