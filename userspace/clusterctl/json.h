/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tiny streaming JSON writer.  Keys are NULL inside arrays and for the
 * top-level value, a C string everywhere else.
 */
#ifndef CLUSTERCTL_JSON_H
#define CLUSTERCTL_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_MAX_DEPTH	16

struct json {
	FILE *f;
	bool pretty;
	int depth;
	bool first[JSON_MAX_DEPTH];	/* level still has no member */
};

void json_init(struct json *j, FILE *f, bool pretty);
void json_obj_open(struct json *j, const char *key);
void json_obj_close(struct json *j);
void json_arr_open(struct json *j, const char *key);
void json_arr_close(struct json *j);
/* @val NULL writes null. */
void json_str(struct json *j, const char *key, const char *val);
void json_uint(struct json *j, const char *key, uint64_t val);
void json_int(struct json *j, const char *key, int64_t val);
void json_bool(struct json *j, const char *key, bool val);
void json_null(struct json *j, const char *key);
/* @val if @have, else null: for values the kernel may not report. */
void json_uint_opt(struct json *j, const char *key, bool have, uint64_t val);

#endif /* CLUSTERCTL_JSON_H */
