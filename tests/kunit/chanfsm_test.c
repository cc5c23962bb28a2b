// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the channel state machine (driver/chanfsm.c):
 *
 *   af_cluster_chanfsm  cluster_chan_step() over every (state, event)
 *                       pair, its invariants, event sequences on one
 *                       channel and on two ends talking to each other,
 *                       cluster_chan_ccstart_event(), the name functions
 *
 * The expected matrix below is written out independently of the
 * driver's switch statements, so a change to either shows up here.
 */

#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/module.h>
#include <linux/string.h>

#include "chanfsm.h"

/* Short names for the matrix. */
#define S_C	CLUSTER_CHAN_CLOSED
#define S_W	CLUSTER_CHAN_RESPONSE_WAIT
#define S_I	CLUSTER_CHAN_CCSTART_SENT
#define S_V	CLUSTER_CHAN_VERF_SENT
#define S_O	CLUSTER_CHAN_OPEN

#define A_STOP		CLUSTER_CHAN_ACT_STOP_TIMERS
#define A_AUTHF		CLUSTER_CHAN_ACT_COUNT_AUTH_FAIL
#define A_HSTO		CLUSTER_CHAN_ACT_COUNT_HS_TIMEOUT
#define A_LTO		CLUSTER_CHAN_ACT_COUNT_LISTEN_TIMEOUT
#define A_RESTART	CLUSTER_CHAN_ACT_COUNT_RESTART
#define A_DOWN		CLUSTER_CHAN_ACT_NOTIFY_DOWN
#define A_BYE		CLUSTER_CHAN_ACT_SEND_BYE
#define A_CCSTART	CLUSTER_CHAN_ACT_SEND_CCSTART
#define A_VERF		CLUSTER_CHAN_ACT_SEND_VERF
#define A_VACK		CLUSTER_CHAN_ACT_SEND_VACK
#define A_RT		CLUSTER_CHAN_ACT_START_RESPONSE_TIMER
#define A_HT		CLUSTER_CHAN_ACT_START_HS_TIMER
#define A_LT		CLUSTER_CHAN_ACT_START_LISTEN_TIMER
#define A_UP		CLUSTER_CHAN_ACT_NOTIFY_UP

/**
 * struct fsm_case - one cell of the transition matrix
 * @state: current state
 * @event: event
 * @next: expected next state
 * @actions: expected actions
 */
struct fsm_case {
	enum cluster_chan_state state;
	enum cluster_chan_event event;
	enum cluster_chan_state next;
	u32 actions;
};

#define T(s, e, n, a)	{ S_##s, CLUSTER_CHAN_EV_##e, S_##n, a }

