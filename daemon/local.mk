# SPDX-License-Identifier: GPL-2.0-or-later
# daemon/: the control plane (l2tpd).
