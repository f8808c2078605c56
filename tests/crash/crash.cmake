# SIGKILL at random moments while the feed changes: every restart shows a complete,
# valid deck from the cache. Label: crash.
vitrine_py_test(NAME crash__sigkill_at_random_moments_never_breaks_the_cache
                SCRIPT crash/test_crash.py TIMEOUT 600 LABELS crash)
