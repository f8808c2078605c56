/* plancmd — --plan (see plancmd.h). */
#include "plancmd.h"

#include "assets.h"
#include "bundle.h"
#include "check.h"
#include "clock.h"
#include "feed.h"
#include "http.h"
#include "plan.h"
#include "programme.h"
#include "token.h"
#include "version.h"

#include <stdio.h>
#include <stdlib.h>

static void plan_report(void *ctx, enum feed_severity sev, const char *path, const char *msg)
{
    (void)ctx;
    fprintf(stderr, "vitrine: %s: %s%s%s\n", sev == FEED_ERROR ? "error" : "warning",
            path ? path : "", path && *path ? ": " : "", msg);
}

/* What each slide's content allows for the plan: each sessions slide's export fetched
 * once (no images, no cache, the assets' time budget), so the plan skips a board without
 * a usable export and ends it after its last talk, as the screen does. NULL when memory
 * runs out. */
static int64_t *plan_limits(const struct feed *f, const char *src, const char *token)
{
    const size_t n = feed_slide_count(f);
    int64_t *until = malloc(n * sizeof *until);
    struct http *h = http_new(NULL);
    const struct clock *c = clock_system();
    struct assets_source as = {.http = h,
                               .feed = src,
                               .token = token,
                               .deadline_ms = c->mono_ms(c->ctx) + ASSETS_BUDGET_MS,
                               .exports_only = true};
    struct assets *a = until && h ? assets_gather(&as, f) : NULL;
    struct bundle_programme *programmes = a ? assets_programmes(a) : NULL;
    assets_free(a);
    http_free(h);
    for (size_t i = 0; until && i < n; i++)
        until[i] = programmes ? bundle_content_until(feed_slide(f, i), programmes[i].programme)
                              : INT64_MAX;
    for (size_t i = 0; programmes && i < n; i++)
        programme_free(programmes[i].programme);
    free(programmes);
    return until;
}

/* --plan: the feed read as --check reads it (problems on stderr), the showings on stdout. */
int plancmd_run(const struct options *o, const char *builtin, const struct signature_rule *sign)
{
    const char *src = o->feed ? o->feed : builtin;
    /* The built-in deck is vitrine's own, not the organiser's: no signature to check. */
    struct feed *f = check_read(src, o->token_file, o->feed ? sign : NULL, plan_report, NULL);
    if (!f) {
        fprintf(stderr, "vitrine: --plan: %s is not a usable feed\n", src);
        return 1;
    }
    struct token_file tk = {0};
    token_file_refresh(&tk, o->token_file);
    int64_t *until = plan_limits(f, src, tk.token);
    token_file_clear(&tk);
    const struct clock *c = clock_system();
    const int64_t from = o->at != OPTIONS_NO_TIME ? o->at : c->wall_ms(c->ctx) / 1000;
    long n = until ? plan_write(stdout, f, o->screen, VITRINE_BUILD_EPOCH, until, from, o->plan_for)
                   : -1;
    free(until);
    feed_free(f);
    if (fflush(stdout) || n < 0) {
        fprintf(stderr, "vitrine: --plan: could not write the plan\n");
        return 1;
    }
    return 0;
}
