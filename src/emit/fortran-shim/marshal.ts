// How each argument crosses the shim: its bind(C) dummies and declarations, what the shim does
// before and after the call, and what it passes on. Most pass straight through; CHARACTER
// arrives as bytes plus a length and is copied into a Fortran string of that length.

import { charLength, isChars } from '../../ir/chars';
import { requireDtype, type Dtype } from '../../ir/dtype';
import { isAssumedShape } from '../../ir/convention';
import type { Arg } from '../../ir/types';
import { fortranBound } from '../expr';
import { fortranTypeSpec } from '../fortran-types';

/**
 * The shim's type for each dtype and the iso_c_binding kind it imports. LOGICAL(4) has no C
 * kind; it is passed by reference like the 4-byte integer it is (gfortran's layout).
 */
const C_KIND: Readonly<Record<Dtype, readonly [type: string, kind: string, imported: boolean]>> = {
  int8: ['integer', 'c_int8_t', true],
  int16: ['integer', 'c_int16_t', true],
  int32: ['integer', 'c_int32_t', true],
  int64: ['integer', 'c_int64_t', true],
  float32: ['real', 'c_float', true],
  float64: ['real', 'c_double', true],
  complex64: ['complex', 'c_float_complex', true],
  complex128: ['complex', 'c_double_complex', true],
  logical1: ['logical', 'c_bool', true],
  logical4: ['logical', 'kind=4', false],
  chars: ['character', 'c_char', true],
};

/** The shim's C-interoperable type and kind for a value of this IR type, and what it imports. */
export function cTypeOf(arg: Pick<Arg, 'type' | 'kind' | 'name'>): readonly [type: string, kind: string, imports: string[]] {
  const [type, kind, imported] = C_KIND[requireDtype(arg)];
  return [type, kind, imported ? [kind] : []];
}

export interface Marshal {
  /** The shim's dummies for this argument, in the C prototype's order. */
  readonly dummies: readonly string[];
  readonly declarations: readonly string[];
  readonly before: readonly string[];
  /** What the shim passes to the user's routine (or assigns the function result to). */
  readonly actual: string;
  readonly after: readonly string[];
  /** iso_c_binding names the declarations use. */
  readonly imports: readonly string[];
  /** Module entities the declarations use, as `[module, name]` (a derived type). */
  readonly uses?: readonly (readonly [module: string, name: string])[];
  /**
   * Set when the routine must be called from an internal procedure (see marshalCharArray):
   * the shim passes `passed` to it, whose dummy `actual` has this declaration.
   */
  readonly internal?: { readonly passed: string; readonly declaration: string };
}

/**
 * The intent the routine itself declares. Interfaces must match the routine, and F2Py's
 * meaning (`intent(in,out)`, `hide`) is the JS side's business, not the Fortran's.
 */
function intentAttr(arg: Pick<Arg, 'declaredIntent'>): string {
  return arg.declaredIntent ? `, intent(${arg.declaredIntent})` : '';
}

function writtenBack(arg: Arg): boolean {
  return arg.declaredIntent !== 'in' && arg.intent !== 'in';
}

/** CHARACTER: bytes and a length in; a Fortran string of that length to the routine; bytes back. */
function marshalChars(arg: Arg, dummy: string, index: number): Marshal {
  const len = `bgl_${index}`;
  const local = `bgs_${index}`;
  return {
    dummies: [dummy, len],
    declarations: [
      `integer(c_int64_t), intent(in) :: ${len}`,
      `character(kind=c_char) :: ${dummy}(${len})`,
      `character(len=${len}) :: ${local}`,
    ],
    before: [`${local} = transfer(${dummy}, ${local})`],
    actual: local,
    after: writtenBack(arg) ? [`${dummy} = transfer(${local}, ${dummy})`] : [],
    imports: ['c_int64_t', 'c_char'],
  };
}

/**
 * A CHARACTER array: its bytes, the element length (constant or the caller's, `len=*`) and, if
 * assumed-shape, its extents. Under bind(C) the bytes can only be `character(kind=c_char)`, of
 * length 1, which would give a `len=*` dummy length 1 and an assumed-shape one the wrong shape,
 * so the routine is called from an internal procedure whose dummy takes the bytes by sequence
 * association as `character(len=bgl_i)` elements of that shape.
 */
