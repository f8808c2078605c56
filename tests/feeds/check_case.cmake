# One --check case: runs `vitrine --check feed.json` inside CASE_DIR and compares its
# stdout and exit code. KIND=invalid: stdout must equal CASE_DIR/expected, exit 1.
# KIND=valid: stdout must be the single line "feed.json: valid (...)", exit 0.
# Usage: cmake -DVITRINE=bin -DCASE_DIR=dir -DKIND=invalid|valid -P check_case.cmake
# Run as a script only (cmake -P); tests/feeds/feeds.cmake registers it per case.
if(NOT CMAKE_SCRIPT_MODE_FILE)
  return()
endif()
foreach(var VITRINE CASE_DIR KIND)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "check_case.cmake: ${var} is not set")
  endif()
endforeach()

execute_process(COMMAND ${VITRINE} --check feed.json
                WORKING_DIRECTORY ${CASE_DIR}
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc
                TIMEOUT 20)

if(KIND STREQUAL "invalid")
  file(READ ${CASE_DIR}/expected want)
  set(want_rc 1)
else()
  set(want_rc 0)
endif()

if(KIND STREQUAL "valid")
  set(ok FALSE)
  if(out MATCHES "^feed\\.json: valid \\([0-9]+ slides?, [0-9]+ languages?\\)\n$")
    set(ok TRUE)
  endif()
else()
  string(COMPARE EQUAL "${out}" "${want}" ok)
endif()

if(NOT ok OR NOT rc STREQUAL "${want_rc}")
  if(KIND STREQUAL "valid")
    set(want "feed.json: valid (N slides, L languages)\n")
  endif()
  # NOTICE prints verbatim; FATAL_ERROR would reflow the lines being compared.
  message(NOTICE "vitrine --check feed.json in ${CASE_DIR}\n"
                      "exit code: ${rc} (expected ${want_rc})\n"
                      "--- expected stdout\n${want}"
                      "--- actual stdout\n${out}"
                      "--- stderr\n${err}")
  message(FATAL_ERROR "check case ${CASE_DIR} failed")
endif()