static const struct fsm_case fsm_cases[] = {
	/* CLOSED: a HELLO starts the response delay, a CCSTART is answered. */
	T(C, HELLO,		  W, A_RT),
	T(C, RESPONSE_TIMER,	  C, 0),
	T(C, CCSTART_PEER_FIRST,  V, A_VERF | A_HT),
	T(C, CCSTART_LOCAL_FIRST, V, A_VERF | A_HT),
	T(C, VERF_OK,		  C, 0),
	T(C, VERF_BAD,		  C, 0),
	T(C, VACK_OK,		  C, 0),
	T(C, VACK_BAD,		  C, 0),
	T(C, HS_TIMEOUT,	  C, 0),
	T(C, RX,		  C, 0),
	T(C, LISTEN_TIMEOUT,	  C, 0),
	T(C, BYE,		  C, 0),
	T(C, NETDEV,		  C, 0),
	T(C, ADAPTER_DELETED,	  C, 0),

	/* RESPONSE_WAIT: one CCSTART when the delay expires, no more. */
	T(W, HELLO,		  W, 0),
	T(W, RESPONSE_TIMER,	  I, A_CCSTART | A_HT),
	T(W, CCSTART_PEER_FIRST,  V, A_STOP | A_VERF | A_HT),
	T(W, CCSTART_LOCAL_FIRST, V, A_STOP | A_VERF | A_HT),
	T(W, VERF_OK,		  W, 0),
	T(W, VERF_BAD,		  W, 0),
	T(W, VACK_OK,		  W, 0),
	T(W, VACK_BAD,		  W, 0),
	T(W, HS_TIMEOUT,	  W, 0),
	T(W, RX,		  W, 0),
	T(W, LISTEN_TIMEOUT,	  W, 0),
	T(W, BYE,		  C, A_STOP),
	T(W, NETDEV,		  C, A_STOP),
	T(W, ADAPTER_DELETED,	  C, A_STOP),

	/* CCSTART_SENT: initiator waiting for VERF. */
	T(I, HELLO,		  I, 0),
	T(I, RESPONSE_TIMER,	  I, 0),
	T(I, CCSTART_PEER_FIRST,  V, A_VERF | A_HT),
	T(I, CCSTART_LOCAL_FIRST, I, 0),
	T(I, VERF_OK,		  O, A_STOP | A_VACK | A_LT | A_UP),
	T(I, VERF_BAD,		  I, A_AUTHF),
	T(I, VACK_OK,		  I, 0),
	T(I, VACK_BAD,		  I, 0),
	T(I, HS_TIMEOUT,	  C, A_STOP | A_HSTO),
	T(I, RX,		  I, 0),
	T(I, LISTEN_TIMEOUT,	  I, 0),
	T(I, BYE,		  C, A_STOP),
	T(I, NETDEV,		  C, A_STOP),
	T(I, ADAPTER_DELETED,	  C, A_STOP | A_BYE),

	/* VERF_SENT: responder waiting for VACK. */
	T(V, HELLO,		  V, 0),
	T(V, RESPONSE_TIMER,	  V, 0),
	T(V, CCSTART_PEER_FIRST,  V, A_VERF | A_HT),
	T(V, CCSTART_LOCAL_FIRST, V, A_VERF | A_HT),
	T(V, VERF_OK,		  V, 0),
	T(V, VERF_BAD,		  V, 0),
	T(V, VACK_OK,		  O, A_STOP | A_LT | A_UP),
	T(V, VACK_BAD,		  V, A_AUTHF),
	T(V, HS_TIMEOUT,	  C, A_STOP | A_HSTO),
	T(V, RX,		  V, 0),
	T(V, LISTEN_TIMEOUT,	  V, 0),
	T(V, BYE,		  C, A_STOP),
	T(V, NETDEV,		  C, A_STOP),
	T(V, ADAPTER_DELETED,	  C, A_STOP | A_BYE),

	/* OPEN: traffic keeps it; silence, BYE or the netdev end it. */
	T(O, HELLO,		  O, 0),
	T(O, RESPONSE_TIMER,	  O, 0),
	T(O, CCSTART_PEER_FIRST,  V, A_STOP | A_RESTART | A_DOWN | A_VERF |
				     A_HT),
	T(O, CCSTART_LOCAL_FIRST, V, A_STOP | A_RESTART | A_DOWN | A_VERF |
				     A_HT),
	T(O, VERF_OK,		  O, 0),
	T(O, VERF_BAD,		  O, 0),
	T(O, VACK_OK,		  O, 0),
	T(O, VACK_BAD,		  O, 0),
	T(O, HS_TIMEOUT,	  O, 0),
	T(O, RX,		  O, A_LT),
	T(O, LISTEN_TIMEOUT,	  C, A_STOP | A_DOWN | A_LTO),
	T(O, BYE,		  C, A_STOP | A_DOWN),
	T(O, NETDEV,		  C, A_STOP | A_DOWN),
	T(O, ADAPTER_DELETED,	  C, A_STOP | A_DOWN | A_BYE),
};

static void fsm_case_desc(const struct fsm_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s + %s",
		 cluster_chan_state_name(c->state),
		 cluster_chan_event_name(c->event));
}

KUNIT_ARRAY_PARAM(fsm, fsm_cases, fsm_case_desc);

static void fsm_matrix_test(struct kunit *test)
{
	const struct fsm_case *c = test->param_value;
	struct cluster_chan_step st = cluster_chan_step(c->state, c->event);

	KUNIT_EXPECT_STREQ(test, cluster_chan_state_name(st.next),
			   cluster_chan_state_name(c->next));
	KUNIT_EXPECT_EQ(test, st.actions, c->actions);
}

/* The matrix above lists every (state, event) pair exactly once. */
static void fsm_matrix_complete_test(struct kunit *test)
{
	unsigned int seen[CLUSTER_CHAN_STATE_COUNT][CLUSTER_CHAN_EVENT_COUNT];
	unsigned int i, s, e;

	memset(seen, 0, sizeof(seen));
	KUNIT_ASSERT_EQ(test, ARRAY_SIZE(fsm_cases),
			(size_t)CLUSTER_CHAN_STATE_COUNT *
			CLUSTER_CHAN_EVENT_COUNT);
	for (i = 0; i < ARRAY_SIZE(fsm_cases); i++)
		seen[fsm_cases[i].state][fsm_cases[i].event]++;
	for (s = 0; s < CLUSTER_CHAN_STATE_COUNT; s++)
		for (e = 0; e < CLUSTER_CHAN_EVENT_COUNT; e++)
			KUNIT_EXPECT_EQ_MSG(test, seen[s][e], 1U, "%s + %s",
					    cluster_chan_state_name(s),
					    cluster_chan_event_name(e));
}

/* The timer each state runs, as CLUSTER_CHAN_ACT_START_* bits. */
static u32 armed_in(enum cluster_chan_state s)
{
	switch (s) {
	case CLUSTER_CHAN_RESPONSE_WAIT:
		return A_RT;
	case CLUSTER_CHAN_CCSTART_SENT:
	case CLUSTER_CHAN_VERF_SENT:
		return A_HT;
	case CLUSTER_CHAN_OPEN:
		return A_LT;
	default:
		return 0;
	}
}

