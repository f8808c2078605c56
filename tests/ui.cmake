# The render side: layout unit tests, and the real binary run headless end to end.
vitrine_unit_test(test_layout unit/test_layout.c vt_layout)
vitrine_unit_test(test_show unit/test_show.c vt_ui vt_net PkgConfig::JANSSON)

add_executable(pngstat e2e/pngstat.c)
target_link_libraries(pngstat PRIVATE PkgConfig::SDL2 PkgConfig::SDL2_IMAGE)

function(vitrine_py_test name script)
  add_test(NAME ${name} COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/${script} ${ARGN})
  set_tests_properties(${name} PROPERTIES TIMEOUT 900 LABELS e2e ENVIRONMENT
    "VITRINE=$<TARGET_FILE:vitrine>;PNGSTAT=$<TARGET_FILE:pngstat>;VITRINE_SOURCE=${CMAKE_SOURCE_DIR};VITRINE_BUILD=${CMAKE_BINARY_DIR};CMAKE=${CMAKE_COMMAND}")
endfunction()
vitrine_py_test(e2e__render e2e/test_render.py)
