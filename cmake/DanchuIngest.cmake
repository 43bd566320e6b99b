# The fast evidence reader (issue 14) in one place: danchu_ingest, the compiled
# static library that reads JSON evidence and events files with simdjson
# (include/danchu/ingest/json.hpp). Included once from the top-level
# CMakeLists.txt when a compiled part (the tool, the extension, the tests, the
# fuzzers, the benchmarks) is built; the header-only core does not need it.
#
# Debian 12 packages simdjson 3.0.1 and Debian 13 a later 3.x, both as
# libsimdjson-dev (scripts/packages.txt) with a CMake package (pkg-config as
# fallback). The one behaviour that differs between versions the reader
# relies on, how "-0" is typed, is handled in the code (src/ingest/json.cpp:
# a negative zero goes to the reference reader), so no version test is needed
# here. Debian ships libsimdjson as a shared library only, which needs
# libstdc++ and libgcc_s: wheels (DANCHU_STATIC_RUNTIME) do not link it
# (option DANCHU_INGEST, top-level CMakeLists.txt).
if(TARGET danchu_ingest_deps)
  return()
endif()
add_library(danchu_ingest_deps INTERFACE)
find_package(simdjson 3.0 CONFIG QUIET)
if(TARGET simdjson::simdjson)
  target_link_libraries(danchu_ingest_deps INTERFACE simdjson::simdjson)
else()
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(DANCHU_SIMDJSON REQUIRED IMPORTED_TARGET simdjson>=3.0)
  target_link_libraries(danchu_ingest_deps INTERFACE PkgConfig::DANCHU_SIMDJSON)
endif()
