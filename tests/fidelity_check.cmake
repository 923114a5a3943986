# Coarse vs exact: runs the `each` scenario, keeps its sustained throughput and completion times, and
# requires the `rotate` scenario to match them within TOLERANCE (KEYS: other lines, as a regex).
execute_process(COMMAND ${PODSIM} run ${EXACT} --no-hdf5 --quiet --summary ${WORKDIR}/exact.summary
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "exact run failed: ${rc}")
endif()
if(NOT DEFINED KEYS)
  set(KEYS "\\.(sustained|completion): ")  # which summary lines must match (a regex)
endif()
file(STRINGS ${WORKDIR}/exact.summary lines REGEX "${KEYS}")
list(JOIN lines "\n" kept)
file(WRITE ${WORKDIR}/exact-throughput.summary "${kept}\n")
execute_process(COMMAND ${PODSIM} run ${COARSE} --no-hdf5 --quiet --expect ${WORKDIR}/exact-throughput.summary
                        --tolerance ${TOLERANCE}
                RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "coarse model differs from the exact one by more than ${TOLERANCE}:\n${err}")
endif()