/* The timer whose expiry an event reports, or 0. */
static u32 timer_of(enum cluster_chan_event e)
{
	switch (e) {
	case CLUSTER_CHAN_EV_RESPONSE_TIMER:
		return A_RT;
	case CLUSTER_CHAN_EV_HS_TIMEOUT:
		return A_HT;
	case CLUSTER_CHAN_EV_LISTEN_TIMEOUT:
		return A_LT;
	default:
		return 0;
	}
}

/* Timers after performing @actions on @before, in bit order. */
static u32 timers_after(u32 before, u32 actions)
{
	if (actions & A_STOP)
		before = 0;
	return before | (actions & (A_RT | A_HT | A_LT));
}

/*
 * Properties of every cell, from cluster_chan_step() itself:
 * - exactly the new state's timer is armed after the actions (a timer
 *   event consumes its timer; one for a timer not armed is stale and
 *   changes nothing);
 * - up is notified exactly when entering OPEN, down exactly when leaving;
 * - CCSTART is sent only entering CCSTART_SENT, VERF only entering
 *   VERF_SENT, VACK only from CCSTART_SENT to OPEN;
 * - a HELLO outside CLOSED does nothing (an open channel lives on
 *   unicast frames, not HELLOs);
 * - every transition into CLOSED from elsewhere stops the timers.
 */
static void fsm_invariants_test(struct kunit *test)
{
	unsigned int s, e;

	for (s = 0; s < CLUSTER_CHAN_STATE_COUNT; s++) {
		for (e = 0; e < CLUSTER_CHAN_EVENT_COUNT; e++) {
			struct cluster_chan_step st = cluster_chan_step(s, e);
			u32 before = armed_in(s), t = timer_of(e);
			const char *sn = cluster_chan_state_name(s);
			const char *en = cluster_chan_event_name(e);
			u32 a = st.actions;

			if (t && !(before & t)) {
				KUNIT_EXPECT_EQ_MSG(test, st.next, s,
						    "stale %s in %s", en, sn);
				KUNIT_EXPECT_EQ_MSG(test, a, 0U,
						    "stale %s in %s", en, sn);
				continue;
			}
			before &= ~t;
			KUNIT_EXPECT_EQ_MSG(test, timers_after(before, a),
					    armed_in(st.next), "%s + %s",
					    sn, en);
			KUNIT_EXPECT_EQ_MSG(test, !!(a & A_UP),
					    st.next == S_O && s != S_O,
					    "%s + %s", sn, en);
			KUNIT_EXPECT_EQ_MSG(test, !!(a & A_DOWN),
					    s == S_O && st.next != S_O,
					    "%s + %s", sn, en);
			if (a & A_CCSTART)
				KUNIT_EXPECT_EQ(test, st.next, S_I);
			if (a & A_VERF)
				KUNIT_EXPECT_EQ(test, st.next, S_V);
			if (a & A_VACK)
				KUNIT_EXPECT_TRUE(test, s == S_I &&
						  st.next == S_O);
			if (a & A_RESTART)
				KUNIT_EXPECT_TRUE(test, a & A_DOWN);
			if (e == CLUSTER_CHAN_EV_HELLO && s != S_C)
				KUNIT_EXPECT_EQ(test, a, 0U);
			if (st.next == S_C && s != S_C)
				KUNIT_EXPECT_TRUE(test, a & A_STOP);
			KUNIT_EXPECT_LT(test, a,
					(u32)BIT(CLUSTER_CHAN_ACT_COUNT));
		}
	}
}

static void fsm_out_of_range_test(struct kunit *test)
{
	struct cluster_chan_step st;

	st = cluster_chan_step(CLUSTER_CHAN_STATE_COUNT,
			       CLUSTER_CHAN_EV_HELLO);
	KUNIT_EXPECT_EQ(test, st.next, S_C);
	KUNIT_EXPECT_EQ(test, st.actions, (u32)A_STOP);
	st = cluster_chan_step((enum cluster_chan_state)-1,
			       CLUSTER_CHAN_EV_HELLO);
	KUNIT_EXPECT_EQ(test, st.next, S_C);
	st = cluster_chan_step(S_O, CLUSTER_CHAN_EVENT_COUNT);
	KUNIT_EXPECT_EQ(test, st.next, S_O);
	KUNIT_EXPECT_EQ(test, st.actions, 0U);
	st = cluster_chan_step(S_O, (enum cluster_chan_event)-1);
	KUNIT_EXPECT_EQ(test, st.next, S_O);
	KUNIT_EXPECT_EQ(test, st.actions, 0U);
}

