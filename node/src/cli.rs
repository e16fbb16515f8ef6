// SPDX-License-Identifier: GPL-3.0-or-later
//! Command-line interface.

/// Subcommands besides running the node.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management: generate, inspect, insert keys into the keystore.
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Build a chain specification (deprecated: use `export-chain-spec`).
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Export a chain specification (`--chain dev|local|testnet`, `--raw`).
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a block as a chain specification.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain database.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Database metadata.
	ChainInfo(sc_cli::ChainInfoCmd),

	/// Benchmarks (in a node built with `--features runtime-benchmarks`).
	#[cfg(feature = "runtime-benchmarks")]
	#[command(subcommand)]
	Benchmark(BenchmarkSubcommand),
}

/// What `benchmark` measures.
#[cfg(feature = "runtime-benchmarks")]
#[derive(Debug, clap::Subcommand)]
pub enum BenchmarkSubcommand {
	/// Run pallets' benchmarks in the runtime and write weight files (`--output`), e.g.
	/// `benchmark pallet --chain dev --pallet pallet_communities --extrinsic '*'`.
	Pallet(Box<frame_benchmarking_cli::PalletCmd>),
}

/// The Convene node.
///
/// `convene-node --dev` runs a single-node development chain that seals a block as soon as a
/// transaction arrives (finalized at once), and also when a ceremony phase is due. Other chains
/// (`--chain local`, `--chain testnet`, or a chain-spec file) run Aura block production and
/// GRANDPA finality over the network.
#[derive(Debug, clap::Parser)]
#[command(
	propagate_version = true,
	args_conflicts_with_subcommands = true,
	subcommand_negates_reqs = true
)]
pub struct Cli {
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	#[clap(flatten)]
	pub run: sc_cli::RunCmd,

	/// On a development chain, seal a block every MS milliseconds (empty or not) instead of as
	/// soon as a transaction arrives. Ignored by Aura + GRANDPA chains.
	#[arg(long, value_name = "MS", value_parser = clap::value_parser!(u64).range(1..))]
	pub dev_block_time: Option<u64>,
}
