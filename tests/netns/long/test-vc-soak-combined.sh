#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# VC soak (vc-soak.sh): 50 MiB of checked messages of 1 B to 1 MiB under
# netem loss 5%, reorder 25% of a 10 ms delay and duplicate 5% at once, both directions.
source "$(dirname "$0")/vc-soak.sh" combined
