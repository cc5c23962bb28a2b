-- SPDX-License-Identifier: GPL-2.0
--
-- Wireshark dissector for the af_cluster wire protocol, version 1
-- (Documentation/protocol.rst; driver/wire.c is the reference).
--
-- Every frame type, every header and body field, the circuit control
-- records carried in DATA to port 0, and the verdict the kernel's decoder
-- (cluster_wire_decode(), cluster_wire_ctl_decode()) would reach, as the
-- field afc.verdict (afc.ctl.verdict) with an expert item when it is not
-- "ok".  Frames come from the LAN and may be anything: every read is
-- bounded by the bytes captured, so no input makes the dissector throw.
--
-- Install: copy to ~/.local/lib/wireshark/plugins/, or run
--   tshark -X lua_script:userspace/wireshark/af_cluster.lua -r FILE
-- (Documentation/wireshark.rst).

local afc = Proto("afc", "af_cluster")

-- Protocol constants, as in driver/wire.h and include/uapi/linux/af_cluster.h.
local ETHERTYPE = 0x88b5
local VERSION = 1
local HDR_LEN = 16
local NODE_ALL = 0xffffffff
local MTU_MIN = 256
local MSG_MAX = 0x100000
local UNIT_MIN = 64
local CACHE_MAX = 32768
local SACK_MAX = 4
local NAME_LEN = 16
local SERVICE_MAX = 32
local CTL_LEN = 12
local CTL_SVC_LEN = CTL_LEN + SERVICE_MAX

local T_HELLO, T_CCSTART, T_VERF, T_VACK, T_BYE, T_KEEPALIVE = 1, 2, 3, 4, 5, 6
local T_DATA, T_ACK = 16, 17

local type_names = {
	[T_HELLO] = "HELLO", [T_CCSTART] = "CCSTART", [T_VERF] = "VERF",
	[T_VACK] = "VACK", [T_BYE] = "BYE", [T_KEEPALIVE] = "KEEPALIVE",
	[T_DATA] = "DATA", [T_ACK] = "ACK",
}

