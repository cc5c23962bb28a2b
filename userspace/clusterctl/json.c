// SPDX-License-Identifier: GPL-2.0
/*
 * Tiny streaming JSON writer (RFC 8259), compact or pretty-printed.
 */
#include <inttypes.h>

#include "json.h"

void json_init(struct json *j, FILE *f, bool pretty)
{
	j->f = f;
	j->pretty = pretty;
	j->depth = 0;
	j->first[0] = true;
}

static void indent(struct json *j)
{
	int i;

	if (!j->pretty)
		return;
	fputc('\n', j->f);
	for (i = 0; i < j->depth; i++)
		fputs("    ", j->f);
}

/* Length of the valid UTF-8 sequence at @s, or 0 if it is not one. */
static int utf8_len(const unsigned char *s)
{
	uint32_t cp;
	int n, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	/* A NUL stops this loop too, so we never read past the string. */
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

static void put_string(struct json *j, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	int n;

	fputc('"', j->f);
	while (*s) {
		switch (*s) {
		case '"':  fputs("\\\"", j->f); break;
		case '\\': fputs("\\\\", j->f); break;
		case '\b': fputs("\\b", j->f); break;
		case '\f': fputs("\\f", j->f); break;
		case '\n': fputs("\\n", j->f); break;
		case '\r': fputs("\\r", j->f); break;
		case '\t': fputs("\\t", j->f); break;
		default:
			if (*s < 0x20 || *s == 0x7f) {
				fprintf(j->f, "\\u%04x", *s);
				break;
			}
			n = utf8_len(s);
			if (!n) {
				/* Kernel strings may hold any byte. */
				fputs("\\ufffd", j->f);
				break;
			}
			fwrite(s, 1, n, j->f);
			s += n;
			continue;
		}
		s++;
	}
	fputc('"', j->f);
}

/* Separator, indentation and "key": before a value. */
static void member(struct json *j, const char *key)
{
	if (j->depth > 0) {
		if (!j->first[j->depth])
			fputc(',', j->f);
		indent(j);
	}
	j->first[j->depth] = false;
	if (key) {
		put_string(j, key);
		fputs(j->pretty ? ": " : ":", j->f);
	}
}

static void open_level(struct json *j, const char *key, char c)
{
	member(j, key);
	fputc(c, j->f);
	/* Deeper levels would be a bug in the caller; keep output sane. */
	if (j->depth < JSON_MAX_DEPTH - 1)
		j->depth++;
	j->first[j->depth] = true;
}

static void close_level(struct json *j, char c)
{
	bool empty = j->first[j->depth];

	if (j->depth > 0)
		j->depth--;
	if (!empty)
		indent(j);
	fputc(c, j->f);
	if (j->depth == 0)
		fputc('\n', j->f);
}

void json_obj_open(struct json *j, const char *key)
{
	open_level(j, key, '{');
}

void json_obj_close(struct json *j)
{
	close_level(j, '}');
}

void json_arr_open(struct json *j, const char *key)
{
	open_level(j, key, '[');
}

void json_arr_close(struct json *j)
{
	close_level(j, ']');
}

void json_str(struct json *j, const char *key, const char *val)
{
	if (!val) {
		json_null(j, key);
		return;
	}
	member(j, key);
	put_string(j, val);
}

void json_uint(struct json *j, const char *key, uint64_t val)
{
	member(j, key);
	fprintf(j->f, "%" PRIu64, val);
}

void json_int(struct json *j, const char *key, int64_t val)
{
	member(j, key);
	fprintf(j->f, "%" PRId64, val);
}

void json_bool(struct json *j, const char *key, bool val)
{
	member(j, key);
	fputs(val ? "true" : "false", j->f);
}

void json_null(struct json *j, const char *key)
{
	member(j, key);
	fputs("null", j->f);
}

void json_uint_opt(struct json *j, const char *key, bool have, uint64_t val)
{
	if (have)
		json_uint(j, key, val);
	else
		json_null(j, key);
}
