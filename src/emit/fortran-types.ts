// Fortran spellings of IR types, shared by the emitters that write Fortran (shim, signature file).

import type { Arg } from '../ir/types';

/** `real(kind=8)`, `complex(kind=8)` for complex*16 (Fortran counts the parts), `character*(*)`. */
export function fortranTypeSpec(arg: Pick<Arg, 'type' | 'kind' | 'charLen' | 'typeName'>): string {
  switch (arg.type) {
    case 'complex':
      return `complex(kind=${arg.kind / 2})`;
    case 'character':
      return `character*(${arg.charLen ?? '1'})`;
    case 'type':
      return `type(${arg.typeName ?? 'unknown'})`;
    case 'procedure':
      return 'external';
    default:
      return `${arg.type}(kind=${arg.kind})`;
  }
}
