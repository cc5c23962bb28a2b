// SPDX-License-Identifier: GPL-2.0
/*
 * "-i SECONDS": run a show command every interval and print its counters
 * as changes since the previous run.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clusterctl.h"
#include "interval.h"

unsigned int interval_parse(const char *arg)
{
	unsigned long ms = 0, scale = 100;
	const char *p = arg;

	if (*p < '0' || *p > '9')
		return 0;
	for (; *p >= '0' && *p <= '9'; p++) {
		ms = ms * 10 + (unsigned long)(*p - '0') * 1000;
		if (ms > INTERVAL_MAX_MS)
			return 0;
	}
	if (*p == '.') {
		/* Milliseconds at most: "0.25" is 250, "0.0001" is refused. */
		for (p++; *p >= '0' && *p <= '9'; p++, scale /= 10) {
			if (!scale)
				return 0;
			ms += (unsigned long)(*p - '0') * scale;
		}
	}
	if (*p || ms < INTERVAL_MIN_MS || ms > INTERVAL_MAX_MS)
		return 0;
	return ms;
}

static volatile sig_atomic_t interval_stop;

static void interval_on_signal(int sig)
{
	(void)sig;
	interval_stop = 1;
}

static void timespec_add_ms(struct timespec *t, unsigned int ms)
{
	t->tv_sec += ms / 1000;
	t->tv_nsec += (long)(ms % 1000) * 1000000L;
	if (t->tv_nsec >= 1000000000L) {
		t->tv_sec++;
		t->tv_nsec -= 1000000000L;
	}
}

/* "--- 12:00:04  vc show: changes over 2 s ---" */
static void interval_header(const struct ctx *ctx, const char *obj_name,
			    const char *cmd_name)
{
	char when[16] = "";
	time_t now = time(NULL);
	struct tm tm;

	if (localtime_r(&now, &tm))
		strftime(when, sizeof(when), "%H:%M:%S", &tm);
	if (ctx->runs)
		printf("\n--- %s  %s %s: counters are changes over %u.%u s ---\n",
		       when, obj_name, cmd_name,
		       ctx->interval_ms / 1000, ctx->interval_ms % 1000 / 100);
	else
		printf("--- %s  %s %s: counters are totals ---\n", when,
		       obj_name, cmd_name);
}

static void interval_free_prev(struct ctx *ctx)
{
	if (!ctx->prev)
		return;
	if (ctx->prev_ops && ctx->prev_ops->free_list)
		ctx->prev_ops->free_list(ctx->prev);
	else
		nest_list_free(ctx->prev);
	free(ctx->prev);
	ctx->prev = NULL;
}

int interval_run(struct ctx *ctx, const char *obj_name, const struct cmd *c,
		 int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = interval_on_signal };
	struct timespec next;
	int ret = EXIT_OK, r;

	/* No SA_RESTART: the sleep below ends at once. */
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGINT, &sa, NULL) || sigaction(SIGTERM, &sa, NULL)) {
		err_msg("-i: cannot handle signals: %s", strerror(errno));
		return EXIT_FAIL;
	}
	clock_gettime(CLOCK_MONOTONIC, &next);
	while (!interval_stop) {
		if (!ctx->json)
			interval_header(ctx, obj_name, c->name);
		r = c->run(ctx, argc, argv);
		ctx->runs++;
		if (fflush(stdout) || ferror(stdout))
			break;	/* main() says why */
		if (r) {
			ret = r;
			/* Bad usage or a missing module will not get better. */
			if (r != EXIT_FAIL)
				break;
		}
		if (ctx->count && ctx->runs >= ctx->count)
			break;
		/* On a fixed schedule: a slow run does not shift the next. */
		timespec_add_ms(&next, ctx->interval_ms);
		while (!interval_stop &&
		       clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next,
				       NULL) == EINTR)
			;
	}
	interval_free_prev(ctx);
	return ret;
}

/* The element of the sorted @prev that is @item, or NULL. */
static const void *interval_find(const struct nest_list *prev,
				 const void *item,
				 int (*cmp)(const void *, const void *))
{
	size_t lo = 0, hi = prev->n, mid;
	int r;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		r = cmp(item, nest_list_at(prev, mid));
		if (!r)
			return nest_list_at(prev, mid);
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

void interval_delta(struct ctx *ctx, struct nest_list *list,
		    const struct interval_ops *ops)
{
	struct nest_list *saved;
	const void *old;
	size_t i;

	if (!ctx->interval_ms)
		return;
	/* This run's totals, for the next. */
	saved = xreallocarray(NULL, 1, sizeof(*saved));
	*saved = *list;
	saved->items = xreallocarray(NULL, list->n ? list->n : 1, list->size);
	saved->cap = list->n;
	for (i = 0; i < list->n; i++) {
		if (ops->copy)
			ops->copy(nest_list_at(saved, i), nest_list_at(list, i));
		else
			memcpy(nest_list_at(saved, i), nest_list_at(list, i),
			       list->size);
	}
	if (ctx->prev) {
		for (i = 0; i < list->n; i++) {
			old = interval_find(ctx->prev, nest_list_at(list, i),
					    ops->cmp);
			if (old)
				ops->sub(nest_list_at(list, i), old);
		}
	}
	interval_free_prev(ctx);
	ctx->prev = saved;
	ctx->prev_ops = ops;
}

void interval_sub_fields(uint64_t *cur, const uint64_t *prev,
			 const struct show_field *fields, size_t n)
{
	size_t i;
	uint16_t a;

	for (i = 0; i < n; i++) {
		a = fields[i].attr;
		if (cur[a] >= prev[a])
			cur[a] -= prev[a];
	}
}
