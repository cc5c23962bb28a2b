// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers of the "show" commands that list objects.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <linux/genetlink.h>

#include "clusterctl.h"
#include "json.h"
#include "show.h"

void fmt_mac(char buf[MAC_STR_LEN], const uint8_t mac[MAC_LEN])
{
	snprintf(buf, MAC_STR_LEN, "%02x:%02x:%02x:%02x:%02x:%02x",
		 mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
}

const char *enum_name(const char *const *names, size_t n, unsigned int v,
		      char buf[SHOW_VAL_LEN])
{
	if (v < n && names[v])
		return names[v];
	snprintf(buf, SHOW_VAL_LEN, "unknown(%u)", v);
	return buf;
}

void fmt_usec(char buf[SHOW_VAL_LEN], uint64_t us)
{
	if (us < 1000)
		snprintf(buf, SHOW_VAL_LEN, "%" PRIu64 "us", us);
	else if (us < 1000000)
		snprintf(buf, SHOW_VAL_LEN, "%" PRIu64 ".%" PRIu64 "ms",
			 us / 1000, us % 1000 / 100);
	else
		snprintf(buf, SHOW_VAL_LEN, "%" PRIu64 ".%" PRIu64 "s",
			 us / 1000000, us % 1000000 / 100000);
}

void fmt_uptime(char buf[SHOW_VAL_LEN], uint64_t ms)
{
	uint64_t s = ms / 1000;

	if (s < 60)
		snprintf(buf, SHOW_VAL_LEN, "%" PRIu64 "s", s);
	else if (s < 3600)
		snprintf(buf, SHOW_VAL_LEN, "%" PRIu64 "m%02" PRIu64 "s",
			 s / 60, s % 60);
	else if (s < 86400)
		snprintf(buf, SHOW_VAL_LEN, "%" PRIu64 "h%02" PRIu64 "m",
			 s / 3600, s % 3600 / 60);
	else
		snprintf(buf, SHOW_VAL_LEN, "%" PRIu64 "d%02" PRIu64 "h",
			 s / 86400, s % 86400 / 3600);
}

void *xreallocarray(void *ptr, size_t n, size_t size)
{
	size_t bytes = n * size;
	void *p = NULL;

	/* realloc(ptr, 0) may free and return NULL: ask for a byte. */
	if (!size || n <= SIZE_MAX / size)
		p = realloc(ptr, bytes ? bytes : 1);
	if (!p) {
		err_msg("out of memory: free some memory and run the command again");
		exit(EXIT_FAIL);
	}
	return p;
}

static char *xstrdup(const char *s)
{
	size_t len = strlen(s) + 1;

	return memcpy(xreallocarray(NULL, len, 1), s, len);
}

int show_attr_check(const struct nlattr *attr, const uint8_t *lens,
		    unsigned int max, uint64_t *have)
{
	unsigned int type = mnl_attr_get_type(attr);

	/* *@have has a bit per type. */
	if (type > max || type >= 64)
		return SHOW_ATTR_SKIP;
	if (lens[type] && mnl_attr_get_payload_len(attr) != lens[type]) {
		errno = EBADMSG;
		return SHOW_ATTR_BAD;
	}
	*have |= 1ULL << type;
	return SHOW_ATTR_PARSE;
}

static int nest_list_attr_cb(const struct nlattr *attr, void *arg)
{
	struct nest_list *l = arg;
	void *item;

	if (mnl_attr_get_type(attr) != l->nest)
		return MNL_CB_OK;
	if (mnl_attr_validate(attr, MNL_TYPE_NESTED) < 0) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 8;
		l->items = xreallocarray(l->items, l->cap, l->size);
	}
	item = nest_list_at(l, l->n++);
	memset(item, 0, l->size);
	return mnl_attr_parse_nested(attr, l->attr_cb, item);
}

int nest_list_msg_cb(const struct nlmsghdr *nlh, void *arg)
{
	return mnl_attr_parse(nlh, sizeof(struct genlmsghdr),
			      nest_list_attr_cb, arg);
}

void nest_list_sort(struct nest_list *l,
		    int (*cmp)(const void *, const void *))
{
	if (l->n)
		qsort(l->items, l->n, l->size, cmp);
}

void nest_list_free(struct nest_list *l)
{
	free(l->items);
	l->items = NULL;
	l->n = l->cap = 0;
}

