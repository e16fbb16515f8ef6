// SPDX-License-Identifier: GPL-3.0-or-later
//! `convene`: Convene's command-line client.

mod cli;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use cli::{accounts, bazaar, ceremonies, communities, escrow, validators, Ctx, Global, Output};
use convene_client::{Error, ExitCode};
use serde_json::json;
use std::io::Write;

const EXIT_CODES: &str = "\
Exit codes:
   0  success
   1  the transaction failed on chain (the pallet error is named) or the node refused it
   2  bad input: an argument, account, amount, specfile or file
  50  wrong phase for this action
  51  the fee cannot be paid (native token, or the --tx-payment-cid currency)
  52  the reputation or proof of attendance cannot be used
  53  insufficient funds
  60  the node cannot be reached or failed to answer
  61  the IPFS service failed
  70  the command needs --cid
  71  no community with this identifier exists

Accounts are //Name development URIs, mnemonics (optionally with //derivation), 0x seeds, or SS58
addresses whose key is in the keystore. Text goes to stdout and logs to stderr; with --json,
stdout is one JSON document, errors included ({\"error\": {\"code\", \"kind\", \"message\"}}).";

/// Convene's command-line client: accounts, communities, ceremonies, the bazaar and payment
/// channels.
#[derive(Parser, Debug)]
#[command(name = "convene", version, after_long_help = EXIT_CODES, after_help = "See --help for exit codes.")]
struct Cli {
	#[command(flatten)]
	global: Global,
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
	/// Generate a key (or store the given secret) in the keystore; prints its address.
	NewAccount(accounts::NewAccount),
	/// The addresses of the keys in the keystore.
	ListAccounts,
	/// Print the secret of a key in the keystore (as the key file holds it: a JSON string).
	ExportSecret(accounts::ExportSecret),
	/// Fund accounts from an endowed account (dev chains): one transfer each.
	Faucet(accounts::Faucet),
	/// The native balance, or with --cid the community-currency balance (demurrage applied).
	Balance(accounts::Balance),
	/// Transfer native tokens, or with --cid community currency.
	Transfer(accounts::Transfer),
	/// Transfer a whole community-currency balance (--cid), removing the sender's account.
	TransferAll(accounts::TransferAll),
	/// Found a community from a GeoJSON specfile; prints its identifier on the last line.
	NewCommunity(communities::NewCommunity),
	/// Every community with its name, locations, income and demurrage.
	ListCommunities,
	/// The meetup locations of --cid.
	ListLocations,
	/// Add the Point locations of a GeoJSON file to --cid (while registering).
	AddLocations(communities::AddLocations),
	/// Remove a location of --cid (a bootstrapper or the founder, or Root with --sudo; while
	/// registering).
	RemoveLocation(communities::RemoveLocation),
	/// The total issuance of --cid's currency (demurrage applied).
	Issuance,
	/// The ceremony phase: Registering, Assigning or Attesting.
	GetPhase,
	/// The current ceremony index.
	GetCindex,
	/// Move to the next phase (root, through Sudo).
	NextPhase(ceremonies::NextPhase),
	/// Register for the coming ceremony of --cid, with a proof of an unused attendance if any.
	RegisterParticipant(ceremonies::Register),
	/// Turn a newbie registration into a reputable one with a proof of attendance.
	UpgradeRegistration(ceremonies::ForAccount),
	/// Withdraw a registration.
	UnregisterParticipant(ceremonies::ForAccount),
	/// Endorse newcomers (one transaction each).
	EndorseNewcomers(ceremonies::Endorse),
	/// The registered participants of --cid, by class.
	ListParticipants(ceremonies::AtCeremony),
	/// The meetups of --cid: location, time and participants.
	ListMeetups(ceremonies::AtCeremony),
	/// Vote on the head count and attest the other attendees of your meetup.
	AttestAttendees(ceremonies::Attest),
	/// The votes and attestations of --cid.
	ListAttestees(ceremonies::AtCeremony),
	/// Claim the rewards of your meetup (or --meetup-index, or --all meetups in a batch).
	ClaimReward(ceremonies::Claim),
	/// An account's reputations: community, ceremony, and worth.
	Reputation(ceremonies::ReputationArgs),
	/// Verified attendances by community and ceremony.
	ListReputables(ceremonies::ListReputables),
	/// Register a business in --cid, described by --ipfs-cid or a --file to publish.
	CreateBusiness(bazaar::Describe),
	/// Change a business's description.
	UpdateBusiness(bazaar::Describe),
	/// Delete a business and its offerings.
	DeleteBusiness(bazaar::DeleteBusiness),
	/// Add an offering to a business, described by --ipfs-cid or a --file to publish.
	CreateOffering(bazaar::Describe),
	/// Delete an offering.
	DeleteOffering(bazaar::DeleteOffering),
	/// The businesses of --cid.
	ListBusinesses,
	/// The offerings of --cid.
	ListOfferings,
	/// The offerings of one business of --cid.
	ListBusinessOfferings(bazaar::BusinessOfferings),
	/// Open a payment channel (native tokens, or with --cid community currency); prints its id
	/// on the last line.
	OpenChannel(escrow::Open),
	/// Sign a cheque off-chain (nothing is submitted); prints the cheque on the last line.
	SignCheque(escrow::Sign),
	/// Claim cheques as the recipient, or --for it as its treasurer; several in one batch.
	ClaimChannel(escrow::Claim),
	/// Add funds to a channel (anyone may).
	AddFunds(escrow::AddFunds),
	/// Move a channel's expiration later (sender), optionally adding funds.
	ExtendChannel(escrow::Extend),
	/// Take back what is left of an expired channel (sender).
	ClaimTimeout(escrow::OnChannel),
	/// Give back what is left of a channel (recipient).
	ReleaseChannel(escrow::OnChannel),
	/// Remove an empty channel (sender); its id is never reused.
	CloseChannel(escrow::OnChannel),
	/// The channels an account opened (--sender) or is paid by (--recipient).
	ListChannels(escrow::List),
	/// One channel: parties, what it holds, nonce and expiration.
	ChannelInfo(escrow::InfoArgs),
	/// Let an account claim a recipient's channels, and nothing else (an EscrowClaim proxy).
	AddTreasurer(escrow::Treasurer),
	/// Register session keys for a validator account: generated in the keystore of the node at
	/// --node-url (which must be the validator's node), or given with --keys and --proof.
	SetSessionKeys(validators::SetSessionKeys),
	/// Add a validator (through Sudo); it authors from the second session boundary on.
	AddValidator(validators::ChangeSet),
	/// Remove a validator (through Sudo); it stops from the second session boundary on.
	RemoveValidator(validators::ChangeSet),
	/// The validators: active in this session, joining or leaving.
	ListValidators,
}

async fn run(ctx: &Ctx, command: Command) -> Result<Output, Error> {
	use Command::*;
	match command {
		NewAccount(a) => accounts::new_account(ctx, a),
		ListAccounts => accounts::list_accounts(ctx),
		ExportSecret(a) => accounts::export_secret(ctx, a),
		Faucet(a) => accounts::faucet(ctx, a).await,
		Balance(a) => accounts::balance(ctx, a).await,
		Transfer(a) => accounts::transfer(ctx, a).await,
		TransferAll(a) => accounts::transfer_all(ctx, a).await,
		NewCommunity(a) => communities::new_community(ctx, a).await,
		ListCommunities => communities::list_communities(ctx).await,
		ListLocations => communities::list_locations(ctx).await,
		AddLocations(a) => communities::add_locations(ctx, a).await,
		RemoveLocation(a) => communities::remove_location(ctx, a).await,
		Issuance => communities::issuance(ctx).await,
		GetPhase => ceremonies::get_phase(ctx).await,
		GetCindex => ceremonies::get_cindex(ctx).await,
		NextPhase(a) => ceremonies::next_phase(ctx, a).await,
		RegisterParticipant(a) => ceremonies::register(ctx, a).await,
		UpgradeRegistration(a) => ceremonies::upgrade(ctx, a).await,
		UnregisterParticipant(a) => ceremonies::unregister(ctx, a).await,
		EndorseNewcomers(a) => ceremonies::endorse(ctx, a).await,
		ListParticipants(a) => ceremonies::list_participants(ctx, a).await,
		ListMeetups(a) => ceremonies::list_meetups(ctx, a).await,
		AttestAttendees(a) => ceremonies::attest(ctx, a).await,
		ListAttestees(a) => ceremonies::list_attestees(ctx, a).await,
		ClaimReward(a) => ceremonies::claim(ctx, a).await,
		Reputation(a) => ceremonies::reputation(ctx, a).await,
		ListReputables(a) => ceremonies::list_reputables(ctx, a).await,
		CreateBusiness(a) => bazaar::create_business(ctx, a).await,
		UpdateBusiness(a) => bazaar::update_business(ctx, a).await,
		DeleteBusiness(a) => bazaar::delete_business(ctx, a).await,
		CreateOffering(a) => bazaar::create_offering(ctx, a).await,
		DeleteOffering(a) => bazaar::delete_offering(ctx, a).await,
		ListBusinesses => bazaar::list_businesses(ctx).await,
		ListOfferings => bazaar::list_offerings(ctx).await,
		ListBusinessOfferings(a) => bazaar::business_offerings(ctx, a).await,
		OpenChannel(a) => escrow::open(ctx, a).await,
		SignCheque(a) => escrow::sign(ctx, a).await,
		ClaimChannel(a) => escrow::claim(ctx, a).await,
		AddFunds(a) => escrow::add_funds(ctx, a).await,
		ExtendChannel(a) => escrow::extend(ctx, a).await,
		ClaimTimeout(a) => escrow::claim_timeout(ctx, a).await,
		ReleaseChannel(a) => escrow::release(ctx, a).await,
		CloseChannel(a) => escrow::close(ctx, a).await,
		ListChannels(a) => escrow::list(ctx, a).await,
		ChannelInfo(a) => escrow::info(ctx, a).await,
		AddTreasurer(a) => escrow::add_treasurer(ctx, a).await,
		SetSessionKeys(a) => validators::set_session_keys(ctx, a).await,
		AddValidator(a) => validators::add_validator(ctx, a).await,
		RemoveValidator(a) => validators::remove_validator(ctx, a).await,
		ListValidators => validators::list_validators(ctx).await,
	}
}

fn main() -> std::process::ExitCode {
	convene_client::logger::init(&["convene"], log::LevelFilter::Warn);
	// The node's flags (`NodeArgs`, shared with bot-community) may come after the command too,
	// like every other flag here.
	let matches = Cli::command().mut_args(|a| a.global(true)).get_matches();
	let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
	let json_output = cli.global.json;
	let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
		Ok(runtime) => runtime,
		Err(e) => {
			eprintln!("error: cannot start the async runtime: {e}");
			return std::process::ExitCode::from(ExitCode::RpcError as u8);
		},
	};
	let ctx = Ctx::new(cli.global);
	let result = runtime.block_on(run(&ctx, cli.command));
	let mut stdout = std::io::stdout().lock();
	match result {
		Ok(output) => {
			let printed = if json_output {
				writeln!(stdout, "{}", output.json)
			} else if output.text.is_empty() {
				Ok(())
			} else {
				writeln!(stdout, "{}", output.text)
			};
			// A closed pipe (e.g. `| head`) is not an error of ours.
			let _ = printed;
			std::process::ExitCode::SUCCESS
		},
		Err(e) => {
			let code = e.exit_code();
			if json_output {
				let error = json!({
					"error": {
						"code": code as u8,
						"kind": code.name(),
						"message": e.to_string(),
						"dispatch_error": e.dispatch_error(),
					}
				});
				let _ = writeln!(stdout, "{error}");
			}
			eprintln!("error: {e}");
			std::process::ExitCode::from(code as u8)
		},
	}
}
