# vitrine against a hostile network (test_fault.py with fault_server.py on 127.0.0.1)
# and hostile text through the renderer (test_text.py). Label: fault.
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


# Designer-sized logos: 50 partner slides with 4096x4096 PNGs from a real 127.0.0.1
# server, peak RSS (VmHWM) asserted from /proc; a shrunk logo checked pixel by pixel.
foreach(case Memory.test_fifty_4096px_logos_stay_under_the_peak
             LogoLooksRight.test_a_shrunk_logo_keeps_its_colours_and_clean_edges
             LogoLooksRight.test_a_shrunk_logo_on_a_rotated_portrait_screen)
  string(REGEX REPLACE ".*\\.test_" "" short ${case})
  vitrine_py_test(NAME fault__memory_${short} SCRIPT fault/test_memory.py ARGS ${case}
                  TIMEOUT 600 LABELS fault)
endforeach()
