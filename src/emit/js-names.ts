// JS/TS spellings of Fortran names where the language forbids some: Fortran may call a routine
// or argument `new`, `delete` or `class`, which JS reserves as binding names (not as property names).

/** Reserved words, strict-mode reserved words and restricted names of JavaScript/TypeScript. */
const RESERVED = new Set([
  'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do',
  'else', 'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in',
  'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof',
  'var', 'void', 'while', 'with', 'yield', 'let', 'static', 'implements', 'interface', 'package',
  'private', 'protected', 'public', 'arguments', 'eval',
]);

/** Whether `name` may be used as a binding (variable, parameter, named export). */
export function isBindable(name: string): boolean {
  return !RESERVED.has(name);
}

/** A parameter name for `name`: itself, or with a trailing `_` when reserved. */
export function bindingName(name: string): string {
  return isBindable(name) ? name : `${name}_`;
}
