# podsim validate on a small corpus (tests/data/validate/): its table, statistics and fitted knobs
# must equal the pinned ones (the wall-time line aside), and its HDF5 file must exist.
# -DUPDATE=1 rewrites the pinned file instead.
file(REMOVE_RECURSE ${WORKDIR})
file(MAKE_DIRECTORY ${WORKDIR})
execute_process(COMMAND ${PODSIM} validate ${DATA}/throughput-subset.csv ${DATA}/checkpoint-subset.csv --fit --quiet
                        -o ${WORKDIR}/validation.h5 --markdown ${WORKDIR}/validation.md
                RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "podsim validate exited ${rc}: ${err}")
endif()
if(NOT EXISTS ${WORKDIR}/validation.h5)
  message(FATAL_ERROR "no HDF5 file written")
endif()
file(STRINGS ${WORKDIR}/validation.md got REGEX "^[^0-9]|^$")  # drops "N rows simulated in S s wall"
string(REPLACE ";" "\n" got "${got}")
string(REPLACE "${DATA}/" "" got "${got}")
if(UPDATE)
  file(WRITE ${DATA}/expected.md "${got}\n")
  return()
endif()
file(READ ${DATA}/expected.md want)
if(NOT "${got}\n" STREQUAL "${want}")
  file(WRITE ${WORKDIR}/got.md "${got}\n")
  message(FATAL_ERROR "validate's table differs from ${DATA}/expected.md: see ${WORKDIR}/got.md")
endif()
