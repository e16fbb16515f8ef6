# Sourced by the project's scripts: one target folder for every build, CI and session alike.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/convene/target}"
