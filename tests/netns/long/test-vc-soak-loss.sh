#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# VC soak (vc-soak.sh): 50 MiB of checked messages of 1 B to 1 MiB under
# netem loss 5%, both directions.
source "$(dirname "$0")/vc-soak.sh" loss
