# Robustness: vitrine against a hostile network (tests/fault), SIGKILL at random moments
# (tests/crash), hostile text through the renderer (tests/fault/test_text.py), and time
# (tests/soak). All drive the real binary from Python on 127.0.0.1 and end every process
# they start by its PID. Labels: fault, crash, endurance (a 2-minute soak, in the default
# run) and soak (30 minutes: ctest -L soak; tests/run.sh leaves it out with -LE soak).
# VITRINE_SANITIZE tells the tests to judge memory by growth rather than by an absolute
# bound (see tests/fault/test_fault.py).
set(VITRINE_ROBUST_ENV
    "VITRINE_BIN=$<TARGET_FILE:vitrine>;VITRINE=$<TARGET_FILE:vitrine>;PNGSTAT=$<TARGET_FILE:pngstat>;VITRINE_SANITIZE=${VITRINE_SANITIZE};VITRINE_TEST_DATA=${CMAKE_CURRENT_SOURCE_DIR}")

# One ctest test per group of faults, so a failure names its group and -j runs them
# side by side (each has its own server, port, sandbox and vitrine).
set(VITRINE_FAULT_GROUPS
    http_errors_and_redirects_keep_the_deck
    broken_transfers_keep_the_deck
    enormous_and_compressed_bodies_are_capped
    hostile_json_keeps_the_deck
    hostile_images_fall_back
    names_never_leave_the_cache)
foreach(group ${VITRINE_FAULT_GROUPS})
  add_test(NAME fault__${group}
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/fault/test_fault.py
                   Fault.test_${group})
  set_tests_properties(fault__${group} PROPERTIES TIMEOUT 400 LABELS fault
                       ENVIRONMENT "${VITRINE_ROBUST_ENV}")
endforeach()

set(VITRINE_TEXT_CASES
    emoji_rtl_combining_marks_and_zero_width_render
    words_of_64_kib_and_1_mb_are_cut_and_render
    delegations_of_10000_members_render)
foreach(case ${VITRINE_TEXT_CASES})
  add_test(NAME fault__text_${case}
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/fault/test_text.py
                   HostileText.test_${case})
  set_tests_properties(fault__text_${case} PROPERTIES TIMEOUT 600 LABELS fault
                       ENVIRONMENT "${VITRINE_ROBUST_ENV}")
endforeach()

add_test(NAME crash__sigkill_at_random_moments_never_breaks_the_cache
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/crash/test_crash.py)
set_tests_properties(crash__sigkill_at_random_moments_never_breaks_the_cache PROPERTIES
                     TIMEOUT 600 LABELS crash ENVIRONMENT "${VITRINE_ROBUST_ENV}")

add_test(NAME endurance__two_minutes_of_constant_change_leave_no_growth
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/soak/soak.py --minutes 2
                 --change-every 2 --size 640x360 --binary $<TARGET_FILE:vitrine>)
set_tests_properties(endurance__two_minutes_of_constant_change_leave_no_growth PROPERTIES
                     TIMEOUT 400 LABELS endurance ENVIRONMENT "${VITRINE_ROBUST_ENV}")

add_test(NAME soak__thirty_minutes_of_constant_change_leave_no_growth
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/soak/soak.py --minutes 30
                 --binary $<TARGET_FILE:vitrine>)
set_tests_properties(soak__thirty_minutes_of_constant_change_leave_no_growth PROPERTIES
                     TIMEOUT 2400 LABELS soak ENVIRONMENT "${VITRINE_ROBUST_ENV}")
