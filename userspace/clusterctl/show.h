/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers of the "show" commands that list objects: value formatting,
 * aligned text tables, wrapped counter lines, growable arrays, and the
 * loops over an object's numbers and a list's JSON array.
 */
#ifndef CLUSTERCTL_SHOW_H
#define CLUSTERCTL_SHOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <libmnl/libmnl.h>

struct ctx;
struct json;

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
 * The objects of a dump (or of a one-object reply): each reply message
 * carries one object in a top-level nest of type @nest, which @attr_cb
 * parses into a new, zeroed element of @size bytes.  Other top-level
 * attributes are ignored.
 */
struct nest_list {
	uint16_t nest;
	size_t size;
	mnl_attr_cb_t attr_cb;
	void *items;
	size_t n, cap;
};

#define NEST_LIST(type, elem_size, cb) \
	{ .nest = (type), .size = (elem_size), .attr_cb = (cb) }

/*
 * The checks every object attribute gets before its parser looks at it:
 * a type above @max (from a newer module) is skipped; a payload whose
 * size is not @lens[type] (where set) means another ABI and fails; the
 * type is recorded in *@have.  Return: SHOW_ATTR_PARSE, SHOW_ATTR_SKIP,
 * or SHOW_ATTR_BAD with errno EBADMSG.
 */
enum { SHOW_ATTR_BAD = -1, SHOW_ATTR_SKIP, SHOW_ATTR_PARSE };
int show_attr_check(const struct nlattr *attr, const uint8_t *lens,
		    unsigned int max, uint64_t *have);

/* The mnl_cb_t that reads one reply message into a struct nest_list. */
int nest_list_msg_cb(const struct nlmsghdr *nlh, void *arg);

static inline void *nest_list_at(const struct nest_list *l, size_t i)
{
	return (char *)l->items + i * l->size;
}

void nest_list_sort(struct nest_list *l,
		    int (*cmp)(const void *, const void *));
/* Frees the array (not what elements point to). */
void nest_list_free(struct nest_list *l);

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

/*
 * A number of an object: its name (JSON key and counter label) and its
 * attribute.  Tables of them drive the loops below over an object that
 * keeps each number at @val[attr] and the attributes it received as bits
 * 1 << attr of @have.
 */
struct show_field {
	const char *name;
	uint16_t attr;
};

#define SHOW_N_FIELDS(fields)	(sizeof(fields) / sizeof((fields)[0]))

/* Each field as "name": number, or null if not reported. */
void show_json_fields(struct json *j, const struct show_field *fields,
		      size_t n, uint64_t have, const uint64_t *val);

/*
 * Each field as "name number" (SHOW_NONE if not reported) in the lines
 * of print_pairs(), indented by 4, shorter than 80 columns.
 */
void show_print_fields(FILE *f, const struct show_field *fields, size_t n,
		       uint64_t have, const uint64_t *val);

/* Writes one element of a list as a JSON object. */
typedef void show_json_one_fn(struct json *j, const struct ctx *ctx,
			      const void *item);

/* The JSON array of the elements of @list, each written by @one. */
void show_print_json_list(FILE *f, const struct ctx *ctx,
			  const struct nest_list *list, show_json_one_fn *one);

#endif /* CLUSTERCTL_SHOW_H */
