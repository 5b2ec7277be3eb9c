#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Rig self-test: a veth pair carries traffic between two network
# namespaces, the topology every L2TP test builds on.
# shellcheck source=t/integration/lib.sh
. "$(dirname "$0")/lib.sh"

step "two namespaces joined by a veth pair"
netns_add a
netns_add b
veth a va 10.77.0.1/24 b vb 10.77.0.2/24

step "ping both ways"
check "ping a -> b" in_ns a ping -c 3 -i 0.2 -W 2 10.77.0.2
check "ping b -> a" in_ns b ping -c 3 -i 0.2 -W 2 10.77.0.1
