// SPDX-License-Identifier: GPL-2.0
/*
 * clusterctl: administer af_cluster, the PEDRIVER-style cluster
 * interconnect.  Options, then dispatch to an object ("node", ...).
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <linux/af_cluster.h>

#include "clusterctl.h"
#include "interval.h"
#include "parse.h"

/* New objects go here; keep "clusterctl --help" in step. */
static const struct object *const objects[] = {
	&node_object,
	&param_object,
	&adapter_object,
	&channel_object,
	&vc_object,
	&service_object,
	&monitor_object,
};
#define N_OBJECTS (sizeof(objects) / sizeof(objects[0]))

static void __attribute__((format(printf, 2, 0)))
vmsg(const char *prefix, const char *fmt, va_list ap)
{
	fflush(stdout);
	fputs(prefix, stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void err_msg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("", fmt, ap);
	va_end(ap);
}

void warn_msg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("warning: ", fmt, ap);
	va_end(ap);
}

int usage_err(const struct object *obj, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("", fmt, ap);
	va_end(ap);
	if (obj)
		obj->usage(stderr);
	else
		fputs("Try \"clusterctl --help\" for more information.\n",
		      stderr);
	return EXIT_USAGE;
}

int usage_unexpected(const struct object *obj, const char *what,
		     const char *arg)
{
	/* -n takes a value: show it with one. */
	bool netns = !strcmp(arg, "-n") || !strcmp(arg, "--netns");

	if (arg[0] == '-' && arg[1])
		return usage_err(obj, "%s: unexpected option \"%s\": options come before the object, as in: clusterctl %s%s %s",
				 what, arg, arg, netns ? " NETNS" : "", what);
	return usage_err(obj, "%s: unexpected argument \"%s\"", what, arg);
}

static void usage(FILE *f)
{
	size_t i;

	fputs("Usage: clusterctl [OPTIONS] OBJECT COMMAND [ARGS]\n"
	      "       clusterctl [OPTIONS] monitor [-j]\n"
	      "       clusterctl OBJECT help\n"
	      "       clusterctl {-h | --help | -V | --version}\n"
	      "\n"
	      "Objects:", f);
	for (i = 0; i < N_OBJECTS; i++)
		fprintf(f, " %s", objects[i]->name);
	fputs("\n"
	      "\n"
	      "Options:\n"
	      "  -j, --json          JSON output\n"
	      "  -p, --pretty        pretty-print JSON output\n"
	      "  -s, --stats         include counters\n"
	      "  -i, --interval SEC  show again every SEC seconds, counters as\n"
	      "                      changes over the interval (implies -s)\n"
	      "  -c, --count N       with -i: stop after N reports\n"
	      "  -n, --netns NETNS   run in network namespace NETNS\n"
	      "  -h, --help          show this help and exit\n"
	      "  -V, --version       show the version and exit\n"
	      "\n"
	      "Run \"clusterctl OBJECT help\" for the commands of an object.\n"
	      "Exit status: 0 ok, 1 failed, 2 bad usage, 3 af_cluster not loaded,\n"
	      "4 permission denied.  See clusterctl(8).\n", f);
}

/* Exact match wins; otherwise a unique prefix; NULL with *ambiguous. */
static const struct object *find_object(const char *word, bool *ambiguous)
{
	const struct object *found = NULL;
	size_t i;

	*ambiguous = false;
	for (i = 0; i < N_OBJECTS; i++) {
		switch (match_word(word, objects[i]->name)) {
		case 2:
			*ambiguous = false;
			return objects[i];
		case 1:
			if (found)
				*ambiguous = true;
			found = objects[i];
			break;
		}
	}
	return *ambiguous ? NULL : found;
}

static const struct cmd *find_cmd(const struct object *obj, const char *word,
				  bool *ambiguous)
{
	const struct cmd *c, *found = NULL;

	*ambiguous = false;
	for (c = obj->cmds; c->name; c++) {
		switch (match_word(word, c->name)) {
		case 2:
			*ambiguous = false;
			return c;
		case 1:
			if (found)
				*ambiguous = true;
			found = c;
			break;
		}
	}
	return *ambiguous ? NULL : found;
}

/* -i: only what shows can be repeated ("node set" every 2 s is a mistake). */
static int run_interval(struct ctx *ctx, const struct object *obj,
			const struct cmd *c, int argc, char **argv)
{
	if (strcmp(c->name, "show") && strcmp(c->name, "list"))
		return usage_err(obj, "%s %s: -i repeats show and list commands only",
				 obj->name, c->name);
	return interval_run(ctx, obj->name, c, argc, argv);
}

