/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers of the "show" commands that list objects: value formatting,
 * aligned text tables, wrapped counter lines, growable arrays.
 */
#ifndef CLUSTERCTL_SHOW_H
#define CLUSTERCTL_SHOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Printed in text output for a value the module did not report. */
#define SHOW_NONE	"-"

#define MAC_LEN		6
#define MAC_STR_LEN	18	/* "aa:bb:cc:dd:ee:ff" and its NUL */

/* Large enough for any formatted number, duration or state below. */
#define SHOW_VAL_LEN	32

/* "aa:bb:cc:dd:ee:ff", lower case. */
void fmt_mac(char buf[MAC_STR_LEN], const uint8_t mac[MAC_LEN]);

/*
 * Name of value @v of an enum whose names are @names[0..@n-1] (NULL for
 * a value without name), or "unknown(V)" written into @buf: a module newer
 * than clusterctl may report states clusterctl does not know.
 */
const char *enum_name(const char *const *names, size_t n, unsigned int v,
		      char buf[SHOW_VAL_LEN]);

/* A round trip for people: "87us", "1.2ms", "340.5ms", "2.0s" (truncated). */
void fmt_usec(char buf[SHOW_VAL_LEN], uint64_t us);

/* An uptime for people: "42s", "5m07s", "3h02m", "12d04h" (truncated). */
void fmt_uptime(char buf[SHOW_VAL_LEN], uint64_t ms);

/* realloc() of @n elements of @size; on failure prints why and exits 1. */
void *xreallocarray(void *ptr, size_t n, size_t size);

/*
 * A text table: a header line and rows, each column as wide as its widest
 * cell, two spaces apart; numbers align right.  Cells are added row by
 * row, left to right.
 */
struct table_col {
	const char *head;
	bool right;		/* align right (numbers) */
};

struct table {
	const struct table_col *cols;
	size_t ncols;
	char **cells;
	size_t ncells, cap;
};

void table_init(struct table *t, const struct table_col *cols, size_t ncols);
/* Adds the next cell; @val NULL is SHOW_NONE. */
void table_add(struct table *t, const char *val);
void table_addf(struct table *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void table_print(const struct table *t, FILE *f);
void table_free(struct table *t);

/* One counter of a "key value  key value" line. */
struct show_pair {
	const char *key;
	char val[SHOW_VAL_LEN];
};

/* Fills @p with @key and the counter @v, or SHOW_NONE if !@have. */
void show_pair_u64(struct show_pair *p, const char *key, bool have,
		   uint64_t v);

/*
 * Prints @label (may be NULL) and the pairs "key value" two spaces apart,
 * indented by @indent, in lines shorter than @width columns (unless one
 * pair is longer); continuation lines line up after the label.
 */
void print_pairs(FILE *f, int indent, const char *label,
		 const struct show_pair *p, size_t n, int width);

#endif /* CLUSTERCTL_SHOW_H */
