# The feed parser: unit tests, then one --check test per folder of tests/feeds/ (the
# jansson test/suites layout), so a technician's bug report becomes a test by adding
# a folder: tests/feeds/invalid/CASE/{feed.json,expected} or tests/feeds/valid/CASE/feed.json.
vitrine_unit_test(test_feed unit/test_feed.c vt_feed)
vitrine_unit_test(test_feedparse unit/test_feedparse.c vt_feed)
vitrine_unit_test(test_url unit/test_url.c vt_feed)

set(VITRINE_CHECK_TIMEOUT 30) # seconds; one --check reads a few KB from disk
foreach(kind invalid valid)
  file(GLOB cases LIST_DIRECTORIES true ${CMAKE_CURRENT_SOURCE_DIR}/feeds/${kind}/*)
  list(SORT cases)
  foreach(dir ${cases})
    if(NOT IS_DIRECTORY ${dir})
      continue()
    endif()
    get_filename_component(case ${dir} NAME)
    add_test(NAME check__${case}
             COMMAND ${CMAKE_COMMAND} -DVITRINE=$<TARGET_FILE:vitrine> -DCASE_DIR=${dir}
                     -DKIND=${kind} -P ${CMAKE_CURRENT_SOURCE_DIR}/check_case.cmake)
    set_tests_properties(check__${case} PROPERTIES TIMEOUT ${VITRINE_CHECK_TIMEOUT}
                         LABELS check)
  endforeach()
endforeach()
# Case folders are globbed at configure time: re-run cmake when one is added.
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
             ${CMAKE_CURRENT_SOURCE_DIR}/feeds/invalid ${CMAKE_CURRENT_SOURCE_DIR}/feeds/valid)
