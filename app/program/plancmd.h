/* plancmd — `vitrine --plan`: reads the feed as --check does, fetches its sessions
 * slides' exports once (no images, no cache), and prints what this screen shows when
 * (plan.h) on stdout; problems go to stderr. Main thread, before anything else starts. */
#ifndef VITRINE_PLANCMD_H
#define VITRINE_PLANCMD_H

#include "options.h"
#include "signature.h"

/* Plans o->feed (else the built-in deck at builtin) from o->at (else now) for
 * o->plan_for seconds on the screen o->screen; a feed is held to sign as --check holds
 * it. Returns the exit status. */
int plancmd_run(const struct options *o, const char *builtin, const struct signature_rule *sign);

#endif
