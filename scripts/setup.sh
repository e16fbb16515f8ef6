#!/usr/bin/env bash
# Install what a fresh Debian/Ubuntu machine lacks to build and test Convene.
# Idempotent and silent when everything is already present.
set -euo pipefail

APT_PACKAGES=(protobuf-compiler clang libclang-dev make pkg-config libssl-dev g++ git curl)
# Node.js and npm run the @polkadot/api tests (tests/polkadot-js); a machine that has them
# already (from nodesource, nvm, …) keeps its own.
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || APT_PACKAGES+=(nodejs npm)
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

# The @polkadot/api tests' packages, exactly as the lock file pins them (again when it changes).
js="$(cd "$(dirname "$0")/.." && pwd)/tests/polkadot-js"
if [ ! "$js/node_modules/.package-lock.json" -nt "$js/package-lock.json" ]; then
	say "installing the @polkadot/api test packages (npm ci)"
	npm ci --prefix "$js" --no-audit --no-fund --loglevel=error >/dev/null
fi
