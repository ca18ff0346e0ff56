#!/bin/sh
# Starts one of the talk's three attempts, configured by the contract's environment variables
# (CONTRACT.md, "Configuration"):
#
#   CAAS_UPSTREAM_URL=http://127.0.0.1:9000 CAAS_DB_HOST=127.0.0.1 CAAS_DB_PORT=5432 \
#     examples/python-talk/run.sh 1|2|3
#
# 1 = Flask + requests + psycopg2 on waitress, 2 = Quart + aiohttp + asyncpg with sequential awaits,
# 3 = the same with asyncio.gather (on Hypercorn; CAAS_ASGI_SERVER=uvicorn runs 2 and 3 on Uvicorn,
# which tells the app when a client hangs up). Everything comes from Debian 12's packages; run as root, this
# installs the missing ones with apt-get first. It runs Debian's own /usr/bin/python3, which is the
# interpreter those packages are installed for (a python3 earlier on PATH, e.g. pyenv's, is not).
set -eu

case "${1:-}" in
  1) script=attempt1_flask.py; packages="python3-flask python3-requests python3-psycopg2 python3-waitress" ;;
  2) script=attempt2_quart_sequential.py; packages="python3-quart python3-aiohttp python3-asyncpg python3-hypercorn" ;;
  3) script=attempt3_quart_gathered.py; packages="python3-quart python3-aiohttp python3-asyncpg python3-hypercorn" ;;
  *) echo "usage: $0 1|2|3   (attempt 1 Flask, 2 Quart sequential, 3 Quart gathered)" >&2; exit 2 ;;
esac
if [ "${CAAS_ASGI_SERVER:-}" = uvicorn ] && [ "$1" != 1 ]; then packages="$packages python3-uvicorn"; fi

missing=""
for package in $packages; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing="$missing $package"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "$0: missing Debian packages:$missing (run as root to install them, or: apt-get install$missing)" >&2
    exit 1
  fi
  echo "installing Debian packages:$missing" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get -qq update >/dev/null
  # shellcheck disable=SC2086 # one word per package
  apt-get -qq -y install --no-install-recommends $missing >/dev/null
fi

cd "$(dirname "$0")"
exec /usr/bin/python3 "$script"
