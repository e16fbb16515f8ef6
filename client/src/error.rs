// SPDX-License-Identifier: GPL-3.0-or-later
//! Errors, and the process exit code each class of error maps to.
//!
//! The codes 50, 51, 52, 60 and 70 are the reference client's, so scripts written for it keep
//! working; the others are new. `convene --help` and the README list them.

use std::fmt;

/// A process exit code of the `convene` CLI.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
#[repr(u8)]
pub enum ExitCode {
	/// Success.
	Ok = 0,
	/// The transaction was included but failed (the pallet error is named), or the node
	/// rejected it for a reason other than the fee (e.g. a stale nonce).
	TxFailed = 1,
	/// Bad input: a malformed argument, account, amount, specfile or file.
	BadInput = 2,
	/// The ceremony is in the wrong phase for this action.
	WrongPhase = 50,
	/// The fee cannot be paid (in the native token or the `--tx-payment-cid` currency).
	FeePaymentFailed = 51,
	/// The reputation or proof of attendance is not usable for this action.
	InvalidReputation = 52,
	/// Not enough funds for the transfer, deposit or escrow asked for.
	InsufficientFunds = 53,
	/// The node cannot be reached, or it failed to answer.
	RpcError = 60,
	/// The IPFS service refused or failed to store content.
	IpfsError = 61,
	/// The command needs `--cid`.
	NoCidSpecified = 70,
	/// No community with this identifier exists on the chain.
	UnknownCommunity = 71,
}

impl ExitCode {
	/// The stable lower-case name used in `--json` error output.
	pub fn name(self) -> &'static str {
		match self {
			Self::Ok => "ok",
			Self::TxFailed => "tx_failed",
			Self::BadInput => "bad_input",
			Self::WrongPhase => "wrong_phase",
			Self::FeePaymentFailed => "fee_payment_failed",
			Self::InvalidReputation => "invalid_reputation",
			Self::InsufficientFunds => "insufficient_funds",
			Self::RpcError => "rpc_error",
			Self::IpfsError => "ipfs_error",
			Self::NoCidSpecified => "no_cid_specified",
			Self::UnknownCommunity => "unknown_community",
		}
	}
}

/// What went wrong.
#[derive(Debug)]
pub enum Error {
	/// Bad input (the message names the argument or field and the problem).
	BadInput(String),
	/// The node cannot be reached at this address: the connection, TLS or WebSocket handshake
	/// failed.
	Unreachable {
		/// The address tried (without its password).
		url: String,
		/// Why, said once.
		reason: String,
	},
	/// An RPC failed on an open connection.
	Rpc(String),
	/// `--cid` is missing.
	NoCid,
	/// The community does not exist.
	UnknownCommunity(String),
	/// The transaction was included and failed with a dispatch error.
	Dispatch {
		/// `Pallet::Error` for a pallet error, else the dispatch error's kind (`Token::…`).
		name: String,
		/// The error's documentation, if any.
		docs: String,
		/// The block the transaction is in.
		block: String,
	},
	/// The reputation or proof of attendance an action needs is not there (found before
	/// anything is submitted).
	InvalidReputation(String),
	/// The pool refused the transaction because its fee cannot be paid.
	FeePayment(String),
	/// The pool refused or dropped the transaction for another reason.
	Rejected(String),
	/// The IPFS service failed.
	Ipfs(String),
	/// The ceremony is in the wrong phase for this action (found before anything is sent).
	WrongPhase(String),
	/// A multi-transaction action failed part-way: what failed, and what is done.
	Partial {
		/// The failure.
		cause: Box<Error>,
		/// What is on chain, and how to finish.
		done: String,
	},
}

/// Pallet errors that mean "wrong phase" (a test checks every name against the metadata).
const WRONG_PHASE: &[&str] = &[
	"Ceremonies::RegisteringOrAttestingPhaseRequired",
	"Ceremonies::AttestingPhaseRequired",
	"Ceremonies::WrongPhaseForClaimingRewards",
	"Ceremonies::WrongPhaseForChangingMeetupTimeOffset",
	"Ceremonies::EarlyRewardsNotPossible",
	"Communities::RegistrationPhaseRequired",
];

/// Pallet errors that mean "this reputation or proof cannot be used".
const INVALID_REPUTATION: &[&str] = &[
	"Ceremonies::WrongProofSubject",
	"Ceremonies::ProofOfOtherCommunity",
	"Ceremonies::ProofAcausal",
	"Ceremonies::ProofOutdated",
	"Ceremonies::AttendanceUnverifiedOrAlreadyUsed",
	"Ceremonies::AttendeeAlreadySeatsOne",
	"Ceremonies::BootstrapperReputationIsUntransferable",
	"Ceremonies::BadProofOfAttendanceSignature",
	"Ceremonies::MustBeNewbieToUpgrade",
];

