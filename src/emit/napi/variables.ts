// Emits the C++ side of module variables, named constants and common blocks: one Variable
// descriptor per variable (runtime variable.h) and the Init lines that define the properties.
// Mirrors fortran-shim/variables.ts.

import { charLength, isChars } from '../../ir/chars';
import { dtypeOf } from '../../ir/dtype';
import type { ConstantValue, DataDecl, Interface, ModuleVariable } from '../../ir/types';
import { exposedData, variableSymbol, type DataOwner } from '../fortran-shim/variables';
import type { Writer } from '../writer';
import { cppString, cType } from './ctypes';

function descriptorName(owner: DataOwner, data: DataDecl): string {
  return `var_${owner.jsName}_${data.name}`;
}

/** The element type the runtime reads the variable as (CHARACTER is bytes). */
function elementType(data: DataDecl): string {
  return isChars(data) ? 'int8_t' : cType(data);
}

function shapeOf(data: DataDecl): string {
  const extents = data.bounds.map((b) => (b.upper?.op === 'int' && b.lower.op === 'int' ? b.upper.value - b.lower.value + 1 : 0));
  return `{${extents.join(', ')}}`;
}

export function writeVariableDeclarations(w: Writer, moduleName: string, iface: Interface): void {
  for (const { owner, data, allocatable } of exposedData(iface)) {
    const locate = variableSymbol(moduleName, owner, data.name, 'var');
    const realloc = variableSymbol(moduleName, owner, data.name, 'realloc');
    w.line(allocatable
      ? `extern "C" void ${locate}(bridgegen::Sink, int64_t*, int32_t*);`
      : `extern "C" void ${locate}(bridgegen::Sink);`);
    if (allocatable) w.line(`extern "C" void ${realloc}(const void*, const int64_t*, const int32_t*);`);
    const readOnly = (data as ModuleVariable).protected ? cppString('is PROTECTED: read-only outside its module') : 'nullptr';
    const len = isChars(data) ? charLength(data) : 0;
    const accessors = allocatable ? `nullptr, ${locate}, ${realloc}` : `${locate}, nullptr, nullptr`;
    w.line(`const bridgegen::Variable ${descriptorName(owner, data)}{${cppString(`${owner.jsName}.${data.name}`)}, ` +
      `${data.rank}, ${shapeOf(data)}, ${len}, ${readOnly}, ${accessors}};`);
  }
}

function cppNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : value > 0 ? 'INFINITY' : value < 0 ? '-INFINITY' : 'NAN';
}

/** A named constant's JS value: numbers, bigint for integer(8), booleans, strings, frozen arrays. */
function constantValue(v: ModuleVariable & { value: ConstantValue }): string {
  const scalar = (x: number | boolean | string): string => {
    if (typeof x === 'string' || typeof x === 'boolean') return `bridgegen::constant_value(env, ${typeof x === 'string' ? cppString(x) : x})`;
    return `bridgegen::constant_value(env, ${dtypeOf(v) === 'int64' && v.rank === 0 ? `int64_t{${x}}` : `double(${cppNumber(x)})`})`;
  };
  if (!Array.isArray(v.value)) return scalar(v.value as number | boolean | string);
  const items = (v.value as ReadonlyArray<number | boolean | string>).map((x) =>
    typeof x === 'string' ? `std::string(${cppString(x)})` : typeof x === 'boolean' ? String(x) : cppNumber(x));
  const element = typeof v.value[0] === 'string' ? 'std::string' : typeof v.value[0] === 'boolean' ? 'bool' : 'double';
  return `bridgegen::constant_array<${element}>(env, {${items.join(', ')}})`;
}

function target(jsName: string): string {
  return `bridgegen::namespace_object(env, exports, ${cppString(jsName)})`;
}

export function writeVariableInit(w: Writer, iface: Interface): void {
  for (const mod of iface.modules) {
    for (const v of mod.variables.filter((x): x is ModuleVariable & { value: ConstantValue } => x.parameter && x.value !== undefined)) {
      w.line(`bridgegen::define_constant(env, ${target(mod.name)}, ${cppString(v.name)}, ${constantValue(v)});`);
    }
  }
  for (const { owner, data } of exposedData(iface)) {
    w.line(`bridgegen::define_variable<${elementType(data)}>(env, ${target(owner.jsName)}, ${cppString(data.name)}, &${descriptorName(owner, data)});`);
  }
}