static void fsm_names_test(struct kunit *test)
{
	unsigned int i, j;

	KUNIT_EXPECT_STREQ(test, cluster_chan_state_name(S_C), "closed");
	KUNIT_EXPECT_STREQ(test, cluster_chan_state_name(S_W),
			   "response-wait");
	KUNIT_EXPECT_STREQ(test, cluster_chan_state_name(S_I),
			   "ccstart-sent");
	KUNIT_EXPECT_STREQ(test, cluster_chan_state_name(S_V), "verf-sent");
	KUNIT_EXPECT_STREQ(test, cluster_chan_state_name(S_O), "open");
	KUNIT_EXPECT_STREQ(test,
			   cluster_chan_event_name(CLUSTER_CHAN_EV_HS_TIMEOUT),
			   "handshake-timeout");
	KUNIT_EXPECT_STREQ(test, cluster_chan_action_name(0), "stop-timers");
	KUNIT_EXPECT_STREQ(test,
			   cluster_chan_action_name(CLUSTER_CHAN_ACT_COUNT - 1),
			   "notify-up");

	KUNIT_EXPECT_STREQ(test,
			   cluster_chan_state_name(CLUSTER_CHAN_STATE_COUNT),
			   "invalid");
	KUNIT_EXPECT_STREQ(test,
			   cluster_chan_event_name(CLUSTER_CHAN_EVENT_COUNT),
			   "invalid");
	KUNIT_EXPECT_STREQ(test,
			   cluster_chan_action_name(CLUSTER_CHAN_ACT_COUNT),
			   "invalid");

	/* Every name set, and distinct within its kind. */
	for (i = 0; i < CLUSTER_CHAN_STATE_COUNT; i++)
		for (j = 0; j < i; j++)
			KUNIT_EXPECT_STRNEQ(test, cluster_chan_state_name(i),
					    cluster_chan_state_name(j));
	for (i = 0; i < CLUSTER_CHAN_EVENT_COUNT; i++) {
		KUNIT_EXPECT_NE(test, cluster_chan_event_name(i)[0], '\0');
		for (j = 0; j < i; j++)
			KUNIT_EXPECT_STRNEQ(test, cluster_chan_event_name(i),
					    cluster_chan_event_name(j));
	}
	for (i = 0; i < CLUSTER_CHAN_ACT_COUNT; i++)
		for (j = 0; j < i; j++)
			KUNIT_EXPECT_STRNEQ(test, cluster_chan_action_name(i),
					    cluster_chan_action_name(j));
}

static const u8 addr_lo[6] = { 0x02, 0, 0, 0, 0, 0x01 };
static const u8 addr_hi[6] = { 0x02, 0, 0, 0, 0, 0x02 };

/* The lower (node, address) ranks first, seen from either end. */
static void fsm_ccstart_event_test(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, cluster_chan_ccstart_event(2, addr_lo,
							 1, addr_lo),
			CLUSTER_CHAN_EV_CCSTART_PEER_FIRST);
	KUNIT_EXPECT_EQ(test, cluster_chan_ccstart_event(1, addr_lo,
							 2, addr_lo),
			CLUSTER_CHAN_EV_CCSTART_LOCAL_FIRST);
	/* Node id before address. */
	KUNIT_EXPECT_EQ(test, cluster_chan_ccstart_event(2, addr_lo,
							 1, addr_hi),
			CLUSTER_CHAN_EV_CCSTART_PEER_FIRST);
	/* Same node id (misconfiguration): the address decides. */
	KUNIT_EXPECT_EQ(test, cluster_chan_ccstart_event(7, addr_hi,
							 7, addr_lo),
			CLUSTER_CHAN_EV_CCSTART_PEER_FIRST);
	KUNIT_EXPECT_EQ(test, cluster_chan_ccstart_event(7, addr_lo,
							 7, addr_hi),
			CLUSTER_CHAN_EV_CCSTART_LOCAL_FIRST);
	/* Unsigned order: 0xfffffffe ranks after 1. */
	KUNIT_EXPECT_EQ(test, cluster_chan_ccstart_event(1, addr_lo,
							 0xfffffffe, addr_lo),
			CLUSTER_CHAN_EV_CCSTART_LOCAL_FIRST);
}

/**
 * struct chan_sim - a channel and a runtime that performs its actions
 * @state: current state
 * @timers: armed timers (A_RT, A_HT, A_LT)
 * @n: how often each action was performed, by bit number
 */
struct chan_sim {
	enum cluster_chan_state state;
	u32 timers;
	unsigned int n[CLUSTER_CHAN_ACT_COUNT];
};

#define N(sim, act)	((sim)->n[ilog2(act)])

static void sim_event(struct kunit *test, struct chan_sim *sim,
		      enum cluster_chan_event e)
{
	struct cluster_chan_step st = cluster_chan_step(sim->state, e);
	unsigned int b;

	/* The runtime only reports timers that are armed. */
	if (timer_of(e))
		KUNIT_ASSERT_TRUE_MSG(test, sim->timers & timer_of(e),
				      "%s without its timer",
				      cluster_chan_event_name(e));
	sim->timers = timers_after(sim->timers & ~timer_of(e), st.actions);
	for (b = 0; b < CLUSTER_CHAN_ACT_COUNT; b++)
		sim->n[b] += !!(st.actions & BIT(b));
	sim->state = st.next;
	KUNIT_EXPECT_EQ(test, sim->timers, armed_in(sim->state));
}

