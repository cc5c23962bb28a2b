/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Strict parsing of command-line words, and lists of them for messages.
 */
#ifndef CLUSTERCTL_PARSE_H
#define CLUSTERCTL_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decimal or 0x hex, no sign, no spaces, no junk, within [min, max]. */
bool parse_u32(const char *s, uint32_t min, uint32_t max, uint32_t *out);

/*
 * A network device name the kernel accepts (dev_valid_name()): 1 to
 * IFNAMSIZ - 1 bytes, not "." or "..", without '/', ':' or white space.
 */
bool valid_ifname(const char *s);

/* How @word matches keyword @name: 2 exactly, 1 as a prefix, 0 not. */
int match_word(const char *word, const char *name);

/* Joins @n names with ", " into @buf, for "valid choices" messages. */
void list_names(char *buf, size_t size, const char *const *names, size_t n);

#endif /* CLUSTERCTL_PARSE_H */
