// A precompiled runtime header, cached for the user: every generated glue file starts with
// `#include <bridgegen/bridgegen.h>` (node-addon-api, the runtime, much of libstdc++), and
// parsing it is a third of compiling a small module. GCC looks for `bridgegen/bridgegen.h.gch`
// beside the header in each include folder, so an entry's folder put first on the include path
// is all a compile needs; the generated source does not change.
//
// An entry is keyed by everything its content depends on (the compiler's `-v`, the flags, the
// runtime headers' and node-addon-api's contents, Node's headers' sizes and times), made in a
// temporary folder and renamed into place whole, and checked against its fingerprint before each
// use: a damaged entry is removed and rebuilt, never used. GCC itself refuses a header made with
// other options or by another build of the compiler, and then reads the header copies beside it.
// Only GCC: clang finds a PCH only through -include-pch.
//
// An entry also holds the compiled runtime (native/runtime/bridgegen_runtime.cc: the array
// templates for every element type), made with the same flags: a glue file compiled through the
// entry defines BRIDGEGEN_SEPARATE_RUNTIME, declares those instances `extern` and links the
// object instead of optimising its own copies (instances.h).

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Entries kept (most recently used first); each is ~75 MB. */
const KEEP_ENTRIES = 4;
/** A temporary folder younger than this is an entry being made; older, one abandoned. */
const MAKING_MS = 10 * 60_000;
const FINGERPRINT = 'fingerprint';
/** The fingerprint reads this many blocks spread over the PCH, not all ~75 MB (which costs ~0.25 s). */
const SAMPLES = 32;
const SAMPLE_BYTES = 16 * 1024;

/** `$BRIDGEGEN_CACHE_DIR`, else `$XDG_CACHE_HOME/bridgegen` or `~/.cache/bridgegen`; undefined when BRIDGEGEN_NO_CACHE is set. */
export function cacheRoot(): string | undefined {
  if (process.env.BRIDGEGEN_NO_CACHE) return undefined;
  if (process.env.BRIDGEGEN_CACHE_DIR) return path.resolve(process.env.BRIDGEGEN_CACHE_DIR);
  return path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'bridgegen');
}

/** What an entry is made from. */
export interface PchInputs {
  readonly compiler: string;
  /** The C++ flags of a glue file compiled through the entry (SEPARATE_GLUE), include paths excluded. */
  readonly flags: readonly string[];
  /** Include folders of the runtime's own includes (Node's, node-addon-api's); not the user's -I, which the glue reads after it. */
  readonly includeDirs: readonly string[];
  /** The package's copy of the runtime headers (include/bridgegen). */
  readonly headers: string;
  /** The runtime's source file, compiled into the entry (bridgegen_runtime.cc)... */
  readonly runtimeSource: string;
  /** ... with these flags, include paths excluded. */
  readonly runtimeFlags: readonly string[];
}

/** An entry's folder: put `include` first on the include path, and link `runtime`. */
export interface PchEntry {
  readonly dir: string;
  readonly include: string;
  /** The compiled runtime (bridgegen_runtime.o). */
  readonly runtime: string;
}

/** The define of glue compiled through an entry: the runtime's instances come from its object. */
export const SEPARATE_RUNTIME = '-DBRIDGEGEN_SEPARATE_RUNTIME';

/**
 * What glue compiled through an entry adds after its flags (before the user's --cflags, which
 * come again and win): the define, and -O1 with -O2's inlining of small functions. Such glue is a
 * list of calls into the runtime, whose code the entry's object holds at -O2: GCC compiles it ~20%
 * faster (mylib.f90: 1.9 -> 1.5 s), and a call runs the same instructions (callgrind, within
 * 0.4%; plain -O1 left small templates such as read_scalar as calls, +1.5%). The entry's header is
 * made with these flags too: GCC keeps each header function's optimisation options from the
 * header, and crashed compiling -O2 glue through an -O1 header.
 */
export const SEPARATE_GLUE: readonly string[] = [SEPARATE_RUNTIME, '-O1', '-finline-small-functions'];

