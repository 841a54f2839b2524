#!/usr/bin/env bash
# The Debian package, tested as an administrator would use it, on this
# machine (it installs and removes the package for real: run it as root on
# a machine without papi-board installed, e.g. CI):
#
#   scripts/test-deb.sh
#
# 1. builds the .deb (scripts/build-deb.sh) and a second one with a higher
#    version, and runs lintian (no errors allowed);
# 2. installs it with `apt-get install ./….deb`: the papi-board user, the
#    data directory (0700), the manual pages, the bash completion, the
#    guides, `--version`, `systemd-analyze verify` on the unit; the service
#    is neither enabled nor started;
# 3. follows the guide: adds the first admin with `sudo -u papi-board`,
#    runs the unit's command line as the unit would (its user, its
#    environment and /etc/default/papi-board, and its sandbox imitated: no
#    new privileges, no capabilities, a read-only system but
#    /var/lib/papi-board, a private /tmp, no /home), with strace watching;
#    a real OpenSSH login to the board and `ssh … status`; an editor and a
#    task added; a clean stop on SIGTERM; every system call the server made
#    allowed by the unit's SystemCallFilter;
# 4. upgrades to the second package: the settings, tasks, users and host
#    key are still there; a database of the older schema moved into place
#    is migrated, after its backup, on the next start;
# 5. removes the package: the data stays; purges it: the settings go, the
#    data stays; and a purge with nothing in the data directory removes it.
#
# There is no systemd running here (a container), so the service is not
# started by systemctl: the test starts the unit's own command line.
# On exit the test removes what it installed and made, data included.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