function marshalCharArray(arg: Arg, index: number): Marshal {
  const len = `bgl_${index}`;
  const extents = `bge_${index}`;
  const element = `bgc_${index}`;
  const shaped = isAssumedShape(arg);
  const dims = shaped ? Array.from({ length: arg.rank }, (_, d) => `${extents}(${d + 1})`).join(', ') : '*';
  return {
    dummies: shaped ? [arg.name, len, extents] : [arg.name, len],
    declarations: [
      `integer(c_int64_t), intent(in) :: ${len}`,
      ...(shaped ? [`integer(c_int64_t), intent(in) :: ${extents}(${arg.rank})`] : []),
      `character(kind=c_char)${intentAttr(arg)} :: ${arg.name}(*)`,
    ],
    before: [],
    actual: element,
    after: [],
    internal: { passed: arg.name, declaration: `character(len=${len})${intentAttr(arg)} :: ${element}(${dims})` },
    imports: ['c_int64_t', 'c_char'],
  };
}

/** The interface of a callback, for a module procedure whose explicit interface must match it. */
function callbackInterface(arg: Arg, name: string): string[] {
  const sig = arg.callback!;
  const ordered = [...sig.args.filter((a) => a.rank === 0), ...sig.args.filter((a) => a.rank > 0)];
  const decl = (a: Arg) =>
    `${fortranTypeSpec(a)}${a.declaredIntent ? `, intent(${a.declaredIntent})` : ''} :: ${a.name}` +
    (a.rank > 0 ? `(${a.bounds.map(fortranBound).join(', ')})` : '');
  const header = `${sig.kind} ${name}(${sig.args.map((a) => a.name).join(', ')})`;
  return ['interface', `  ${header}`, '    implicit none', ...ordered.map((a) => `    ${decl(a)}`),
    ...(sig.result ? [`    ${fortranTypeSpec(sig.result)} :: ${name}`] : []), `  end ${sig.kind} ${name}`, 'end interface'];
}

/**
 * A procedure argument: C passes a trampoline's address, which becomes a procedure pointer
 * (with the callback's interface when the routine's explicit interface needs one).
 */
function marshalProcedure(arg: Arg, index: number, explicitInterface: boolean): Marshal {
  const pointer = `bgp_${index}`;
  const iface = `bgi_${index}`;
  return {
    dummies: [arg.name],
    declarations: [
      `type(c_funptr), value :: ${arg.name}`,
      ...(explicitInterface
        ? [...callbackInterface(arg, iface), `procedure(${iface}), pointer :: ${pointer}`]
        : [`procedure(${arg.callback?.result ? fortranTypeSpec(arg.callback.result) : ''}), pointer :: ${pointer}`]),
    ],
    before: [`call c_f_procpointer(${arg.name}, ${pointer})`],
    actual: pointer,
    after: [],
    imports: ['c_funptr', 'c_f_procpointer'],
  };
}

/**
 * One argument of the routine; `index` makes helper names unique and short. Arrays arrive as
 * assumed-size vectors (passed on by sequence association), except assumed-shape ones, which
 * arrive with their extents so the module procedure's interface can make a descriptor.
 */
/**
 * A derived-type scalar (records.ts): each component arrives as its own dummy; the shim fills a
 * local of the type from them, passes it, and copies the components back for an output.
 */
function marshalRecord(arg: Arg, index: number): Marshal {
  const { module, components } = arg.record!;
  const local = `bgv_${index}`;
  const dummy = (k: number) => `bgr_${index}_${k + 1}`;
  const parts = components.map((c, k) => ({ c, d: dummy(k), kind: C_KIND[requireDtype(c)], dims: c.rank > 0 ? `(${c.dims.join(',')})` : '' }));
  const reads = arg.intent !== 'out';
  const writes = arg.returned;
  return {
    dummies: parts.map((p) => p.d),
    declarations: [...parts.map((p) => `${p.kind[0]}(${p.kind[1]}) :: ${p.d}${p.dims}`), `type(${arg.typeName}) :: ${local}`],
    before: reads ? parts.map((p) => `${local}%${p.c.name} = ${p.d}`) : [],
    actual: local,
    after: writes ? parts.map((p) => `${p.d} = ${local}%${p.c.name}`) : [],
    imports: [...new Set(parts.filter((p) => p.kind[2]).map((p) => p.kind[1]))],
    uses: [[module, arg.typeName!]],
  };
}

