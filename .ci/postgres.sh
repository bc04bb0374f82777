#!/usr/bin/env bash
# A local PostgreSQL server for the store tests. Idempotent: installs Debian's `postgresql` package when no
# server is installed, starts a cluster (or finds it running), makes the role and the database, and prints the
# URL for EVENTWIRE_TEST_PG on stdout. Everything else goes to stderr.
#
# As root it uses the Debian cluster (pg_ctlcluster); as another user it runs its own server in
# $EVENTWIRE_PG_DIR (default: $TMPDIR/eventwire-pg) on port $EVENTWIRE_PG_PORT (default 54329).
set -euo pipefail

role=eventwire
password=eventwire
database=eventwire_test

say() { echo "postgres.sh: $*" >&2; }

server_bin() {
    # the newest installed server's bin directory
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$dir" ] && [ -x "$dir/postgres" ] && echo "$dir"
}

if [ -z "$(server_bin)" ]; then
    if [ "$(id -u)" -ne 0 ]; then
        say "no PostgreSQL server installed, and installing one needs root"
        exit 1
    fi
    say "installing PostgreSQL (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
fi
bin=$(server_bin)
version=$(basename "$(dirname "$bin")")

if [ "$(id -u)" -eq 0 ] && command -v pg_ctlcluster >/dev/null; then
    if ! pg_lsclusters -h 2>/dev/null | awk -v v="$version" '$1 == v && $2 == "main"' | grep -q .; then
        say "creating cluster $version/main"
        pg_createcluster "$version" main >&2
    fi
    if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
        say "starting cluster $version/main"
        pg_ctlcluster "$version" main start >&2
    fi
    port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')
    psql_as() { runuser -u postgres -- psql -p "$port" -v ON_ERROR_STOP=1 -qtA "$@"; }
    host=127.0.0.1
else
    dir=${EVENTWIRE_PG_DIR:-${TMPDIR:-/tmp}/eventwire-pg}
    port=${EVENTWIRE_PG_PORT:-54329}
    if [ ! -f "$dir/PG_VERSION" ]; then
        say "initialising a server in $dir"
        mkdir -p "$dir"
        "$bin/initdb" -D "$dir" -U postgres --auth=trust >&2
    fi
    if ! "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
        say "starting the server in $dir on port $port"
        "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >&2
    fi
    psql_as() { "$bin/psql" -h "$dir" -p "$port" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
    host=127.0.0.1
fi

for _ in $(seq 30); do
    psql_as -c "SELECT 1" >/dev/null 2>&1 && break
    sleep 1
done
if [ "$(psql_as -c "SELECT 1 FROM pg_roles WHERE rolname = '$role'")" != 1 ]; then
    psql_as -c "CREATE ROLE $role LOGIN PASSWORD '$password'" >&2
fi
if [ "$(psql_as -c "SELECT 1 FROM pg_database WHERE datname = '$database'")" != 1 ]; then
    psql_as -c "CREATE DATABASE $database OWNER $role" >&2
fi
psql_as -d "$database" -c "GRANT ALL ON SCHEMA public TO $role" >&2

echo "postgresql+psycopg://$role:$password@$host:$port/$database"