/**
 * The runtime object instantiates every element type, and a module uses a few: each function in
 * its own section, hidden (so not exported by the module, and called directly), lets the link
 * (`--gc-sections`) drop the rest. Linked whole, it more than doubled a small module's size.
 */
export const RUNTIME_FLAGS: readonly string[] = ['-ffunction-sections', '-fvisibility=hidden'];

const RUNTIME_SOURCE = 'bridgegen_runtime.cc';

/** The entry (or staged entry) in folder `dir`. */
export function pchEntryAt(dir: string): PchEntry {
  return { dir, include: path.join(dir, 'include'), runtime: path.join(dir, 'bridgegen_runtime.o') };
}

function compilerIdentity(compiler: string): string | undefined {
  const r = spawnSync(compiler, ['-v'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return undefined;
  return r.stderr;
}

function filesOf(dir: string): string[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name).sort();
  } catch {
    return [];
  }
}

/** Where the runtime headers' includes lead: file contents (small), or sizes and times (Node's ~70 headers). */
function headersState(inputs: PchInputs, hash: ReturnType<typeof createHash>): void {
  for (const name of filesOf(inputs.headers)) hash.update(`${name}\0`).update(fs.readFileSync(path.join(inputs.headers, name)));
  hash.update(`${RUNTIME_SOURCE}\0`).update(fs.readFileSync(inputs.runtimeSource));
  for (const dir of inputs.includeDirs) {
    hash.update(`dir ${dir}\0`);
    for (const name of filesOf(dir)) {
      const s = fs.statSync(path.join(dir, name));
      hash.update(`${name} ${s.size} ${s.mtimeMs}\0`);
    }
  }
}

/** The entry for these inputs, or undefined when the compiler is not GCC (or not there). */
export function pchEntryFor(root: string, inputs: PchInputs): PchEntry | undefined {
  const identity = compilerIdentity(inputs.compiler);
  if (!identity || !/^gcc version /m.test(identity)) return undefined;
  const hash = createHash('sha256');
  hash.update(JSON.stringify([identity, inputs.compiler, inputs.flags, inputs.includeDirs, inputs.runtimeFlags]));
  headersState(inputs, hash);
  return pchEntryAt(path.join(root, 'pch', hash.digest('hex').slice(0, 32)));
}

function gchOf(entry: PchEntry): string {
  return path.join(entry.include, 'bridgegen', 'bridgegen.h.gch');
}

/**
 * A hash of the entry's header copies, its runtime object (whole: it is small), its PCH's size and modification time (to the nanosecond:
 * any write after the entry was made changes it) and blocks sampled across it. Hashing all
 * ~75 MB would cost more than the header saves on a small module.
 */
