# The classroom page (classroom/, docs/classroom.md), built from the release preset: a CMake build
# configures one preset, so the page's own project, which needs emscripten's toolchain, is an
# ExternalProject that configures and builds the `classroom` preset into build/classroom/. Its
# build runs every time (BUILD_ALWAYS): the inner ninja decides what is out of date, in seconds
# when nothing is.
#
# Emscripten's system libraries (libc, libc++, ...) come from Debian's prebuilt, read-only cache
# in /usr/share/emscripten/cache: a private cache under build/ would first compile them all, about
# 15 minutes on two cores, for the same .wasm to the byte (docs/classroom.md).
include(ExternalProject)

set(REGIESIM_EMSCRIPTEN_TOOLCHAIN /usr/share/emscripten/cmake/Modules/Platform/Emscripten.cmake)
if(NOT EXISTS ${REGIESIM_EMSCRIPTEN_TOOLCHAIN})
  message(FATAL_ERROR "The classroom page needs Debian's emscripten (${REGIESIM_EMSCRIPTEN_TOOLCHAIN} "
                      "is missing): run `bash scripts/setup.sh`, or configure with "
                      "-DREGIESIM_BUILD_CLASSROOM=OFF")
endif()

set(REGIESIM_KLAS_DIR ${PROJECT_SOURCE_DIR}/build/classroom)
set(REGIESIM_KLAS_PAGE ${REGIESIM_KLAS_DIR}/regiesim-klas.html
    CACHE FILEPATH "The classroom page the browser tests open")
set(REGIESIM_KLAS_ENGINE ${REGIESIM_KLAS_DIR}/regiesim-klas-engine.js
    CACHE FILEPATH "The classroom page's engine module, compared with the CLI by the tests")

# `cmake --preset` and `cmake --build --preset` read CMakePresets.json from the working directory;
# the build preset carries the configure preset's environment (NODE_PATH for emscripten's linker).
ExternalProject_Add(classroom_page
  SOURCE_DIR ${PROJECT_SOURCE_DIR}
  BINARY_DIR ${REGIESIM_KLAS_DIR}
  CONFIGURE_COMMAND ${CMAKE_COMMAND} -E chdir ${PROJECT_SOURCE_DIR}
                    ${CMAKE_COMMAND} --preset classroom
  BUILD_COMMAND ${CMAKE_COMMAND} -E chdir ${PROJECT_SOURCE_DIR}
                ${CMAKE_COMMAND} --build --preset classroom
  INSTALL_COMMAND ""
  BUILD_ALWAYS ON
  BUILD_BYPRODUCTS ${REGIESIM_KLAS_PAGE} ${REGIESIM_KLAS_ENGINE})
