# The benchmark's yardstick: a bare SDL2 slideshow (slides pre-rendered into one texture
# each, a cross-fade of two textures, nothing drawn while a slide holds) that
# tests/bench/bench.py runs interleaved with vitrine on the equivalent deck. The
# benchmark itself is run by hand (it takes minutes and wants a quiet machine); the
# suite only checks that the floor program builds and runs a fade.
add_executable(vitrine-floor bench/floor.c)
target_compile_options(vitrine-floor PRIVATE ${VITRINE_WARNINGS})
target_link_libraries(vitrine-floor PRIVATE PkgConfig::SDL2 PkgConfig::SDL2_TTF)

vitrine_py_test(NAME bench__floor_program_runs_a_fade SCRIPT bench/bench.py
                ARGS --floor-selftest --floor $<TARGET_FILE:vitrine-floor>
                TIMEOUT 60 LABELS bench)

# The fleet simulation's screens: vitrine's own fetch side, N times in one process
# (tests/bench/fleet.py drives it against a real nginx; run by hand, it takes minutes).
add_executable(vitrine-fleet bench/fleet.c)
target_compile_options(vitrine-fleet PRIVATE ${VITRINE_WARNINGS})
target_link_libraries(vitrine-fleet PRIVATE vt_net)
vitrine_py_test(NAME net__a_fleet_comes_back_spread_after_a_server_restart SCRIPT bench/fleet.py
                ARGS --selftest --fleet $<TARGET_FILE:vitrine-fleet>
                TIMEOUT 180 LABELS net)
