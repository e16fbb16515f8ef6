#!/usr/bin/env bash
# Install what a fresh Debian/Ubuntu machine lacks to build and test Convene.
# Idempotent and silent when everything is already present.
set -euo pipefail

APT_PACKAGES=(protobuf-compiler clang libclang-dev make pkg-config libssl-dev g++ git curl)
RUST_TARGETS=(wasm32-unknown-unknown wasm32v1-none)
RUST_COMPONENTS=(rust-src rustfmt clippy)

say() { printf 'setup: %s\n' "$*" >&2; }

missing=()
for p in "${APT_PACKAGES[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	say "installing ${missing[*]}"
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v rustup >/dev/null 2>&1; then
	say "installing rustup and the stable toolchain"
	curl -sSf https://sh.rustup.rs | sh -s -- -y -q --profile minimal --default-toolchain stable
	# shellcheck disable=SC1091
	. "$HOME/.cargo/env"
fi
installed_targets=$(rustup target list --installed)
for t in "${RUST_TARGETS[@]}"; do
	grep -qx "$t" <<<"$installed_targets" || { say "adding rust target $t"; rustup target add "$t" >/dev/null; }
done
installed_components=$(rustup component list --installed)
for c in "${RUST_COMPONENTS[@]}"; do
	grep -q "^$c" <<<"$installed_components" || { say "adding rust component $c"; rustup component add "$c" >/dev/null; }
done
