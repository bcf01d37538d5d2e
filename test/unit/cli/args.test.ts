// Unit tests of cli/args.ts: argv -> command and BuildOptions (contract 1.1), and usage errors.

import { parseArgs, UsageError } from '../../../src/cli/args';

describe('parseArgs', () => {
  it('defaults to the build command with empty lists', () => {
    expect(parseArgs(['a.f90', 'b.f'])).toEqual({
      command: 'build',
      options: {
        files: ['a.f90', 'b.f'], name: undefined, out: undefined, only: undefined, skip: undefined,
        libraries: [], libraryDirs: [], includeDirs: [], fflags: [], cflags: [],
      },
      json: false, quiet: false, verbose: false,
    });
  });

  it('reads the command word only in first position', () => {
    expect(parseArgs(['gen', 'a.f90', '-o', 'out']).command).toBe('gen');
    expect(parseArgs(['build', 'a.f90']).options.files).toEqual(['a.f90']);
    const parse = parseArgs(['parse', 'a.f90', '--json']);
    expect([parse.command, parse.json]).toEqual(['parse', true]);
    // A file called `gen` after another argument is a file.
    expect(parseArgs(['a.f90', 'gen'])).toMatchObject({ command: 'build', options: { files: ['a.f90', 'gen'] } });
  });

  it('takes --build-system gyp (the contract\'s word), node-gyp or cmake, and refuses others', () => {
    expect(parseArgs(['a.f90', '--build-system', 'gyp']).options.buildSystem).toBe('node-gyp');
    expect(parseArgs(['a.f90', '--build-system', 'node-gyp']).options.buildSystem).toBe('node-gyp');
    expect(parseArgs(['a.f90', '--build-system', 'cmake']).options.buildSystem).toBe('cmake');
    expect(() => parseArgs(['a.f90', '--build-system', 'make'])).toThrow(UsageError);
    expect(() => parseArgs(['a.f90', '--build-system', 'toString'])).toThrow(/takes gyp \(or node-gyp\) or cmake, not toString/);
  });

  it('accepts -lfoo and -l foo, -L and -I, in order', () => {
    const { options } = parseArgs(['a.f90', '-lopenblas', '-l', 'm', '-L/opt/lib', '-L', 'lib2', '-Iinc', '-I', 'inc2']);
    expect(options.libraries).toEqual(['openblas', 'm']);
    expect(options.libraryDirs).toEqual(['/opt/lib', 'lib2']);
    expect(options.includeDirs).toEqual(['inc', 'inc2']);
    expect(options.files).toEqual(['a.f90']);
  });

  it('accepts --name=x and --name x, -m x and -mx, -o and --out', () => {
    expect(parseArgs(['a.f90', '--name=x']).options.name).toBe('x');
    expect(parseArgs(['a.f90', '--name', 'x']).options.name).toBe('x');
    expect(parseArgs(['a.f90', '-m', 'y']).options.name).toBe('y');
    expect(parseArgs(['a.f90', '-my']).options.name).toBe('y');
    expect(parseArgs(['a.f90', '-o', 'dir']).options.out).toBe('dir');
    expect(parseArgs(['a.f90', '--out=dir/x']).options.out).toBe('dir/x');
  });

  it('keeps `=` inside a --flag=value value', () => {
    expect(parseArgs(['a.f90', '--fflags=-DN=3']).options.fflags).toEqual(['-DN=3']);
  });

  it('splits --only and --skip at commas', () => {
    const { options } = parseArgs(['a.f90', '--only', 'a,b', '--skip=c, d,']);
    expect(options.only).toEqual(['a', 'b']);
    expect(options.skip).toEqual(['c', 'd']);
  });

  it('splits --fflags and --cflags at blanks and accumulates them', () => {
    const { options } = parseArgs(['a.f90', '--fflags', '-O3 -g', '--fflags', ' -fopenmp ', '--cflags=-march=native -Iinc']);
    expect(options.fflags).toEqual(['-O3', '-g', '-fopenmp']);
    expect(options.cflags).toEqual(['-march=native', '-Iinc']);
  });

  it('takes a separate flag value that starts like a short option as a whole', () => {
    const { options } = parseArgs(['a.f90', '--cflags', '-march=native', '--fflags', '-I/opt/inc']);
    expect(options.cflags).toEqual(['-march=native']);
    expect(options.fflags).toEqual(['-I/opt/inc']);
  });

  it('reads the flags -q, -v, --json, --help and --version', () => {
    expect(parseArgs(['a.f90', '-q', '-v'])).toMatchObject({ quiet: true, verbose: true });
    expect(parseArgs(['--quiet', '--verbose', 'a.f90'])).toMatchObject({ quiet: true, verbose: true });
    expect(parseArgs(['-h']).command).toBe('help');
    expect(parseArgs(['gen', '--help']).command).toBe('help');
    expect(parseArgs(['--version']).command).toBe('version');
  });

  it('treats a lone - as a file name', () => {
    expect(parseArgs(['-']).options.files).toEqual(['-']);
  });

  it('rejects unknown options with a UsageError naming them', () => {
    expect(() => parseArgs(['a.f90', '--frobnicate'])).toThrow(UsageError);
    expect(() => parseArgs(['a.f90', '--frobnicate'])).toThrow('unknown option --frobnicate');
    expect(() => parseArgs(['-x', 'a.f90'])).toThrow('unknown option -x');
    expect(() => parseArgs(['a.f90', '--json=yes'])).toThrow('unknown option --json=yes');
  });

  it('rejects an option without its value', () => {
    for (const opt of ['-o', '--name', '--only', '-l', '--fflags']) {
      expect(() => parseArgs(['a.f90', opt])).toThrow(UsageError);
      expect(() => parseArgs(['a.f90', opt])).toThrow(`option ${opt} needs a value`);
    }
  });
});
