#!/usr/bin/env bash
# The Debian package under a real systemd: a Debian 12 system booted in a
# container (systemd-nspawn), where the guide's commands are run as written
# (section 12 of docs/guide.md): install, the first admin, `systemctl enable
# --now`, `ssh -p 2222 lan@localhost`; then the journal, the unit's
# sandbox as systemd applies it, a restart after a crash, a clean stop,
# a reboot, an upgrade while the service runs, remove and purge.
#
#   scripts/test-deb-systemd.sh
#
# Not part of CI: it needs root, systemd-nspawn (package systemd-container)
# and, the first time, debootstrap and a Debian mirror to make the system
# (kept in $PAPI_DEB_ROOTFS, default /var/tmp/papi-board-debian12, ~280 MB;
# each run works on a copy). A recorded run is in docs/debian-package.md.
set -euo pipefail
cd "$(dirname "$0")/.."

START=$SECONDS
step() { echo "== [$((SECONDS - START))s] $*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
check() { # check DESCRIPTION COMMAND…
  local what=$1; shift
  if "$@"; then echo "   ok: $what"; else fail "$what"; fi
}

[ "$(id -u)" = 0 ] || fail "run as root"
export DEBIAN_FRONTEND=noninteractive
need=()
command -v systemd-nspawn >/dev/null || need+=(systemd-container)
command -v debootstrap >/dev/null || need+=(debootstrap)
command -v tmux >/dev/null || need+=(tmux)
if [ ${#need[@]} -gt 0 ]; then
  step "installing ${need[*]}"
  (apt-get -o DPkg::Lock::Timeout=600 update -qq &&
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${need[@]}") >/dev/null
fi

BASE=${PAPI_DEB_ROOTFS:-/var/tmp/papi-board-debian12}
if [ ! -x "$BASE/usr/lib/systemd/systemd" ]; then
  step "making a Debian 12 system in $BASE (debootstrap)"
  debootstrap --variant=minbase \
    --include=systemd,systemd-sysv,dbus,adduser,sudo,openssh-client,man-db,procps,iproute2 \
    bookworm "$BASE" http://deb.debian.org/debian >/dev/null
fi

WORK=$(mktemp -d /var/tmp/papi-test-deb-systemd.XXXXXX)
ROOT=$WORK/root
NSPAWN_PID=""
TMUX_SOCK="papi-test-deb-systemd-$$"
cleanup() {
  local rc=$?
  tmux -L "$TMUX_SOCK" kill-server 2>/dev/null || true
  if [ -n "$NSPAWN_PID" ]; then
    kill -TERM "$NSPAWN_PID" 2>/dev/null || true # nspawn: power the container off
    wait "$NSPAWN_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
  echo "== test-deb-systemd: $([ $rc = 0 ] && echo passed || echo FAILED) in $((SECONDS - START)) s"
}
trap cleanup EXIT

step "building the packages"
UPSTREAM=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
mkdir -p "$WORK/old" "$WORK/new"
scripts/build-deb.sh --fast --output "$WORK/old/" >/dev/null
scripts/build-deb.sh --fast --output "$WORK/new/" --deb-version "$UPSTREAM-2" >/dev/null
OLD=$(basename "$(ls "$WORK"/old/papi-board_*.deb)")
NEW=$(basename "$(ls "$WORK"/new/papi-board_*.deb)")

step "a copy of the system, booted"
cp -a "$BASE" "$ROOT"
echo papi-server >"$ROOT/etc/hostname"
printf '127.0.0.1 localhost\n::1 localhost ip6-localhost\n127.0.1.1 papi-server\n' >"$ROOT/etc/hosts"
cp "$WORK/old/$OLD" "$WORK/new/$NEW" "$ROOT/root/"

leader() { pgrep -P "$NSPAWN_PID" -x systemd; } # the container's PID 1
boot() {
  systemd-nspawn -D "$ROOT" --boot --private-network --register=no --keep-unit \
    --hostname=papi-server --console=passive >>"$WORK/nspawn.log" 2>&1 &
  export NSPAWN_PID=$!
  local deadline=$((SECONDS + 120)) state
  until state=$(inside systemctl is-system-running 2>/dev/null) &&
    [[ $state = running || $state = degraded ]]; do
    [ $SECONDS -lt $deadline ] || { cat "$WORK/nspawn.log"; fail "the container does not boot"; }
    sleep 0.5
  done
}
# A command in the container, as root in /root, with a login's environment.
inside() {
  local pid
  pid=$(leader) || return 1
  nsenter -t "$pid" -a --wd="$ROOT/root" env -i HOME=/root USER=root LOGNAME=root \
    PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 TERM=xterm-256color "$@"
}
sh_inside() { inside bash -c "cd /root && $1"; }
wait_until() { # wait_until DESCRIPTION SECONDS SHELL-CONDITION (inside)
  local deadline=$((SECONDS + $2))
  until sh_inside "$3" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || fail "$1"
    sleep 0.5
  done
}
main_pid() { sh_inside 'systemctl show -p MainPID --value papi-board'; }
export ROOT
export -f leader inside sh_inside main_pid # for the checks' bash -c

boot
check "systemd runs in the container ($(sh_inside 'systemctl --version | head -1'))" true

step "the guide's four commands"
sh_inside 'ssh-keygen -q -t ed25519 -N "" -C lan@may-lan -f ~/.ssh/id_ed25519 && cp ~/.ssh/id_ed25519.pub lan.pub'
sh_inside "sudo apt-get install -y ./$OLD" >"$WORK/install.log" 2>&1 || { cat "$WORK/install.log"; fail "install"; }
check "installed: not enabled" test "$(sh_inside 'systemctl is-enabled papi-board' || true)" = disabled
check "installed: not running" test "$(sh_inside 'systemctl is-active papi-board' || true)" = inactive
sh_inside 'sudo -u papi-board papi-board --db /var/lib/papi-board/db user add lan --key "$(cat lan.pub)" --role admin'
sh_inside 'sudo systemctl enable --now papi-board' 2>&1 | sed 's/^/   | /'
wait_until "the service does not listen on 2222" 30 'ss -ltn | grep -q 127.0.0.1:2222'
sh_inside 'ssh -p 2222 -o StrictHostKeyChecking=accept-new lan@localhost status' >"$WORK/status.txt"
check "ssh -p 2222 lan@localhost status: the morning check" grep -q "xã Hòa Phong" "$WORK/status.txt"
tmux -L "$TMUX_SOCK" new-session -d -x 80 -y 24 \
  "nsenter -t $(leader) -a --wd=$ROOT/root env HOME=/root TERM=xterm-256color LANG=C.UTF-8 ssh -p 2222 lan@localhost; sleep 30"
deadline=$((SECONDS + 30))
until tmux -L "$TMUX_SOCK" capture-pane -p | grep -q "Hòa Phong"; do
  [ $SECONDS -lt $deadline ] || { tmux -L "$TMUX_SOCK" capture-pane -p; fail "no board over ssh"; }
  sleep 0.2
done
echo "   ok: ssh -p 2222 lan@localhost: the board"
tmux -L "$TMUX_SOCK" capture-pane -p | head -3 | sed 's/^/      | /'
tmux -L "$TMUX_SOCK" send-keys q
tmux -L "$TMUX_SOCK" kill-server 2>/dev/null || true

step "day to day: status, journal, settings"
sh_inside 'systemctl status papi-board --no-pager' >"$WORK/systemctl-status.txt" || true
sed 's/^/   | /' "$WORK/systemctl-status.txt"
check "systemctl status: active (running), as papi-board" \
  bash -c 'grep -q "Active: active (running)" "$1" && [ "$(sh_inside "ps -o user= -p $(main_pid)")" = papi-board ]' _ \
  "$WORK/systemctl-status.txt"
sh_inside 'journalctl -u papi-board --no-pager' >"$WORK/journal.txt"
check "journalctl -u papi-board: the address and the host key's fingerprint" \
  bash -c 'grep -q "127.0.0.1:2222" "$1" && grep -q "SHA256:" "$1"' _ "$WORK/journal.txt"
sh_inside "sed -i 's/^PAPI_BOARD_LISTEN=.*/PAPI_BOARD_LISTEN=0.0.0.0:2222/' /etc/default/papi-board"
sh_inside 'sudo systemctl restart papi-board'
wait_until "no listening on 0.0.0.0:2222 after the restart" 30 'ss -ltn | grep -q 0.0.0.0:2222'
check "/etc/default/papi-board + systemctl restart: listens on 0.0.0.0:2222" true
sh_inside 'sudo ls /var/lib/papi-board/db.backups/' | sed 's/^/   | /'

step "the sandbox, as systemd applies it"
PID=$(main_pid)
sh_inside "grep -E '^(NoNewPrivs|Seccomp|CapEff|CapBnd)' /proc/$PID/status" | sed 's/^/   | /'
check "no new privileges, a seccomp filter, no capabilities" \
  sh_inside "grep -q 'NoNewPrivs:.1' /proc/$PID/status && grep -q 'Seccomp:.2' /proc/$PID/status && grep -q 'CapEff:.0000000000000000' /proc/$PID/status"
check "the system is read-only to it (even to root in its view)" \
  sh_inside "! nsenter -t $PID -m touch /etc/papi-board-probe 2>/dev/null && ! nsenter -t $PID -m touch /usr/papi-board-probe 2>/dev/null"
check "its data directory is not" \
  sh_inside "nsenter -t $PID -m -S \$(id -u papi-board) -G \$(id -g papi-board) touch /var/lib/papi-board/probe && rm /var/lib/papi-board/probe"
check "home folders are hidden from it" \
  sh_inside "[ -z \"\$(nsenter -t $PID -m ls -A /root)\" ]"

step "a crash, a clean stop, a reboot"
sh_inside "kill -KILL $PID"
wait_until "not restarted after a crash" 30 "[ \"\$(systemctl show -p MainPID --value papi-board)\" != 0 ] && [ \"\$(systemctl show -p MainPID --value papi-board)\" != $PID ] && ss -ltn | grep -q :2222"
check "killed, it is started again (Restart=on-failure)" true
sh_inside 'sudo systemctl stop papi-board'
check "systemctl stop: status 0, everything saved" \
  bash -c '[ "$(sh_inside "systemctl show -p ExecMainStatus --value papi-board")" = 0 ] &&
    sh_inside "journalctl -u papi-board --no-pager" | grep -q "Đã dừng máy chủ; dữ liệu đã được lưu."'
sh_inside 'sudo systemctl start papi-board'
wait_until "not started" 30 'ss -ltn | grep -q :2222'
sh_inside 'ssh -p 2222 lan@localhost list --json' >"$WORK/tasks-1.json"
sh_inside 'systemctl reboot' 2>/dev/null || true # the call is cut short by the reboot
wait "$NSPAWN_PID" || true
NSPAWN_PID=""
boot
wait_until "not running after the reboot" 60 'ss -ltn | grep -q :2222'
sh_inside 'ssh -p 2222 -o StrictHostKeyChecking=yes lan@localhost list --json' >"$WORK/tasks-2.json"
check "after a reboot it runs by itself, same host key, same tasks" cmp -s "$WORK/tasks-1.json" "$WORK/tasks-2.json"

step "administration while the service runs"
# ADMIN-WHILE-SERVING: the service's own user is served by the running
# service over its socket, from outside systemd's sandbox.
sh_inside 'ssh-keygen -q -t ed25519 -N "" -C hoa@may-hoa -f hoa'
PID=$(main_pid)
sh_inside 'sudo -u papi-board papi-board --db /var/lib/papi-board/db user add hoa --key "$(cat hoa.pub)" --role editor --unit dc'
check "the service kept running (pid $PID)" test "$(main_pid)" = "$PID"
check "the colleague logs in" sh_inside 'ssh -p 2222 -i hoa -o StrictHostKeyChecking=yes hoa@localhost status | grep -q "xã Hòa Phong"'

step "upgrade while it runs"
PID=$(main_pid)
sh_inside "sudo apt-get install -y ./$NEW" >"$WORK/upgrade.log" 2>&1 || { cat "$WORK/upgrade.log"; fail "upgrade"; }
wait_until "not running after the upgrade" 30 'systemctl is-active -q papi-board && ss -ltn | grep -q :2222'
VERSION_NOW=$(sh_inside "dpkg-query -W -f '\${Version}' papi-board")
check "upgraded to $VERSION_NOW" test "$VERSION_NOW" = "$UPSTREAM-2"
check "the service restarted with the new program (pid $PID, now $(main_pid))" test "$(main_pid)" != "$PID"
check "the settings kept" sh_inside 'grep -q "^PAPI_BOARD_LISTEN=0.0.0.0:2222" /etc/default/papi-board'
sh_inside 'ssh -p 2222 -o StrictHostKeyChecking=yes lan@localhost list --json' >"$WORK/tasks-3.json"
check "the same host key, the same tasks" cmp -s "$WORK/tasks-1.json" "$WORK/tasks-3.json"

step "remove and purge while it runs"
sh_inside 'sudo apt-get remove -y papi-board' >/dev/null 2>&1
check "remove: the service is stopped, the program gone" \
  sh_inside '! pgrep -x papi-board && [ ! -e /usr/bin/papi-board ]'
check "remove: the data and the settings stay" \
  sh_inside '[ -e /var/lib/papi-board/db ] && [ -e /etc/default/papi-board ]'
sh_inside 'sudo apt-get purge -y papi-board' >/dev/null 2>&1
check "purge: the settings and the service's registration go" \
  sh_inside '[ ! -e /etc/default/papi-board ] && [ ! -e /etc/systemd/system/multi-user.target.wants/papi-board.service ]'
check "purge: the data and the user stay" \
  sh_inside '[ -e /var/lib/papi-board/db ] && getent passwd papi-board >/dev/null'
sh_inside 'sudo rm -rf /var/lib/papi-board'
sh_inside 'sudo deluser papi-board' >/dev/null 2>&1
check "rm -rf /var/lib/papi-board, deluser papi-board: nothing left" \
  sh_inside '[ ! -e /var/lib/papi-board ] && ! getent passwd papi-board && ! getent group papi-board'
sh_inside 'systemctl poweroff' || true
wait "$NSPAWN_PID" || true
NSPAWN_PID=""