function fingerprintOf(entry: PchEntry): string {
  const hash = createHash('sha256');
  const headers = path.join(entry.include, 'bridgegen');
  for (const name of filesOf(headers).filter((n) => n.endsWith('.h'))) {
    hash.update(`${name}\0`).update(fs.readFileSync(path.join(headers, name)));
  }
  hash.update('runtime\0').update(fs.readFileSync(entry.runtime));
  const fd = fs.openSync(gchOf(entry), 'r');
  try {
    const stat = fs.fstatSync(fd, { bigint: true });
    const size = Number(stat.size);
    hash.update(`size ${size} modified ${stat.mtimeNs} inode ${stat.ino}\0`);
    const block = Buffer.alloc(SAMPLE_BYTES);
    for (let k = 0; k < SAMPLES; k++) {
      const at = Math.floor(((size - SAMPLE_BYTES) * k) / (SAMPLES - 1));
      const n = fs.readSync(fd, block, 0, SAMPLE_BYTES, Math.max(0, at));
      hash.update(block.subarray(0, n));
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

/** Records the entry's fingerprint: from now on it is used while unchanged. */
export function sealPch(entry: PchEntry): void {
  fs.writeFileSync(path.join(entry.dir, FINGERPRINT), fingerprintOf(entry));
}

/** Whether the entry is complete and unchanged (reads only). */
export function pchReady(entry: PchEntry): boolean {
  try {
    return fs.readFileSync(path.join(entry.dir, FINGERPRINT), 'utf8') === fingerprintOf(entry);
  } catch {
    return false;  // missing or unreadable: as damaged
  }
}

/** Whether the entry is complete and unchanged; a damaged one is removed (to be rebuilt). */
export function pchUsable(entry: PchEntry): boolean {
  if (!fs.existsSync(entry.dir)) return false;
  if (pchReady(entry)) {
    const now = new Date();
    fs.utimesSync(entry.dir, now, now);  // recently used: kept by prune
    return true;
  }
  discardPch(entry);
  return false;
}

export function discardPch(entry: PchEntry): void {
  fs.rmSync(entry.dir, { recursive: true, force: true });
}

/**
 * A new entry's temporary folder, beside the entries, holding copies of the runtime headers;
 * undefined while another build is making the same entry (parallel builds make it once).
 */
export function stagePch(entry: PchEntry, headers: string, runtimeSource: string): PchEntry | undefined {
  const parent = path.dirname(entry.dir);
  fs.mkdirSync(parent, { recursive: true });
  const prefix = `.tmp-${path.basename(entry.dir)}-`;
  const busy = fs.readdirSync(parent).some((name) => name.startsWith(prefix) && Date.now() - fs.statSync(path.join(parent, name)).mtimeMs < MAKING_MS);
  if (busy) return undefined;
  const dir = fs.mkdtempSync(path.join(parent, prefix));
  const copies = path.join(dir, 'include', 'bridgegen');
  fs.mkdirSync(copies, { recursive: true });
  for (const name of filesOf(headers)) fs.copyFileSync(path.join(headers, name), path.join(copies, name));
  // The runtime compiles beside its own header copies: GCC would read the PCH being written beside the others.
  const runtimeCopies = path.join(dir, 'runtime', 'include', 'bridgegen');
  fs.mkdirSync(runtimeCopies, { recursive: true });
  for (const name of filesOf(headers)) fs.copyFileSync(path.join(headers, name), path.join(runtimeCopies, name));
  fs.copyFileSync(runtimeSource, path.join(dir, 'runtime', RUNTIME_SOURCE));
  return pchEntryAt(dir);
}

/** What a staged entry compiles: the header into the PCH, the runtime source (with its include folder) into the object. */
export function pchFiles(staged: PchEntry): { header: string; gch: string; runtimeSource: string; runtimeInclude: string } {
  return { header: path.join(staged.include, 'bridgegen', 'bridgegen.h'), gch: gchOf(staged),
    runtimeSource: path.join(staged.dir, 'runtime', RUNTIME_SOURCE), runtimeInclude: path.join(staged.dir, 'runtime', 'include') };
}

/**
 * Completes a staged entry whose PCH and runtime object `compile` makes: fingerprints it and renames it into place
 * whole. False if the compile failed; another process making the same entry at once is fine.
 */
export async function finishPch(staged: PchEntry, entry: PchEntry, compile: () => Promise<boolean>): Promise<boolean> {
  try {
    if (!(await compile())) return false;
    sealPch(staged);
    try {
      fs.renameSync(staged.dir, entry.dir);
    } catch {
      // Another build made it first: theirs is as good.
    }
    prune(path.dirname(entry.dir));
    return fs.existsSync(entry.dir);
  } finally {
    fs.rmSync(staged.dir, { recursive: true, force: true });
  }
}

/** Keeps the KEEP_ENTRIES most recently used entries, and the temporary folders of entries being made. */
function prune(parent: string): void {
  const entries = fs.readdirSync(parent).map((name) => {
    const dir = path.join(parent, name);
    return { name, dir, used: fs.statSync(dir).mtimeMs };
  });
  const kept = entries.filter((e) => !e.name.startsWith('.')).sort((a, b) => b.used - a.used).slice(0, KEEP_ENTRIES);
  for (const e of entries) {
    const stale = e.name.startsWith('.') ? Date.now() - e.used > MAKING_MS : !kept.includes(e);
    if (stale) fs.rmSync(e.dir, { recursive: true, force: true });
  }
}