/* Initiator: HELLO, delay, CCSTART, VERF ok, VACK sent, open. */
static void seq_initiator_test(struct kunit *test)
{
	struct chan_sim c = {};

	sim_event(test, &c, CLUSTER_CHAN_EV_HELLO);
	KUNIT_EXPECT_EQ(test, c.state, S_W);
	sim_event(test, &c, CLUSTER_CHAN_EV_RESPONSE_TIMER);
	KUNIT_EXPECT_EQ(test, c.state, S_I);
	sim_event(test, &c, CLUSTER_CHAN_EV_VERF_OK);
	KUNIT_EXPECT_EQ(test, c.state, S_O);
	KUNIT_EXPECT_EQ(test, N(&c, A_CCSTART), 1U);
	KUNIT_EXPECT_EQ(test, N(&c, A_VACK), 1U);
	KUNIT_EXPECT_EQ(test, N(&c, A_UP), 1U);
	KUNIT_EXPECT_EQ(test, c.timers, (u32)A_LT);
}

/* Responder: CCSTART, VERF sent, VACK ok, open. */
static void seq_responder_test(struct kunit *test)
{
	struct chan_sim c = {};

	sim_event(test, &c, CLUSTER_CHAN_EV_CCSTART_PEER_FIRST);
	KUNIT_EXPECT_EQ(test, c.state, S_V);
	KUNIT_EXPECT_EQ(test, N(&c, A_VERF), 1U);
	sim_event(test, &c, CLUSTER_CHAN_EV_VACK_OK);
	KUNIT_EXPECT_EQ(test, c.state, S_O);
	KUNIT_EXPECT_EQ(test, N(&c, A_UP), 1U);
	KUNIT_EXPECT_EQ(test, N(&c, A_VACK), 0U);
}

/* A HELLO storm during the response delay and the handshake: one CCSTART. */
static void seq_hello_storm_test(struct kunit *test)
{
	struct chan_sim c = {};
	int i;

	for (i = 0; i < 100; i++)
		sim_event(test, &c, CLUSTER_CHAN_EV_HELLO);
	KUNIT_EXPECT_EQ(test, N(&c, A_RT), 1U);
	sim_event(test, &c, CLUSTER_CHAN_EV_RESPONSE_TIMER);
	for (i = 0; i < 100; i++)
		sim_event(test, &c, CLUSTER_CHAN_EV_HELLO);
	KUNIT_EXPECT_EQ(test, c.state, S_I);
	KUNIT_EXPECT_EQ(test, N(&c, A_CCSTART), 1U);
	KUNIT_EXPECT_EQ(test, N(&c, A_HT), 1U);
	KUNIT_EXPECT_EQ(test, N(&c, A_RT), 1U);
}

/*
 * Frames on the channel keep it open; HELLOs alone do not (the peer may
 * hold its end closed); silence closes it.
 */
static void seq_listen_timeout_test(struct kunit *test)
{
	struct chan_sim c = {};
	int i;

	sim_event(test, &c, CLUSTER_CHAN_EV_CCSTART_LOCAL_FIRST);
	sim_event(test, &c, CLUSTER_CHAN_EV_VACK_OK);
	for (i = 0; i < 10; i++) {
		sim_event(test, &c, CLUSTER_CHAN_EV_HELLO);
		sim_event(test, &c, CLUSTER_CHAN_EV_RX);
	}
	KUNIT_EXPECT_EQ(test, c.state, S_O);
	KUNIT_EXPECT_EQ(test, N(&c, A_LT), 11U);
	sim_event(test, &c, CLUSTER_CHAN_EV_LISTEN_TIMEOUT);
	KUNIT_EXPECT_EQ(test, c.state, S_C);
	KUNIT_EXPECT_EQ(test, N(&c, A_LTO), 1U);
	KUNIT_EXPECT_EQ(test, N(&c, A_DOWN), 1U);
	KUNIT_EXPECT_EQ(test, c.timers, 0U);
	/* The next HELLO starts over. */
	sim_event(test, &c, CLUSTER_CHAN_EV_HELLO);
	KUNIT_EXPECT_EQ(test, c.state, S_W);
}

static void open_channel(struct kunit *test, struct chan_sim *c)
{
	memset(c, 0, sizeof(*c));
	sim_event(test, c, CLUSTER_CHAN_EV_HELLO);
	sim_event(test, c, CLUSTER_CHAN_EV_RESPONSE_TIMER);
	sim_event(test, c, CLUSTER_CHAN_EV_VERF_OK);
	KUNIT_ASSERT_EQ(test, c->state, S_O);
}

