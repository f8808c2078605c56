# The conference programme (a frab/c3voc schedule.json export), the time zones it is read
# in, weekday and time-of-day windows, and slide weights: pure modules, tested on the
# exports in tests/programme/ with times passed in.
vitrine_unit_test(test_zone unit/test_zone.c vt_base)
vitrine_unit_test(test_hours unit/test_hours.c vt_hours)
vitrine_unit_test(test_weights unit/test_weights.c vt_weights)
vitrine_unit_test(test_programme unit/test_programme.c vt_programme)
vitrine_unit_test(test_sessions unit/test_sessions.c vt_programme)
