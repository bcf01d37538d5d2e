// The command line: argv -> pipeline -> files, diagnostics and exit status (0 ok, 1 bad
// input, 2 toolchain failure). All logic lives in the pipeline; this only wires and reports.

import * as fs from 'node:fs';
import { buildPackage, generatePackage } from '../build';
import { renderDoctor, runDoctor } from '../build/doctor';
import { createProgress } from '../build/progress';
import { bridgegenVersion } from '../build/toolchain';
import { type Diagnostic, InputError, ToolchainError } from '../diag/diagnostic';
import { renderDiagnostics } from '../diag/render';
import { emitSignatureFile } from '../emit/pyf/pyf';
import { buildLinalg } from '../linalg/build';
import { analyze, parseOnly } from '../pipeline/analyze';
import { HELP, type Invocation, parseArgs, UsageError } from './args';

function readLine(file: string, line: number): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8').split(/\r?\n/)[line - 1];
  } catch {
    return undefined;
  }
}

/** Prints diagnostics in source order (files as given, then line and column); `write` is stderr's, or a live progress line's. */
function report(diagnostics: readonly Diagnostic[], write: (text: string) => void = (text) => process.stderr.write(text)): void {
  const files = [...new Set(diagnostics.map((d) => d.span.file))];
  const sorted = [...diagnostics].sort((a, b) =>
    files.indexOf(a.span.file) - files.indexOf(b.span.file) || a.span.line - b.span.line || a.span.col - b.span.col);
  if (sorted.length) write(renderDiagnostics(sorted, readLine) + '\n');
}

async function run(inv: Invocation): Promise<void> {
  switch (inv.command) {
    case 'help':
      process.stdout.write(HELP + '\n');
      return;
    case 'doctor': {
      const checks = runDoctor();
      process.stdout.write(renderDoctor(checks) + '\n');
      if (checks.some((c) => !c.ok && !c.optional)) throw new ToolchainError('the toolchain is incomplete', 'see the fixes above');
      return;
    }
    case 'version':
      process.stdout.write(bridgegenVersion() + '\n');
      return;
    case 'parse': {
      const { iface, diagnostics } = parseOnly(inv.options);
      report(diagnostics);
      process.stdout.write(JSON.stringify(iface, null, inv.json ? 2 : undefined) + '\n');
      return;
    }
    case 'sig': {
      const { moduleName, iface, diagnostics } = parseOnly(inv.options);
      if (!inv.quiet) report(diagnostics);
      const text = emitSignatureFile(moduleName, iface);
      if (inv.options.out) fs.writeFileSync(inv.options.out, text);
      else process.stdout.write(text);
      return;
    }
    case 'gen': {
      const analysis = analyze(inv.options);
      if (!inv.quiet) report(analysis.warnings);
      const dir = await generatePackage(analysis, inv.options);
      if (!inv.quiet) process.stdout.write(`generated ${analysis.moduleName} -> ${dir}\n`);
      return;
    }
    case 'linalg-build': {
      const { libraries, libraryDirs, files } = inv.options;
      if (files.length || inv.options.out || inv.options.name || inv.options.only || inv.options.skip) {
        throw new UsageError('linalg-build takes no files, -o, -m, --only or --skip (it builds fortran/linalg/ into linalg/build/); only -l/-L, -q, -v');
      }
      const progress = createProgress({ quiet: inv.quiet, verbose: inv.verbose });
      const r = await buildLinalg({ libraries, libraryDirs }, progress);
      if (!inv.quiet) report(r.warnings);
      progress.done(`${r.upToDate ? 'up to date' : 'built'}: bridgegen/linalg (${r.counts.blas} BLAS + ${r.counts.lapack} LAPACK routines, ` +
        `${r.blas.libraries.map((l) => `-l${l}`).join(' ')}) -> ${r.dir}`);
      return;
    }
    case 'build': {
      const progress = createProgress({ quiet: inv.quiet, verbose: inv.verbose });
      try {
        progress.stage('parsing');
        const analysis = analyze(inv.options);
        if (!inv.quiet) report(analysis.warnings, (text) => progress.print(text));
        const result = await buildPackage(analysis, inv.options, progress);
        const count = analysis.iface.routines.length;
        progress.done(`${result.upToDate ? 'up to date' : 'built'}: ${analysis.moduleName} (${count} routine${count === 1 ? '' : 's'}) -> ${result.dir}`);
      } finally {
        progress.stop(); // errors are reported on a clean line
      }
      return;
    }
  }
}

/** Runs the CLI and returns the exit status. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    await run(parseArgs(argv));
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`bridgegen: error: ${err.message}\n${HELP}\n`);
      return 1;
    }
    if (err instanceof InputError) {
      report(err.diagnostics);
      return 1;
    }
    if (err instanceof ToolchainError) {
      process.stderr.write(`bridgegen: error: ${err.message}\n${err.output}\n`);
      return 2;
    }
    throw err;
  }
}
