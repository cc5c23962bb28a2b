#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# VC soak (vc-soak.sh): 2 MiB of checked messages of 1 B to 1 MiB under
# netem loss 5%, delay 1000 ms with 200 ms of jitter, reorder 25% and
# duplicate 5% at once, both directions.
source "$(dirname "$0")/vc-soak.sh" combined-delay
