/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "-i SECONDS": a show command run again every interval, its counters
 * printed as the change since the previous run, as SCACP's /INTERVAL
 * does.  The loop is interval_run(); each show command turns its fresh
 * totals into changes with interval_delta().
 */
#ifndef CLUSTERCTL_INTERVAL_H
#define CLUSTERCTL_INTERVAL_H

#include <stddef.h>
#include <stdint.h>

#include "show.h"

struct ctx;
struct cmd;

/* Shortest and longest interval, in milliseconds. */
#define INTERVAL_MIN_MS		100U
#define INTERVAL_MAX_MS		86400000U

/*
 * Parses "-i" 's argument: seconds, with up to three decimals ("0.5").
 * Return: milliseconds, or 0 if @arg is not a number in range.
 */
unsigned int interval_parse(const char *arg);

/*
 * Runs @c every ctx->interval_ms until ctx->count runs or SIGINT/SIGTERM,
 * each run preceded by a header line in text output.
 * Return: the first failing run's exit code, or EXIT_OK.
 */
int interval_run(struct ctx *ctx, const char *obj_name, const struct cmd *c,
		 int argc, char **argv);

/* How a show command's objects are matched and their counters subtracted. */
struct interval_ops {
	/* Identity: 0 for the same object in two runs (the sort order). */
	int (*cmp)(const void *a, const void *b);
	/* @cur's counters minus @prev's (an object's restart: @cur's). */
	void (*sub)(void *cur, const void *prev);
	/* Deep copy of an element; NULL: memcpy(). */
	void (*copy)(void *dst, const void *src);
	/* Frees a list of them; NULL: nest_list_free(). */
	void (*free_list)(struct nest_list *list);
};

/*
 * With -i: keeps @list's totals for the next run and, from the second run
 * on, replaces each counter of @list by its change since the previous
 * run.  Objects new since then keep their totals.  Without -i: nothing.
 * @list must be sorted by @ops->cmp.
 */
void interval_delta(struct ctx *ctx, struct nest_list *list,
		    const struct interval_ops *ops);

/* @cur[f.attr] -= @prev[f.attr] for each of @fields (a reset: kept). */
void interval_sub_fields(uint64_t *cur, const uint64_t *prev,
			 const struct show_field *fields, size_t n);

#endif /* CLUSTERCTL_INTERVAL_H */
