/* Unit tests for url: resolving feed references against an http(s) or file base, and
 * refusing every scheme a kiosk must not follow. */
#include "url.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

static void assert_resolves(const char *base, const char *ref, const char *want)
{
    char *got = url_resolve(base, ref);
    if (!got)
        fail_msg("\"%s\" against \"%s\": refused, expected \"%s\"", ref, base ? base : "(null)",
                 want);
    assert_string_equal(got, want);
    free(got);
}

static void assert_refused(const char *base, const char *ref)
{
    char *got = url_resolve(base, ref);
    if (got) {
        print_error("\"%s\" against \"%s\" gave \"%s\"\n", ref ? ref : "(null)",
                    base ? base : "(null)", got);
        free(got);
        fail();
    }
}

static void is_remote_only_for_http_and_https(void **state)
{
    (void)state;
    assert_true(url_is_remote("http://example.org/feed.json"));
    assert_true(url_is_remote("HTTPS://example.org/"));
    assert_false(url_is_remote("ftp://example.org/"));
    assert_false(url_is_remote("/srv/feed.json"));
    assert_false(url_is_remote("http:/x"));
    assert_false(url_is_remote(""));
    assert_false(url_is_remote(NULL));
}

static void relative_refs_resolve_against_an_http_base(void **state)
{
    (void)state;
    const char *base = "https://example.org/salon/2026/feed.json?v=3";
    assert_resolves(base, "logo.png", "https://example.org/salon/2026/logo.png");
    assert_resolves(base, "logos/a.png", "https://example.org/salon/2026/logos/a.png");
    assert_resolves(base, "../a.png", "https://example.org/salon/a.png");
    assert_resolves(base, "../../../../a.png", "https://example.org/a.png");
    assert_resolves(base, "/img/a.png", "https://example.org/img/a.png");
    assert_resolves(base, "//cdn.example.net/a.png", "https://cdn.example.net/a.png");
    assert_resolves(base, "a.png?size=2#top", "https://example.org/salon/2026/a.png?size=2#top");
    assert_resolves(base, "my logo.png", "https://example.org/salon/2026/my%20logo.png");
    assert_resolves("http://127.0.0.1:8080/feed.json", "a.png", "http://127.0.0.1:8080/a.png");
}

static void absolute_http_refs_are_kept_whatever_the_base(void **state)
{
    (void)state;
    assert_resolves("https://example.org/feed.json", "http://other.example/x.png",
                    "http://other.example/x.png");
    assert_resolves("/srv/feed.json", "https://example.org/x.png", "https://example.org/x.png");
    assert_resolves(NULL, "https://example.org/x.png", "https://example.org/x.png");
    assert_resolves(NULL, "HTTP://example.org/x.png", "http://example.org/x.png");
}

static void other_schemes_are_refused(void **state)
{
    (void)state;
    static const char *const refs[] = {"file:///etc/passwd",         "javascript:alert(1)",
                                       "data:image/png;base64,AAAA", "ftp://example.org/a.png",
                                       "mailto:a@example.org",       "FILE:///etc/passwd",
                                       "http:relative.png",          "https://",
                                       "gopher://example.org/"};
    static const char *const bases[] = {"https://example.org/feed.json", "/srv/feed.json", NULL};
    for (size_t b = 0; b < sizeof bases / sizeof bases[0]; b++)
        for (size_t r = 0; r < sizeof refs / sizeof refs[0]; r++)
            assert_refused(bases[b], refs[r]);
}

static void empty_and_control_character_refs_are_refused(void **state)
{
    (void)state;
    const char *base = "https://example.org/feed.json";
    assert_refused(base, "");
    assert_refused(base, NULL);
    assert_refused(base, "a\nb.png");
    assert_refused(base, "a\tb.png");
    assert_refused(base, "a\x7f.png");
    assert_refused("/srv/feed.json", "a\rb.png");
}

/* Found by fuzz_url: libcurl decodes "%7f" in a host into a raw DEL, and the URL it then
 * prints no longer parses, so the fetcher would be handed an unusable URL. */
static void a_host_that_decodes_to_a_control_character_is_refused(void **state)
{
    (void)state;
    assert_refused(NULL, "https://%7f%e%");
    assert_refused(NULL, "https://%7f/logo.png");
    assert_refused("https://example.org/feed.json", "https://a%0a.example/x.png");
    assert_resolves(NULL, "https://example.org/a%20b.png", "https://example.org/a%20b.png");
}

static void file_bases_resolve_beside_the_feed(void **state)
{
    (void)state;
    assert_resolves("/srv/vitrine/feed.json", "logos/a.png", "/srv/vitrine/logos/a.png");
    assert_resolves("/srv/vitrine/feed.json", "../shared/a.png", "/srv/vitrine/../shared/a.png");
    assert_resolves("/srv/vitrine/feed.json", "/opt/a.png", "/opt/a.png");
    assert_resolves("/srv/vitrine/feed.json", "my logo.png", "/srv/vitrine/my logo.png");
    assert_resolves("feeds/feed.json", "a.png", "feeds/a.png");
    assert_resolves("feed.json", "logos/a.png", "logos/a.png");
    assert_resolves("/feed.json", "a.png", "/a.png");
}

static void without_a_base_only_absolute_refs_are_accepted(void **state)
{
    (void)state;
    assert_resolves(NULL, "/srv/a.png", "/srv/a.png");
    assert_refused(NULL, "a.png");
    assert_refused(NULL, "../a.png");
}

static void an_unparsable_http_base_refuses_relative_refs(void **state)
{
    (void)state;
    assert_refused("http://exa mple.org:99999/feed.json", "a.png");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(is_remote_only_for_http_and_https),
        cmocka_unit_test(relative_refs_resolve_against_an_http_base),
        cmocka_unit_test(absolute_http_refs_are_kept_whatever_the_base),
        cmocka_unit_test(other_schemes_are_refused),
        cmocka_unit_test(empty_and_control_character_refs_are_refused),
        cmocka_unit_test(a_host_that_decodes_to_a_control_character_is_refused),
        cmocka_unit_test(file_bases_resolve_beside_the_feed),
        cmocka_unit_test(without_a_base_only_absolute_refs_are_accepted),
        cmocka_unit_test(an_unparsable_http_base_refuses_relative_refs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