/* BYE, a netdev event or deleting the adapter closes from every state. */
static void seq_close_test(struct kunit *test)
{
	static const enum cluster_chan_event closers[] = {
		CLUSTER_CHAN_EV_BYE, CLUSTER_CHAN_EV_NETDEV,
		CLUSTER_CHAN_EV_ADAPTER_DELETED,
	};
	/* Events that lead from CLOSED into each state. */
	static const enum cluster_chan_event path[] = {
		CLUSTER_CHAN_EV_HELLO, CLUSTER_CHAN_EV_RESPONSE_TIMER,
		CLUSTER_CHAN_EV_VERF_OK,
	};
	struct chan_sim c;
	unsigned int i, depth;

	for (i = 0; i < ARRAY_SIZE(closers); i++) {
		for (depth = 0; depth <= ARRAY_SIZE(path); depth++) {
			unsigned int k;

			memset(&c, 0, sizeof(c));
			for (k = 0; k < depth; k++)
				sim_event(test, &c, path[k]);
			sim_event(test, &c, closers[i]);
			KUNIT_EXPECT_EQ(test, c.state, S_C);
			KUNIT_EXPECT_EQ(test, c.timers, 0U);
			KUNIT_EXPECT_EQ(test, N(&c, A_DOWN),
					(unsigned int)(depth == 3));
		}
	}

	/* Deleting the adapter of an open channel tells the peer. */
	open_channel(test, &c);
	sim_event(test, &c, CLUSTER_CHAN_EV_ADAPTER_DELETED);
	KUNIT_EXPECT_EQ(test, N(&c, A_BYE), 1U);
	/* A BYE received is not answered. */
	open_channel(test, &c);
	sim_event(test, &c, CLUSTER_CHAN_EV_BYE);
	KUNIT_EXPECT_EQ(test, N(&c, A_BYE), 0U);
	KUNIT_EXPECT_EQ(test, N(&c, A_LTO), 0U);
}

/* Bad VERFs are counted; the genuine one still opens the channel. */
static void seq_bad_then_good_test(struct kunit *test)
{
	struct chan_sim c = {};

	sim_event(test, &c, CLUSTER_CHAN_EV_HELLO);
	sim_event(test, &c, CLUSTER_CHAN_EV_RESPONSE_TIMER);
	sim_event(test, &c, CLUSTER_CHAN_EV_VERF_BAD);
	sim_event(test, &c, CLUSTER_CHAN_EV_VERF_BAD);
	KUNIT_EXPECT_EQ(test, c.state, S_I);
	KUNIT_EXPECT_EQ(test, N(&c, A_AUTHF), 2U);
	sim_event(test, &c, CLUSTER_CHAN_EV_VERF_OK);
	KUNIT_EXPECT_EQ(test, c.state, S_O);

	memset(&c, 0, sizeof(c));
	sim_event(test, &c, CLUSTER_CHAN_EV_CCSTART_PEER_FIRST);
	sim_event(test, &c, CLUSTER_CHAN_EV_VACK_BAD);
	KUNIT_EXPECT_EQ(test, c.state, S_V);
	sim_event(test, &c, CLUSTER_CHAN_EV_VACK_OK);
	KUNIT_EXPECT_EQ(test, c.state, S_O);
	KUNIT_EXPECT_EQ(test, N(&c, A_AUTHF), 1U);
}

/* Wrong secret: only bad VERFs; the handshake times out, no channel. */
static void seq_wrong_secret_test(struct kunit *test)
{
	struct chan_sim c = {};
	int round;

	for (round = 0; round < 3; round++) {
		sim_event(test, &c, CLUSTER_CHAN_EV_HELLO);
		sim_event(test, &c, CLUSTER_CHAN_EV_RESPONSE_TIMER);
		sim_event(test, &c, CLUSTER_CHAN_EV_VERF_BAD);
		sim_event(test, &c, CLUSTER_CHAN_EV_HS_TIMEOUT);
		KUNIT_EXPECT_EQ(test, c.state, S_C);
	}
	KUNIT_EXPECT_EQ(test, N(&c, A_UP), 0U);
	KUNIT_EXPECT_EQ(test, N(&c, A_AUTHF), 3U);
	KUNIT_EXPECT_EQ(test, N(&c, A_HSTO), 3U);
	KUNIT_EXPECT_EQ(test, N(&c, A_CCSTART), 3U);
}

/* A CCSTART on an open channel: the peer restarted; answer it. */
static void seq_restart_test(struct kunit *test)
{
	struct chan_sim c;

	open_channel(test, &c);
	sim_event(test, &c, CLUSTER_CHAN_EV_CCSTART_LOCAL_FIRST);
	KUNIT_EXPECT_EQ(test, c.state, S_V);
	KUNIT_EXPECT_EQ(test, N(&c, A_RESTART), 1U);
	KUNIT_EXPECT_EQ(test, N(&c, A_DOWN), 1U);
	KUNIT_EXPECT_EQ(test, N(&c, A_VERF), 1U);
	sim_event(test, &c, CLUSTER_CHAN_EV_VACK_OK);
	KUNIT_EXPECT_EQ(test, c.state, S_O);
	KUNIT_EXPECT_EQ(test, N(&c, A_UP), 2U);
}

