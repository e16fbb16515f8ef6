// SPDX-License-Identifier: GPL-3.0-or-later
//! The crash soak's short version (`scripts/soak --kills 3`): a dev node on a `--base-path`
//! running a bot community is killed with SIGKILL three times at random moments; after each
//! restart the chain resumes, no finalized block is lost, native balances add up, and the bots
//! carry on until another ceremony completes. The full soak (20 kills, every pallet's
//! `try_state` on a try-runtime build) is run by hand: `scripts/soak`.

use convene_test_support::{node_binary, repo_path};
use std::process::Command;

#[test]
fn the_node_survives_sigkills_and_the_bots_carry_on() {
	// `convene` is built next to `bot-community` by `cargo test --workspace`.
	let bot = std::path::Path::new(env!("CARGO_BIN_EXE_bot-community"));
	let bin_dir = bot.parent().expect("the binaries' folder");
	let status = Command::new(repo_path("scripts/soak"))
		.args(["--kills", "3", "--min-wait", "2", "--max-wait", "8", "--no-try-runtime"])
		.arg("--bin-dir")
		.arg(bin_dir)
		.arg("--node")
		.arg(node_binary())
		.status()
		.expect("scripts/soak runs");
	assert!(status.success(), "the soak failed (its output is above)");
}
