# Every build option of podsim, in one place.
option(PODSIM_BUILD_TESTS "Build the Catch2 tests and register them (and the bundled scenarios) with ctest." ON)
option(PODSIM_WERROR "Turn compiler warnings into errors." OFF)
