/* log — one line per significant event on stderr (the journal, under systemd), never
 * one per frame. Repeated identical messages are folded ("... (repeated 12 times)") so
 * weeks of Wi-Fi drops do not fill the SD card. Thread-safe. */
#ifndef VITRINE_LOG_H
#define VITRINE_LOG_H

#define LOG_PRINTF(a, b) __attribute__((format(printf, a, b)))

void log_info(const char *fmt, ...) LOG_PRINTF(1, 2);
void log_warn(const char *fmt, ...) LOG_PRINTF(1, 2);
void log_error(const char *fmt, ...) LOG_PRINTF(1, 2);

/* Silences log_info (tests, --check). */
void log_set_quiet(int quiet);

#endif
