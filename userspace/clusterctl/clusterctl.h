/* SPDX-License-Identifier: GPL-2.0 */
/*
 * clusterctl: shared definitions for the object modules.
 */
#ifndef CLUSTERCTL_H
#define CLUSTERCTL_H

#include <stdbool.h>
#include <stdio.h>

/* Exit codes: part of the interface, documented in clusterctl(8). */
enum {
	EXIT_OK		= 0,
	EXIT_FAIL	= 1,	/* kernel refused or operation failed */
	EXIT_USAGE	= 2,	/* bad command line */
	EXIT_NOMOD	= 3,	/* af_cluster not loaded */
	EXIT_PERM	= 4,	/* permission denied */
};

struct nest_list;
struct interval_ops;

/*
 * The options, and with -i the state carried from one run of the command
 * to the next: the totals of the previous run (interval.c).
 */
struct ctx {
	bool json;
	bool pretty;
	bool stats;
	const char *netns;
	unsigned int interval_ms;	/* -i; 0: run once */
	unsigned long count;		/* -c; 0: until interrupted */
	unsigned long runs;		/* runs so far */
	struct nest_list *prev;		/* totals of the previous run */
	const struct interval_ops *prev_ops;
};

/* A command of an object, e.g. "show" of "node". */
struct cmd {
	const char *name;
	int (*run)(struct ctx *ctx, int argc, char **argv);
};

/*
 * An object, e.g. "node": its commands, the first being the default; or,
 * for an object that is a command by itself ("monitor"), @run, which gets
 * every argument after the object's name.
 */
struct object {
	const char *name;
	const struct cmd *cmds;
	int (*run)(struct ctx *ctx, int argc, char **argv);
	void (*usage)(FILE *f);
};

extern const struct object node_object;
extern const struct object param_object;
extern const struct object adapter_object;
extern const struct object channel_object;
extern const struct object vc_object;
extern const struct object service_object;
extern const struct object monitor_object;

/* "node list": the remote nodes (peer.c). */
int node_list(struct ctx *ctx, int argc, char **argv);

/* Messages are prefixed with the program name, like other tools do. */
void err_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void warn_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints the message plus a usage hint for @obj (may be NULL); EXIT_USAGE. */
int usage_err(const struct object *obj, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/*
 * usage_err() for an argument @arg that command @what ("node show") does
 * not take; one that starts with '-' gets a word on where options go.
 */
int usage_unexpected(const struct object *obj, const char *what,
		     const char *arg);

#endif /* CLUSTERCTL_H */