-- Where the destination node id may point (wire.c's enum wire_dst).
local DST_ZERO, DST_NODE, DST_EITHER = 0, 1, 2

-- Fixed body length and destination rule of each implemented type.
local type_info = {
	[T_HELLO] = { body = 40, dst = DST_ZERO },
	[T_CCSTART] = { body = 40, dst = DST_NODE },
	[T_VERF] = { body = 96, dst = DST_NODE },
	[T_VACK] = { body = 80, dst = DST_NODE },
	[T_BYE] = { body = 8, dst = DST_EITHER },
	[T_KEEPALIVE] = { body = 24, dst = DST_NODE },
	[T_DATA] = { body = 40, dst = DST_NODE },
	[T_ACK] = { body = 48, dst = DST_NODE },
}

local bye_reasons = {
	[1] = "adapter removed", [2] = "network namespace exiting",
	[3] = "module unloading", [4] = "administrative (id, group or secret changed)",
	[5] = "virtual circuit stalled",
}

local CTL_REFUSED, CTL_CONNECT, CTL_ACCEPT, CTL_CLOSE = 1, 2, 3, 4
local CTL_PUBLISH, CTL_WITHDRAW = 5, 6

local ctl_names = {
	[CTL_REFUSED] = "REFUSED", [CTL_CONNECT] = "CONNECT",
	[CTL_ACCEPT] = "ACCEPT", [CTL_CLOSE] = "CLOSE",
	[CTL_PUBLISH] = "PUBLISH", [CTL_WITHDRAW] = "WITHDRAW",
}
local refused_reasons = { [1] = "no socket bound" }
local close_reasons = {
	[1] = "shutdown (end of file)", [2] = "released (socket closed)",
	[3] = "refused", [4] = "reset",
}
local svc_types = { [1] = "SOCK_RDM", [2] = "SOCK_SEQPACKET" }

-- --- fields -------------------------------------------------------------

local f = {
	version = ProtoField.uint8("afc.version", "Version"),
	type = ProtoField.uint8("afc.type", "Type", base.DEC, type_names),
	flags = ProtoField.uint16("afc.flags", "Flags", base.HEX),
	flag_ack = ProtoField.bool("afc.flags.ack", "ACK (ack field valid)", 16, nil, 0x0001),
	flag_ack_now = ProtoField.bool("afc.flags.ack_now", "ACK_NOW (acknowledge at once)", 16, nil, 0x0002),
	flag_retx = ProtoField.bool("afc.flags.retx", "RETX (retransmission)", 16, nil, 0x0004),
	flag_ignorable = ProtoField.uint16("afc.flags.ignorable", "Ignorable flags", base.HEX, nil, 0x00ff),
	flag_critical = ProtoField.uint16("afc.flags.critical", "Critical flags", base.HEX, nil, 0xff00),
	group = ProtoField.uint16("afc.group", "Cluster group"),
	len = ProtoField.uint16("afc.len", "Length"),
	src = ProtoField.uint32("afc.src", "Source node"),
	dst = ProtoField.uint32("afc.dst", "Destination node"),
	node = ProtoField.uint32("afc.node", "Source or destination node"),
	name = ProtoField.string("afc.name", "Node name"),
	mac = ProtoField.ether("afc.mac", "Adapter address"),
	max_version = ProtoField.uint8("afc.max_version", "Highest version spoken"),
	mtu = ProtoField.uint16("afc.mtu", "Adapter MTU"),
	caps = ProtoField.uint32("afc.caps", "Capabilities", base.HEX),
	cap_secret = ProtoField.bool("afc.caps.secret", "Has a cluster secret", 32, nil, 0x00000001),
	ts = ProtoField.uint64("afc.ts", "Timestamp (ns)"),
	echo = ProtoField.uint64("afc.echo", "Echoed timestamp (ns)"),
	held = ProtoField.uint64("afc.held", "Held (ns)"),
	nonce_i = ProtoField.bytes("afc.nonce_i", "Initiator nonce"),
	nonce_r = ProtoField.bytes("afc.nonce_r", "Responder nonce"),
	mac_i = ProtoField.ether("afc.mac_i", "Initiator adapter"),
	mac_r = ProtoField.ether("afc.mac_r", "Responder adapter"),
	hmac = ProtoField.bytes("afc.hmac", "HMAC-SHA256"),
	bye_reason = ProtoField.uint16("afc.bye_reason", "Reason", base.DEC, bye_reasons),
	epoch = ProtoField.uint32("afc.epoch", "Epoch", base.HEX),
	peer_epoch = ProtoField.uint32("afc.peer_epoch", "Peer epoch", base.HEX),
	first = ProtoField.uint32("afc.first", "First sequence number of the epoch"),
	seq = ProtoField.uint32("afc.seq", "Sequence number"),
	ack = ProtoField.uint32("afc.ack", "Acknowledgment (next expected)"),
	msg_id = ProtoField.uint32("afc.msg_id", "Message id"),
	total = ProtoField.uint32("afc.total", "Message length"),
	offset = ProtoField.uint32("afc.offset", "Fragment offset"),
	unit = ProtoField.uint16("afc.unit", "Fragment unit"),
	cache = ProtoField.uint16("afc.cache", "Resequencing cache"),
	sport = ProtoField.uint16("afc.sport", "Source port"),
	dport = ProtoField.uint16("afc.dport", "Destination port"),
	payload = ProtoField.bytes("afc.payload", "Payload"),
	frag_index = ProtoField.uint32("afc.frag_index", "Fragment number (from 1)"),
	frag_count = ProtoField.uint32("afc.frag_count", "Fragments in the message"),
	nsack = ProtoField.uint8("afc.nsack", "SACK blocks"),
	sack = ProtoField.bytes("afc.sack", "SACK block"),
	sack_start = ProtoField.uint32("afc.sack.start", "Start"),
	sack_end = ProtoField.uint32("afc.sack.end", "End (one past the last)"),
	sack_unused = ProtoField.bytes("afc.sack_unused", "Unused SACK slots"),
	ctl = ProtoField.bytes("afc.ctl", "Control record"),
	ctl_type = ProtoField.uint8("afc.ctl.type", "Type", base.DEC, ctl_names),
	ctl_reason = ProtoField.uint8("afc.ctl.reason", "Reason"),
	ctl_sport = ProtoField.uint16("afc.ctl.sport", "Source port"),
	ctl_dport = ProtoField.uint16("afc.ctl.dport", "Destination port"),
	ctl_msg_id = ProtoField.uint32("afc.ctl.msg_id", "Message id (of the refused message)"),
	ctl_service = ProtoField.string("afc.ctl.service", "Service"),
	ctl_verdict = ProtoField.string("afc.ctl.verdict", "Control record verdict"),
	reserved = ProtoField.bytes("afc.reserved", "Reserved"),
	extension = ProtoField.bytes("afc.extension", "Extension area"),
	verdict = ProtoField.string("afc.verdict", "Decoder verdict"),
}
afc.fields = f

-- Verdicts are the kernel's drop reason names (cluster_wire_drop_name()).
local e = {
	truncated = ProtoExpert.new("afc.truncated", "Truncated frame",
		expert.group.MALFORMED, expert.severity.ERROR),
	bad_length = ProtoExpert.new("afc.bad_length", "Bad length field",
		expert.group.MALFORMED, expert.severity.ERROR),
	bad_version = ProtoExpert.new("afc.bad_version", "Unknown protocol version",
		expert.group.PROTOCOL, expert.severity.WARN),
	wrong_group = ProtoExpert.new("afc.wrong_group", "Wrong cluster group",
		expert.group.PROTOCOL, expert.severity.WARN),
	bad_type = ProtoExpert.new("afc.bad_type", "Unknown frame type",
		expert.group.PROTOCOL, expert.severity.WARN),
	bad_flags = ProtoExpert.new("afc.bad_flags", "Unknown critical flag",
		expert.group.PROTOCOL, expert.severity.WARN),
	bad_field = ProtoExpert.new("afc.bad_field", "Invalid field",
		expert.group.MALFORMED, expert.severity.ERROR),
	bad_control = ProtoExpert.new("afc.bad_control", "Invalid control record",
		expert.group.MALFORMED, expert.severity.ERROR),
	snaplen = ProtoExpert.new("afc.snaplen", "Frame cut by the capture's snapshot length",
		expert.group.UNDECODED, expert.severity.NOTE),
	retransmission = ProtoExpert.new("afc.retransmission", "Retransmission",
		expert.group.SEQUENCE, expert.severity.NOTE),
	extension = ProtoExpert.new("afc.extension_present", "Extension area present (v1 senders send none)",
		expert.group.PROTOCOL, expert.severity.NOTE),
}
afc.experts = {
	e.truncated, e.bad_length, e.bad_version, e.wrong_group, e.bad_type,
	e.bad_flags, e.bad_field, e.bad_control, e.snaplen, e.retransmission,
	e.extension,
}

afc.prefs.ethertype = Pref.uint("Ethertype", ETHERTYPE,
	"Ethertype af_cluster runs on (the module parameter ethertype)")
afc.prefs.group = Pref.uint("Cluster group", 0,
	"Report frames of other groups as wrong_group, as a node of this group would; 0: any group")

-- --- helpers ------------------------------------------------------------

-- Reads from a tvb that stop, instead of throwing, where the bytes end.
local Reader = {}
Reader.__index = Reader

local function reader(tvb, offset, limit)
	return setmetatable({ tvb = tvb, pos = offset, limit = limit, short = false }, Reader)
end

-- The next n bytes as a TvbRange, or nil (and r.short) if they are not there.
function Reader:take(n)
	if self.short or self.pos + n > self.limit then
		self.short = true
		return nil
	end
	local range = self.tvb:range(self.pos, n)
	self.pos = self.pos + n
	return range
end

-- Add field fld over the next n bytes; returns the range (nil if short).
function Reader:add(tree, fld, n)
	local range = self:take(n)
	if range then
		tree:add(fld, range)
	end
	return range
end

function Reader:uint(tree, fld, n)
	local range = self:add(tree, fld, n)
	return range and range:uint() or nil
end

local function bytes_of(range)
	local t = {}
	for i = 0, range:len() - 1 do
		t[#t + 1] = range:range(i, 1):uint()
	end
	return t
end

local function all_zero(range)
	for _, b in ipairs(bytes_of(range)) do
		if b ~= 0 then
			return false
		end
	end
	return true
end

-- wire_mac_valid(): unicast and not all zero.
local function mac_valid(range)
	return range:range(0, 1):uint() % 2 == 0 and not all_zero(range)
end

local function node_valid(id)
	return id ~= 0 and id ~= NODE_ALL
end

local function alnum(b)
	return (b >= 0x61 and b <= 0x7a) or (b >= 0x41 and b <= 0x5a) or
		(b >= 0x30 and b <= 0x39)
end

-- The bytes before the first NUL, as text, and that length.
local function cstring(range)
	local b, s = bytes_of(range), {}
	for _, c in ipairs(b) do
		if c == 0 then
			break
		end
		s[#s + 1] = string.char(c)
	end
	return table.concat(s), #s, b
end

-- wire_name_valid(): 1..15 characters of A-Z a-z 0-9 . _ - starting with a
-- letter or digit, then only NULs.
local function name_valid(range)
	local _, n, b = cstring(range)
	if n == 0 or n == NAME_LEN or not alnum(b[1]) then
		return false
	end
	for i = 2, n do
		local c = b[i]
		if not alnum(c) and c ~= 0x2e and c ~= 0x5f and c ~= 0x2d then
			return false
		end
	end
	for i = n + 1, NAME_LEN do
		if b[i] ~= 0 then
			return false
		end
	end
	return true
end

-- cluster_wire_ctl_decode()'s name checks, in its order: NUL padding only
-- (else EPROTO), then cluster_wire_service_valid() (else EINVAL).
-- Returns nil, or the errno name and why.
local function service_check(range)
	local _, n, b = cstring(range)
	for i = n + 1, #b do
		if b[i] ~= 0 then
			return "EPROTO", "bytes after the service name's NUL"
		end
	end
	if n == 0 or n == SERVICE_MAX then
		return "EINVAL", "empty or unterminated service name"
	end
	for i = 1, n do
		if b[i] <= 0x20 or b[i] >= 0x7f then
			return "EINVAL", "service name byte outside 0x21..0x7e"
		end
	end
	return nil
end

local function cache_valid(c)
	local p = 8
	while p <= CACHE_MAX do
		if c == p then
			return true
		end
		p = p * 2
	end
	return false
end

local U32 = 4294967296

-- --- frame bodies -------------------------------------------------------
-- Each adds its fields from r and returns the fields the checks need (nil
-- members where the bytes ran out).

-- The capability word (HELLO, CCSTART, VERF) and its secret bit.
local function add_caps(r, t)
	local caps = r:add(t, f.caps, 4)
	if caps then
		t:add(f.cap_secret, caps)
	end
end

local function body_hello(r, t)
	local v = {}
	v.name = r:take(NAME_LEN)
	if v.name then
		t:add(f.name, v.name, (cstring(v.name)))
	end
	v.mac = r:add(t, f.mac, 6)
	v.max_version = r:uint(t, f.max_version, 1)
	r:add(t, f.reserved, 1)
	v.mtu = r:uint(t, f.mtu, 2)
	r:add(t, f.reserved, 2)
	add_caps(r, t)
	r:add(t, f.ts, 8)
	return v
end

local function body_ccstart(r, t)
	local v = {}
	v.nonce_i = r:add(t, f.nonce_i, 16)
	v.mac_i = r:add(t, f.mac_i, 6)
	v.mac_r = r:add(t, f.mac_r, 6)
	add_caps(r, t)
	r:add(t, f.ts, 8)
	return v
end

local function body_verf(r, t)
	local v = {}
	v.nonce_r = r:add(t, f.nonce_r, 16)
	v.nonce_i = r:add(t, f.nonce_i, 16)
	add_caps(r, t)
	r:add(t, f.reserved, 4)
	r:add(t, f.echo, 8)
	r:add(t, f.held, 8)
	r:add(t, f.ts, 8)
	r:add(t, f.hmac, 32)
	return v
end

local function body_vack(r, t)
	local v = {}
	v.nonce_i = r:add(t, f.nonce_i, 16)
	v.nonce_r = r:add(t, f.nonce_r, 16)
	r:add(t, f.echo, 8)
	r:add(t, f.held, 8)
	r:add(t, f.hmac, 32)
	return v
end

local function body_bye(r, t)
	local v = {}
	v.reason = r:uint(t, f.bye_reason, 2)
	v.mac = r:add(t, f.mac, 6)
	return v
end

local function body_keepalive(r, t)
	r:add(t, f.ts, 8)
	r:add(t, f.echo, 8)
	r:add(t, f.held, 8)
	return {}
end

local function body_data(r, t)
	local v = {}
	v.epoch = r:uint(t, f.epoch, 4)
	r:add(t, f.peer_epoch, 4)
	r:add(t, f.first, 4)
	v.seq = r:uint(t, f.seq, 4)
	v.ack = r:uint(t, f.ack, 4)
	v.msg_id = r:uint(t, f.msg_id, 4)
	v.total = r:uint(t, f.total, 4)
	v.offset = r:uint(t, f.offset, 4)
	v.unit = r:uint(t, f.unit, 2)
	v.cache = r:uint(t, f.cache, 2)
	v.sport = r:uint(t, f.sport, 2)
	v.dport = r:uint(t, f.dport, 2)
	return v
end

local function body_ack(r, t)
	local v = { sack = {} }
	v.epoch = r:uint(t, f.epoch, 4)
	r:add(t, f.peer_epoch, 4)
	v.ack = r:uint(t, f.ack, 4)
	v.cache = r:uint(t, f.cache, 2)
	v.nsack = r:uint(t, f.nsack, 1)
	r:add(t, f.reserved, 1)
	local used = math.min(v.nsack or 0, SACK_MAX)
	for i = 1, used do
		local block = r:take(8)
		if not block then
			break
		end
		local start, stop = block:range(0, 4):uint(), block:range(4, 4):uint()
		local bt = t:add(f.sack, block)
		bt:set_text(string.format("SACK block %d: [%d, %d)", i, start, stop))
		bt:add(f.sack_start, block:range(0, 4))
		bt:add(f.sack_end, block:range(4, 4))
		v.sack[i] = { start = start, stop = stop }
	end
	if used < SACK_MAX then
		r:add(t, f.sack_unused, 8 * (SACK_MAX - used))
	end
	return v
end

local bodies = {
	[T_HELLO] = body_hello, [T_CCSTART] = body_ccstart, [T_VERF] = body_verf,
	[T_VACK] = body_vack, [T_BYE] = body_bye, [T_KEEPALIVE] = body_keepalive,
	[T_DATA] = body_data, [T_ACK] = body_ack,
}

-- --- body checks (wire_body_valid()): nil, or why the frame is bad ------

local function check_data(v, payload_len)
	if v.epoch == 0 then
		return "epoch 0"
	end
	if not cache_valid(v.cache) then
		return "cache not a power of two in 8..32768"
	end
	if v.total > MSG_MAX then
		return "message longer than 1 MiB"
	end
	if v.unit < UNIT_MIN then
		return "fragment unit below 64"
	end
	if v.offset % v.unit ~= 0 then
		return "offset not a multiple of the unit"
	end
	if v.total == 0 then
		if v.offset ~= 0 or payload_len ~= 0 then
			return "empty message with an offset or a payload"
		end
		return nil
	end
	if v.offset >= v.total then
		return "offset beyond the message"
	end
	local want = math.min(v.unit, v.total - v.offset)
	if payload_len ~= want then
		return string.format("payload of %d bytes, the fragment has %d", payload_len, want)
	end
	return nil
end

local function check_ack(v)
	if v.epoch == 0 then
		return "epoch 0"
	end
	if not cache_valid(v.cache) then
		return "cache not a power of two in 8..32768"
	end
	if v.nsack > SACK_MAX then
		return "more than 4 SACK blocks"
	end
	for i, b in ipairs(v.sack) do
		local from = (b.start - v.ack) % U32
		local to = (b.stop - v.ack) % U32
		if from == 0 or to <= from or to > CACHE_MAX then
			return string.format("SACK block %d empty, not after ack or too far", i)
		end
	end
	return nil
end

local function check_body(ftype, v, payload_len)
	if ftype == T_HELLO then
		if not name_valid(v.name) then
			return "bad node name"
		elseif not mac_valid(v.mac) then
			return "adapter address multicast or zero"
		elseif v.max_version < VERSION then
			return "max_version 0"
		elseif v.mtu < MTU_MIN then
			return "MTU below 256"
		end
	elseif ftype == T_CCSTART then
		if all_zero(v.nonce_i) then
			return "all-zero nonce"
		elseif not mac_valid(v.mac_i) or not mac_valid(v.mac_r) then
			return "adapter address multicast or zero"
		end
	elseif ftype == T_VERF or ftype == T_VACK then
		if all_zero(v.nonce_r) or all_zero(v.nonce_i) then
			return "all-zero nonce"
		end
	elseif ftype == T_BYE then
		if v.reason == 0 then
			return "BYE reason 0"
		elseif not mac_valid(v.mac) then
			return "adapter address multicast or zero"
		end
	elseif ftype == T_DATA then
		return check_data(v, payload_len)
	elseif ftype == T_ACK then
		return check_ack(v)
	end
	return nil
end

-- --- circuit control records (cluster_wire_ctl_decode()) ----------------

local function ctl_len(ctype)
	if ctype >= CTL_REFUSED and ctype <= CTL_CLOSE then
		return CTL_LEN
	elseif ctype == CTL_PUBLISH or ctype == CTL_WITHDRAW then
		return CTL_SVC_LEN
	end
	return nil
end

-- wire_ctl_valid(): nil, or what is wrong.
local function ctl_check(c)
	if c.sport == 0 then
		return "source port 0"
	end
	local t = c.type
	if t == CTL_REFUSED then
		if c.reason == 0 or c.dport == 0 then
			return "reason or destination port 0"
		end
	elseif t == CTL_CLOSE then
		if c.reason == 0 or c.dport == 0 or c.msg_id ~= 0 then
			return "reason 0, destination port 0 or a message id"
		end
	elseif t == CTL_CONNECT or t == CTL_ACCEPT then
		if c.reason ~= 0 or c.dport == 0 or c.msg_id ~= 0 then
			return "a reason, destination port 0 or a message id"
		end
	elseif c.reason ~= 1 and c.reason ~= 2 then
		return "socket type neither SOCK_RDM nor SOCK_SEQPACKET"
	elseif c.dport ~= 0 or c.msg_id ~= 0 then
		return "a destination port or a message id"
	end
	return nil
end

-- The record in range (a whole control message); returns its verdict
-- ("ok" or the errno name the kernel's decoder returns) and a summary.
local function dissect_ctl(range, tree)
	local n = range:len()
	local t = tree:add(f.ctl, range)
	t:set_text("Control record")
	local r = reader(range:tvb(), 0, n)
	local c = {}
	c.type = r:uint(t, f.ctl_type, 1)
	local reason_range = r:take(1)
	local reason_item = reason_range and t:add(f.ctl_reason, reason_range)
	c.reason = reason_range and reason_range:uint()
	local reserved = r:add(t, f.reserved, 2)
	c.sport = r:uint(t, f.ctl_sport, 2)
	c.dport = r:uint(t, f.ctl_dport, 2)
	c.msg_id = r:uint(t, f.ctl_msg_id, 4)
	local verdict, why
	local name = ctl_names[c.type] or (c.type and ("type " .. c.type) or "empty")
	if n < CTL_LEN then
		verdict, why = "EPROTO", "shorter than a record header"
	elseif reserved:uint() ~= 0 then
		verdict, why = "EPROTO", "reserved field not 0"
	elseif not ctl_len(c.type) then
		verdict, why = "EOPNOTSUPP", "unknown record type"
	elseif n ~= ctl_len(c.type) then
		verdict, why = "EPROTO", string.format("%d bytes, a %s record has %d", n, name, ctl_len(c.type))
	end
	local service
	if not verdict and n == CTL_SVC_LEN then
		local svc = r:take(SERVICE_MAX)
		service = cstring(svc)
		t:add(f.ctl_service, svc, service)
		verdict, why = service_check(svc)
	end
	if not verdict then
		why = ctl_check(c)
		verdict = why and "EINVAL" or "ok"
	end
	-- The reason's meaning depends on the record type.
	local meanings = ({ [CTL_REFUSED] = refused_reasons, [CTL_CLOSE] = close_reasons,
		[CTL_PUBLISH] = svc_types, [CTL_WITHDRAW] = svc_types })[c.type]
	if reason_item and meanings and meanings[c.reason] then
		reason_item:append_text(" (" .. meanings[c.reason] .. ")")
	end
	t:add(f.ctl_verdict, verdict):set_generated()
	local summary = name
	if service then
		summary = string.format("%s %s (%s) port %d", name, service,
			svc_types[c.reason] or "?", c.sport or 0)
	elseif c.sport and c.dport then
		summary = string.format("%s %d->%d", name, c.sport, c.dport)
		if c.type == CTL_CLOSE then
			summary = summary .. " " .. (close_reasons[c.reason] or "reset")
		elseif c.type == CTL_REFUSED then
			summary = summary .. " msg " .. tostring(c.msg_id)
		end
	end
	t:set_text("Control record: " .. summary)
	if verdict ~= "ok" then
		t:add_proto_expert_info(e.bad_control, string.format("Control record dropped (%s): %s", verdict, why))
		summary = summary .. " [bad: " .. why .. "]"
	end
	return summary
end

-- --- the frame ----------------------------------------------------------

local experts_by_verdict = {
	truncated = e.truncated, bad_length = e.bad_length, bad_version = e.bad_version,
	wrong_group = e.wrong_group, bad_type = e.bad_type, bad_flags = e.bad_flags,
	bad_field = e.bad_field,
}

function afc.dissector(tvb, pinfo, tree)
	local caplen = tvb:len()
	-- The decoder judges the bytes received (padding included); a capture
	-- may hold fewer (snapshot length): judge the received, read the held.
	local rxlen = tvb:reported_len()
	pinfo.cols.protocol = "AF_CLUSTER"
	local t = tree:add(afc, tvb:range(0, caplen))
	local verdict, why
	local info = {}

	local function judge(v, text)
		if not verdict then
			verdict, why = v, text
		end
	end

	local function finish(consumed)
		verdict = verdict or "ok"
		t:add(f.verdict, verdict):set_generated()
		if verdict == "unknown" then
			info[#info + 1] = "[cut by the snapshot length]"
		elseif verdict ~= "ok" then
			local text = verdict .. (why and (": " .. why) or "")
			t:add_proto_expert_info(experts_by_verdict[verdict] or e.bad_field,
				"Dropped by the decoder (" .. text .. ")")
			info[#info + 1] = "[" .. text .. "]"
		end
		pinfo.cols.info = table.concat(info, " ")
		return consumed
	end

	if rxlen < 1 then
		info[1] = "empty"
		judge("truncated", "no byte")
		return finish(0)
	end
	if caplen < 1 then
		t:add_proto_expert_info(e.snaplen)
		verdict = "unknown"
		return finish(0)
	end
	local version = tvb:range(0, 1):uint()
	t:add(f.version, tvb:range(0, 1))
	if version ~= VERSION then
		info[1] = "version " .. version
		judge("bad_version", "version " .. version)
		return finish(caplen)
	end

	local r = reader(tvb, 1, caplen)
	local ftype = r:uint(t, f.type, 1)
	local flags_range = r:add(t, f.flags, 2)
	if flags_range then
		for _, bit in ipairs({ f.flag_ack, f.flag_ack_now, f.flag_retx,
				f.flag_ignorable, f.flag_critical }) do
			t:add(bit, flags_range)
		end
	end
	local group = r:uint(t, f.group, 2)
	local hlen = r:uint(t, f.len, 2)
	local src = r:uint(t, f.src, 4)
	local src_range = src and tvb:range(8, 4)
	local dst = r:uint(t, f.dst, 4)
	if src_range then
		t:add(f.node, src_range):set_hidden()
	end
	if dst then
		t:add(f.node, tvb:range(12, 4)):set_hidden()
	end
	info[1] = type_names[ftype] or (ftype and ("type " .. ftype) or "short")
	if rxlen < HDR_LEN then
		judge("truncated", string.format("%d bytes, the header has 16", rxlen))
		return finish(caplen)
	end
	if r.short then
		t:add_proto_expert_info(e.snaplen)
		verdict = verdict or "unknown"
		return finish(caplen)
	end
	if src and dst then
		info[#info + 1] = string.format("%d->%d", src, dst)
	end

	local flags = flags_range:uint()
	local info_t = type_info[ftype]
	if hlen < HDR_LEN then
		judge("bad_length", string.format("length field %d below the header's 16", hlen))
	elseif hlen > rxlen then
		judge("truncated", string.format("length field %d, %d bytes received", hlen, rxlen))
	end
	local pref_group = afc.prefs.group
	if group == 0 then
		judge("wrong_group", "group 0")
	elseif pref_group ~= 0 and group ~= pref_group then
		judge("wrong_group", string.format("group %d, not %d", group, pref_group))
	end
	if not info_t then
		judge("bad_type", string.format("type %d not implemented", ftype))
	end
	-- v1 defines no critical flag for any type.
	if flags >= 0x100 then
		judge("bad_flags", string.format("critical flags 0x%04x", flags - flags % 0x100))
	end
	if info_t and hlen - HDR_LEN < info_t.body then
		judge("bad_length", string.format("length field %d, a %s has %d", hlen,
			type_names[ftype], HDR_LEN + info_t.body))
	end
	if not info_t then
		-- Unknown type: nothing more to read.
		if caplen > HDR_LEN then
			t:add(f.payload, tvb:range(HDR_LEN, caplen - HDR_LEN))
		end
		return finish(caplen)
	end

	-- The body: within the length field when it is sane, else within the
	-- bytes captured, so that a bad frame still shows what it holds.
	local limit = caplen
	if hlen >= HDR_LEN and hlen <= caplen then
		limit = hlen
	end
	local body_r = reader(tvb, HDR_LEN, limit)
	local bt = t:add(tvb:range(HDR_LEN, math.max(0, math.min(info_t.body, limit - HDR_LEN))),
		type_names[ftype] .. " body")
	local v = bodies[ftype](body_r, bt)
	if body_r.short then
		if not verdict then
			-- The length field is fine, the capture is not.
			t:add_proto_expert_info(e.snaplen)
			verdict = "unknown"
		end
		return finish(caplen)
	end

	local end_fixed = HDR_LEN + info_t.body
	local payload_len = hlen - end_fixed
	if not verdict then
		if not node_valid(src) then
			judge("bad_field", "source node id " .. src)
		elseif (info_t.dst == DST_ZERO and dst ~= 0) or
			(info_t.dst == DST_NODE and not node_valid(dst)) or
			(info_t.dst == DST_EITHER and dst == NODE_ALL) then
			judge("bad_field", "destination node id " .. dst)
		else
			local bad = check_body(ftype, v, payload_len)
			if bad then
				judge("bad_field", bad)
			end
		end
	end

	-- What follows the fixed body up to the length field: DATA's payload,
	-- any other type's extension area.
	local after = math.min(hlen, caplen) - end_fixed
	if hlen <= rxlen and after > 0 then
		if ftype == T_DATA then
			t:add(f.payload, tvb:range(end_fixed, after))
		else
			t:add(f.extension, tvb:range(end_fixed, after))
			t:add_proto_expert_info(e.extension)
		end
	end

	if ftype == T_HELLO then
		info[#info + 1] = string.format("%s group %d mtu %d", (cstring(v.name)), group, v.mtu)
	elseif ftype == T_BYE then
		info[#info + 1] = bye_reasons[v.reason] or ("reason " .. v.reason)
	elseif ftype == T_DATA then
		local s = string.format("seq=%d msg=%d", v.seq, v.msg_id)
		if flags % 8 >= 4 then
			t:add_proto_expert_info(e.retransmission)
			s = "RETX " .. s
		end
		if flags % 2 == 1 then
			s = s .. string.format(" ack=%d", v.ack)
		end
		if v.unit >= UNIT_MIN and v.total > 0 then
			local count = math.ceil(v.total / v.unit)
			local index = math.floor(v.offset / v.unit) + 1
			t:add(f.frag_index, index):set_generated()
			t:add(f.frag_count, count):set_generated()
			if count > 1 then
				s = s .. string.format(" frag %d/%d", index, count)
			end
		end
		s = s .. string.format(" len=%d port %d->%d", v.total, v.sport, v.dport)
		info[#info + 1] = s
		-- A control message (port 0) always fits one fragment; decode it
		-- where the decoder would take the frame.
		if v.dport == 0 and not verdict then
			if v.offset == 0 and payload_len == v.total then
				if hlen <= caplen then
					info[#info + 1] = "CTL " .. dissect_ctl(tvb:range(end_fixed, payload_len), t)
				else
					t:add_proto_expert_info(e.snaplen)
				end
			else
				t:add(f.ctl_verdict, "EPROTO"):set_generated()
				t:add_proto_expert_info(e.bad_control,
					"Control message in several fragments: no record is that long")
				info[#info + 1] = "CTL [bad: several fragments]"
			end
		end
	elseif ftype == T_ACK then
		local s = string.format("ack=%d", v.ack)
		for _, b in ipairs(v.sack) do
			s = s .. string.format(" sack=[%d,%d)", b.start, b.stop)
		end
		info[#info + 1] = s
	end
	return finish(caplen)
end

-- --- registration -------------------------------------------------------

local registered
local function register()
	local ethertypes = DissectorTable.get("ethertype")
	if registered then
		ethertypes:remove(registered, afc)
	end
	registered = afc.prefs.ethertype
	ethertypes:add(registered, afc)
end

function afc.prefs_changed()
	if registered ~= afc.prefs.ethertype then
		register()
	end
end

register()
