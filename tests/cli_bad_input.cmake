# Runs podsim on bad input: it must exit 2, say what is wrong (EXPECT, a regex; by default the
# unknown key's file, line and field) and write no file. OPTION: an extra `run` option (e.g. one the
# input cannot take).
file(REMOVE_RECURSE ${WORKDIR})
file(MAKE_DIRECTORY ${WORKDIR})
if(NOT DEFINED EXPECT)
  set(EXPECT "unknown-key.yaml:10: scenario.design.cnodes.colour: unknown key")
endif()
execute_process(COMMAND ${PODSIM} run ${INPUT} ${OPTION} -o ${WORKDIR}/out.h5 RESULT_VARIABLE rc ERROR_VARIABLE err
                WORKING_DIRECTORY ${WORKDIR})
if(NOT rc EQUAL 2)
  message(FATAL_ERROR "expected exit code 2, got ${rc}: ${err}")
endif()
if(NOT err MATCHES "${EXPECT}")
  message(FATAL_ERROR "error does not say '${EXPECT}': ${err}")
endif()
file(GLOB leftovers ${WORKDIR}/*)
if(leftovers)
  message(FATAL_ERROR "bad input left files behind: ${leftovers}")
endif()
