#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on loopback for the store's server tests and print its URL.
# Uses Debian's packages (installed by .ci/run); the data directory lives under /tmp.
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
DATA=${LINERNOTES_PG_DATA:-/tmp/linernotes-pg}
PORT=${LINERNOTES_PG_PORT:-54329}
RUNAS=()
if [ "$(id -u)" = 0 ]; then RUNAS=(runuser -u postgres --); fi
if [ ! -f "$DATA/PG_VERSION" ]; then
  mkdir -p "$DATA"
  [ "$(id -u)" = 0 ] && chown postgres "$DATA"
  "${RUNAS[@]}" "$PGBIN/initdb" -D "$DATA" -U linernotes --auth=trust -E UTF8 >/dev/null
fi
if ! "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DATA" start >/dev/null
fi
"${RUNAS[@]}" "$PGBIN/psql" -h 127.0.0.1 -p "$PORT" -U linernotes -d postgres -tAc \
  "SELECT 1 FROM pg_database WHERE datname='linernotes_test'" | grep -q 1 ||
  "${RUNAS[@]}" "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U linernotes linernotes_test
echo "postgresql://linernotes@127.0.0.1:$PORT/linernotes_test"
