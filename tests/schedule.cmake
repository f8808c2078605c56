# Scheduling, clock, RFC 3339 and log: pure modules, tested with an injected clock.
vitrine_unit_test(test_clock unit/test_clock.c vt_base)
vitrine_unit_test(test_rfc3339 unit/test_rfc3339.c vt_base)
vitrine_unit_test(test_schedule unit/test_schedule.c vt_schedule)
