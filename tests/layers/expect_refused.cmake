# ctest layers_<layer>_cannot_include_<next>: building the probe target must fail, and fail because
# the later layer's header is not found (not for any other reason).
#   cmake -DBUILD_DIR=… -DTARGET=… -DHEADER=nnwb/… -P expect_refused.cmake
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD_DIR} --target ${TARGET}
                RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(code EQUAL 0)
  message(FATAL_ERROR "${TARGET} compiled: a layer could include ${HEADER}, which belongs to a later layer")
endif()
string(FIND "${out}${err}" "${HEADER}: No such file or directory" at)
if(at EQUAL -1)
  message(FATAL_ERROR "${TARGET} failed, but not because ${HEADER} was not found:\n${out}\n${err}")
endif()
message(STATUS "${TARGET}: ${HEADER} is out of reach, as lib/README.md says")