export function marshalArg(arg: Arg, index: number, explicitInterface = false): Marshal {
  if (arg.type === 'procedure') return marshalProcedure(arg, index, explicitInterface);
  if (arg.record) return marshalRecord(arg, index);
  if (isChars(arg) && arg.rank > 0) return marshalCharArray(arg, index);
  if (isChars(arg)) return marshalChars(arg, arg.name, index);
  const [type, kind, imported] = C_KIND[requireDtype(arg)];
  const optional = arg.fortranOptional ? ', optional' : '';
  const declare = (dims: string) => `${type}(${kind})${optional}${intentAttr(arg)} :: ${arg.name}${dims}`;
  const common = { before: [], actual: arg.name, after: [], imports: imported ? [kind] : [] };
  if (!isAssumedShape(arg)) {
    return { ...common, dummies: [arg.name], declarations: [declare(arg.rank > 0 ? '(*)' : '')] };
  }
  const extents = `bge_${index}`;
  if (arg.fortranOptional) return marshalOptionalShaped(arg, index, extents, `${type}(${kind})`, common.imports);
  const dims = Array.from({ length: arg.rank }, (_, d) => `${extents}(${d + 1})`).join(', ');
  return {
    ...common,
    dummies: [arg.name, extents],
    declarations: [`integer(c_int64_t), intent(in) :: ${extents}(${arg.rank})`, declare(`(${dims})`)],
    imports: [...common.imports, 'c_int64_t'],
  };
}

/**
 * An optional assumed-shape array arrives as an address (null when absent) and reaches the
 * routine through an array pointer, disassociated when absent: such an actual argument is an
 * absent optional (Fortran 2008, 12.5.2.12). An optional explicit-shape dummy passed on instead
 * makes gfortran build the descriptor from `x(1)` even when x is absent: a null dereference
 * (UBSan: load of null pointer) that only happens not to be read.
 */
function marshalOptionalShaped(arg: Arg, index: number, extents: string, typeSpec: string, imports: readonly string[]): Marshal {
  const pointer = `bgq_${index}`;
  const deferred = Array.from({ length: arg.rank }, () => ':').join(', ');
  return {
    dummies: [arg.name, extents],
    declarations: [
      `type(c_ptr), value :: ${arg.name}`,
      `integer(c_int64_t), intent(in) :: ${extents}(${arg.rank})`,
      // No `=> null()` here: that would imply SAVE, one pointer shared by concurrent calls.
      `${typeSpec}, pointer :: ${pointer}(${deferred})`,
    ],
    before: [`nullify(${pointer})`, `if (c_associated(${arg.name})) call c_f_pointer(${arg.name}, ${pointer}, ${extents})`],
    actual: pointer,
    after: [],
    imports: [...imports, 'c_int64_t', 'c_ptr', 'c_associated', 'c_f_pointer'],
  };
}

/** A function's result, returned through the trailing dummy `dummy`. */
export function marshalResult(result: Arg, dummy: string): Marshal {
  if (isChars(result)) {
    const len = charLength(result) as number; // constant: the `supported` pass guarantees it
    return {
      dummies: [dummy],
      declarations: [`character(kind=c_char), intent(out) :: ${dummy}(${len})`, `character(len=${len}) :: bgr`],
      before: [],
      actual: 'bgr',
      after: [`${dummy} = transfer(bgr, ${dummy})`],
      imports: ['c_char'],
    };
  }
  return { ...marshalArg({ ...result, name: dummy, declaredIntent: 'out' }, 0), actual: dummy };
}
