# The text layout engine (fake and real SDL_ttf metrics) and safe image decoding.
vitrine_unit_test(test_text unit/test_text.c vt_text PkgConfig::SDL2_TTF)
vitrine_unit_test(test_image unit/test_image.c vt_media PkgConfig::SDL2_IMAGE)
# Bidirectional runs (FriBidi levels, HarfBuzz scripts), without SDL.
vitrine_unit_test(test_bidi unit/test_bidi.c vt_bidi)
