// SPDX-License-Identifier: GPL-3.0-or-later
//! The Convene runtime: FRAME composition, runtime APIs and genesis presets.
#![cfg_attr(not(feature = "std"), no_std)]
// `#[frame_support::runtime]` and `impl_runtime_apis!` generate undocumented items.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

// Before `apis`: its `list_benchmarks!`/`add_benchmarks!` macros are used there.
#[cfg(feature = "runtime-benchmarks")]
#[macro_use]
mod benchmarks;
pub mod apis;
pub mod configs;
pub mod dev_mode;
#[cfg(test)]
mod fuzz;
pub mod genesis_config_presets;
#[cfg(test)]
mod tests;

use alloc::vec::Vec;
use frame::{
	deps::{
		sp_core::H256,
		sp_runtime::{generic, impl_opaque_keys, MultiAddress, MultiSignature},
	},
	prelude::*,
	runtime::prelude::*,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
};

pub use convene_primitives::scheduler::{CeremonyIndex, CeremonyInfo, CeremonyPhase, Moment};
#[cfg(feature = "std")]
pub use pallet_bazaar::runtime_api::BazaarApi;
/// The runtime APIs, as the node and clients call them (the client-side traits exist with `std`).
#[cfg(feature = "std")]
pub use pallet_ceremony_scheduler::runtime_api::CeremonySchedulerApi;
#[cfg(feature = "std")]
pub use pallet_communities::runtime_api::CommunitiesApi;
pub use pallet_communities::CommunityIdentifier;
#[cfg(feature = "std")]
pub use pallet_community_balances::runtime_api::CommunityBalancesApi;

/// Block number.
pub type BlockNumber = u32;
/// Transaction signature: sr25519 by default, ed25519 and ecdsa accepted.
pub type Signature = MultiSignature;
/// Account id: the public key of the signing scheme (AccountId32).
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// Native balance, 12 decimals.
pub type Balance = u128;
/// Transaction counter of an account.
pub type Nonce = u32;
/// Block and state hash.
pub type Hash = H256;

/// One native token (12 decimals).
pub const UNIT: Balance = 1_000_000_000_000;
/// One thousandth of a token.
pub const MILLI_UNIT: Balance = UNIT / 1_000;
/// The smallest balance an account may hold (0.001 token).
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;
/// Aura slot length on Aura + GRANDPA chains (ms). Dev chains seal on demand instead.
pub const SLOT_DURATION: u64 = 6_000;
/// Native token symbol, reported in chain-spec properties.
pub const TOKEN_SYMBOL: &str = "CVN";
/// Native token decimals.
pub const TOKEN_DECIMALS: u8 = 12;
/// SS58 address prefix (generic Substrate, so addresses start with 5).
pub const SS58_PREFIX: u16 = 42;

/// Types the node needs without knowing the runtime's extrinsic format.
pub mod opaque {
	use super::*;
	pub use frame::deps::sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Block header.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Block.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;

	impl_opaque_keys! {
		/// Session keys of a validator.
		pub struct SessionKeys {
			/// Block authoring.
			pub aura: Aura,
			/// Finality voting.
			pub grandpa: Grandpa,
		}
	}
}

/// Runtime version. Bump `spec_version` with every logic or storage change.
#[runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("convene"),
	impl_name: alloc::borrow::Cow::Borrowed("convene-node"),
	authoring_version: 1,
	spec_version: 6,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 2,
	system_version: 1,
};

#[frame_construct_runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	// Before Timestamp: its inherent (the author's VRF output) comes first in every block, so a
	// phase change in the timestamp's inherent draws from randomness that includes it.
	#[runtime::pallet_index(2)]
	pub type VrfRandomness = pallet_vrf_randomness;
	#[runtime::pallet_index(3)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(5)]
	pub type Sudo = pallet_sudo;
	#[runtime::pallet_index(10)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(11)]
	pub type TransactionPayment = pallet_transaction_payment;
	// Before Session: its genesis reads the initial validators from ValidatorSet, and Aura's and
	// GRANDPA's authorities come from Session.
	#[runtime::pallet_index(20)]
	pub type ValidatorSet = pallet_validator_set;
	#[runtime::pallet_index(22)]
	pub type Session = pallet_session;
	#[runtime::pallet_index(23)]
	pub type Aura = pallet_aura;
	#[runtime::pallet_index(25)]
	pub type Grandpa = pallet_grandpa;
	#[runtime::pallet_index(40)]
	pub type Utility = pallet_utility;
	#[runtime::pallet_index(41)]
	pub type DevMode = dev_mode;
	#[runtime::pallet_index(42)]
	pub type Proxy = pallet_proxy;
	#[runtime::pallet_index(60)]
	pub type CeremonyScheduler = pallet_ceremony_scheduler;
	#[runtime::pallet_index(61)]
	pub type Communities = pallet_communities;
	#[runtime::pallet_index(62)]
	pub type CommunityBalances = pallet_community_balances;
	#[runtime::pallet_index(63)]
	pub type Ceremonies = pallet_ceremonies;
	#[runtime::pallet_index(64)]
	pub type Bazaar = pallet_bazaar;
	#[runtime::pallet_index(65)]
	pub type Escrow = pallet_escrow<Instance1>;
	#[runtime::pallet_index(66)]
	pub type CommunityEscrow = pallet_escrow<Instance2>;
	#[runtime::pallet_index(67)]
	pub type ReputationCommitments = pallet_reputation_commitments;
	#[runtime::pallet_index(68)]
	pub type Democracy = pallet_community_democracy;
	#[runtime::pallet_index(69)]
	pub type Treasuries = pallet_community_treasuries;
	#[runtime::pallet_index(70)]
	pub type Faucet = pallet_personhood_faucet;
}

/// Account address format.
pub type Address = MultiAddress<AccountId, ()>;
/// Block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// The checks every signed transaction goes through.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	// Fees in the native token, or in a community currency (`asset_id: Some(cid)`).
	pallet_community_balances::ChargeAssetTxPayment<Runtime>,
);
/// Extrinsic as the runtime decodes it.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload a signer signs.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;
/// Runtime migrations, beyond the pallets' own.
type Migrations = (pallet_ceremonies::migrations::v1::MigrateToV1<Runtime>,);
/// Dispatches blocks and transactions to the pallets.
pub type Executive = frame::deps::frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;