void table_init(struct table *t, const struct table_col *cols, size_t ncols)
{
	t->cols = cols;
	t->ncols = ncols;
	t->cells = NULL;
	t->ncells = 0;
	t->cap = 0;
}

void table_add(struct table *t, const char *val)
{
	if (t->ncells == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 8 * t->ncols;
		t->cells = xreallocarray(t->cells, t->cap, sizeof(*t->cells));
	}
	t->cells[t->ncells++] = xstrdup(val ? val : SHOW_NONE);
}

void table_addf(struct table *t, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	table_add(t, buf);
}

/* Columns on a terminal: UTF-8 continuation bytes take none. */
static size_t text_width(const char *s)
{
	size_t w = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	return w;
}

static void print_cell(FILE *f, const struct table_col *col, size_t width,
		       const char *s, bool last)
{
	size_t pad = width - text_width(s);

	if (col->right)
		fprintf(f, "%*s%s", (int)pad, "", s);
	else if (last)
		fputs(s, f);	/* no trailing blanks */
	else
		fprintf(f, "%s%*s", s, (int)pad, "");
}

void table_print(const struct table *t, FILE *f)
{
	size_t nrows = t->ncells / t->ncols, r, c;
	size_t *width = xreallocarray(NULL, t->ncols, sizeof(*width));

	for (c = 0; c < t->ncols; c++) {
		width[c] = text_width(t->cols[c].head);
		for (r = 0; r < nrows; r++) {
			size_t w = text_width(t->cells[r * t->ncols + c]);

			if (w > width[c])
				width[c] = w;
		}
	}
	for (r = 0; r <= nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			const char *s = r ? t->cells[(r - 1) * t->ncols + c] :
					t->cols[c].head;

			if (c)
				fputs("  ", f);
			print_cell(f, &t->cols[c], width[c], s,
				   c == t->ncols - 1);
		}
		fputc('\n', f);
	}
	free(width);
}

void table_free(struct table *t)
{
	size_t i;

	for (i = 0; i < t->ncells; i++)
		free(t->cells[i]);
	free(t->cells);
	t->cells = NULL;
	t->ncells = t->cap = 0;
}

void show_pair_u64(struct show_pair *p, const char *key, bool have,
		   uint64_t v)
{
	p->key = key;
	if (have)
		snprintf(p->val, sizeof(p->val), "%" PRIu64, v);
	else
		snprintf(p->val, sizeof(p->val), "%s", SHOW_NONE);
}

void print_pairs(FILE *f, int indent, const char *label,
		 const struct show_pair *p, size_t n, int width)
{
	int start = indent, col;
	size_t i;

	fprintf(f, "%*s", indent, "");
	if (label) {
		fputs(label, f);
		start += (int)text_width(label) + 1;
	}
	col = start;
	for (i = 0; i < n; i++) {
		int len = (int)(text_width(p[i].key) + 1 + strlen(p[i].val));

		if (i && col + 2 + len >= width) {
			fprintf(f, "\n%*s", start, "");
			col = start;
		} else if (i) {
			fputs("  ", f);
			col += 2;
		} else if (label) {
			fputc(' ', f);
		}
		fprintf(f, "%s %s", p[i].key, p[i].val);
		col += len;
	}
	fputc('\n', f);
}

void show_json_fields(struct json *j, const struct show_field *fields,
		      size_t n, uint64_t have, const uint64_t *val)
{
	size_t i;

	for (i = 0; i < n; i++) {
		uint16_t attr = fields[i].attr;

		json_uint_opt(j, fields[i].name, have & (1ULL << attr),
			      val[attr]);
	}
}

void show_print_fields(FILE *f, const struct show_field *fields, size_t n,
		       uint64_t have, const uint64_t *val)
{
	struct show_pair *p = xreallocarray(NULL, n, sizeof(*p));
	size_t i;

	for (i = 0; i < n; i++) {
		uint16_t attr = fields[i].attr;

		show_pair_u64(&p[i], fields[i].name, have & (1ULL << attr),
			      val[attr]);
	}
	print_pairs(f, 4, NULL, p, n, 80);
	free(p);
}

void show_print_json_list(FILE *f, const struct ctx *ctx,
			  const struct nest_list *list, show_json_one_fn *one)
{
	struct json j;
	size_t i;

	json_init(&j, f, ctx->pretty);
	json_arr_open(&j, NULL);
	for (i = 0; i < list->n; i++)
		one(&j, ctx, nest_list_at(list, i));
	json_arr_close(&j);
}
