// Keeps the module variables and common-block members the emitters can expose as properties
// (`m.mod.x`, `m.block.x`); the rest is dropped with a warning naming it. Grows as they do.

import type { DiagnosticBag } from '../../diag/diagnostic';
import { charLength, isChars } from '../chars';
import { dtypeOf } from '../dtype';
import type { CommonBlock, DataDecl, Interface, Module, ModuleVariable } from '../types';

/** Every bound a constant (non-allocatable arrays have a fixed place and size). */
function hasConstantShape(data: DataDecl): boolean {
  return data.bounds.every((b) => b.form === 'explicit' && b.lower.op === 'int' && b.upper?.op === 'int');
}

/** Why a variable (or member) cannot be exposed yet, or undefined. */
export function dataProblem(data: DataDecl, allocatable: boolean, pointer: boolean): string | undefined {
  if (dtypeOf(data) === undefined) return `has type ${data.type}${data.typeName ? `(${data.typeName})` : `*${data.kind}`}, not supported yet`;
  if (pointer) return 'is a pointer, not supported yet';
  if (isChars(data) && (data.rank > 0 || typeof charLength(data) !== 'number')) return 'is a CHARACTER array or of non-constant length, not supported yet';
  if (allocatable) return isChars(data) ? 'is an allocatable CHARACTER, not supported yet' : undefined;
  if (!hasConstantShape(data)) return 'has bounds that are not constants';
  return undefined;
}

function variableProblem(v: ModuleVariable): string | undefined {
  if (v.parameter) return v.value === undefined ? 'is a named constant whose value bridgegen cannot evaluate' : undefined;
  return dataProblem(v, v.allocatable, v.pointer);
}

function keepVariables(mod: Module, bag: DiagnosticBag): Module {
  const variables = mod.variables.filter((v) => {
    const problem = variableProblem(v);
    if (problem) bag.warning('BG003', v.span, `module variable \`${mod.name}.${v.name}\` skipped: it ${problem}`);
    return problem === undefined;
  });
  return { ...mod, variables };
}

/** A common block is exposed whole or not at all: its members share one storage sequence. */
function commonProblem(block: CommonBlock): string | undefined {
  for (const member of block.variables) {
    const problem = dataProblem(member, false, false);
    if (problem) return `member \`${member.name}\` ${problem}`;
  }
  return undefined;
}

export function keepSupportedData(iface: Interface, bag: DiagnosticBag): Interface {
  const modules = iface.modules.map((m) => keepVariables(m, bag));
  const commons = iface.commons.filter((block) => {
    const problem = commonProblem(block);
    if (problem) bag.warning('BG003', block.span, `common block \`/${block.name}/\` skipped: its ${problem}`);
    return problem === undefined;
  });
  return { ...iface, modules, commons };
}
