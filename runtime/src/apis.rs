// SPDX-License-Identifier: GPL-3.0-or-later
//! Runtime APIs: the standard Substrate set plus Convene's reads.

use crate::*;
use alloc::vec::Vec;
use convene_primitives::page::Page;
use frame::{
	deps::{
		frame_support::weights::Weight,
		sp_core::{crypto::KeyTypeId, OpaqueMetadata},
		sp_runtime::{
			traits::{Block as BlockT, NumberFor},
			transaction_validity::{TransactionSource, TransactionValidity},
			ApplyExtrinsicResult,
		},
	},
	runtime::{
		apis::{
			self, sr25519::AuthorityId as AuraId, AuthorityList, EquivocationProof,
			OpaqueGeneratedSessionKeys, OpaqueKeyOwnershipProof, SetId, SlotDuration,
		},
		prelude::{CheckInherentsResult, ExtrinsicInclusionMode, InherentData},
	},
};
use pallet_grandpa::AuthorityId as GrandpaId;

impl_runtime_apis! {
	impl apis::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}
		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block);
		}
		fn initialize_block(header: &<Block as BlockT>::Header) -> ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl apis::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}
		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}
		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl apis::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}
		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}
		fn inherent_extrinsics(data: InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}
		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: InherentData,
		) -> CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl apis::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl apis::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl apis::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> SlotDuration {
			SlotDuration::from_millis(Aura::slot_duration())
		}
		fn authorities() -> Vec<AuraId> {
			pallet_aura::Authorities::<Runtime>::get().into_inner()
		}
	}

	impl apis::SessionKeys<Block> for Runtime {
		fn generate_session_keys(owner: Vec<u8>, seed: Option<Vec<u8>>) -> OpaqueGeneratedSessionKeys {
			opaque::SessionKeys::generate(&owner, seed).into()
		}
		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			opaque::SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl apis::GrandpaApi<Block> for Runtime {
		fn grandpa_authorities() -> AuthorityList {
			Grandpa::grandpa_authorities()
		}
		fn current_set_id() -> SetId {
			Grandpa::current_set_id()
		}
		fn submit_report_equivocation_unsigned_extrinsic(
			_equivocation_proof: EquivocationProof<<Block as BlockT>::Hash, NumberFor<Block>>,
			_key_owner_proof: OpaqueKeyOwnershipProof,
		) -> Option<()> {
			None
		}
		fn generate_key_ownership_proof(
			_set_id: SetId,
			_authority_id: GrandpaId,
		) -> Option<OpaqueKeyOwnershipProof> {
			// No key-ownership proofs without the session/historical pallets.
			None
		}
	}

	impl apis::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_info(uxt, len)
		}
		fn query_fee_details(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_fee_details(uxt, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}
		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl apis::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> frame::deps::sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}
		fn get_preset(id: &Option<PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, genesis_config_presets::get_preset)
		}
		fn preset_names() -> Vec<PresetId> {
			genesis_config_presets::preset_names()
		}
	}

	impl pallet_ceremony_scheduler::runtime_api::CeremonySchedulerApi<Block> for Runtime {
		fn ceremony_info() -> CeremonyInfo {
			CeremonyScheduler::ceremony_info()
		}
	}

	impl pallet_vrf_randomness::runtime_api::VrfRandomnessApi<Block> for Runtime {
		fn accumulator() -> [u8; 32] {
			pallet_vrf_randomness::Accumulator::<Runtime>::get()
		}
	}

	impl pallet_communities::runtime_api::CommunitiesApi<Block, AccountId> for Runtime {
		fn communities(
			after: Option<CommunityIdentifier>,
			limit: u32,
		) -> Page<CommunityIdentifier, (CommunityIdentifier, Vec<u8>)> {
			Communities::communities(after, limit)
		}

		fn community(
			cid: CommunityIdentifier,
		) -> Option<pallet_communities::runtime_api::CommunityDetails<AccountId>> {
			Communities::community(cid)
		}

		fn location_conflicts(
			locations: Vec<pallet_communities::Location>,
		) -> Vec<(u32, pallet_communities::runtime_api::LocationConflict)> {
			Communities::location_conflicts(&locations)
		}
	}

	impl pallet_bazaar::runtime_api::BazaarApi<Block, AccountId> for Runtime {
		fn businesses(
			cid: CommunityIdentifier,
			after: Option<AccountId>,
			limit: u32,
		) -> Page<AccountId, (AccountId, pallet_bazaar::Business)> {
			Bazaar::businesses(cid, after, limit)
		}

		fn offerings(
			cid: CommunityIdentifier,
			after: Option<(AccountId, pallet_bazaar::OfferingId)>,
			limit: u32,
		) -> Page<
			(AccountId, pallet_bazaar::OfferingId),
			(AccountId, pallet_bazaar::OfferingId, pallet_bazaar::IpfsCid),
		> {
			Bazaar::offerings(cid, after, limit)
		}

		fn business_offerings(
			cid: CommunityIdentifier,
			controller: AccountId,
		) -> Vec<(pallet_bazaar::OfferingId, pallet_bazaar::IpfsCid)> {
			Bazaar::business_offerings(cid, controller)
		}
	}

	impl pallet_ceremonies::runtime_api::CeremoniesApi<Block, AccountId> for Runtime {
		fn registration_target() -> Option<pallet_ceremonies::CeremonyIndex> {
			Ceremonies::registration_target().ok()
		}

		fn registration(
			cid: CommunityIdentifier,
			cindex: pallet_ceremonies::CeremonyIndex,
			who: AccountId,
		) -> Option<pallet_ceremonies::Registration<AccountId>> {
			pallet_ceremonies::Registrations::<Runtime>::get((cid, cindex), who)
		}

		fn registered(
			cid: CommunityIdentifier,
			cindex: pallet_ceremonies::CeremonyIndex,
		) -> pallet_ceremonies::PerClass {
			pallet_ceremonies::RegistryCounts::<Runtime>::get(cindex, cid)
		}

		fn participants(
			cid: CommunityIdentifier,
			cindex: pallet_ceremonies::CeremonyIndex,
			class: pallet_ceremonies::ParticipantClass,
			after: Option<u32>,
			limit: u32,
		) -> Page<u32, AccountId> {
			Ceremonies::participants((cid, cindex), class, after, limit)
		}

		fn meetup_of(
			cid: CommunityIdentifier,
			cindex: pallet_ceremonies::CeremonyIndex,
			who: AccountId,
		) -> Option<pallet_ceremonies::MeetupInfo<AccountId>> {
			Ceremonies::meetup_info_of((cid, cindex), &who)
		}

		fn meetups(
			cid: CommunityIdentifier,
			cindex: pallet_ceremonies::CeremonyIndex,
			after: Option<u32>,
			limit: u32,
		) -> Page<u32, pallet_ceremonies::MeetupInfo<AccountId>> {
			Ceremonies::meetups((cid, cindex), after, limit)
		}

		fn attestations(
			cid: CommunityIdentifier,
			cindex: pallet_ceremonies::CeremonyIndex,
			after: Option<AccountId>,
			limit: u32,
		) -> Page<AccountId, pallet_ceremonies::AttestationInfo<AccountId>> {
			Ceremonies::attestations((cid, cindex), after, limit)
		}

		fn meetup_results(
			cid: CommunityIdentifier,
			cindex: pallet_ceremonies::CeremonyIndex,
			after: Option<u32>,
			limit: u32,
		) -> Page<u32, (u32, pallet_ceremonies::MeetupResult)> {
			Ceremonies::meetup_results((cid, cindex), after, limit)
		}

		fn reputations(
			who: AccountId,
			after: Option<(CommunityIdentifier, pallet_ceremonies::CeremonyIndex)>,
			limit: u32,
		) -> Page<
			(CommunityIdentifier, pallet_ceremonies::CeremonyIndex),
			(CommunityIdentifier, pallet_ceremonies::CeremonyIndex, pallet_ceremonies::Reputation),
		> {
			Ceremonies::reputations(&who, after, limit)
		}
	}

	impl pallet_community_balances::runtime_api::CommunityBalancesApi<Block, AccountId> for Runtime {
		fn balance(cid: CommunityIdentifier, who: AccountId) -> pallet_community_balances::Balance {
			CommunityBalances::balance(cid, &who)
		}

		fn balances(
			who: AccountId,
			after: Option<CommunityIdentifier>,
			limit: u32,
		) -> Page<CommunityIdentifier, (CommunityIdentifier, pallet_community_balances::Balance)> {
			CommunityBalances::balances_of(&who, after, limit)
		}

		fn total_issuance(cid: CommunityIdentifier) -> pallet_community_balances::Balance {
			CommunityBalances::total_issuance(cid)
		}

		fn fee_in_community_currency(
			native_fee: u128,
			cid: CommunityIdentifier,
		) -> Option<pallet_community_balances::Balance> {
			CommunityBalances::fee_in_community_currency(native_fee, cid)
		}
	}

	impl frame::deps::frame_support::view_functions::runtime_api::RuntimeViewFunction<Block> for Runtime {
		fn execute_view_function(
			id: frame::deps::frame_support::view_functions::ViewFunctionId,
			input: Vec<u8>,
		) -> Result<Vec<u8>, frame::deps::frame_support::view_functions::ViewFunctionDispatchError> {
			Runtime::execute_view_function(id, input)
		}
	}

	// Only in try-runtime builds (`scripts/soak`, `try-runtime-cli`): a failed check fails the
	// call, the one way this API reports it.
	#[cfg(feature = "try-runtime")]
	impl frame::deps::frame_try_runtime::TryRuntime<Block> for Runtime {
		#[allow(clippy::panic)]
		fn on_runtime_upgrade(
			checks: frame::deps::frame_try_runtime::UpgradeCheckSelect,
		) -> (Weight, Weight) {
			let weight = Executive::try_runtime_upgrade(checks)
				.unwrap_or_else(|e| panic!("try-runtime checks failed: {e:?}"));
			(weight, configs::RuntimeBlockWeights::get().max_block)
		}

		#[allow(clippy::panic)]
		fn execute_block(
			block: <Block as BlockT>::LazyBlock,
			state_root_check: bool,
			signature_check: bool,
			select: frame::deps::frame_try_runtime::TryStateSelect,
		) -> Weight {
			Executive::try_execute_block(block, state_root_check, signature_check, select)
				.unwrap_or_else(|e| panic!("try-runtime block execution failed: {e:?}"))
		}
	}

	impl pallet_reputation_commitments::runtime_api::CommitmentsApi<Block, AccountId> for Runtime {
		fn purposes(
			after: Option<pallet_reputation_commitments::PurposeId>,
			limit: u32,
		) -> Page<
			pallet_reputation_commitments::PurposeId,
			(
				pallet_reputation_commitments::PurposeId,
				Vec<u8>,
				Option<pallet_ceremonies::CeremonyIndex>,
			),
		> {
			let page = ReputationCommitments::purposes(after, limit);
			Page {
				items: page
					.items
					.into_iter()
					.map(|(id, info)| (id, info.descriptor.into_inner(), info.retired))
					.collect(),
				next: page.next,
			}
		}

		fn commitments(
			cid: CommunityIdentifier,
			cindex: pallet_ceremonies::CeremonyIndex,
			purpose: Option<pallet_reputation_commitments::PurposeId>,
			after: Option<(pallet_reputation_commitments::PurposeId, AccountId)>,
			limit: u32,
		) -> Page<
			(pallet_reputation_commitments::PurposeId, AccountId),
			(
				pallet_reputation_commitments::PurposeId,
				AccountId,
				Option<pallet_reputation_commitments::Commitment>,
			),
		> {
			ReputationCommitments::commitments(cid, cindex, purpose, after, limit)
		}
	}

	impl pallet_community_democracy::runtime_api::DemocracyApi<
		Block,
		pallet_community_democracy::Proposal<Runtime>,
	> for Runtime {
		fn proposals(
			after: Option<pallet_community_democracy::ProposalId>,
			limit: u32,
		) -> Page<
			pallet_community_democracy::ProposalId,
			(
				pallet_community_democracy::ProposalId,
				pallet_community_democracy::Proposal<Runtime>,
				pallet_community_democracy::Tally,
			),
		> {
			Democracy::proposals(after, limit)
		}

		fn enactment_queue() -> Vec<pallet_community_democracy::ProposalId> {
			pallet_community_democracy::EnactmentQueue::<Runtime>::get().into_inner()
		}
	}

	impl pallet_community_treasuries::runtime_api::TreasuriesApi<
		Block,
		AccountId,
		Balance,
		pallet_community_treasuries::HistoryEntryOf<Runtime>,
	> for Runtime {
		fn account(treasury: pallet_community_treasuries::Treasury) -> AccountId {
			Treasuries::account_of(treasury)
		}

		fn balances(
			treasury: pallet_community_treasuries::Treasury,
		) -> (Balance, Option<pallet_community_treasuries::U64F64>) {
			Treasuries::balances(treasury)
		}

		fn history(
			treasury: pallet_community_treasuries::Treasury,
			before: Option<u64>,
			limit: u32,
		) -> Page<u64, (u64, pallet_community_treasuries::HistoryEntryOf<Runtime>)> {
			Treasuries::history(treasury, before, limit)
		}

		fn issuance_share(cid: CommunityIdentifier) -> u32 {
			pallet_community_treasuries::IssuanceShare::<Runtime>::get(cid)
				.map_or(0, |share| share.deconstruct())
		}
	}

	impl pallet_personhood_faucet::runtime_api::FaucetApi<
		Block,
		AccountId,
		pallet_personhood_faucet::FaucetInfo<Runtime>,
		Balance,
	> for Runtime {
		fn faucets(
			after: Option<AccountId>,
			limit: u32,
		) -> Page<AccountId, (AccountId, pallet_personhood_faucet::FaucetInfo<Runtime>, Balance)> {
			Faucet::faucets(after, limit)
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(
			extra: bool,
		) -> (Vec<frame_benchmarking::BenchmarkList>, Vec<frame::deps::frame_support::traits::StorageInfo>) {
			use frame::deps::frame_support::traits::StorageInfoTrait;
			use frame_benchmarking::BenchmarkList;
			let mut list = Vec::<BenchmarkList>::new();
			list_benchmarks!(list, extra);
			(list, AllPalletsWithSystem::storage_info())
		}

		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig,
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			use frame::deps::{frame_support::traits::WhitelistedStorageKeys, sp_core::storage::TrackedStorageKey};
			use frame_benchmarking::BenchmarkBatch;
			let whitelist: Vec<TrackedStorageKey> = AllPalletsWithSystem::whitelisted_storage_keys();
			let mut batches = Vec::<BenchmarkBatch>::new();
			let params = (&config, &whitelist);
			add_benchmarks!(params, batches);
			Ok(batches)
		}
	}
}
