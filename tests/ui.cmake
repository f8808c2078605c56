# The render side: layout and label unit tests, and the real binary run headless end to end.
vitrine_unit_test(test_layout unit/test_layout.c vt_layout)
vitrine_unit_test(test_labels unit/test_labels.c vt_layout)
vitrine_unit_test(test_show unit/test_show.c vt_ui vt_net PkgConfig::JANSSON)

vitrine_py_test(NAME e2e__render SCRIPT e2e/test_render.py TIMEOUT 900 LABELS e2e)