/// Errors that mean "not enough funds": pallet errors, and `Token` dispatch errors (variants of
/// `sp_runtime::TokenError`).
const INSUFFICIENT_FUNDS: &[&str] = &[
	"CommunityBalances::InsufficientBalance",
	"CommunityBalances::NoAccount",
	"CommunityBalances::BelowExistentialDeposit",
	"Balances::InsufficientBalance",
	"Balances::Expendability",
	"Token::FundsUnavailable",
	"Token::BelowMinimum",
	"Token::OnlyProvider",
];

/// Pallet errors that mean "no such community".
const UNKNOWN_COMMUNITY: &[&str] = &[
	"Bazaar::CommunityNotFound",
	"Ceremonies::CommunityNotFound",
	"Communities::CommunityNotFound",
	"CommunityBalances::CommunityNotFound",
];

impl Error {
	/// The exit code for this error.
	pub fn exit_code(&self) -> ExitCode {
		match self {
			Self::BadInput(_) => ExitCode::BadInput,
			Self::Rpc(_) | Self::Unreachable { .. } => ExitCode::RpcError,
			Self::NoCid => ExitCode::NoCidSpecified,
			Self::UnknownCommunity(_) => ExitCode::UnknownCommunity,
			Self::FeePayment(_) => ExitCode::FeePaymentFailed,
			Self::Rejected(_) => ExitCode::TxFailed,
			Self::Ipfs(_) => ExitCode::IpfsError,
			Self::InvalidReputation(_) => ExitCode::InvalidReputation,
			Self::WrongPhase(_) => ExitCode::WrongPhase,
			Self::Partial { cause, .. } => cause.exit_code(),
			Self::Dispatch { name, .. } => {
				let name = &name.as_str();
				if WRONG_PHASE.contains(name) {
					ExitCode::WrongPhase
				} else if INVALID_REPUTATION.contains(name) {
					ExitCode::InvalidReputation
				} else if INSUFFICIENT_FUNDS.contains(name) {
					ExitCode::InsufficientFunds
				} else if UNKNOWN_COMMUNITY.contains(name) {
					ExitCode::UnknownCommunity
				} else {
					ExitCode::TxFailed
				}
			},
		}
	}

	/// The pallet error's name (`Pallet::Error`), for a failed transaction.
	pub fn dispatch_error(&self) -> Option<&str> {
		match self {
			Self::Dispatch { name, .. } => Some(name),
			Self::Partial { cause, .. } => cause.dispatch_error(),
			_ => None,
		}
	}

	/// A transport-level failure: unreachable node or failed RPC.
	pub fn rpc(e: impl fmt::Display) -> Self {
		Self::Rpc(e.to_string())
	}

	/// Classify the node's refusal of a transaction (at submission or while watching it).
	/// [`Error::rejected`] for a submission subxt reports as failed: the node's reason, which
	/// the JSON-RPC error carries in its data (`Invalid Transaction (1010)` with `Transaction
	/// is outdated`), is added to the message.
	pub(crate) fn rejected_by_node(error: subxt::error::ExtrinsicError) -> Self {
		use subxt::error::{BackendError, ExtrinsicError, RpcError};
		let backend = match &error {
			ExtrinsicError::ErrorSubmittingTransaction(e)
			| ExtrinsicError::TransactionStatusStreamError(e) => Some(e),
			_ => None,
		};
		let reason = match backend {
			Some(BackendError::Rpc(RpcError::ClientError(subxt::rpcs::Error::User(user)))) => {
				user.data.as_ref().map(|data| data.get().trim_matches('"').to_owned())
			},
			_ => None,
		};
		match reason {
			Some(reason) => Self::rejected(format!("{error}: {reason}")),
			None => Self::rejected(error),
		}
	}

	pub(crate) fn rejected(message: impl fmt::Display) -> Self {
		let message = message.to_string();
		if message.contains("Inability to pay some fees") || message.contains("Payment") {
			Self::FeePayment(message)
		} else if message.contains("Connection")
			|| message.contains("connection")
			|| message.contains("restart required")
		{
			Self::Rpc(message)
		} else {
			Self::Rejected(message)
		}
	}
}

impl fmt::Display for Error {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			Self::BadInput(m) => write!(f, "{m}"),
			Self::Unreachable { url, reason } => {
				write!(f, "cannot reach the node at {url}: {reason}")
			},
			Self::Rpc(m) => write!(f, "the node's RPC failed: {m}"),
			Self::NoCid => write!(f, "this command needs --cid <community identifier>"),
			Self::UnknownCommunity(cid) => write!(f, "community {cid} does not exist on chain"),
			Self::Dispatch { name, docs, block } if docs.is_empty() => {
				write!(f, "the transaction failed in block {block}: {name}")
			},
			Self::Dispatch { name, docs, block } => {
				write!(f, "the transaction failed in block {block}: {name} ({docs})")
			},
			Self::FeePayment(m) => write!(f, "the fee cannot be paid: {m}"),
			Self::Rejected(m) => write!(f, "the node refused the transaction: {m}"),
			Self::Ipfs(m) => write!(f, "IPFS: {m}"),
			Self::InvalidReputation(m) | Self::WrongPhase(m) => write!(f, "{m}"),
			Self::Partial { cause, done } => write!(f, "{cause}\n{done}"),
		}
	}
}

