// Emits CMakeLists.txt: the same addon binding.gyp describes, for cmake-js (`--build-system
// cmake`). The Fortran goes through CMake's own Fortran support (module dependencies scanned by
// CMake) into a static library, instead of build-fortran.js; flags and libraries are binding.gyp's.

import { generatedBanner, Writer } from '../writer';
import { BIND_NOW, NAPI_DEFINES, NAPI_ONLY_WHY, NO_SHARED_STATICS, type NativeBuild, sanitizerFlags, sharedInputRpath } from './binding-gyp';

/** A CMake quoted argument: `"`, `\`, `;` (CMake's list separator) and `${` escaped; `$<...>` stays a generator expression. */
function quoted(text: string): string {
  return `"${text.replace(/[\\";]|\$(?=\{)/g, (c) => `\\${c}`)}"`;
}

function list(items: readonly string[]): string {
  return items.map(quoted).join(' ');
}

/** The Fortran library: user sources then the shim; the shim's own flags as build-fortran.js gives them. */
function writeFortran(w: Writer, b: NativeBuild, fflags: readonly string[]): void {
  const lib = `${b.moduleName}_fortran`;
  const shim = b.fortranSources.filter((f) => f.endsWith('_shim.f90'));
  w.line(`add_library(${lib} STATIC ${list(b.fortranSources)})`);
  w.line(`set_target_properties(${lib} PROPERTIES POSITION_INDEPENDENT_CODE ON Fortran_MODULE_DIRECTORY "\${CMAKE_BINARY_DIR}/fortran")`);
  w.line(`target_compile_options(${lib} PRIVATE ${list(['-O2', ...fflags])})`);
  // One shim may pass an array in one call and a scalar in another (LAPACK's workspace queries).
  w.block('if(CMAKE_Fortran_COMPILER_ID STREQUAL "GNU" AND NOT CMAKE_Fortran_COMPILER_VERSION VERSION_LESS 10)', () => {
    w.line(`set_source_files_properties(${list(shim)} PROPERTIES COMPILE_OPTIONS "-fallow-argument-mismatch;-w")`);
  }, 'endif()');
}

export function emitCMakeLists(b: NativeBuild): string {
  const sanitize = sanitizerFlags(b.sanitize);
  const name = b.moduleName;
  const w = new Writer();
  w.line(generatedBanner('#'));
  w.line('cmake_minimum_required(VERSION 3.19)');
  w.line(`project(${name} LANGUAGES C CXX Fortran)`);
  w.line();
  w.line('# node-addon-api as binding.gyp finds it (NODE_PATH included); Node\'s headers come from cmake-js.');
  w.line('execute_process(COMMAND node -p "require(\'node-addon-api\').include_dir" WORKING_DIRECTORY "${CMAKE_SOURCE_DIR}"');
  w.line('  OUTPUT_VARIABLE NODE_ADDON_API_DIR OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)');
  w.line();
  writeFortran(w, b, [...sanitize, ...b.fflags]);
  w.line();
  w.line(`add_library(${name} SHARED ${list([...(b.cxxSources ?? [`src/${name}.cc`]), ...b.cSources])} \${CMAKE_JS_SRC})`);
  w.line(`set_target_properties(${name} PROPERTIES PREFIX "" SUFFIX ".node" CXX_STANDARD 17)`);
  w.line(`target_include_directories(${name} PRIVATE \${CMAKE_JS_INC} "\${NODE_ADDON_API_DIR}" ${list(['include', ...b.includeDirs])})`);
  w.line(`target_compile_definitions(${name} PRIVATE ${list(NAPI_DEFINES)})`);
  w.line(`# ${NAPI_ONLY_WHY}`);
  w.block('if(DEFINED ENV{PREBUILD_PLATFORM} OR DEFINED ENV{BRIDGEGEN_NO_V8_TYPE_TEST})', () => {
    w.line(`target_compile_definitions(${name} PRIVATE BRIDGEGEN_NO_V8_TYPE_TEST)`);
  }, 'endif()');
  const cflags = [...sanitize, ...b.cflags];
  w.line(`target_compile_options(${name} PRIVATE ${list(['$<$<COMPILE_LANGUAGE:CXX>:-fexceptions>', '$<$<COMPILE_LANGUAGE:CXX>:-O2>', `$<$<COMPILE_LANGUAGE:CXX>:${NO_SHARED_STATICS}>`, ...cflags])})`);
  if (b.libraryDirs.length) w.line(`target_link_directories(${name} PRIVATE ${list(b.libraryDirs)})`);
  const rpath = [...b.libraryDirs.map((d) => `-Wl,-rpath,${d}`), ...sharedInputRpath(b, '${CMAKE_CURRENT_SOURCE_DIR}')];
  w.line(`target_link_options(${name} PRIVATE ${list([...sanitize, BIND_NOW, ...rpath])})`);
  const inputs = (b.linkInputs ?? []).map((f) => `\${CMAKE_CURRENT_SOURCE_DIR}/${f}`);
  w.line(`target_link_libraries(${name} PRIVATE ${name}_fortran ${list([...inputs, ...b.libraries, 'gfortran'])} \${CMAKE_JS_LIB})`);
  return w.toString();
}
