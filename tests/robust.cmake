# Robustness: vitrine against a hostile network (tests/fault), SIGKILL at random moments
# (tests/crash), hostile text through the renderer (tests/fault/test_text.py), and time
# (tests/soak). All drive the real binary from Python on 127.0.0.1 and end every process
# they start by its PID. Labels: fault, crash, endurance (a 2-minute soak, in the default
# run) and soak (30 minutes: ctest -L soak; tests/run.sh leaves it out with -LE soak).
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
  vitrine_py_test(NAME fault__${group} SCRIPT fault/test_fault.py ARGS Fault.test_${group}
                  TIMEOUT 400 LABELS fault)
endforeach()

set(VITRINE_TEXT_CASES
    emoji_rtl_combining_marks_and_zero_width_render
    words_of_64_kib_and_1_mb_are_cut_and_render
    delegations_of_10000_members_render)
foreach(case ${VITRINE_TEXT_CASES})
  vitrine_py_test(NAME fault__text_${case} SCRIPT fault/test_text.py
                  ARGS HostileText.test_${case} TIMEOUT 600 LABELS fault)
endforeach()

vitrine_py_test(NAME crash__sigkill_at_random_moments_never_breaks_the_cache
                SCRIPT crash/test_crash.py TIMEOUT 600 LABELS crash)
vitrine_py_test(NAME endurance__two_minutes_of_constant_change_leave_no_growth
                SCRIPT soak/soak.py TIMEOUT 400 LABELS endurance
                ARGS --minutes 2 --change-every 2 --size 640x360 --binary $<TARGET_FILE:vitrine>)
vitrine_py_test(NAME soak__thirty_minutes_of_constant_change_leave_no_growth
                SCRIPT soak/soak.py TIMEOUT 2400 LABELS soak
                ARGS --minutes 30 --binary $<TARGET_FILE:vitrine>)
