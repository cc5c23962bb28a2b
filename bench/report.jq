# SPDX-License-Identifier: GPL-2.0
#
# Reads bench.json (bench/guest) and prints, with --arg what:
#   table    the figures, one row per transport
#   targets  the JSON document with "targets" added: the issue's goals as
#            ratios of the same run
#   json     that document, one result or target a line
#   verdict  the targets as text
#
# Targets, for each socket type AF_CLUSTER offers (rdm; seqpacket once it
# exists), against TIPC's socket of the same type and against TCP:
#   rtt64        AF_CLUSTER's 64 B round trip <= TIPC's
#   tput64k      64 KiB throughput >= TIPC's
#   tput1m       1 MiB throughput >= TIPC's 64 KiB one (TIPC carries at
#                most 66000-byte messages)
#   loss         64 KiB throughput under 1% loss >= 0.8 x TCP's
#   lost packet  the median delay a loss adds to a round trip <= 2 x the
#                circuit's retransmission timeout, the worst < 1 s

def res($t; $test):
	first(.results[] | select(.transport == $t and .test == $test)) // null;
def ok($t; $test): res($t; $test) | if . != null and .status == "ok"
	then . else null end;
def absent($t): first(.results[] | select(.transport == $t and
	.status == "absent")) // null;
def transports: (.meta.transports // []) + [.results[].transport]
	| reduce .[] as $t ([]; if index([$t]) then . else . + [$t] end);

def r1: . * 10 | round / 10;
def r2: . * 100 | round / 100;
def pad($n): tostring | . + ([range(0; $n - length)] | map(" ") | join(""));
def lpad($n): tostring | ([range(0; $n - length)] | map(" ") | join("")) + .;

def cell($t; $test; f):
	res($t; $test) as $r
	| if $r == null then "-"
	  elif $r.status == "ok" then ($r | f)
	  elif $r.status == "unsupported" then "n/a"
	  else $r.status end;

def table:
	. as $d
	| ["transport", "rtt64 med/p99 us", "frames/RT", "64KiB MB/s",
	   "1MiB MB/s", "64KiB 1%loss MB/s",
	   "1%loss slow RTs: n, excess med/max ms"] as $h
	| [15, 17, 9, 10, 9, 17, 36] as $w
	| def row: [range(0; length) as $i | .[$i] | pad($w[$i])] | join(" ");
	  ($h | row),
	  ($d | transports[] as $t
	   | if $d | absent($t) then
		($t | pad(15)) + " absent: " + ($d | absent($t).reason)
	     else
		[$t,
		 ($d | cell($t; "rtt64"; "\(.median_us | r1)/\(.p99_us | r1)")),
		 ($d | cell($t; "rtt64"; (.frames_a_to_b + .frames_b_to_a) /
			(.count + .warmup_count) | r1 | tostring)),
		 ($d | cell($t; "tput64k"; .mb_per_s | r1 | tostring)),
		 ($d | cell($t; "tput1m"; .mb_per_s | r1 | tostring)),
		 ($d | cell($t; "tput64k_loss1"; .mb_per_s | r1 | tostring)),
		 ($d | cell($t; "rtt64_loss1";
			"\(.slow), \(.slow_excess_median_us / 1000 | r1)/\(.slow_excess_max_us / 1000 | r1)"))]
		| row
	     end);

def ratio($a; $b): if $a == null or $b == null or $b == 0 then null
	else $a / $b end;

# A target on the ratio of $a to $b: at least $min, or at most $max.
def versus($name; $a; $b; $unit; $min; $max):
	ratio($a; $b) as $x
	| {name: $name, value: (if $x == null then null else $x * 1000 | round / 1000 end),
	   goal: (if $min != null then ">= \($min)" else "<= \($max)" end),
	   met: (if $x == null then null
		 elif $min != null then $x >= $min else $x <= $max end),
	   detail: "\($a) / \($b) \($unit)"};

# The delay a lost packet adds: about one retransmission timeout.
def lost($name; $r; $rto):
	($r.slow_excess_median_us // null) as $x
	| {name: $name, value: $x, goal: "<= 2 x RTO, max < 1 s",
	   met: (if $x == null or $rto == null then null
		 else $x <= 2 * $rto and $r.slow_excess_max_us < 1000000 end),
	   detail: "\($r.slow // 0) slow round trips, excess median \($x) us, max \($r.slow_excess_max_us // null) us; RTO \($rto) us"};

def targets_of($kind):
	. as $d
	| ("afc-" + $kind) as $afc | ("tipc-" + $kind) as $tipc
	| if ($d | absent($afc)) != null or ($d | res($afc; "rtt64")) == null
	  then
		[{name: $afc, value: null, goal: null, met: null,
		  detail: ("absent: " + (($d | absent($afc) | .reason) // "not run"))}]
	  else
		[versus($afc + " 64 B round trip / " + $tipc;
			($d | ok($afc; "rtt64") | .median_us);
			($d | ok($tipc; "rtt64") | .median_us); "us"; null; 1),
		 versus($afc + " 64 KiB throughput / " + $tipc;
			($d | ok($afc; "tput64k") | .mb_per_s);
			($d | ok($tipc; "tput64k") | .mb_per_s); "MB/s"; 1; null),
		 versus($afc + " 1 MiB throughput / " + $tipc + " 64 KiB";
			($d | ok($afc; "tput1m") | .mb_per_s);
			($d | ok($tipc; "tput64k") | .mb_per_s); "MB/s"; 1; null),
		 versus($afc + " 64 KiB throughput, 1% loss / tcp";
			($d | ok($afc; "tput64k_loss1") | .mb_per_s);
			($d | ok("tcp"; "tput64k_loss1") | .mb_per_s); "MB/s";
			0.8; null),
		 lost($afc + " delay of one lost packet, us";
			($d | ok($afc; "rtt64_loss1"));
			($d.afc_vc.clean.a_to_b.rto_us // null))]
	  end;

def targets: [targets_of("rdm")[], targets_of("seqpacket")[]];

def verdict:
	.targets[]
	| [(.name | pad(56)),
	   (if .value == null then "-" else (.value | r2 | tostring) end
	    | lpad(9)),
	   ((.goal // "") | pad(22)),
	   (if .met == true then "met" elif .met == false then "NOT MET"
	    else "-" end | pad(8)),
	   .detail]
	| join(" ");

def json:
	def list($k): "\"\($k)\": [\n" + (.[$k] | map("  " + tojson)
		| join(",\n")) + "\n]";
	"{" + ([(to_entries[] | select(.key != "results" and .key != "targets")
		| "\(.key | tojson): \(.value | tojson)"),
	       list("results"), list("targets")] | join(",\n")) + "}";

if $what == "table" then table
elif $what == "targets" then . + {targets: targets}
elif $what == "json" then json
else verdict end
