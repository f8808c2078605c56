# The configuration file and the machine interface, linked against their libraries.
vitrine_unit_test(test_config unit/test_config.c vt_options)
vitrine_unit_test(test_platform unit/test_platform.c vt_platform)
if(SYSTEMD_FOUND)
  target_compile_definitions(test_platform PRIVATE VITRINE_HAVE_SYSTEMD=1)
endif()

# The unit file, the shipped configuration and vitrinectl, checked without installing.
# ExecStart must name an existing binary for verify: this test's own copy of the unit
# points at the build tree's vitrine (platform.cmake generates it). Without
# systemd-analyze the test fails and says why, rather than vanishing from the run.
if(NOT CMAKE_CROSSCOMPILING)
  add_test(NAME platform__unit_file_passes_systemd_analyze_verify
           COMMAND bash ${CMAKE_SOURCE_DIR}/platform/tests/verify_unit.sh
                   ${CMAKE_BINARY_DIR}/platform/test/vitrine.service)
  set_tests_properties(platform__unit_file_passes_systemd_analyze_verify PROPERTIES
                       TIMEOUT 60 LABELS platform)
endif()
add_test(NAME platform__vitrinectl_status_reads_a_status_file
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/platform/tests/test_vitrinectl.py
                 ${CMAKE_SOURCE_DIR}/platform/vitrinectl)
set_tests_properties(platform__vitrinectl_status_reads_a_status_file PROPERTIES
                     TIMEOUT 60 LABELS platform)
# The real binary's sd_notify traffic (READY=1, WATCHDOG=1, STATUS=) on a test socket.
vitrine_py_test(NAME platform__binary_notifies_systemd_and_pings_the_watchdog
                SCRIPT e2e/test_notify.py TIMEOUT 90 LABELS platform)
