#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# VC soak (vc-soak.sh): 2 MiB of checked messages of 1 B to 1 MiB under
# netem delay 1000 ms with 200 ms of jitter, both directions.
source "$(dirname "$0")/vc-soak.sh" delay