static int run_object(struct ctx *ctx, const struct object *obj, int argc,
		      char **argv)
{
	const char *names[16];
	const struct cmd *c;
	char list[256];
	size_t n = 0;
	bool ambiguous;

	if (argc > 0 && (!strcmp(argv[0], "help") || !strcmp(argv[0], "-h") ||
			 !strcmp(argv[0], "--help"))) {
		obj->usage(stdout);
		return EXIT_OK;
	}
	if (obj->run) {
		if (ctx->interval_ms)
			return usage_err(obj, "%s: -i repeats show commands; %s is live already",
					 obj->name, obj->name);
		return obj->run(ctx, argc, argv);
	}
	/* Like "ip link": the object alone runs its first command (show). */
	if (argc == 0 && ctx->interval_ms)
		return run_interval(ctx, obj, &obj->cmds[0], 0, argv);
	if (argc == 0)
		return obj->cmds[0].run(ctx, 0, argv);
	c = find_cmd(obj, argv[0], &ambiguous);
	if (c && ctx->interval_ms)
		return run_interval(ctx, obj, c, argc - 1, argv + 1);
	if (c)
		return c->run(ctx, argc - 1, argv + 1);

	for (c = obj->cmds; c->name && n < 15; c++)
		names[n++] = c->name;
	names[n++] = "help";
	list_names(list, sizeof(list), names, n);
	return usage_err(obj, "%s command \"%s\" for %s; valid commands: %s",
			 ambiguous ? "ambiguous" : "unknown", argv[0],
			 obj->name, list);
}

static int bad_object(const char *word, bool ambiguous)
{
	const char *names[N_OBJECTS];
	char list[256];
	size_t i;

	for (i = 0; i < N_OBJECTS; i++)
		names[i] = objects[i]->name;
	list_names(list, sizeof(list), names, N_OBJECTS);
	return usage_err(NULL, "%s object \"%s\"; valid objects: %s",
			 ambiguous ? "ambiguous" : "unknown", word, list);
}

static int run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json",	no_argument,		NULL, 'j' },
		{ "pretty",	no_argument,		NULL, 'p' },
		{ "stats",	no_argument,		NULL, 's' },
		{ "interval",	required_argument,	NULL, 'i' },
		{ "count",	required_argument,	NULL, 'c' },
		{ "netns",	required_argument,	NULL, 'n' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "version",	no_argument,		NULL, 'V' },
		{ NULL,		0,			NULL, 0 },
	};
	struct ctx ctx = { 0 };
	const struct object *obj;
	bool ambiguous;
	uint32_t count;
	int opt;

	opterr = 0;	/* our own messages, with a usage hint */
	/* '+': options end at OBJECT, so ARGS may start with '-'. */
	while ((opt = getopt_long(argc, argv, "+:jpsi:c:n:hV", longopts,
				  NULL)) != -1) {
		switch (opt) {
		case 'j':
			ctx.json = true;
			break;
		case 'p':
			ctx.pretty = true;
			break;
		case 's':
			ctx.stats = true;
			break;
		case 'i':
			ctx.interval_ms = interval_parse(optarg);
			if (!ctx.interval_ms)
				return usage_err(NULL, "invalid interval \"%s\": give seconds from 0.1 to 86400, as in -i 2 or -i 0.5",
						 optarg);
			/* Changes of counters are the point of it. */
			ctx.stats = true;
			break;
		case 'c':
			if (!parse_u32(optarg, 1, UINT32_MAX, &count))
				return usage_err(NULL, "invalid count \"%s\": give a number of reports, 1 or more",
						 optarg);
			ctx.count = count;
			break;
		case 'n':
			ctx.netns = optarg;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case 'V':
			printf("clusterctl %s (generic netlink family \"%s\" version %d)\n",
			       CLUSTERCTL_VERSION, CLUSTER_GENL_NAME,
			       CLUSTER_GENL_VERSION);
			return EXIT_OK;
		case ':':
			return usage_err(NULL, "option %s needs an argument",
					 argv[optind - 1]);
		default:
			/* optopt is unreliable for long options. */
			if (optopt && strncmp(argv[optind - 1], "--", 2))
				return usage_err(NULL, "unknown option -%c",
						 optopt);
			return usage_err(NULL, "invalid option %s",
					 argv[optind - 1]);
		}
	}
	argc -= optind;
	argv += optind;
	if (ctx.count && !ctx.interval_ms)
		return usage_err(NULL, "-c counts the reports of -i: give -i SECONDS too");

	if (argc == 0)
		return usage_err(NULL, "missing OBJECT");
	if (!strcmp(argv[0], "help")) {
		usage(stdout);
		return EXIT_OK;
	}

	obj = find_object(argv[0], &ambiguous);
	if (!obj)
		return bad_object(argv[0], ambiguous);
	return run_object(&ctx, obj, argc - 1, argv + 1);
}

int main(int argc, char **argv)
{
	int ret = run(argc, argv);

	/* A full disk or closed pipe must not look like success. */
	if (fflush(stdout) || ferror(stdout)) {
		err_msg("cannot write output: %s", strerror(errno));
		return EXIT_FAIL;
	}
	return ret;
}
