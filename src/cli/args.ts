// Turns argv into a command and BuildOptions (contract 1.1). No logic beyond spelling.

import type { BuildOptions, BuildSystem } from '../pipeline/options';

export type Command = 'build' | 'gen' | 'parse' | 'sig' | 'doctor' | 'linalg-build' | 'help' | 'version';

export interface Invocation {
  readonly command: Command;
  readonly options: BuildOptions;
  readonly json: boolean;
  readonly quiet: boolean;
  readonly verbose: boolean;
}

export class UsageError extends Error {}

export const HELP = `usage: bridgegen [build] FILE... [options]   build a native npm package from Fortran
       bridgegen gen FILE... -o DIR             write the package sources without compiling
       bridgegen parse FILE... --json           print the interface IR
       bridgegen sig FILE... [-o NAME.pyf]      write an F2Py signature file to edit and build from
       bridgegen doctor                         report the toolchain (compilers, headers, BLAS/LAPACK)
       bridgegen linalg-build [-l LIB -L DIR]   (re)build bridgegen/linalg against the system BLAS/LAPACK

files:
  .f .for .f77 .ftn            fixed-form Fortran
  .f90 .f95 .f03 .f08          free-form Fortran (.F, .F90, ...: through the C preprocessor first)
  .pyf, .pyf.src               F2Py signature file (.src: NumPy's <prefix=s,d,c,z> templates): then the whole interface; Fortran files are only compiled
  .h                           C header: its functions are wrapped (with .c sources or -l libraries)
  .c .o .a .so                 extra sources/objects/libraries compiled or linked in

options:
  -m, --name NAME              module name (default: stem of the first file)
  -o, --out DIR                output directory (default: ./NAME)
  --only a,b / --skip a,b      wrap only / all but these routines
  -l LIB, -L DIR, -I DIR       link a library, library and include paths
  --fflags "...", --cflags "..." extra compiler flags
  --build-system gyp|cmake     compile with node-gyp (binding.gyp; "node-gyp" works too) or cmake-js (CMakeLists.txt); both are written
                               (default: bridgegen runs the compilers with binding.gyp's flags)
  --catch-xerbla               LAPACK/BLAS illegal-argument reports (XERBLA) throw in JS
  --unchecked-pointers         wrap C functions whose pointers have no known length (unchecked, @unsafe)
  -q, --quiet / -v, --verbose  less / more output
  -h, --help, --version

exit status: 0 success, 1 bad input (file:line:col: error: ...), 2 toolchain or build failure`;

const COMMANDS = new Set<Command>(['build', 'gen', 'parse', 'sig', 'doctor', 'linalg-build']);
const WITH_VALUE = new Set(['-m', '--name', '-o', '--out', '--only', '--skip', '-l', '-L', '-I', '--fflags', '--cflags', '--build-system']);
/** `--build-system` values: the contract's `gyp`, and `node-gyp` as the tool is called. */
const BUILD_SYSTEMS: Readonly<Record<string, BuildSystem>> = { gyp: 'node-gyp', 'node-gyp': 'node-gyp', cmake: 'cmake' };

function splitList(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

/**
 * `-lfoo` and `--name=foo` spellings become `-l foo` and `--name foo`. A word that is the value
 * of the option before it is kept whole (`--cflags -march=native`).
 */
function normalise(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = /^(--[a-z-]+)=(.*)$/s.exec(arg);
    const short = /^(-[lLImo])(.+)$/s.exec(arg);
    if (eq && WITH_VALUE.has(eq[1])) out.push(eq[1], eq[2]);
    else if (short) out.push(short[1], short[2]);
    else if (WITH_VALUE.has(arg) && i + 1 < argv.length) out.push(arg, argv[++i]);
    else out.push(arg);
  }
  return out;
}

export function parseArgs(argv: readonly string[]): Invocation {
  const args = normalise(argv);
  let command: Command = 'build';
  if (args.length > 0 && COMMANDS.has(args[0] as Command)) command = args.shift() as Command;
  const files: string[] = [];
  const o = { libraries: [] as string[], libraryDirs: [] as string[], includeDirs: [] as string[], fflags: [] as string[], cflags: [] as string[] };
  let name: string | undefined, out: string | undefined, only: string[] | undefined, skip: string[] | undefined;
  let buildSystem: BuildSystem | undefined;
  let json = false, quiet = false, verbose = false, catchXerbla = false, uncheckedPointers = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = () => {
      if (i + 1 >= args.length) throw new UsageError(`option ${arg} needs a value`);
      return args[++i];
    };
    switch (arg) {
      case '-h': case '--help': command = 'help'; break;
      case '--version': command = 'version'; break;
      case '-m': case '--name': name = value(); break;
      case '-o': case '--out': out = value(); break;
      case '--only': only = splitList(value()); break;
      case '--skip': skip = splitList(value()); break;
      case '-l': o.libraries.push(value()); break;
      case '-L': o.libraryDirs.push(value()); break;
      case '-I': o.includeDirs.push(value()); break;
      case '--fflags': o.fflags.push(...value().split(/\s+/).filter(Boolean)); break;
      case '--cflags': o.cflags.push(...value().split(/\s+/).filter(Boolean)); break;
      case '--build-system': {
        const system = value();
        if (!Object.hasOwn(BUILD_SYSTEMS, system)) throw new UsageError(`--build-system takes gyp (or node-gyp) or cmake, not ${system}`);
        buildSystem = BUILD_SYSTEMS[system];
        break;
      }
      case '--json': json = true; break;
      case '--catch-xerbla': catchXerbla = true; break;
      case '--unchecked-pointers': uncheckedPointers = true; break;
      case '-q': case '--quiet': quiet = true; break;
      case '-v': case '--verbose': verbose = true; break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
        files.push(arg);
    }
  }
  return { command, options: { files, name, out, only, skip, ...o, ...(buildSystem ? { buildSystem } : {}), ...(catchXerbla ? { catchXerbla } : {}), ...(uncheckedPointers ? { uncheckedPointers } : {}) }, json, quiet, verbose };
}
