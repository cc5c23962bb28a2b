#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Checks of clusterctl's bash completion: what it offers after each part
# of a command line, and that its objects, commands and parameter names
# are the ones clusterctl itself lists (so the two cannot drift apart).
# Usage: tests/completion.sh [path/to/clusterctl]

CC_BIN=${1:-$(dirname "$0")/../clusterctl}
COMPLETION=$(dirname "$0")/../clusterctl.bash-completion
BASH_COMPLETION=${BASH_COMPLETION:-/usr/share/bash-completion/bash_completion}
fails=0
n=0

if [ ! -r "$BASH_COMPLETION" ]; then
	echo "completion: FAIL: $BASH_COMPLETION missing (apt-get install bash-completion)"
	exit 1
fi
# shellcheck source=/dev/null
source "$BASH_COMPLETION"
# shellcheck source=../clusterctl.bash-completion
source "$COMPLETION"

# offers "WORD..." "WANT": completing after the words (the last one being
# typed) offers exactly WANT (sorted, space-separated).
offers() {
	local want=$2 got
	n=$((n + 1))
	read -r -a COMP_WORDS <<<"$1"
	[[ $1 == *" " ]] && COMP_WORDS+=("")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMP_LINE=$1
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_clusterctl clusterctl "${COMP_WORDS[COMP_CWORD]}" \
		"${COMP_WORDS[COMP_CWORD - 1]}"
	got=$(printf '%s\n' "${COMPREPLY[@]}" | sort | xargs)
	if [ "$got" != "$want" ]; then
		echo "completion: FAIL: \"$1\": offered \"$got\", want \"$want\""
		fails=$((fails + 1))
	fi
}

objects=$("$CC_BIN" --help | sed -n 's/^Objects: //p')
offers "clusterctl " "$(echo "$objects" help | xargs -n1 | sort | xargs)"
offers "clusterctl v" "vc"
offers "clusterctl -i 2 " "$(echo "$objects" help | xargs -n1 | sort | xargs)"
offers "clusterctl -i " ""
offers "clusterctl -c " ""
offers "clusterctl --" "--count --help --interval --json --netns --pretty --stats --version"
offers "clusterctl -j -s -i 0.5 -c 3 vc " "help list show"
offers "clusterctl node " "help list set show"
offers "clusterctl node set " "group id name secret secret-file"
offers "clusterctl node set id 5 " "group name secret secret-file"
offers "clusterctl node set id " ""
offers "clusterctl node set secret " "none"
offers "clusterctl adapter " "add del help list show"
offers "clusterctl monitor -" "--json -j"
params=$("$CC_BIN" param help | sed -n '/^NAME:/,/^VALUE:/p' |
	sed -e 's/^NAME://' -e '/^VALUE:/d' | tr ',' ' ' | xargs -n1 | sort | xargs)
offers "clusterctl param set " "$params"
offers "clusterctl param set hello_min 500 " "$(echo "$params" | xargs -n1 | grep -vx hello_min | xargs)"
# Every object's commands are the ones its help lists.
for obj in channel vc service; do
	offers "clusterctl $obj " "help list show"
	"$CC_BIN" "$obj" help | grep -q "$obj show" ||
		{ echo "completion: FAIL: $obj help lists no show"; fails=$((fails + 1)); }
done

echo "completion: $n checks, $fails failed"
[ "$fails" = 0 ]