impl std::error::Error for Error {}

/// A result with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// `Error::BadInput` from a message.
pub fn bad_input(message: impl Into<String>) -> Error {
	Error::BadInput(message.into())
}

#[cfg(test)]
mod tests {
	use super::*;

	fn dispatch(name: &str) -> Error {
		Error::Dispatch { name: name.into(), docs: String::new(), block: "0x00".into() }
	}

	#[test]
	fn pallet_errors_map_to_the_documented_codes() {
		assert_eq!(
			dispatch("Ceremonies::RegisteringOrAttestingPhaseRequired").exit_code(),
			ExitCode::WrongPhase
		);
		assert_eq!(dispatch("Communities::RegistrationPhaseRequired").exit_code() as u8, 50);
		assert_eq!(dispatch("Ceremonies::ProofOutdated").exit_code() as u8, 52);
		assert_eq!(dispatch("CommunityBalances::InsufficientBalance").exit_code() as u8, 53);
		assert_eq!(dispatch("Token::FundsUnavailable").exit_code() as u8, 53);
		assert_eq!(dispatch("Bazaar::CommunityNotFound").exit_code() as u8, 71);
		assert_eq!(dispatch("Bazaar::BusinessExists").exit_code() as u8, 1);
	}

	/// A renamed or removed pallet error would silently fall back to exit code 1: every name
	/// in the tables is an error of the committed metadata (a pallet's, or a `TokenError`).
	#[test]
	fn every_error_in_the_exit_code_tables_exists_in_the_metadata() {
		let metadata = subxt::metadata::Metadata::decode_from(
			&include_bytes!("../metadata/convene.scale")[..],
		)
		.expect("the committed metadata decodes");
		let token_errors: Vec<String> = metadata
			.types()
			.types
			.iter()
			.find(|t| t.ty.path.segments == ["sp_runtime", "TokenError"])
			.map(|t| match &t.ty.type_def {
				scale_info::TypeDef::Variant(v) => {
					v.variants.iter().map(|v| v.name.clone()).collect()
				},
				_ => Vec::new(),
			})
			.expect("TokenError is in the metadata");
		let tables = [WRONG_PHASE, INVALID_REPUTATION, INSUFFICIENT_FUNDS, UNKNOWN_COMMUNITY];
		for name in tables.into_iter().flatten() {
			let (pallet, error) = name.split_once("::").expect("Pallet::Error");
			let exists = match pallet {
				"Token" => token_errors.iter().any(|t| t == error),
				_ => metadata
					.pallet_by_name(pallet)
					.and_then(|p| p.error_variants())
					.is_some_and(|v| v.iter().any(|v| v.name == error)),
			};
			assert!(exists, "{name} is in an exit-code table but not in the metadata");
		}
	}

	#[test]
	fn the_nodes_reason_is_taken_from_the_rpc_errors_data() {
		use subxt::error::{BackendError, ExtrinsicError, RpcError};
		let refusal = |data: Option<&str>| {
			ExtrinsicError::ErrorSubmittingTransaction(BackendError::Rpc(RpcError::ClientError(
				subxt::rpcs::Error::User(subxt::rpcs::UserError {
					code: 1010,
					message: "Invalid Transaction".into(),
					data: data.map(|d| serde_json::value::RawValue::from_string(d.into()).unwrap()),
				}),
			)))
		};
		let stale = Error::rejected_by_node(refusal(Some("\"Transaction is outdated\"")));
		assert_eq!(
			stale.to_string(),
			"the node refused the transaction: Cannot submit extrinsic: Backend error: RPC error: \
			 RPC error: User error: Invalid Transaction (1010): Transaction is outdated"
		);
		let poor = refusal(Some("\"Inability to pay some fees (e.g. account balance too low)\""));
		assert!(matches!(Error::rejected_by_node(poor), Error::FeePayment(_)));
		assert_eq!(
			Error::rejected_by_node(refusal(None)).to_string(),
			"the node refused the transaction: Cannot submit extrinsic: Backend error: RPC error: \
			 RPC error: User error: Invalid Transaction (1010)"
		);
	}

	#[test]
	fn pool_refusals_are_classified() {
		let fee = Error::rejected(
			"Invalid Transaction (1010): Inability to pay some fees (e.g. account balance too low)",
		);
		assert_eq!(fee.exit_code(), ExitCode::FeePaymentFailed);
		let stale = Error::rejected("Invalid Transaction (1010): Transaction is outdated");
		assert_eq!(stale.exit_code(), ExitCode::TxFailed);
		let lost = Error::rejected("Networking or low-level protocol error: Connection closed");
		assert_eq!(lost.exit_code(), ExitCode::RpcError);
		let none = Error::InvalidReputation("nothing to prove".into());
		assert_eq!(none.exit_code(), ExitCode::InvalidReputation);
	}
}
