# The unit file, the shipped configuration and vitrinectl, checked without installing.
# ExecStart must name an existing binary for verify: this test's own copy of the unit
# points at the build tree's vitrine (platform.cmake generates it). Without
# systemd-analyze the test fails and says why, rather than vanishing from the run.
if(NOT CMAKE_CROSSCOMPILING)
  add_test(NAME platform__unit_file_passes_systemd_analyze_verify
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/verify_unit.sh
                   ${CMAKE_BINARY_DIR}/platform/test/vitrine.service)
  set_tests_properties(platform__unit_file_passes_systemd_analyze_verify PROPERTIES
                       TIMEOUT 60 LABELS platform)
endif()
add_test(NAME platform__vitrinectl_status_reads_a_status_file
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_vitrinectl.py
                 ${CMAKE_SOURCE_DIR}/platform/vitrinectl)
set_tests_properties(platform__vitrinectl_status_reads_a_status_file PROPERTIES
                     TIMEOUT 60 LABELS platform)
