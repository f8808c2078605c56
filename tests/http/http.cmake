# Remote content end to end: the real binary against a real HTTP server on 127.0.0.1
# (server.py, started and stopped by each test). Everything here is labelled "net",
# which tests/stages/20-tsan.sh runs again under ThreadSanitizer.
# The server's own behaviour, so an e2e failure is never the test rig's.
vitrine_py_test(NAME net__test_server_serves_conditionally_and_switches_modes
                SCRIPT http/test_server.py TIMEOUT 60 LABELS net)

# The binary end to end, one ctest test per scenario so a failure names its case and
# ctest -j runs them side by side (each has its own server, port and directories).
set(VITRINE_NET_E2E
    first_load_then_an_update_within_one_interval
    unchanged_feed_costs_304s_not_downloads
    server_down_then_back
    offline_boot_shows_the_cached_deck
    a_published_copy_of_the_demo_deck_is_the_feeds_deck
    builtin_deck_when_there_is_no_cache_and_no_network
    the_first_network_deck_replaces_the_demo_deck_at_once
    http_500_keeps_the_deck_and_recovers
    hanging_server_keeps_the_deck_and_recovers
    truncated_body_keeps_the_deck_and_recovers
    invalid_json_keeps_the_deck_and_recovers
    untrusted_https_certificate_is_refused
    assets_are_cached_and_not_downloaded_again
    a_missing_image_is_fetched_again_while_the_feed_is_unchanged
    slow_images_do_not_hold_a_new_deck_back
    bearer_token_is_sent_but_never_written
    check_sends_the_bearer_token
    a_missing_token_file_is_reported_once_not_at_every_poll
    oversized_gzip_feed_is_refused_after_decompression
    local_feed_file_is_watched)
foreach(case ${VITRINE_NET_E2E})
  vitrine_py_test(NAME net__${case} SCRIPT http/test_fetch_e2e.py ARGS FetchE2E.test_${case}
                  TIMEOUT 180 LABELS net)
endforeach()

# A cache that cannot be written (chmod 0500, or as root a regular file in its place;
# a cache path under a regular file): last_error says so until a save succeeds.
foreach(case an_unwritable_cache_is_reported_until_a_save_succeeds
             a_cache_path_under_a_regular_file_is_reported_then_opened_when_fixed)
  vitrine_py_test(NAME net__${case} SCRIPT http/test_cache_errors.py ARGS CacheErrors.test_${case}
                  TIMEOUT 180 LABELS net)
endforeach()

# A sessions slide's export from the test server: 304s after the first fetch, the board's
# texts through layout.json, a missing export skipping the slide.
foreach(case the_export_is_fetched_once_then_costs_304s_and_the_board_shows_it
             a_failing_export_keeps_the_cached_copy
             a_missing_export_skips_the_slide_with_a_warning)
  vitrine_py_test(NAME net__sessions_${case} SCRIPT http/test_sessions_e2e.py
                  ARGS SessionsE2E.test_${case} TIMEOUT 240 LABELS net)
endforeach()

# Signed feeds (minisign, --public-key): tampered, unsigned, another key, replayed older
# feed (also after a restart), a cached deck the key no longer vouches for, --check;
# images pinned by SHA-256.
foreach(case a_tampered_feed_is_refused_and_the_deck_stays
             an_unsigned_feed_is_refused
             a_feed_signed_by_another_key_is_refused
             an_older_signed_feed_replayed_is_refused_even_after_a_restart
             a_cached_deck_the_key_does_not_vouch_for_is_not_shown
             check_verifies_the_signature
             a_broken_public_key_is_a_configuration_error
             a_pinned_image_is_drawn_only_with_its_bytes)
  vitrine_py_test(NAME net__${case} SCRIPT http/test_signed.py ARGS Signed.test_${case}
                  TIMEOUT 180 LABELS net)
endforeach()

# Emergency alerts (CAP 1.2, --alerts): takeover within the interval and gone on Cancel,
# the takeover and banner pictures, tests hidden unless asked, a broken or hostile
# source never disturbing the slideshow.
foreach(case an_evacuation_takes_over_within_the_interval_and_leaves_on_cancel
             the_takeover_and_the_banner_look_right
             tests_show_only_when_asked
             a_broken_source_never_disturbs_the_slideshow)
  vitrine_py_test(NAME net__alerts_${case} SCRIPT http/test_alerts.py ARGS Alerts.test_${case}
                  TIMEOUT 180 LABELS net)
endforeach()

# The same path against a real nginx started by each test (tests/http/nginx.py): gzip
# and ETag 304s as its access log records them, a redirect, HTTPS from a private CA
# with --ca-file.
foreach(case a_feed_from_nginx_costs_one_gzip_200_then_304s
             a_redirect_is_followed
             https_from_a_private_ca_needs_ca_file)
  vitrine_py_test(NAME net__nginx_${case} SCRIPT http/test_nginx.py ARGS Nginx.test_${case}
                  TIMEOUT 180 LABELS net)
endforeach()

# The heartbeat (--heartbeat) against the real receiver, `vitrinectl fleet`: every field,
# counts and thumbnails of two screens; the fleet page in headless Chromium, errors
# first; a receiver down retried with backoff, never disturbing the slideshow; hostile
# heartbeats refused, escaped, kept inside the data folder.
foreach(case two_screens_report_every_field_to_the_receiver
             the_fleet_page_shows_both_screens_errors_first_in_a_browser
             a_receiver_down_never_disturbs_the_slideshow_and_is_retried_with_backoff
             over_https_the_certificate_is_verified_and_the_bearer_token_sent
             the_receiver_refuses_hostile_heartbeats_and_escapes_what_it_shows)
  vitrine_py_test(NAME net__heartbeat_${case} SCRIPT http/test_heartbeat.py
                  ARGS Heartbeat.test_${case} TIMEOUT 180 LABELS net)
endforeach()
