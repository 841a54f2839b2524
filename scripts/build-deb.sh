#!/usr/bin/env bash
# Build the Debian package: papi-board, its manual pages and bash
# completion (written by the program from its own command-line
# definition), the guides, the systemd unit and the maintainer scripts.
#
#   scripts/build-deb.sh                          # target/debian/papi-board_<version>_<arch>.deb
#   scripts/build-deb.sh --deb-version 0.1.0-2    # any other option goes to `cargo deb`
#
# Needs cargo-deb (`cargo install cargo-deb --locked`) and dpkg.
# The package's settings are `[package.metadata.deb]` in Cargo.toml;
# its files are in assets/debian/.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! cargo deb --version >/dev/null 2>&1; then
  echo "cargo-deb is missing: cargo install cargo-deb --locked" >&2
  exit 1
fi

cargo build --release --locked
TARGET=$(cargo metadata --format-version 1 --no-deps |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
FILES="$TARGET/release/package-files"
rm -rf "$FILES"
"$TARGET/release/papi-board" package-files "$FILES" >/dev/null
# Manual pages are installed compressed (Debian policy 12.1).
gzip -9n "$FILES"/man/*.1
cargo deb --no-build --locked "$@"
