#!/usr/bin/env bash
# Prepares a checkout for `npm run demo` and `npm test`: system toolchain, node_modules, dist/, linalg/build/.
# Idempotent and quiet when there is nothing to do; says what it does otherwise.
# Nothing is downloaded except Debian packages (apt-get) and npm packages (npm ci).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

# --- 1. System packages ------------------------------------------------------------------
# Tools are checked with `command -v` (they may come from anywhere); libraries with dpkg.
declare -A tool_pkg=([gfortran]=gfortran [python3]=python3 [make]=make [g++]=g++ [cmake]=cmake)
libs=(libopenblas-dev liblapack-dev liblapacke-dev)

missing=()
for tool in gfortran python3 make g++ cmake; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("${tool_pkg[$tool]}")
done
for pkg in "${libs[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ $status == "install ok installed" ]] || missing+=("$pkg")
done

if ((${#missing[@]})); then
  install_cmd="apt-get install -y --no-install-recommends ${missing[*]}"
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    say "installing system packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  else
    printf 'setup: missing system packages: %s\n' "${missing[*]}" >&2
    printf 'setup: install them (as root) with:\n%s\n' "$install_cmd" >&2
    exit 1
  fi
fi

# --- 2. Node headers (never downloaded: node-gyp uses the local install as nodedir) -------
node_bin=$(command -v node) || die "node is not on PATH"
node_prefix=$(dirname "$(dirname "$(readlink -f "$node_bin")")")
if [[ ! -f $node_prefix/include/node/node_api.h ]]; then
  {
    printf 'setup: error: Node.js headers not found (%s/include/node/node_api.h)\n' "$node_prefix"
    printf 'setup: they ship with the Node.js install; on Debian/Ubuntu:\n'
    printf '  apt-get install libnode-dev     # Debian'"'"'s own nodejs package\n'
    printf '  apt-get install nodejs          # NodeSource'"'"'s nodejs package includes them\n'
    printf 'setup: or use a Node.js from nodejs.org / nvm, which includes include/node/.\n'
  } >&2
  exit 1
fi

# --- 3. node_modules: `npm ci` when missing or when package-lock.json changed ------------
stamp=node_modules/.bridgegen-setup-stamp
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -d node_modules ]] || [[ ! -f $stamp ]] || [[ $(<"$stamp") != "$lock_sum" ]]; then
  say "installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund
  printf '%s\n' "$lock_sum" >"$stamp"
  rm -f dist/.build-stamp # new toolchain: rebuild below
fi

# --- 4. Build TypeScript (src/ -> dist/) when anything changed since the last build ------
build_stamp=dist/.build-stamp
if [[ ! -f $build_stamp ]] ||
  [[ -n $(find src tsconfig.json tsconfig.build.json package.json -newer "$build_stamp" -print -quit) ]]; then
  say "building TypeScript (tsc -p tsconfig.build.json)"
  npx --no-install tsc -p tsconfig.build.json
  mkdir -p dist
  touch "$build_stamp"
fi

# --- 5. bridgegen/linalg (fortran/linalg/*.pyf.src -> linalg/build/) -----------------------
# bridgegen's own input stamp makes an unchanged rebuild a no-op; this mtime check skips even
# starting node when nothing under fortran/linalg/ or dist/ changed since the last build.
linalg_stamp=linalg/build/api.json
if [[ ! -f $linalg_stamp ]] || [[ -f linalg/build/error.txt ]] ||
  [[ -n $(find fortran/linalg "$build_stamp" -newer "$linalg_stamp" -print -quit) ]]; then
  say "building bridgegen/linalg (bridgegen linalg-build)"
  node bin/bridgegen.js linalg-build
  touch "$linalg_stamp"
fi

# --- 6. The runtime cache of a build without options (src/build/warm-cache.ts) -------------
# So the first `bridgegen FILE` builds as fast as later ones. Checked each time (~0.2 s; the
# entry's key covers the compiler and the runtime headers); compiles (~10 s) only when missing.
node dist/build/warm-cache.js | { grep -v 'cache is ready' || true; }
