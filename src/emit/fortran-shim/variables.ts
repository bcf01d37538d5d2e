// Emits the shim's accessors of module variables and common-block members: each hands the
// variable's address to a C callback by passing the variable itself (so no TARGET is needed),
// dummies avoid intrinsic names (`allocated`, `allocate`) they would shadow,
// and an allocatable one also reports its extents and can be reallocated from C.

import type { CommonBlock, DataDecl, Interface, ModuleVariable } from '../../ir/types';
import { fortranBound } from '../expr';
import { fortranTypeSpec } from '../fortran-types';
import type { Writer } from '../writer';
import { cTypeOf } from './marshal';

/** Where a variable lives: `use mod, only: x`, or a common block's declarations. */
export interface DataOwner {
  /** The JS object holding it: the module name, or the block's JS name. */
  readonly jsName: string;
  readonly module?: string;
  readonly common?: CommonBlock;
}

/** C symbols of a variable's accessors; unique per generated module. */
export function variableSymbol(moduleName: string, owner: DataOwner, name: string, what: 'var' | 'realloc'): string {
  return `bg${what}_${moduleName}_${owner.jsName}_${name}`;
}

/** The JS object name of a common block: F2Py's `_BLNK_` for blank common. */
export function commonJsName(block: CommonBlock): string {
  return block.name === '' ? '_BLNK_' : block.name;
}

function declaration(data: DataDecl, allocatable: boolean): string {
  const dims = data.rank === 0 ? '' : allocatable ? `(${Array(data.rank).fill(':').join(',')})` : `(${data.bounds.map(fortranBound).join(',')})`;
  return `${fortranTypeSpec(data)}${allocatable ? ', allocatable' : ''} :: ${data.name}${dims}`;
}

/** The lines that bring the variable into scope. */
function ownerLines(owner: DataOwner, name: string): string[] {
  if (owner.module) return [`use ${owner.module}, only: ${name}`];
  const block = owner.common!;
  return [...block.variables.map((v) => declaration(v, false)), `common /${block.name}/ ${block.variables.map((v) => v.name).join(', ')}`];
}

/** An interface for the C callback taking the variable by reference, typed like it. */
function sinkInterface(w: Writer, data: DataDecl): void {
  const [type, kind, imports] = cTypeOf(data);
  w.block('interface', () => {
    w.block('subroutine take(p) bind(C)', () => {
      if (imports.length) w.line(`import :: ${imports.join(', ')}`);
      const spec = type === 'character' ? `character(kind=${kind})` : `${type}(${kind})`;
      w.line(`${spec} :: p${data.rank > 0 || type === 'character' ? '(*)' : ''}`);
    }, 'end subroutine take');
  }, 'end interface');
}

function writeLocate(w: Writer, moduleName: string, owner: DataOwner, data: DataDecl, allocatable: boolean, index: number): void {
  const extra = allocatable ? ', extents, status' : '';
  w.line(`subroutine bridgegen_var_${index}(sink${extra}) bind(C, name='${variableSymbol(moduleName, owner, data.name, 'var')}')`);
  w.indent(() => {
    w.line(`use, intrinsic :: iso_c_binding, only: ${['c_funptr', 'c_f_procpointer', 'c_int64_t', 'c_int32_t', ...cTypeOf(data)[2]].join(', ')}`);
    w.many(ownerLines(owner, data.name).filter((l) => l.startsWith('use ')));
    w.line('implicit none');
    w.many(ownerLines(owner, data.name).filter((l) => !l.startsWith('use ')));
    w.line('type(c_funptr), value :: sink');
    if (allocatable) w.many([`integer(c_int64_t), intent(out) :: extents(${data.rank})`, 'integer(c_int32_t), intent(out) :: status']);
    sinkInterface(w, data);
    w.line('procedure(take), pointer :: f');
    w.line('call c_f_procpointer(sink, f)');
    if (!allocatable) return void w.line(`call f(${data.name})`);
    w.block(`if (allocated(${data.name})) then`, () => {
      w.many(['status = 1', `extents = int(shape(${data.name}), c_int64_t)`, `call f(${data.name})`]);
    }, 'else');
    w.indent(() => w.many(['status = 0', 'extents = 0']));
    w.line('end if');
  });
  w.line(`end subroutine bridgegen_var_${index}`);
}

function writeReallocate(w: Writer, moduleName: string, owner: DataOwner, data: DataDecl, index: number): void {
  const [type, kind, imports] = cTypeOf(data);
  const dims = Array.from({ length: data.rank }, (_, d) => `extents(${d + 1})`).join(', ');
  w.line(`subroutine bridgegen_realloc_${index}(values, extents, action) bind(C, name='${variableSymbol(moduleName, owner, data.name, 'realloc')}')`);
  w.indent(() => {
    w.line(`use, intrinsic :: iso_c_binding, only: ${['c_int64_t', 'c_int32_t', ...imports].join(', ')}`);
    w.line(`use ${owner.module}, only: ${data.name}`);
    w.line('implicit none');
    w.many([`${type}(${kind}), intent(in) :: values(*)`, `integer(c_int64_t), intent(in) :: extents(${data.rank})`,
      'integer(c_int32_t), intent(in) :: action']);
    w.line(`if (allocated(${data.name})) deallocate(${data.name})`);
    w.block('if (action /= 0) then', () => {
      w.line(`allocate(${data.name}(${dims}))`);
      w.line(data.rank === 1 ? `${data.name} = values(1:extents(1))` : `${data.name} = reshape(values(1:product(extents)), extents)`);
    }, 'end if');
  });
  w.line(`end subroutine bridgegen_realloc_${index}`);
}

/** Every exposed variable with its owner, in a stable order: modules first, then common blocks. */
export function exposedData(iface: Interface): Array<{ owner: DataOwner; data: ModuleVariable | DataDecl; allocatable: boolean }> {
  const fromModules = iface.modules.flatMap((m) => m.variables.filter((v) => !v.parameter)
    .map((v) => ({ owner: { jsName: m.name, module: m.name }, data: v as DataDecl, allocatable: v.allocatable })));
  const fromCommons = iface.commons.flatMap((block) => block.variables
    .map((v) => ({ owner: { jsName: commonJsName(block), common: block }, data: v, allocatable: false })));
  return [...fromModules, ...fromCommons];
}

export function writeVariableAccessors(w: Writer, moduleName: string, iface: Interface): void {
  exposedData(iface).forEach(({ owner, data, allocatable }, i) => {
    w.line();
    writeLocate(w, moduleName, owner, data, allocatable, i + 1);
    if (allocatable) {
      w.line();
      writeReallocate(w, moduleName, owner, data, i + 1);
    }
  });
}
