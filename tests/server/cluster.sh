#!/usr/bin/env bash
# A private PostgreSQL cluster for the tests, in a folder of its own, on a free port of 127.0.0.1:
#   cluster.sh start DIR    initdb + pg_ctl start; writes DIR/url (postgresql://stegvis_admin@127.0.0.1:PORT/stegvis)
#   cluster.sh start DIR tls  the same, reached only over TLS: a certificate for 127.0.0.1 from a
#                           throw-away authority (DIR/root.crt; DIR/other-root.crt is one that did not sign it)
#   cluster.sh stop DIR     pg_ctl stop (immediate) and removes the cluster and DIR
#   cluster.sh pause DIR    stops the server (fast shutdown: connections are cut), keeping its data
#   cluster.sh resume DIR   starts it again on the same port
# The cluster itself lives in a new folder under the temporary folder (the server's own user must
# reach it, which a build folder under /root would not allow); DIR/cluster names it.
# ctest runs start before the first test that needs a server and stop after the last one, also
# when tests fail (FIXTURES_SETUP / FIXTURES_CLEANUP). Run as root (as in CI), the server runs as
# the unprivileged user "nobody", since PostgreSQL refuses to run as root. Exit 77 (skipped) when
# PostgreSQL is not installed, or 1 instead with STEGVIS_SERVER_REQUIRED=1.
set -euo pipefail
unset LD_PRELOAD  # whatever another build preloads (a sanitizer run: Mesa) is not for the server
cmd="$1"
dir="$2"
mode="${3:-}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"

as_owner() {
  if [ "$(id -u)" = 0 ]; then setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
      echo "PostgreSQL is not installed (./stegvis install postgresql)"
      [ "${STEGVIS_SERVER_REQUIRED:-0}" = 1 ] && exit 1
      exit 77
    fi
    "$0" stop "$dir" >/dev/null 2>&1 || true
    mkdir -p "$dir"
    home="$(mktemp -d "${TMPDIR:-/tmp}/stegvis-pg.XXXXXX")"
    echo "$home" >"$dir/cluster"
    chmod 0777 "$home"  # the cluster's owner writes here; nothing else does
    data="$home/data"
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    as_owner "$bin/initdb" -D "$data" -U stegvis_admin --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$home/initdb.log" 2>&1 ||
      { cat "$home/initdb.log"; exit 1; }
    echo "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$home' -c fsync=on -c max_connections=100" \
      >"$home/options"
    if [ "$mode" = tls ]; then
      ( cd "$home" && set -e
        ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
        for ca in root other-root; do
          openssl req -x509 "${ec[@]}" -days 2 -subj "/CN=Stegvis test $ca" -keyout "$ca.key" -out "$dir/$ca.crt" 2>/dev/null
        done
        openssl req "${ec[@]}" -subj "/CN=127.0.0.1" -keyout server.key -out server.csr 2>/dev/null
        printf 'subjectAltName=IP:127.0.0.1\n' >san.ext
        openssl x509 -req -in server.csr -CA "$dir/root.crt" -CAkey root.key -CAcreateserial -days 2 \
          -extfile san.ext -out server.crt 2>/dev/null
        cp server.crt server.key "$data/"
        chmod 0600 "$data/server.key"
        [ "$(id -u)" = 0 ] && chown nobody:nogroup "$data/server.crt" "$data/server.key"
        # Nothing but TLS on TCP: a connection without it is refused by name.
        printf 'local all all trust\nhostssl all all 127.0.0.1/32 trust\n' >"$data/pg_hba.conf" )
      echo "-c ssl=on $(cat "$home/options")" >"$home/options"
    fi
    as_owner "$bin/pg_ctl" -D "$data" -l "$home/server.log" -w -t 60 -o "$(cat "$home/options")" \
      start >/dev/null || { cat "$home/server.log"; exit 1; }
    as_owner "$bin/createdb" -h "$home" -p "$port" -U stegvis_admin stegvis  # by its socket: no TLS to set up
    echo "postgresql://stegvis_admin@127.0.0.1:$port/stegvis" >"$dir/url"
    echo "$bin" >"$dir/bin"
    echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port in $home"
    ;;
  stop)
    home="$(cat "$dir/cluster" 2>/dev/null || true)"
    if [ -n "$home" ] && [ -f "$home/data/postmaster.pid" ] && [ -n "$bin" ]; then
      as_owner "$bin/pg_ctl" -D "$home/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    case "$home" in */stegvis-pg.*) rm -rf "$home" ;; esac
    rm -rf "$dir"
    ;;
  pause)
    home="$(cat "$dir/cluster")"
    as_owner "$bin/pg_ctl" -D "$home/data" -m fast -w -t 60 stop >/dev/null
    ;;
  resume)
    home="$(cat "$dir/cluster")"
    as_owner "$bin/pg_ctl" -D "$home/data" -l "$home/server.log" -w -t 60 -o "$(cat "$home/options")" start >/dev/null ||
      { cat "$home/server.log"; exit 1; }
    ;;
  *)
    echo "usage: cluster.sh start|stop|pause|resume DIR" >&2
    exit 2
    ;;
esac