/**
 * struct end - one end of a simulated channel
 * @c: its channel
 * @node: node id
 * @addr: adapter address
 * @key: stands for its secret: equal keys verify
 */
struct end {
	struct chan_sim c;
	u32 node;
	const u8 *addr;
	int key;
};

/**
 * struct wire_sim - two ends and the frames in flight between them
 * @end: the two ends
 * @q_to: for each queued frame, the index of the receiving end
 * @q_act: for each queued frame, the action that sent it (A_CCSTART...)
 * @head: first queued frame
 * @tail: one after the last queued frame
 */
struct wire_sim {
	struct end end[2];
	unsigned int q_to[32];
	u32 q_act[32];
	unsigned int head;
	unsigned int tail;
};

/* Apply @e to end @i and queue the frames its actions send. */
static void wire_event(struct kunit *test, struct wire_sim *w,
		       unsigned int i, enum cluster_chan_event e)
{
	struct chan_sim before = w->end[i].c;
	static const u32 frames[] = { A_CCSTART, A_VERF, A_VACK, A_BYE };
	unsigned int k;

	sim_event(test, &w->end[i].c, e);
	for (k = 0; k < ARRAY_SIZE(frames); k++) {
		if (N(&w->end[i].c, frames[k]) == N(&before, frames[k]))
			continue;
		KUNIT_ASSERT_LT(test, w->tail, ARRAY_SIZE(w->q_to));
		w->q_to[w->tail] = !i;
		w->q_act[w->tail++] = frames[k];
	}
}

/* Deliver every frame in flight, in order, as the runtime would. */
static void wire_deliver(struct kunit *test, struct wire_sim *w)
{
	while (w->head < w->tail) {
		unsigned int to = w->q_to[w->head];
		u32 act = w->q_act[w->head++];
		struct end *rx = &w->end[to], *tx = &w->end[!to];
		bool ok = rx->key == tx->key;
		enum cluster_chan_event e;

		if (act == A_CCSTART)
			e = cluster_chan_ccstart_event(rx->node, rx->addr,
						       tx->node, tx->addr);
		else if (act == A_VERF)
			e = ok ? CLUSTER_CHAN_EV_VERF_OK :
				 CLUSTER_CHAN_EV_VERF_BAD;
		else if (act == A_VACK)
			e = ok ? CLUSTER_CHAN_EV_VACK_OK :
				 CLUSTER_CHAN_EV_VACK_BAD;
		else
			e = CLUSTER_CHAN_EV_BYE;
		wire_event(test, w, to, e);
	}
}

static void wire_init(struct wire_sim *w, int key_a, int key_b)
{
	memset(w, 0, sizeof(*w));
	w->end[0].node = 1;
	w->end[0].addr = addr_hi;
	w->end[0].key = key_a;
	w->end[1].node = 2;
	w->end[1].addr = addr_lo;
	w->end[1].key = key_b;
}

/*
 * Both ends hear each other's HELLO and their response delays expire
 * together: the CCSTARTs cross.  Node 1 ranks first and stays initiator,
 * node 2 answers; both open exactly once.
 */
static void wire_crossed_test(struct kunit *test)
{
	struct wire_sim w;

	wire_init(&w, 1, 1);
	wire_event(test, &w, 0, CLUSTER_CHAN_EV_HELLO);
	wire_event(test, &w, 1, CLUSTER_CHAN_EV_HELLO);
	wire_event(test, &w, 0, CLUSTER_CHAN_EV_RESPONSE_TIMER);
	wire_event(test, &w, 1, CLUSTER_CHAN_EV_RESPONSE_TIMER);
	wire_deliver(test, &w);

	KUNIT_EXPECT_EQ(test, w.end[0].c.state, S_O);
	KUNIT_EXPECT_EQ(test, w.end[1].c.state, S_O);
	KUNIT_EXPECT_EQ(test, N(&w.end[0].c, A_UP), 1U);
	KUNIT_EXPECT_EQ(test, N(&w.end[1].c, A_UP), 1U);
	KUNIT_EXPECT_EQ(test, N(&w.end[0].c, A_VACK), 1U);
	KUNIT_EXPECT_EQ(test, N(&w.end[1].c, A_VERF), 1U);
	KUNIT_EXPECT_EQ(test, N(&w.end[0].c, A_VERF), 0U);
}

/*
 * One end's delay expires first: its CCSTART preempts the other's wait.
 * Then the initiator's channel dies of silence while the responder's
 * stays up; the responder's next HELLO makes the initiator start again
 * and the responder answers the CCSTART on its open channel: both reopen.
 */
