#!/usr/bin/env bash
# The three Python attempts, with the skips examples/python-talk/README.md declares (its commands, verbatim),
# each through run.sh. Run from the project root: results/conform/python.sh
cd "$(dirname "$0")/../.."
D="psycopg2 and requests bound no whole exchange (README, What they skip)"
W431="waitress answers 200 to a big head (its limit is 256 KiB) and has no 414"
WHOST="waitress serves an HTTP/1.1 request without Host"
WDRIP="waitress has no header deadline (each byte counts as activity)"
WLEFT="a client that leaves while its answer is written is billed (README, client gone)"
results/conform/run.sh flask-sequential --launch 'examples/python-talk/run.sh 1' --name flask-sequential --composition sequential \
  --skip "faults/UPSTREAM_TIMEOUT=$D" --skip "faults/UPSTREAM_BANDWIDTH=$D" --skip "faults/POSTGRES_LATENCY=$D" \
  --skip "faults/DOG_TABLE_LOCKED=$D" --skip "faults/a_slow_dripping=$D" \
  --skip "abuse/an_oversized_request_head=$W431" --skip "abuse/an_http_1_1_request_without_host=$WHOST" \
  --skip "abuse/a_client_that_drips=$WDRIP" --skip "abuse/CLOSES_AT_ONCE=$WLEFT"
echo "flask-sequential exit $?"
H431="Hypercorn 0.13 answers 400 to any head h11 refuses (it ignores h11's hint of 431)"
LEFT="Hypercorn 0.13 does not tell the app that a client closed (CAAS_ASGI_SERVER=uvicorn does)"
results/conform/run.sh quart-sequential --launch 'examples/python-talk/run.sh 2' --name quart-sequential --composition sequential \
  --skip "abuse/an_oversized_request_head=$H431" --skip "abuse/CLOSES_AT_ONCE=$LEFT" \
  --skip "abuse/CLOSES_WHILE_THE_UPSTREAM_ANSWERS=$LEFT"
echo "quart-sequential exit $?"
results/conform/run.sh quart-gathered --launch 'examples/python-talk/run.sh 3' --name quart-gathered --composition gathered \
  --skip "abuse/an_oversized_request_head=$H431" --skip "abuse/CLOSES_AT_ONCE=$LEFT" \
  --skip "abuse/CLOSES_WHILE_THE_UPSTREAM_ANSWERS=$LEFT"
echo "quart-gathered exit $?"