START=$SECONDS
step() { echo "== [$((SECONDS - START))s] $*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
check() { # check DESCRIPTION COMMAND…
  local what=$1; shift
  if "$@"; then echo "   ok: $what"; else fail "$what"; fi
}

[ "$(id -u)" = 0 ] || fail "run as root: the test installs a package"
export DEBIAN_FRONTEND=noninteractive
APT=(apt-get -o DPkg::Lock::Timeout=600 -y -q)

# One run at a time on this machine: the package, its user and its
# directory are the machine's.
exec 9>/run/lock/papi-board-test-deb.lock
flock -w 1800 9 || fail "another test-deb run holds the lock"

if dpkg-query -W -f '${Status}' papi-board 2>/dev/null | grep -q 'ok installed\|config-files' ||
  [ -e /var/lib/papi-board ] || getent passwd papi-board >/dev/null; then
  fail "papi-board is already installed or has left data on this machine; not touching it"
fi

need=()
command -v lintian >/dev/null || need+=(lintian)
command -v systemd-analyze >/dev/null || need+=(systemd)
command -v man >/dev/null || need+=(man-db)
command -v ssh >/dev/null || need+=(openssh-client)
command -v sudo >/dev/null || need+=(sudo)
command -v strace >/dev/null || need+=(strace)
command -v tmux >/dev/null || need+=(tmux)
command -v adduser >/dev/null || need+=(adduser)
if [ ${#need[@]} -gt 0 ]; then
  step "installing ${need[*]}"
  ("${APT[@]}" update -qq && "${APT[@]}" install -qq "${need[@]}") >/dev/null
fi
if ! cargo deb --version >/dev/null 2>&1; then
  step "installing cargo-deb"
  cargo install cargo-deb --locked --quiet
fi

WORK=$(mktemp -d /tmp/papi-test-deb.XXXXXX)
chmod 755 "$WORK"
TMUX_SOCK="papi-test-deb-$$"
SERVER_PID=""
cleanup() {
  local rc=$?
  if [ -n "$SERVER_PID" ]; then
    pkill -TERM -u papi-board -x papi-board || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  tmux -L "$TMUX_SOCK" kill-server 2>/dev/null || true
  if [ "${KEEP:-}" != 1 ]; then
    "${APT[@]}" purge -qq papi-board >/dev/null 2>&1 || true
    rm -rf /var/lib/papi-board
    getent passwd papi-board >/dev/null && deluser --quiet papi-board >/dev/null 2>&1
    getent group papi-board >/dev/null && delgroup --quiet papi-board >/dev/null 2>&1
    rm -rf "$WORK"
  fi
  echo "== test-deb: $([ $rc = 0 ] && echo passed || echo FAILED) in $((SECONDS - START)) s"
}
trap cleanup EXIT

# ---------------------------------------------------------------------------
step "building the packages"
UPSTREAM=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
mkdir -p "$WORK/old" "$WORK/new"
scripts/build-deb.sh --fast --output "$WORK/old/" >/dev/null
scripts/build-deb.sh --fast --output "$WORK/new/" --deb-version "$UPSTREAM-2" >/dev/null
OLD=$(ls "$WORK"/old/papi-board_*.deb) NEW=$(ls "$WORK"/new/papi-board_*.deb)
chmod -R a+rX "$WORK"
check "the second package's version is higher" \
  dpkg --compare-versions "$(dpkg-deb -f "$NEW" Version)" gt "$(dpkg-deb -f "$OLD" Version)"

step "lintian"
lintian --fail-on error "$OLD" | tee "$WORK/lintian.txt" || fail "lintian reports errors"
echo "   lintian: $(grep -c '^E:' "$WORK/lintian.txt" || true) errors, $(grep -c '^W:' "$WORK/lintian.txt" || true) warnings"

# ---------------------------------------------------------------------------
step "installing $(basename "$OLD")"
"${APT[@]}" install -qq "$OLD" >"$WORK/apt-install.log" 2>&1 || { cat "$WORK/apt-install.log"; fail "apt-get install"; }

IFS=: read -r _ _ uid _ _ home shell < <(getent passwd papi-board)
check "a system user papi-board (uid $uid < 1000)" test "$uid" -lt 1000
check "its home is /var/lib/papi-board, no login shell" \
  test "$home:$shell" = "/var/lib/papi-board:/usr/sbin/nologin"
check "/var/lib/papi-board is 0700 papi-board:papi-board" \
  test "$(stat -c '%a %U:%G' /var/lib/papi-board)" = "700 papi-board:papi-board"
check "the program is /usr/bin/papi-board" test "$(command -v papi-board)" = /usr/bin/papi-board
if REV=$(git rev-parse --short=12 HEAD 2>/dev/null); then
  check "--version gives the version and revision ($(papi-board --version))" \
    test "$(papi-board --version)" = "papi-board $UPSTREAM (revision $REV)"
fi
for doc in guide.md huong-dan.md keys.md keys.en.md; do
  check "/usr/share/doc/papi-board/$doc is the one in docs/" cmp -s "/usr/share/doc/papi-board/$doc" "docs/$doc"
done
MAN=$(MANWIDTH=80 man -P cat papi-board 2>/dev/null)
check "man papi-board: the commands and the server's files" \
  bash -c 'grep -q "papi-board-serve(1)" <<<"$1" && grep -q "/etc/default/papi-board" <<<"$1"' _ "$MAN"
check "man papi-board-serve: the --listen option" \
  bash -c 'MANWIDTH=80 man -P cat papi-board-serve 2>/dev/null | grep -q -- "--listen"'
# shellcheck disable=SC2016
check "bash completes 'papi-board serve --li' to --listen" bash -c '
  source /usr/share/bash-completion/completions/papi-board
  COMP_WORDS=(papi-board serve --li); COMP_CWORD=2
  _papi__board papi-board --li serve
  [ "${COMPREPLY[*]}" = "--listen" ]'

UNIT=/usr/lib/systemd/system/papi-board.service
systemd-analyze verify "$UNIT" >"$WORK/verify.txt" 2>&1 || true
check "systemd-analyze verify: nothing to say about the unit" \
  bash -c '! grep -q "papi-board" "$1"' _ "$WORK/verify.txt"
systemd-analyze security --offline=true "$UNIT" 2>/dev/null | tail -1 | sed 's/^/   /'
check "the service is not enabled" test ! -e /etc/systemd/system/multi-user.target.wants/papi-board.service
check "nor running" bash -c '! pgrep -u papi-board >/dev/null'
check "/etc/default/papi-board is a conffile" grep -qx /etc/default/papi-board /var/lib/dpkg/info/papi-board.conffiles

# ---------------------------------------------------------------------------
# The service's command line, as systemd would run it.
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
sed -i "s/^PAPI_BOARD_LISTEN=.*/PAPI_BOARD_LISTEN=127.0.0.1:$PORT/" /etc/default/papi-board

unit_value() { sed -n "s/^$1=//p" "$UNIT"; }
start_service() { # start_service LOG [strace output]
  local log=$1 trace=${2:-} user cmd
  user=$(unit_value User)
  # Environment= first, then EnvironmentFile= overrides, as systemd does;
  # ${VAR} and $VAR in ExecStart= expand like the shell's unquoted words.
  # shellcheck disable=SC2046
  mapfile -t cmd < <(env -i $(unit_value Environment) /bin/bash -c \
    'set -a; . /etc/default/papi-board; set +a; eval "printf \"%s\n\" $1"' _ "$(unit_value ExecStart)")
  local sandbox='mount --bind /var/lib/papi-board /var/lib/papi-board
    mount -o remount,bind,ro /
    for d in /tmp /home /root; do mount -t tmpfs -o mode=755 tmpfs "$d"; done
    exec "$@"'
  local run=(unshare --mount --propagation private sh -c "$sandbox" sandbox
    setpriv --reuid "$user" --regid "$user" --init-groups --no-new-privs
    --inh-caps=-all --bounding-set=-all --
    env -i HOME=/var/lib/papi-board USER="$user" LOGNAME="$user"
    PATH=/usr/bin:/bin LANG=C.UTF-8 "${cmd[@]}")
  if [ -n "$trace" ]; then run=(strace -f -qq -o "$trace" "${run[@]}"); fi
  (umask 077; exec "${run[@]}") >"$log" 2>&1 &
  SERVER_PID=$!
  local deadline=$((SECONDS + 60))
  until (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; do
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$log"; fail "the service stopped at start"; }
    [ $SECONDS -lt $deadline ] || { cat "$log"; fail "the service does not listen on $PORT"; }
    sleep 0.2
  done
}
stop_service() { # SIGTERM, as `systemctl stop` sends; it must end cleanly
  local log=$1 rc=0
  # The server itself (under strace, SERVER_PID is strace's, which ends
  # with the server's status).
  pkill -TERM -u papi-board -x papi-board
  wait "$SERVER_PID" || rc=$?
  SERVER_PID=""
  check "SIGTERM: the service stops with status 0, everything saved" \
    bash -c '[ "$1" = 0 ] && grep -q "Đã dừng máy chủ; dữ liệu đã được lưu." "$2"' _ "$rc" "$log"
  check "and leaves no serve.lock" test ! -e /var/lib/papi-board/db/serve.lock
}

ssh-keygen -q -t ed25519 -N '' -C lan@may-lan -f "$WORK/lan"
ssh-keygen -q -t ed25519 -N '' -C hoa@may-hoa -f "$WORK/hoa"
chmod 644 "$WORK"/*.pub
SSH=(ssh -F /dev/null -p "$PORT" -o BatchMode=yes -o IdentitiesOnly=yes
  -o UserKnownHostsFile="$WORK/known_hosts")
DB=/var/lib/papi-board/db
cd / # as an administrator would be, somewhere the service user cannot read

step "the guide: the first admin, then the service"
sudo -u papi-board papi-board --db /var/lib/papi-board/db user add lan --key "$(cat "$WORK/lan.pub")" --role admin
check "the database is the service user's" test "$(stat -c %U "$DB")" = papi-board
start_service "$WORK/serve1.log" "$WORK/strace.txt"
check "it listens where /etc/default/papi-board says" grep -q "127.0.0.1:$PORT" "$WORK/serve1.log"

"${SSH[@]}" -i "$WORK/lan" -o StrictHostKeyChecking=accept-new lan@127.0.0.1 status >"$WORK/status1.txt"
check "ssh … status gives the morning check of the board" grep -q "xã Hòa Phong" "$WORK/status1.txt"

tmux -L "$TMUX_SOCK" new-session -d -x 80 -y 24 \
  "${SSH[*]} -tt -i $WORK/lan -o StrictHostKeyChecking=yes lan@127.0.0.1; sleep 30"
deadline=$((SECONDS + 30))
until tmux -L "$TMUX_SOCK" capture-pane -p | grep -q "Hòa Phong"; do
  [ $SECONDS -lt $deadline ] || { tmux -L "$TMUX_SOCK" capture-pane -p; fail "no board over ssh"; }
  sleep 0.2
done
echo "   ok: an interactive OpenSSH login shows the board:"
tmux -L "$TMUX_SOCK" capture-pane -p | head -3 | sed 's/^/      | /'
tmux -L "$TMUX_SOCK" send-keys q
tmux -L "$TMUX_SOCK" kill-server 2>/dev/null || true

# ADMIN-WHILE-SERVING: the service holds the database; the same user's
# command line is served by it over its socket (a second program could not
# open the database), so nothing is stopped for these two changes.
sudo -u papi-board papi-board --db "$DB" user add hoa --key "$(cat "$WORK/hoa.pub")" --role editor --unit dc
sudo -u papi-board papi-board --db "$DB" add 'Niêm yết công khai thủ tục đất đai tại bộ phận một cửa @dc #5 !30/9/2025' >/dev/null
"${SSH[@]}" -i "$WORK/hoa" -o StrictHostKeyChecking=yes hoa@127.0.0.1 list --json >"$WORK/hoa-list.json"
check "the editor added while serving logs in and sees the new task" grep -q "Niêm yết công khai thủ tục đất đai" "$WORK/hoa-list.json"
stop_service "$WORK/serve1.log"

step "the unit's sandbox against what the server did (strace)"
# The server's process and its threads: everything from its execve on.
awk '/execve\("\/usr\/bin\/papi-board"/ { on = 1 } on' "$WORK/strace.txt" >"$WORK/server-trace.txt"
sed -E 's/^[0-9]+ +//' "$WORK/server-trace.txt" | grep -oE '^[a-z0-9_]+\(' | tr -d '(' | sort -u >"$WORK/used.txt"
expand_set() { # the system calls of a filter group, groups expanded
  systemd-analyze syscall-filter "$1" | sed -n 's/^    //p' | grep -v '^#' | while read -r name; do
    case $name in @*) expand_set "$name" ;; *) echo "$name" ;; esac
  done
}
allowed=$(unit_value SystemCallFilter | grep -v '^~')
denied=$(unit_value SystemCallFilter | sed -n 's/^~//p')
for g in $allowed; do expand_set "$g"; done | sort -u >"$WORK/allowed.txt"
for g in $denied; do expand_set "$g"; done | sort -u >"$WORK/denied.txt"
comm -23 "$WORK/allowed.txt" "$WORK/denied.txt" >"$WORK/permitted.txt"
comm -23 "$WORK/used.txt" "$WORK/permitted.txt" >"$WORK/refused.txt"
sed 's/^/   would be refused: /' "$WORK/refused.txt"
check "SystemCallFilter: all $(wc -l <"$WORK/used.txt") distinct calls the server made are permitted" \
  test ! -s "$WORK/refused.txt"
check "MemoryDenyWriteExecute: no memory both writable and executable" \
  bash -c '! grep -E "PROT_WRITE\|PROT_EXEC|PROT_EXEC\|PROT_WRITE" "$1"' _ "$WORK/server-trace.txt"
check "RestrictAddressFamilies: sockets only of AF_UNIX, AF_INET, AF_INET6" \
  bash -c '! grep -oE "socket\((AF|PF)_[A-Z0-9]+" "$1" | grep -vE "_(UNIX|LOCAL|INET|INET6)$"' _ "$WORK/server-trace.txt"

# ---------------------------------------------------------------------------
step "upgrading to $(dpkg-deb -f "$NEW" Version)"
sudo -u papi-board papi-board --db "$DB" list --json >"$WORK/tasks-before.json"
sudo -u papi-board papi-board --db "$DB" user list >"$WORK/users-before.txt"
"${APT[@]}" install -qq "$NEW" </dev/null >"$WORK/apt-upgrade.log" 2>&1 || { cat "$WORK/apt-upgrade.log"; fail "upgrade"; }
check "the new version is installed" test "$(dpkg-query -W -f '${Version}' papi-board)" = "$UPSTREAM-2"
check "the settings in /etc/default/papi-board are kept" grep -q "^PAPI_BOARD_LISTEN=127.0.0.1:$PORT" /etc/default/papi-board
check "the data directory is still 0700 papi-board" \
  test "$(stat -c '%a %U:%G' /var/lib/papi-board)" = "700 papi-board:papi-board"
start_service "$WORK/serve2.log"
"${SSH[@]}" -i "$WORK/lan" -o StrictHostKeyChecking=yes lan@127.0.0.1 list --json >"$WORK/tasks-after.json"
check "the same host key (ssh checks it strictly) and the same tasks" cmp -s "$WORK/tasks-before.json" "$WORK/tasks-after.json"
stop_service "$WORK/serve2.log"
sudo -u papi-board papi-board --db "$DB" user list >"$WORK/users-after.txt"
check "the same users" cmp -s "$WORK/users-before.txt" "$WORK/users-after.txt"

step "a database of the older schema, moved into place, is migrated when the service starts"
tar -xzf "$ROOT/tests/fixtures/db-v1.tar.gz" -C "$WORK"
rm -rf "$DB" /var/lib/papi-board/db.backups
cp -a "$WORK/db-v1" "$DB"
chown -R papi-board:papi-board "$DB"
start_service "$WORK/serve3.log"
stop_service "$WORK/serve3.log"
check "the backup taken before the migration: the service user's, whole (gzip -t)" \
  bash -c 'f=$(ls /var/lib/papi-board/db.backups/*_migration.jsonl.gz) && [ "$(stat -c %U "$f")" = papi-board ] && gzip -t "$f"'
sudo -u papi-board papi-board --db "$DB" list --json >"$WORK/tasks-v1.json"
check "every task of the older database is there" \
  python3 -c 'import json,sys; a,b=(json.load(open(f)) for f in sys.argv[1:]); sys.exit(sorted(t["id"] for t in a) != sorted(t["id"] for t in b))' \
  "$ROOT/tests/fixtures/db-v1.list.json" "$WORK/tasks-v1.json"

# ---------------------------------------------------------------------------
step "remove, then purge"
(cd /var/lib/papi-board && find . -type f -print0 | sort -z | xargs -0 sha256sum) >"$WORK/data.sum"
"${APT[@]}" remove -qq papi-board </dev/null >/dev/null
check "remove: the program is gone" test ! -e /usr/bin/papi-board
check "remove: the data is all there, unchanged" bash -c 'cd /var/lib/papi-board && sha256sum --quiet -c "$1"' _ "$WORK/data.sum"
check "remove: the settings stay" test -e /etc/default/papi-board
"${APT[@]}" purge -qq papi-board </dev/null >/dev/null
check "purge: the settings are gone" test ! -e /etc/default/papi-board
check "purge: the data is all there, unchanged" bash -c 'cd /var/lib/papi-board && sha256sum --quiet -c "$1"' _ "$WORK/data.sum"
check "purge: the papi-board user stays (it owns the data)" bash -c "getent passwd papi-board >/dev/null"

rm -rf /var/lib/papi-board
"${APT[@]}" install -qq "$NEW" </dev/null >/dev/null
"${APT[@]}" purge -qq papi-board </dev/null >/dev/null
check "purge with an empty data directory removes it" test ! -e /var/lib/papi-board
