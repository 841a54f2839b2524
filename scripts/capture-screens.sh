#!/usr/bin/env bash
# Capture the screens shown in the user guides from the real program, at
# 80x24, in tmux, and put them into docs/huong-dan.md and docs/guide.md
# between their <!-- screen NAME --> … <!-- /screen --> markers.
#
#   scripts/capture-screens.sh            # uses target/release/papi-board
#   PAPI_BIN=path/to/papi-board scripts/capture-screens.sh
#
# Each run starts from a fresh database (the sample plan) with the date
# fixed at 01/07/2025 and no settings file, so the screens are the same on
# every machine, apart from the times tasks were created or changed (the
# real clock's). Needs tmux and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${PAPI_BIN:-target/release/papi-board}
if [ ! -x "$BIN" ]; then cargo build --release; fi
BIN=$(realpath "$BIN")

WORK=$(mktemp -d)
SOCK="papi-capture-$$"
trap 'tmux -L "$SOCK" kill-server 2>/dev/null || true; rm -rf "$WORK"' EXIT
OUT="$WORK/screens"
mkdir -p "$OUT"

TODAY=2025-07-01
NOCONF="$WORK/no-config.toml"

# One language: a fresh database, then every screen.
capture() {
  local lang=$1 db="$WORK/db-$1"
  local run=(env -u PAPI_BOARD_DB -u NO_COLOR PAPI_BOARD_CONFIG="$NOCONF" "$BIN" --db "$db" --today "$TODAY" --lang "$lang")
  "${run[@]}" init >/dev/null

  open_board() {
    tmux -L "$SOCK" new-session -d -x 80 -y 24 -s "$lang" \
      "env TERM=xterm-256color PAPI_BOARD_CONFIG=$NOCONF $BIN --db $db --today $TODAY --lang $lang"
    sleep 1.5
  }
  key() { for k in "$@"; do tmux -L "$SOCK" send-keys -t "$lang" "$k"; sleep 0.3; done; }
  typ() { tmux -L "$SOCK" send-keys -t "$lang" -l "$1"; sleep 0.5; }
  grab() { sleep 0.5; tmux -L "$SOCK" capture-pane -p -t "$lang" > "$OUT/$lang-$1.txt"; }
  vi() { [ "$lang" = vi ] && echo "$1" || echo "$2"; }

  # The first start, as a new user sees it.
  open_board
  grab board
  key '?'; grab help; key Escape
  key Enter; grab details; key Escape
  key L; grab moved
  key q; sleep 0.5

  # The same board on a phone held upright (45x30): one column at a time.
  tmux -L "$SOCK" new-session -d -x 45 -y 30 -s "$lang-phone" \
    "env TERM=xterm-256color PAPI_BOARD_CONFIG=$NOCONF $BIN --db $db --today $TODAY --lang $lang"
  sleep 1.5
  tmux -L "$SOCK" send-keys -t "$lang-phone" l; sleep 0.5
  tmux -L "$SOCK" capture-pane -p -t "$lang-phone" > "$OUT/$lang-phone.txt"
  tmux -L "$SOCK" send-keys -t "$lang-phone" q; sleep 0.5

  # A few dated tasks, so that the morning check has something to say.
  "${run[@]}" add 'Niêm yết công khai thủ tục đất đai tại bộ phận một cửa @dc #5 !20/6/2025' >/dev/null
  "${run[@]}" add 'Báo cáo sơ kết 6 tháng thực hiện kế hoạch PAPI @vp +tp #0 !5/7/2025' >/dev/null
  "${run[@]}" add 'Công khai danh sách hộ nghèo tại nhà văn hóa thôn @vhxh +thon #2 !15/7/2025' >/dev/null

  open_board
  key a; typ "$(vi 'Họp dân thôn Phú Sơn về quy hoạch đất @dc +thon #2 !30/7/2025' \
                  'Village meeting on the land-use plan @dc +thon #2 !30/7/2025')"
  grab quickadd; key Enter; key Escape
  key n; typ "$(vi 'Đã gửi giấy mời 120 hộ' 'Invitations sent to 120 households')"
  grab note; key Enter
  key c
  key a; typ "$(vi 'Gửi giấy mời các hộ' 'Send the invitations')"; key Enter Escape
  key a; typ "$(vi 'Chuẩn bị hội trường' 'Prepare the hall')"; key Enter Escape
  key Up Space
  grab checklist; key Escape
  key e; grab form; key Escape
  key 2; grab overview
  key 3; grab matrix
  key 4; grab deadlines
  key 1; key X; grab export; key Escape
  key q
  sleep 0.5

  "${run[@]}" status > "$OUT/$lang-status.txt"
}

capture vi
capture en

# Put each screen into the guides.
python3 - "$OUT" <<'EOF'
import pathlib, re, sys
out = pathlib.Path(sys.argv[1])
for guide, lang in (("docs/huong-dan.md", "vi"), ("docs/guide.md", "en"), ("README.md", "vi")):
    path = pathlib.Path(guide)
    if not path.exists():
        continue
    text = path.read_text(encoding="utf-8")
    def fill(m):
        name = m.group(1)
        screen = (out / f"{lang}-{name}.txt").read_text(encoding="utf-8").rstrip("\n")
        screen = "\n".join(line.rstrip() for line in screen.split("\n"))
        return f"<!-- screen {name} -->\n```text\n{screen}\n```\n<!-- /screen -->"
    text = re.sub(r"<!-- screen ([a-z-]+) -->.*?<!-- /screen -->", fill, text, flags=re.S)
    path.write_text(text, encoding="utf-8")
    print("updated", guide)
EOF
