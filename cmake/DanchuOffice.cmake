# The office libraries (issue 13) in one place: danchu_office, the compiled
# static library that writes XLSX (libxlsxwriter) and reads XLSX (libzip +
# pugixml). Included once from the top-level CMakeLists.txt when a compiled part
# (the tool, the extension, the tests, the fuzzers) is built. Debian 12 and 13
# package all three under the same names (scripts/packages.txt:
# libxlsxwriter-dev, libzip-dev, libpugixml-dev); libxlsxwriter and libzip are
# found with pkg-config, pugixml with its CMake package (pkg-config as fallback).
#
# Debian ships libxlsxwriter and libzip as shared libraries only. In a wheel
# (scripts/wheel.sh) auditwheel copies them into danchu.libs/ for the extension
# and for the tool alike (it moves an ELF tool to danchu.scripts/ behind a small
# launcher), so the wheel still needs nothing from the system beyond libc and libm.
if(TARGET danchu_office_deps)
  return()
endif()
find_package(PkgConfig REQUIRED)
pkg_check_modules(DANCHU_XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
pkg_check_modules(DANCHU_LIBZIP REQUIRED IMPORTED_TARGET libzip)
find_package(pugixml CONFIG QUIET)
add_library(danchu_office_deps INTERFACE)
if(TARGET pugixml::static)
  target_link_libraries(danchu_office_deps INTERFACE pugixml::static)
elseif(TARGET pugixml::pugixml)
  target_link_libraries(danchu_office_deps INTERFACE pugixml::pugixml)
elseif(TARGET pugixml)
  target_link_libraries(danchu_office_deps INTERFACE pugixml)
else()
  pkg_check_modules(DANCHU_PUGIXML REQUIRED IMPORTED_TARGET pugixml)
  target_link_libraries(danchu_office_deps INTERFACE PkgConfig::DANCHU_PUGIXML)
endif()
target_link_libraries(danchu_office_deps INTERFACE PkgConfig::DANCHU_XLSXWRITER PkgConfig::DANCHU_LIBZIP)
