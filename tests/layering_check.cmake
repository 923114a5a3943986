# The link graph runs topology/workloads -> sim -> analysis: only sim/ includes SimGrid, and no
# library below or beside the engine includes an engine header. Fails naming each offending line.
# usage: cmake -DROOT=<source dir> -P layering_check.cmake
set(bad "")
foreach(dir topology workloads analysis)
  file(GLOB_RECURSE files "${ROOT}/${dir}/*.cpp" "${ROOT}/${dir}/*.hpp")
  foreach(f ${files})
    file(STRINGS "${f}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"](sim/|simgrid)")
    foreach(l ${lines})
      file(RELATIVE_PATH rel "${ROOT}" "${f}")
      string(APPEND bad "\n  ${rel}: ${l}")
    endforeach()
  endforeach()
endforeach()
if(bad)
  message(FATAL_ERROR "engine headers outside sim/:${bad}")
endif()
message(STATUS "topology/, workloads/ and analysis/ include no engine header")