static void wire_restart_test(struct kunit *test)
{
	struct wire_sim w;

	wire_init(&w, 1, 1);
	wire_event(test, &w, 0, CLUSTER_CHAN_EV_HELLO);
	wire_event(test, &w, 1, CLUSTER_CHAN_EV_HELLO);
	wire_event(test, &w, 1, CLUSTER_CHAN_EV_RESPONSE_TIMER);
	wire_deliver(test, &w);
	KUNIT_ASSERT_EQ(test, w.end[0].c.state, S_O);
	KUNIT_ASSERT_EQ(test, w.end[1].c.state, S_O);
	KUNIT_EXPECT_EQ(test, N(&w.end[0].c, A_CCSTART), 0U);

	wire_event(test, &w, 1, CLUSTER_CHAN_EV_LISTEN_TIMEOUT);
	wire_event(test, &w, 1, CLUSTER_CHAN_EV_HELLO);
	wire_event(test, &w, 1, CLUSTER_CHAN_EV_RESPONSE_TIMER);
	wire_deliver(test, &w);
	KUNIT_EXPECT_EQ(test, w.end[0].c.state, S_O);
	KUNIT_EXPECT_EQ(test, w.end[1].c.state, S_O);
	KUNIT_EXPECT_EQ(test, N(&w.end[0].c, A_RESTART), 1U);
	KUNIT_EXPECT_EQ(test, N(&w.end[0].c, A_UP), 2U);
	KUNIT_EXPECT_EQ(test, N(&w.end[1].c, A_UP), 2U);
}

/* Different secrets: no channel, failures counted, both time out. */
static void wire_wrong_secret_test(struct kunit *test)
{
	struct wire_sim w;
	unsigned int i;

	wire_init(&w, 1, 2);
	wire_event(test, &w, 0, CLUSTER_CHAN_EV_HELLO);
	wire_event(test, &w, 0, CLUSTER_CHAN_EV_RESPONSE_TIMER);
	wire_deliver(test, &w);
	KUNIT_EXPECT_EQ(test, w.end[0].c.state, S_I);
	KUNIT_EXPECT_EQ(test, w.end[1].c.state, S_V);
	KUNIT_EXPECT_EQ(test, N(&w.end[0].c, A_AUTHF), 1U);
	for (i = 0; i < 2; i++) {
		wire_event(test, &w, i, CLUSTER_CHAN_EV_HS_TIMEOUT);
		KUNIT_EXPECT_EQ(test, w.end[i].c.state, S_C);
		KUNIT_EXPECT_EQ(test, N(&w.end[i].c, A_UP), 0U);
		KUNIT_EXPECT_EQ(test, N(&w.end[i].c, A_HSTO), 1U);
	}
}

/* Deleting an adapter sends BYE: the peer closes at once. */
static void wire_bye_test(struct kunit *test)
{
	struct wire_sim w;

	wire_init(&w, 1, 1);
	wire_event(test, &w, 0, CLUSTER_CHAN_EV_HELLO);
	wire_event(test, &w, 0, CLUSTER_CHAN_EV_RESPONSE_TIMER);
	wire_deliver(test, &w);
	KUNIT_ASSERT_EQ(test, w.end[1].c.state, S_O);
	wire_event(test, &w, 0, CLUSTER_CHAN_EV_ADAPTER_DELETED);
	wire_deliver(test, &w);
	KUNIT_EXPECT_EQ(test, w.end[0].c.state, S_C);
	KUNIT_EXPECT_EQ(test, w.end[1].c.state, S_C);
	KUNIT_EXPECT_EQ(test, N(&w.end[1].c, A_DOWN), 1U);
	KUNIT_EXPECT_EQ(test, N(&w.end[1].c, A_LTO), 0U);
}

static struct kunit_case chanfsm_test_cases[] = {
	KUNIT_CASE_PARAM(fsm_matrix_test, fsm_gen_params),
	KUNIT_CASE(fsm_matrix_complete_test),
	KUNIT_CASE(fsm_invariants_test),
	KUNIT_CASE(fsm_out_of_range_test),
	KUNIT_CASE(fsm_names_test),
	KUNIT_CASE(fsm_ccstart_event_test),
	KUNIT_CASE(seq_initiator_test),
	KUNIT_CASE(seq_responder_test),
	KUNIT_CASE(seq_hello_storm_test),
	KUNIT_CASE(seq_listen_timeout_test),
	KUNIT_CASE(seq_close_test),
	KUNIT_CASE(seq_bad_then_good_test),
	KUNIT_CASE(seq_wrong_secret_test),
	KUNIT_CASE(seq_restart_test),
	KUNIT_CASE(wire_crossed_test),
	KUNIT_CASE(wire_restart_test),
	KUNIT_CASE(wire_wrong_secret_test),
	KUNIT_CASE(wire_bye_test),
	{}
};

static struct kunit_suite chanfsm_test_suite = {
	.name = "af_cluster_chanfsm",
	.test_cases = chanfsm_test_cases,
};

kunit_test_suites(&chanfsm_test_suite);
