// SPDX-License-Identifier: GPL-2.0
/*
 * Strict parsing of command-line words, and lists of them for messages.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <net/if.h>

#include "parse.h"

bool parse_u32(const char *s, uint32_t min, uint32_t max, uint32_t *out)
{
	unsigned int base = 10;
	uint64_t v = 0;
	unsigned int d;

	/* strtoul() would take spaces, signs and octal: do it by hand. */
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!*s)
		return false;
	for (; *s; s++) {
		if (isdigit((unsigned char)*s))
			d = *s - '0';
		else if (base == 16 && isxdigit((unsigned char)*s))
			d = (tolower((unsigned char)*s) - 'a') + 10;
		else
			return false;
		v = v * base + d;
		if (v > UINT32_MAX)
			return false;
	}
	if (v < min || v > max)
		return false;
	*out = (uint32_t)v;
	return true;
}

bool valid_ifname(const char *s)
{
	if (!*s || strnlen(s, IFNAMSIZ) == IFNAMSIZ ||
	    !strcmp(s, ".") || !strcmp(s, ".."))
		return false;
	for (; *s; s++) {
		unsigned char c = *s;

		/* The kernel's isspace(): ASCII blanks and Latin-1 NBSP. */
		if (c == '/' || c == ':' || c == ' ' ||
		    (c >= '\t' && c <= '\r') || c == 0xa0)
			return false;
	}
	return true;
}

int match_word(const char *word, const char *name)
{
	size_t len = strlen(word);

	if (!len || strncmp(word, name, len))
		return 0;
	return name[len] ? 1 : 2;
}

void list_names(char *buf, size_t size, const char *const *names, size_t n)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < n && len < size; i++)
		len += snprintf(buf + len, size - len, "%s%s",
				i ? ", " : "", names[i]);
}
