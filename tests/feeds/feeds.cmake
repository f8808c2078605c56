# One `vitrine --check` test per case folder (the jansson test/suites layout), so a
# technician's bug report becomes a test by adding a folder:
# tests/feeds/invalid/CASE/{feed.json,expected} or tests/feeds/valid/CASE/feed.json.
# The case folders are globbed on purpose (adding one must not mean editing a list);
# cmake re-runs by itself when one is added (CONFIGURE_DEPENDS on the two folders).
set(VITRINE_CHECK_TIMEOUT 30) # seconds; one --check reads a few KB from disk
foreach(kind invalid valid)
  file(GLOB cases LIST_DIRECTORIES true ${CMAKE_CURRENT_LIST_DIR}/${kind}/*)
  list(SORT cases)
  foreach(dir ${cases})
    if(NOT IS_DIRECTORY ${dir})
      continue()
    endif()
    get_filename_component(case ${dir} NAME)
    add_test(NAME check__${case}
             COMMAND ${CMAKE_COMMAND} -DVITRINE=$<TARGET_FILE:vitrine> -DCASE_DIR=${dir}
                     -DKIND=${kind} -P ${CMAKE_CURRENT_LIST_DIR}/check_case.cmake)
    set_tests_properties(check__${case} PROPERTIES TIMEOUT ${VITRINE_CHECK_TIMEOUT}
                         LABELS check)
  endforeach()
endforeach()
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/invalid
                                                                ${CMAKE_CURRENT_LIST_DIR}/valid)
