// The build's progress output: a live line with a bar on a TTY, nothing but the summary on a
// pipe, nothing at all with --quiet; and the tool output lines that advance it.

import { compileSteps, stepOf } from '../../../src/build/build-tool';
import { bar, createProgress } from '../../../src/build/progress';

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  let out = '';
  const stream = { isTTY, columns: 100, write: (s: string) => { out += s; return true; } } as unknown as NodeJS.WriteStream;
  return { stream, text: () => out };
}

/** What a build reports through `progress`: parse, configure, three files, link, done. */
function build(progress: ReturnType<typeof createProgress>): void {
  progress.stage('parsing');
  progress.print('x.f90:1:1: warning: something\n');
  progress.stage('configuring (node-gyp)');
  progress.detail('gyp info ok');
  for (let i = 1; i <= 3; i++) {
    progress.stage('compiling 3 files');
    progress.step(i, 3);
  }
  progress.stage('linking');
  progress.done('built: x');
}

describe('progress', () => {
  let stdout: jest.SpyInstance;
  beforeEach(() => { stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true); });
  afterEach(() => stdout.mockRestore());

  it('draws the stage, a bar while compiling, and clears the line at the end on a TTY', () => {
    const { stream, text } = fakeStream(true);
    build(createProgress({ quiet: false, verbose: false, stream }));
    const lines = text().split('\r\x1b[2K');
    expect(lines).toContain('bridgegen: parsing 0s');
    expect(lines).toContain('x.f90:1:1: warning: something\n');
    expect(lines).toContain(`bridgegen: compiling 3 files ${bar(2, 3)} 0s`);
    expect(lines).toContain('bridgegen: linking 0s');
    expect(text().endsWith('\r\x1b[2K')).toBe(true);
    expect(text()).not.toContain('gyp info');
    expect(stdout).toHaveBeenCalledWith('built: x\n');
  });

  it('writes only warnings and the summary on a pipe, and nothing with --quiet', () => {
    const pipe = fakeStream(false);
    build(createProgress({ quiet: false, verbose: false, stream: pipe.stream }));
    expect(pipe.text()).toBe('x.f90:1:1: warning: something\n');
    expect(stdout).toHaveBeenCalledWith('built: x\n');
    stdout.mockClear();
    const quiet = fakeStream(true);
    build(createProgress({ quiet: true, verbose: false, stream: quiet.stream }));
    expect(quiet.text()).toBe('x.f90:1:1: warning: something\n'); // the CLI does not report warnings when quiet
    expect(stdout).not.toHaveBeenCalled();
  });

  it('streams stages and tool output with --verbose, without a live line', () => {
    const { stream, text } = fakeStream(true);
    build(createProgress({ quiet: false, verbose: true, stream }));
    expect(text()).toBe('bridgegen: parsing\nx.f90:1:1: warning: something\nbridgegen: configuring (node-gyp)\ngyp info ok\n' +
      'bridgegen: compiling 3 files\nbridgegen: linking\n');
  });

  it('draws bars of the width given by the steps done', () => {
    expect(bar(0, 4)).toBe(`[${'.'.repeat(24)}] 0/4`);
    expect(bar(1, 4)).toBe(`[${'#'.repeat(6)}${'.'.repeat(18)}] 1/4`);
    expect(bar(4, 4)).toBe(`[${'#'.repeat(24)}] 4/4`);
  });
});

describe('build tool output', () => {
  it('counts compile and link steps of node-gyp (make) and cmake-js (ninja or make)', () => {
    expect(stepOf('  ACTION binding_gyp_calls_target_fortran Release/fortran/libcalls_fortran.a')).toBe('compile');
    expect(stepOf('  CXX(target) Release/obj.target/calls/src/calls.o')).toBe('compile');
    expect(stepOf('  CC(target) Release/obj.target/calls/src/calls_cshim.o')).toBe('compile');
    expect(stepOf('  SOLINK_MODULE(target) Release/obj.target/calls.node')).toBe('link');
    expect(stepOf('[3/8] Building CXX object CMakeFiles/calls.dir/src/calls.cc.o')).toBe('compile');
    expect(stepOf('[ 40%] Building Fortran object CMakeFiles/calls_fortran.dir/src/calls_shim.f90.o')).toBe('compile');
    expect(stepOf('[1/8] Building Fortran preprocessed CMakeFiles/calls_fortran.dir/src/calls_shim.f90-pp.f90')).toBeUndefined();
    expect(stepOf('[8/8] Linking CXX shared library /tmp/x/build/Release/calls.node')).toBe('link');
    expect(stepOf('gyp info ok')).toBeUndefined();
  });

  it('expects one Fortran step from node-gyp and one per Fortran file from CMake', () => {
    expect(compileSteps('node-gyp', { c: 11, fortran: 2 })).toBe(12);
    expect(compileSteps('cmake', { c: 11, fortran: 2 })).toBe(13);
  });
});
