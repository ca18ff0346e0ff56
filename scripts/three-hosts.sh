#!/usr/bin/env bash
# Three "hosts" on one machine: the testbed, a variant and the load generator, each in its own network
# namespace, joined by veth pairs to a bridge that lives in a fourth namespace. Addresses come from
# 198.18.0.0/15, the block RFC 2544 reserves for benchmarking networks, so they clash with nothing real.
#
#   scripts/three-hosts.sh up        creates caas-testbed (198.18.0.1), caas-variant (198.18.0.2),
#                                    caas-load (198.18.0.3) and caas-switch (the bridge)
#   scripts/three-hosts.sh down      removes all four (also what `up` does first, so a crashed run heals)
#   scripts/three-hosts.sh check     prints whether this machine can do it (root, ip netns, veth)
#
# Then run each part in its namespace (see the README, "Several hosts"):
#   ip netns exec caas-testbed ./caas testbed --listen 198.18.0.1 --json /tmp/testbed.json
#   ip netns exec caas-variant java -jar loom-impl/target/loom-impl-*-all.jar --variant gathered \
#       --host 198.18.0.2 --port 8080 --db-url … --upstream-url …        (the values testbed.json gives)
#   ip netns exec caas-load ./caas bench --target http://198.18.0.2:8080=loom-gathered --testbed /tmp/testbed.json
set -euo pipefail

bridge_ns=caas-switch
hosts=(caas-testbed:198.18.0.1 caas-variant:198.18.0.2 caas-load:198.18.0.3)

down() {
  for entry in "${hosts[@]}" "$bridge_ns:"; do
    ip netns del "${entry%%:*}" 2>/dev/null || true
  done
}

up() {
  down
  ip netns add "$bridge_ns"
  ip -n "$bridge_ns" link add br0 type bridge
  ip -n "$bridge_ns" link set br0 up
  local i=0 entry name address
  for entry in "${hosts[@]}"; do
    name="${entry%%:*}"; address="${entry#*:}"; i=$((i + 1))
    ip netns add "$name"
    ip link add "caas-h$i" type veth peer name "caas-p$i"
    ip link set "caas-h$i" netns "$name"
    ip link set "caas-p$i" netns "$bridge_ns"
    ip -n "$name" link set "caas-h$i" name eth0
    ip -n "$name" addr add "$address/24" dev eth0
    ip -n "$name" link set eth0 up
    ip -n "$name" link set lo up
    ip -n "$bridge_ns" link set "caas-p$i" master br0
    ip -n "$bridge_ns" link set "caas-p$i" up
  done
}

check() {
  if [ "$(id -u)" -ne 0 ]; then echo "no: needs root (ip netns add)"; exit 1; fi
  command -v ip >/dev/null 2>&1 || { echo "no: iproute2's ip is not installed"; exit 1; }
  ip netns add caas-probe 2>/dev/null || { echo "no: ip netns add failed (no CAP_SYS_ADMIN?)"; exit 1; }
  ip netns del caas-probe
  echo "yes"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  check) check ;;
  *) sed -n '2,17p' "$0"; exit 2 ;;
esac
