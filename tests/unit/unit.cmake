# The unit tests: one cmocka binary per module, linked against the module's own library
# (app/<folder>/CMakeLists.txt), no display and no network. Grouped as app/ is.
# vitrine_unit_test(NAME SOURCE LIBS...) is defined in tests/CMakeLists.txt.

# base/
vitrine_unit_test(test_clock unit/test_clock.c vt_base)
vitrine_unit_test(test_rfc3339 unit/test_rfc3339.c vt_base)
vitrine_unit_test(test_zone unit/test_zone.c vt_base)
vitrine_unit_test(test_status unit/test_status.c vt_base PkgConfig::JANSSON)
vitrine_unit_test(test_beatdoc unit/test_beatdoc.c vt_beatdoc)

# content/
vitrine_unit_test(test_feed unit/test_feed.c vt_feed)
vitrine_unit_test(test_feedparse unit/test_feedparse.c vt_feed)
vitrine_unit_test(test_url unit/test_url.c vt_feed)
vitrine_unit_test(test_schedule unit/test_schedule.c vt_schedule)
vitrine_unit_test(test_placement unit/test_placement.c vt_schedule)
vitrine_unit_test(test_plan unit/test_plan.c vt_plan)
vitrine_unit_test(test_hours unit/test_hours.c vt_hours)
vitrine_unit_test(test_weights unit/test_weights.c vt_weights)
vitrine_unit_test(test_minisig unit/test_minisig.c vt_minisig)
vitrine_unit_test(test_cap unit/test_cap.c vt_cap)
vitrine_unit_test(test_programme unit/test_programme.c vt_programme)
vitrine_unit_test(test_sessions unit/test_sessions.c vt_programme)
vitrine_unit_test(test_image unit/test_image.c vt_media PkgConfig::SDL2_IMAGE)

# network/
vitrine_unit_test(test_cache unit/test_cache.c vt_net)

# screen/
vitrine_unit_test(test_text unit/test_text.c vt_text PkgConfig::SDL2_TTF)
vitrine_unit_test(test_bidi unit/test_bidi.c vt_bidi)
vitrine_unit_test(test_layout unit/test_layout.c vt_layout)
vitrine_unit_test(test_labels unit/test_labels.c vt_layout)
vitrine_unit_test(test_show unit/test_show.c vt_ui vt_net PkgConfig::JANSSON)

# program/
vitrine_unit_test(test_config unit/test_config.c vt_options)
vitrine_unit_test(test_settings unit/test_settings.c vt_options)
vitrine_unit_test(test_platform unit/test_platform.c vt_platform)
if(SYSTEMD_FOUND)
  target_compile_definitions(test_platform PRIVATE VITRINE_HAVE_SYSTEMD=1)
endif()

# The cache and the status file meet the fetch thread: tests/stages/20-tsan.sh runs
# every "net" test again under ThreadSanitizer.
set_tests_properties(unit__test_cache unit__test_status PROPERTIES LABELS "unit;net")
