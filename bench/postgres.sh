# Sourced by the benchmarks that write into PostgreSQL (db.sh, cohort.sh): starts a local server on
# a free loopback port with its defaults (fsync on) in a temporary folder, $RUN, removed on exit
# with the server: Debian's postgresql if installed, else the server binaries the tests unpacked (run
# a PostgreSQL test once first). PostgreSQL refuses root, so as root it runs as nobody. Sets $PORT,
# $PGBIN and a psql function for the superuser.
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)}
[[ -x $PGBIN/initdb ]] || PGBIN=${TMPDIR:-/tmp}/fbx-test-postgres-14.22.0/bin
[[ -x $PGBIN/initdb ]] || { echo "no PostgreSQL: install postgresql, or run a PostgreSQL test once" >&2; exit 1; }
RUN=$(mktemp -d) && chmod 755 "$RUN"
AS=() && [[ $(id -u) == 0 ]] && AS=(setpriv --reuid=65534 --regid=65534 --clear-groups)
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir "$RUN/pg" && { [[ $(id -u) == 0 ]] && chown 65534:65534 "$RUN/pg" || true; }
"${AS[@]}" "$PGBIN/initdb" -D "$RUN/pg" -U postgres -A trust -E UTF8 --no-locale >/dev/null
"${AS[@]}" "$PGBIN/pg_ctl" -D "$RUN/pg" -w -l "$RUN/pg/log" \
    -o "-p $PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=" start >/dev/null
trap '"${AS[@]}" "$PGBIN/pg_ctl" -D "$RUN/pg" -m fast stop >/dev/null; rm -rf "$RUN"' EXIT
psql() { PGOPTIONS='-c client_min_messages=warning' command psql -h 127.0.0.1 -p "$PORT" -U postgres -qAt "$@"; }
