/* signals — blocked signals taken by a sigwait thread and handed to the render loop
 * (see signals.h). The thread touches nothing but SDL_PushEvent, which is thread-safe. */
#include "signals.h"

#include "log.h"

#include <SDL.h>

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

struct signals {
    SDL_Thread *thread; /* an SDL thread: SDL frees its per-thread state at exit */
    pthread_t self;     /* the same thread, for pthread_kill at stop */
    atomic_bool started, stop;
    uint32_t event_type;
};

static void handled(sigset_t *set)
{
    sigemptyset(set);
    sigaddset(set, SIGHUP);
    sigaddset(set, SIGUSR1);
    sigaddset(set, SIGUSR2);
}

void signals_prepare(void)
{
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) != -1) continue;
        int null = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
        if (null >= 0 && null != fd) { /* lower fds are open, so this lands on fd */
            dup2(null, fd);
            close(null);
        }
    }
    signal(SIGPIPE, SIG_IGN);
    sigset_t set;
    handled(&set);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
}

static int thread_main(void *arg)
{
    struct signals *s = arg;
    s->self = pthread_self();
    atomic_store(&s->started, true);
    sigset_t set;
    handled(&set);
    for (;;) {
        int sig = 0;
        if (sigwait(&set, &sig) != 0) continue;
        if (atomic_load(&s->stop)) return 0;
        SDL_Event ev;
        SDL_zero(ev);
        ev.type = s->event_type;
        ev.user.type = s->event_type;
        ev.user.data1 = (void *)(intptr_t)sig;
        if (SDL_PushEvent(&ev) != 1) log_warn("signal %d dropped: the event queue is full", sig);
    }
}

struct signals *signals_start(uint32_t event_type)
{
    struct signals *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->event_type = event_type;
    atomic_init(&s->started, false);
    atomic_init(&s->stop, false);
    s->thread = SDL_CreateThread(thread_main, "vitrine-signals", s);
    if (!s->thread) {
        log_warn("could not start the signal thread: SIGHUP, SIGUSR1 and SIGUSR2 are ignored");
        free(s);
        return NULL;
    }
    while (!atomic_load(&s->started)) /* a few microseconds: s->self must be set */
        SDL_Delay(1);
    return s;
}

void signals_stop(struct signals *s)
{
    if (!s) return;
    atomic_store(&s->stop, true);
    pthread_kill(s->self, SIGUSR2); /* blocked, so sigwait takes it: no handler runs */
    SDL_WaitThread(s->thread, NULL);
    free(s);
}

int signals_number(const void *event_data1)
{
    return (int)(intptr_t)event_data1;
}
