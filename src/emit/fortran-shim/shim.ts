// Emits the Fortran shim: one `bind(C)` subroutine per routine that calls the user's routine
// through an explicit interface (or its module), so C++ never guesses mangling or ABIs.
// Functions become subroutines with a trailing result argument.

import { requireDtype, type Dtype } from '../../ir/dtype';
import type { Arg, Interface, Routine } from '../../ir/types';
import { fortranBound } from '../expr';
import { generatedBanner, Writer } from '../writer';

const C_KIND: Readonly<Record<Dtype, string>> = {
  int8: 'integer(c_int8_t)',
  int16: 'integer(c_int16_t)',
  int32: 'integer(c_int32_t)',
  int64: 'integer(c_int64_t)',
  float32: 'real(c_float)',
  float64: 'real(c_double)',
};

/** The dummy that receives a function's result in the shim. */
export const RESULT_DUMMY = 'bridgegen_result';

/** The C symbol of a routine's shim; unique per generated module. */
export function shimSymbol(moduleName: string, routine: Routine): string {
  return ['bgshim', moduleName, routine.module, routine.name].filter(Boolean).join('_');
}

function intentAttr(arg: Arg): string {
  return arg.intent === null ? '' : `, intent(${arg.intent})`;
}

/** `real(kind=8) :: u(n)`: the user's declaration, rebuilt for the interface block. */
function interfaceDecl(arg: Arg): string {
  const dims = arg.rank > 0 ? `(${arg.bounds.map(fortranBound).join(', ')})` : '';
  return `${arg.type}(kind=${arg.kind})${intentAttr(arg)} :: ${arg.name}${dims}`;
}

/** The shim's own dummy: C-interoperable, arrays as assumed-size vectors (sequence association). */
function shimDecl(arg: Arg): string {
  return `${C_KIND[requireDtype(arg)]}${intentAttr(arg)} :: ${arg.name}${arg.rank > 0 ? '(*)' : ''}`;
}

/** Splits a long statement at commas with `&` continuations (free form allows 132 columns). */
export function wrapStatement(text: string, width = 100): string[] {
  if (text.length <= width) return [text];
  const out: string[] = [];
  let rest = text;
  while (rest.length > width) {
    const cut = rest.lastIndexOf(',', width);
    if (cut <= 0) break;
    out.push(`${rest.slice(0, cut + 1)} &`);
    rest = `    ${rest.slice(cut + 1).trimStart()}`;
  }
  out.push(rest);
  return out;
}

function writeInterface(w: Writer, routine: Routine): void {
  const names = routine.args.map((a) => a.name).join(', ');
  const resultClause = routine.result && routine.result.name !== routine.name ? ` result(${routine.result.name})` : '';
  const header = `${routine.kind} ${routine.name}(${names})${resultClause}`;
  // Scalars first: array bounds may only name dummies declared before them.
  const ordered = [...routine.args.filter((a) => a.rank === 0), ...routine.args.filter((a) => a.rank > 0)];
  w.block('interface', () => {
    w.many(wrapStatement(header));
    w.indent(() => {
      w.line('implicit none');
      for (const arg of ordered) w.many(wrapStatement(interfaceDecl(arg)));
      if (routine.result) w.line(interfaceDecl({ ...routine.result, intent: null }));
    });
    w.line(`end ${routine.kind} ${routine.name}`);
  }, 'end interface');
}

function writeShim(w: Writer, moduleName: string, routine: Routine, index: number): void {
  const fname = `bridgegen_shim_${index}`;
  const dummies = [...routine.args.map((a) => a.name), ...(routine.result ? [RESULT_DUMMY] : [])];
  w.many(wrapStatement(`subroutine ${fname}(${dummies.join(', ')}) bind(C, name='${shimSymbol(moduleName, routine)}')`));
  w.indent(() => {
    w.line('use, intrinsic :: iso_c_binding');
    if (routine.module) w.line(`use ${routine.module}, only: ${routine.name}`);
    w.line('implicit none');
    for (const arg of routine.args) w.many(wrapStatement(shimDecl(arg)));
    if (routine.result) w.line(shimDecl({ ...routine.result, name: RESULT_DUMMY, intent: 'out' }));
    if (!routine.module) writeInterface(w, routine);
    const actuals = routine.args.map((a) => a.name).join(', ');
    const call = routine.result ? `${RESULT_DUMMY} = ${routine.name}(${actuals})` : `call ${routine.name}(${actuals})`;
    w.many(wrapStatement(call));
  });
  w.line(`end subroutine ${fname}`);
}

export function emitFortranShim(moduleName: string, iface: Interface): string {
  const w = new Writer();
  w.line(generatedBanner('!'));
  w.line(`! The bind(C) side of module \`${moduleName}\`: one wrapper per routine.`);
  iface.routines.forEach((routine, i) => {
    w.line();
    writeShim(w, moduleName, routine, i + 1);
  });
  return w.toString();
}
