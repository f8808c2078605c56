# The render side: layout and label unit tests, and the real binary run headless end to end.
vitrine_unit_test(test_layout unit/test_layout.c vt_layout)
vitrine_unit_test(test_labels unit/test_labels.c vt_layout)
vitrine_unit_test(test_show unit/test_show.c vt_ui vt_net PkgConfig::JANSSON)

vitrine_py_test(NAME e2e__render SCRIPT e2e/test_render.py TIMEOUT 900 LABELS e2e)
# Stray signals (SIGHUP, SIGUSR1, SIGUSR2, SIGPIPE) and a closed log pipe, against the
# real binary: it keeps running, and SIGINT/SIGTERM still exit with 0.
foreach(case stray_signals_are_handled_and_sigterm_still_exits_0
             sighup_with_a_broken_config_keeps_the_running_one
             a_closed_log_pipe_does_not_stop_the_slideshow)
  vitrine_py_test(NAME e2e__signals_${case} SCRIPT e2e/test_signals.py
                  ARGS Signals.test_${case} TIMEOUT 180 LABELS e2e)
endforeach()
