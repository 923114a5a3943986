# Every build option of podsim, in one place.
option(PODSIM_BUILD_TESTS "Build the Catch2 tests and register them (and the bundled scenarios) with ctest." ON)
option(PODSIM_WERROR "Turn compiler warnings into errors." OFF)
set(PODSIM_SANITIZE "" CACHE STRING
    "Sanitizers for every target, e.g. address,undefined (CI builds and tests once with them).")
option(PODSIM_FUZZ "Build the libFuzzer target of the scenario loader (tests/fuzz; needs clang)." OFF)
# jemalloc: SimGrid's many small allocations (and its walk over the in-flight transfer list) run 25-40 %
# faster than with glibc's malloc (docs/performance.md). Off under sanitizers, which bring their own.
option(PODSIM_JEMALLOC "Link podsim and the benchmark with jemalloc." ON)

if(PODSIM_SANITIZE)
  add_compile_options(-fsanitize=${PODSIM_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${PODSIM_SANITIZE})
endif()
if(PODSIM_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "PODSIM_FUZZ needs clang (libFuzzer): configure with CXX=clang++ CC=clang")
  endif()
  # Coverage feedback for every library the loader uses; the target itself links libFuzzer's main.
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
