// Types of module variables, named constants and common blocks: accessors whose getter gives
// what the runtime returns and whose setter takes what assignment converts. Mirrors napi/variables.ts.

import type { Arg, DataDecl, Interface, Module, ModuleVariable } from '../../ir/types';
import { commonJsName } from '../fortran-shim/variables';
import type { Writer } from '../writer';
import { paramType, resultType } from './tstypes';

/** A variable seen as an input argument (what assignment accepts) or a result (what reading gives). */
function asArg(data: DataDecl): Arg {
  return { ...data, intent: 'in', returned: false, optional: false, hidden: false, fortranOptional: false };
}

function writeVariable(w: Writer, data: DataDecl, ns: string, opts: { allocatable: boolean; readOnly: boolean }): void {
  const nullable = opts.allocatable ? ' | null' : '';
  const get = `${resultType(asArg(data), ns)}${nullable}`;
  if (data.doc) w.line(`/** ${data.doc.replace(/\*\//g, '*\\/').split('\n').join(' ')} */`);
  if (opts.readOnly) return void w.line(`readonly ${data.name}: ${get};`);
  w.line(`get ${data.name}(): ${get};`);
  w.line(`set ${data.name}(value: ${paramType(asArg(data), ns)}${nullable});`);
}

/** A named constant: its scalar type, or a frozen array of them (the runtime's constant_array). */
function constantType(v: ModuleVariable, ns: string): string {
  if (!Array.isArray(v.value)) return resultType(asArg(v), ns);
  const element = v.type === 'character' ? 'string' : v.type === 'logical' ? 'boolean' : 'number';
  return `readonly ${element}[]`;
}

/** The variables and constants of a module, inside its object type. */
export function writeModuleVariables(w: Writer, mod: Module, ns: string): void {
  for (const v of mod.variables) {
    if (v.parameter) w.line(`readonly ${v.name}: ${constantType(v, ns)};`);
    else writeVariable(w, v, ns, { allocatable: v.allocatable, readOnly: v.protected });
  }
}

export function writeCommonBlocks(w: Writer, iface: Interface, ns: string): void {
  for (const block of iface.commons) {
    w.line(`/** Common block \`/${block.name}/\`: its members, shared with the Fortran. */`);
    w.block(`${commonJsName(block)}: {`, () => {
      for (const v of block.variables) writeVariable(w, v, ns, { allocatable: false, readOnly: false });
    }, '};');
  }
}
