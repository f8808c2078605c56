# The real binary run headless: rendering (pngstat.c checks the PNGs), signals, and its
# sd_notify traffic as vitrine.service expects it.
add_executable(pngstat e2e/pngstat.c)
target_link_libraries(pngstat PRIVATE PkgConfig::SDL2 PkgConfig::SDL2_IMAGE)
add_executable(pngdiff e2e/pngdiff.c)
target_compile_options(pngdiff PRIVATE ${VITRINE_WARNINGS})
target_link_libraries(pngdiff PRIVATE PkgConfig::SDL2 PkgConfig::SDL2_IMAGE)

vitrine_py_test(NAME e2e__render SCRIPT e2e/test_render.py TIMEOUT 900 LABELS e2e)
vitrine_py_test(NAME e2e__fonts_draw_every_label_with_either_fonts_package SCRIPT e2e/test_fonts.py
                TIMEOUT 60 LABELS e2e)
# Stray signals (SIGHUP, SIGUSR1, SIGUSR2, SIGPIPE) and a closed log pipe, against the
# real binary: it keeps running, and SIGINT/SIGTERM still exit with 0.
foreach(case stray_signals_are_handled_and_sigterm_still_exits_0
             sighup_with_a_broken_config_keeps_the_running_one
             a_closed_log_pipe_does_not_stop_the_slideshow)
  vitrine_py_test(NAME e2e__signals_${case} SCRIPT e2e/test_signals.py
                  ARGS Signals.test_${case} TIMEOUT 180 LABELS e2e)
endforeach()

# The real binary's sd_notify traffic (READY=1, WATCHDOG=1, STATUS=) on a test socket.
vitrine_py_test(NAME platform__binary_notifies_systemd_and_pings_the_watchdog
                SCRIPT e2e/test_notify.py TIMEOUT 90 LABELS platform)

# The README's options table against `vitrine --help` (made from the settings table).
vitrine_py_test(NAME e2e__readme_options_match_the_settings_table
                SCRIPT e2e/test_readme_options.py TIMEOUT 60 LABELS e2e)

# The OpenGL ES 2 renderer a Pi uses, under Xvfb on Mesa's llvmpipe (forced with
# SDL_RENDER_DRIVER=opengles2): the demo slides match the software renderer's, a
# transition runs, frames upload no textures, vsync is used.
vitrine_py_test(NAME e2e__gles2_renderer_matches_software_and_uploads_once
                SCRIPT e2e/test_gpu.py TIMEOUT 900 LABELS e2e)
# The slide fields "screens", "hours", "weight" and the rehearsal clock, through the binary.
vitrine_py_test(NAME e2e__placement SCRIPT e2e/test_placement.py TIMEOUT 300 LABELS e2e)
