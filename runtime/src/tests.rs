// SPDX-License-Identifier: GPL-3.0-or-later
//! Runtime-level checks: every genesis preset builds, pallets' integrity tests pass, and the
//! presets set what the node relies on.

use crate::*;
use frame::{deps::sp_io::TestExternalities, traits::IntegrityTest};

/// The state a node builds from preset `name`: the preset patched onto the default genesis
/// config (as `sc-chain-spec` does), then `build_state`.
pub(crate) fn preset_storage(name: &str) -> TestExternalities {
	let id = frame::deps::sp_genesis_builder::PresetId::from(name);
	let patch = genesis_config_presets::get_preset(&id).expect("preset exists");
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).expect("serializes");
	sc_chain_spec::json_merge(&mut config, serde_json::from_slice(&patch).expect("preset is JSON"));
	let mut ext = TestExternalities::new_empty();
	ext.execute_with(|| {
		build_state::<RuntimeGenesisConfig>(config.to_string().into_bytes())
			.expect("preset builds");
	});
	ext
}

#[test]
fn every_preset_builds_and_passes_integrity_tests() {
	for name in genesis_config_presets::preset_names() {
		preset_storage(&name).execute_with(|| {
			AllPalletsWithSystem::integrity_test();
			assert_eq!(pallet_ceremony_scheduler::CurrentCeremonyIndex::<Runtime>::get(), 1);
			// Session hands the validators' keys to Aura and GRANDPA.
			let validators = pallet_validator_set::Validators::<Runtime>::get();
			assert!(!validators.is_empty(), "{name}");
			assert_eq!(pallet_session::Validators::<Runtime>::get(), validators.to_vec());
			assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), validators.len());
			assert_eq!(Grandpa::grandpa_authorities().len(), validators.len());
		});
	}
}

/// Run the hooks of blocks `from..=to`, as far as sessions are concerned.
fn run_blocks(from: BlockNumber, to: BlockNumber) {
	use frame::traits::OnInitialize;
	for n in from..=to {
		System::set_block_number(n);
		AllPalletsWithSystem::on_initialize(n);
	}
}

#[test]
fn a_removed_validator_stops_authoring_two_session_boundaries_later() {
	use sp_keyring::Sr25519Keyring::{Alice, Bob};
	preset_storage("local_testnet").execute_with(|| {
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 2);
		frame::testing_prelude::assert_ok!(ValidatorSet::remove_validator(
			RuntimeOrigin::root(),
			Bob.to_account_id()
		));
		// Session 1 begins at block 10: the new set is planned for session 2.
		run_blocks(1, 10);
		assert_eq!(pallet_session::CurrentIndex::<Runtime>::get(), 1);
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 2);
		// Session 2 begins at block 20 with Alice alone.
		run_blocks(11, 20);
		assert_eq!(pallet_session::CurrentIndex::<Runtime>::get(), 2);
		assert_eq!(pallet_session::Validators::<Runtime>::get(), vec![Alice.to_account_id()]);
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 1);
		assert!(
			pallet_grandpa::PendingChange::<Runtime>::get().is_some(),
			"GRANDPA schedules the smaller set"
		);
	});
}

#[test]
fn sessions_never_end_on_the_instant_sealed_dev_chain() {
	preset_storage("development").execute_with(|| {
		run_blocks(1, 100);
		assert_eq!(pallet_session::CurrentIndex::<Runtime>::get(), 0);
	});
}

#[test]
fn only_the_development_preset_allows_several_blocks_per_slot() {
	use frame::traits::Get;
	let allows = |name: &str| {
		preset_storage(name)
			.execute_with(<Runtime as pallet_aura::Config>::AllowMultipleBlocksPerSlot::get)
	};
	assert!(allows("development"));
	assert!(!allows("local_testnet"));
	assert!(!allows("testnet"));
}

#[test]
fn testnet_phases_last_ten_minutes() {
	preset_storage("testnet").execute_with(|| {
		let d = pallet_ceremony_scheduler::PhaseDurationsOf::<Runtime>::get();
		assert_eq!(d, convene_primitives::scheduler::PhaseDurations::uniform(600_000));
	});
}

#[test]
fn unknown_preset_is_none() {
	let id = frame::deps::sp_genesis_builder::PresetId::from("nope");
	assert!(genesis_config_presets::get_preset(&id).is_none());
}

/// Test metadata for a community.
fn metadata() -> convene_primitives::metadata::CommunityMetadata {
	convene_primitives::metadata::CommunityMetadata {
		name: b"Test".to_vec().try_into().unwrap(),
		symbol: b"TST".to_vec().try_into().unwrap(),
		assets: b"QmW6WLLhUPsosBcKebejveknjrSQjZjq5eYFVBRaAZAs9g".to_vec().try_into().unwrap(),
		theme: None,
		url: None,
	}
}

/// Alice, Bob and Charlie.
fn bootstrappers() -> Vec<AccountId> {
	use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie};
	[Alice, Bob, Charlie].iter().map(|k| k.to_account_id()).collect()
}

/// Alice founds a community at 47° N 8° E with the default demurrage and income.
fn found_community() -> frame::prelude::DispatchResult {
	Communities::new_community(
		RuntimeOrigin::signed(sp_keyring::Sr25519Keyring::Alice.to_account_id()),
		pallet_communities::Location::new(I64F64::from_int(47), I64F64::from_int(8)),
		bootstrappers().try_into().unwrap(),
		metadata(),
		None,
		None,
	)
}

use convene_primitives::fixed::{I64F64, U64F64};

/// On every preset (all dev or test chains) a signed account founds a community; the runtime
/// API reads it back with the runtime's defaults.
#[test]
fn signed_accounts_found_communities_on_the_presets() {
	use sp_keyring::Sr25519Keyring::Alice;
	for name in genesis_config_presets::preset_names() {
		preset_storage(&name).execute_with(|| {
			assert!(found_community().is_ok());
			let cid = Communities::communities(None, 1).items[0].0;
			let details = Communities::community(cid).unwrap();
			assert_eq!(details.bootstrappers, bootstrappers());
			assert_eq!(details.demurrage, convene_primitives::demurrage::LN_2);
			assert_eq!(details.nominal_income, U64F64::from_int(20));
			// Alice paid the deposits; Ferdie, a stranger, cannot add a location in Tokyo.
			let reason =
				RuntimeHoldReason::Communities(pallet_communities::HoldReason::StorageDeposit);
			let held = <Balances as frame::traits::fungible::InspectHold<_>>::balance_on_hold(
				&reason,
				&Alice.to_account_id(),
			);
			assert_eq!(
				held,
				Communities::community_deposit(3) + Communities::location_deposit(),
				"{name}"
			);
			assert!(held < 2 * UNIT, "{name}: founding costs {held}");
			let tokyo =
				pallet_communities::Location::new(I64F64::from_int(35), I64F64::from_int(139));
			let ferdie = sp_keyring::Sr25519Keyring::Ferdie.to_account_id();
			assert_eq!(
				Communities::add_location(RuntimeOrigin::signed(ferdie), cid, tokyo),
				Err(frame::prelude::DispatchError::BadOrigin)
			);
			assert!(Communities::add_location(
				RuntimeOrigin::signed(bootstrappers()[1].clone()),
				cid,
				tokyo
			)
			.is_ok());
			// Closed again by root, founding is root's alone.
			assert!(Communities::set_open_creation(RuntimeOrigin::root(), false).is_ok());
			let again = Communities::new_community(
				RuntimeOrigin::signed(Alice.to_account_id()),
				pallet_communities::Location::new(I64F64::from_int(-33), I64F64::from_int(18)),
				bootstrappers().try_into().unwrap(),
				metadata(),
				None,
				None,
			);
			assert_eq!(again, Err(frame::prelude::DispatchError::BadOrigin));
		});
	}
}

/// Block 1 begins (chain time 2023-11-14) and Alice founds a community.
fn start_block_with_community() {
	use frame::deps::sp_runtime::traits::Header as _;
	pallet_timestamp::Now::<Runtime>::put(1_700_000_000_000);
	let header = Header::new(
		1,
		Default::default(),
		Default::default(),
		[69u8; 32].into(),
		Default::default(),
	);
	Executive::initialize_block(&header);
	assert!(found_community().is_ok());
}

/// `signer` signs `call` with nonce 0, paying the fee in `asset_id`'s currency (or natively).
fn signed(
	signer: sp_keyring::Sr25519Keyring,
	call: RuntimeCall,
	asset_id: Option<pallet_community_balances::FeeAsset>,
) -> UncheckedExtrinsic {
	use frame::deps::sp_runtime::generic::Era;
	let extension: TxExtension = (
		frame_system::CheckNonZeroSender::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		frame_system::CheckEra::from(Era::Immortal),
		frame_system::CheckNonce::from(0),
		frame_system::CheckWeight::new(),
		pallet_community_balances::ChargeAssetTxPayment { tip: 0, asset_id },
	);
	let payload = SignedPayload::new(call.clone(), extension.clone()).expect("payload");
	let signature = payload.using_encoded(|bytes| signer.sign(bytes));
	UncheckedExtrinsic::new_signed(
		call,
		signer.to_account_id().into(),
		MultiSignature::Sr25519(signature),
		extension,
	)
}

/// Fees follow congestion: blocks fuller than the target raise the multiplier, block after
/// block; emptier ones bring it back, never below the base fee.
#[test]
fn fees_rise_with_congestion_and_never_fall_below_the_base() {
	use frame::{deps::sp_runtime::FixedPointNumber, traits::OnFinalize};
	use pallet_transaction_payment::{Multiplier, NextFeeMultiplier};
	preset_storage("development").execute_with(|| {
		use crate::configs::RuntimeBlockWeights;
		let full = RuntimeBlockWeights::get()
			.get(DispatchClass::Normal)
			.max_total
			.unwrap_or(RuntimeBlockWeights::get().max_block);
		let mut after = Vec::new();
		for (n, weight) in
			[(1, Weight::zero()), (2, full), (3, full), (4, full), (5, Weight::zero())]
		{
			System::set_block_number(n);
			System::set_block_consumed_resources(weight, 0);
			<TransactionPayment as OnFinalize<BlockNumber>>::on_finalize(n);
			after.push(NextFeeMultiplier::<Runtime>::get());
		}
		assert_eq!(after[0], Multiplier::one(), "an idle chain charges the base fee");
		assert!(after[1] > after[0] && after[2] > after[1] && after[3] > after[2], "{after:?}");
		assert!(after[4] < after[3], "{after:?}");
		// A spammer filling 1,000 blocks pays about 6 % more per transaction, 12,300 blocks
		// twice the fee: the cost of a flood rises with its length.
		for n in 6..1_006 {
			System::set_block_number(n);
			System::set_block_consumed_resources(full, 0);
			<TransactionPayment as OnFinalize<BlockNumber>>::on_finalize(n);
		}
		let after_1000 = NextFeeMultiplier::<Runtime>::get();
		assert!(after_1000 > Multiplier::saturating_from_rational(105, 100), "{after_1000:?}");
	});
}

/// A member holding only community money (no native tokens) pays a transfer's fee in it: the
/// fee is burned from the balance and the total issuance; one who cannot pay is refused.
#[test]
fn fees_are_payable_in_a_community_currency() {
	use codec::Encode;
	use frame::deps::sp_runtime::transaction_validity::{
		InvalidTransaction, TransactionValidityError,
	};
	use sp_keyring::Sr25519Keyring::{Bob, One, Two};
	preset_storage("development").execute_with(|| {
		start_block_with_community();
		let cid = Communities::communities(None, 1).items[0].0;
		let member = One.to_account_id();
		assert_eq!(Balances::free_balance(&member), 0);
		assert!(CommunityBalances::do_issue(cid, &member, U64F64::from_int(10)).is_ok());

		let transfer = RuntimeCall::CommunityBalances(pallet_community_balances::Call::transfer {
			dest: Bob.to_account_id(),
			cid,
			amount: U64F64::ONE,
		});
		let xt = signed(One, transfer.clone(), Some(cid.into()));
		let native_fee = TransactionPayment::compute_fee(
			xt.encoded_size() as u32,
			&frame::deps::frame_support::dispatch::GetDispatchInfo::get_dispatch_info(&xt),
			0,
		);
		let fee = CommunityBalances::fee_in_community_currency(native_fee, cid).unwrap();
		// About 0.03 units of a nominal income of 20 for a ~1.3 milli-token native fee.
		assert!(fee > U64F64::ZERO && fee < U64F64::ONE, "{fee}");
		assert_eq!(Executive::apply_extrinsic(xt), Ok(Ok(())));

		let left = CommunityBalances::balance(cid, &member);
		let paid = U64F64::from_int(9).checked_sub(left).unwrap();
		assert!(paid > U64F64::ZERO && paid <= fee, "paid {paid} of {fee}");
		// The fee went to the community's treasury: nothing was destroyed.
		assert_eq!(CommunityBalances::total_issuance(cid), U64F64::from_int(10));
		assert_eq!(CommunityBalances::balance(cid, &Treasuries::account_of(Some(cid))), paid);
		assert_eq!(Balances::free_balance(&member), 0);
		assert!(System::events().iter().any(|r| r.event
			== RuntimeEvent::CommunityBalances(pallet_community_balances::Event::FeePaid {
				cid,
				who: member.clone(),
				amount: paid,
			})));

		// Two has no community money: the transaction is invalid, not charged.
		assert_eq!(
			Executive::apply_extrinsic(signed(Two, transfer.clone(), Some(cid.into()))),
			Err(TransactionValidityError::Invalid(InvalidTransaction::Payment))
		);
		// A location that names no community currency of this chain cannot pay, even for one
		// who holds the currency.
		let holder = sp_keyring::Sr25519Keyring::Dave;
		assert!(
			CommunityBalances::do_issue(cid, &holder.to_account_id(), U64F64::from_int(10)).is_ok()
		);
		let mut elsewhere = pallet_community_balances::FeeAsset::from(cid);
		elsewhere.parents = 1;
		assert_eq!(
			Executive::apply_extrinsic(signed(holder, transfer.clone(), Some(elsewhere))),
			Err(TransactionValidityError::Invalid(InvalidTransaction::Payment))
		);
		assert_eq!(
			Executive::apply_extrinsic(signed(holder, transfer, Some(cid.into()))),
			Ok(Ok(()))
		);
	});
}

/// Purging a community reaches its currency and its bazaar: the total issuance goes at once,
/// balances and businesses in `on_idle`, and the accounts' sufficient references are released.
#[test]
fn purging_a_community_clears_its_balances_and_bazaar() {
	use frame::traits::OnIdle;
	use sp_keyring::Sr25519Keyring::{Alice, One};
	preset_storage("development").execute_with(|| {
		pallet_timestamp::Now::<Runtime>::put(1_700_000_000_000);
		System::set_block_number(1);
		assert!(found_community().is_ok());
		let cid = Communities::communities(None, 1).items[0].0;
		let member = One.to_account_id();
		assert!(CommunityBalances::do_issue(cid, &member, U64F64::from_int(10)).is_ok());
		assert_eq!(System::sufficients(&member), 1);
		let url: pallet_bazaar::IpfsCid =
			b"QmW6WLLhUPsosBcKebejveknjrSQjZjq5eYFVBRaAZAs9g".to_vec().try_into().unwrap();
		let alice = RuntimeOrigin::signed(Alice.to_account_id());
		assert!(Bazaar::create_business(alice.clone(), cid, url.clone()).is_ok());
		assert!(Bazaar::create_offering(alice, cid, url).is_ok());

		assert!(Communities::purge_community(RuntimeOrigin::root(), cid).is_ok());
		assert_eq!(CommunityBalances::total_issuance(cid), U64F64::ZERO);
		let limit = <Runtime as frame_system::Config>::BlockWeights::get().max_block;
		AllPalletsWithSystem::on_idle(1, limit);
		assert_eq!(CommunityBalances::balances_of(&member, None, 10).items, vec![]);
		assert_eq!(System::sufficients(&member), 0);
		assert!(Bazaar::businesses(cid, None, 10).items.is_empty());
		assert!(pallet_bazaar::Offerings::<Runtime>::iter().next().is_none());
	});
}

/// The ceremonies of one community on the real runtime: bootstrapping with early rewards (the
/// claim's fee refunded), a second ceremony with an endorsee and a capped newbie, and a third
/// with a reputable (a proof) where a wrong vote and too few attestations are excluded.
#[test]
fn ceremony_life_cycle() {
	use pallet_ceremonies::{ParticipantClass, ProofOfAttendance, Reputation};
	use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie, Dave, Eve};
	preset_storage("development").execute_with(|| {
		start_block_with_community();
		let cid = Communities::communities(None, 1).items[0].0;
		let origin = |k: Sr25519Keyring| RuntimeOrigin::signed(k.to_account_id());
		let register =
			|k: Sr25519Keyring, proof| Ceremonies::register_participant(origin(k), cid, proof);
		let next_phase = || {
			assert!(CeremonyScheduler::next_phase(RuntimeOrigin::root()).is_ok());
		};
		let attest = |k: Sr25519Keyring, vote: u32, others: &[Sr25519Keyring]| {
			let others: Vec<AccountId> = others.iter().map(|o| o.to_account_id()).collect();
			Ceremonies::attest_attendees(origin(k), cid, vote, others.try_into().unwrap())
		};
		let balance = |k: Sr25519Keyring| CommunityBalances::balance(cid, &k.to_account_id());
		let class = |k: Sr25519Keyring, cindex| {
			pallet_ceremonies::Registrations::<Runtime>::get((cid, cindex), k.to_account_id())
				.map(|r| r.class)
		};

		// Ceremony 1: the bootstrappers alone.
		assert!(register(Dave, None).is_err());
		for b in [Alice, Bob, Charlie] {
			assert!(register(b, None).is_ok());
		}
		next_phase();
		next_phase();
		assert!(attest(Alice, 3, &[Bob, Charlie]).is_ok());
		assert!(attest(Bob, 3, &[Alice, Charlie]).is_ok());
		assert!(attest(Charlie, 3, &[Alice, Bob]).is_ok());
		// Charlie claims early with a signed transaction: free when it succeeds.
		let native_before = Balances::free_balance(Charlie.to_account_id());
		let claim =
			RuntimeCall::Ceremonies(pallet_ceremonies::Call::claim_rewards { cid, meetup: None });
		assert_eq!(Executive::apply_extrinsic(signed(Charlie, claim, None)), Ok(Ok(())));
		assert_eq!(Balances::free_balance(Charlie.to_account_id()), native_before);
		for b in [Alice, Bob, Charlie] {
			assert_eq!(balance(b), U64F64::from_int(20));
		}

		// Ceremony 2: Alice endorses Dave; Eve is a newbie, capped (3 experienced allow 1).
		next_phase();
		assert!(Ceremonies::endorse_newcomer(origin(Alice), cid, Dave.to_account_id()).is_ok());
		for k in [Alice, Bob, Charlie, Dave, Eve] {
			assert!(register(k, None).is_ok());
		}
		assert_eq!(class(Dave, 2), Some(ParticipantClass::Endorsee));
		assert_eq!(class(Eve, 2), Some(ParticipantClass::Newbie));
		next_phase();
		let meetups = Ceremonies::meetups((cid, 2), None, 10).items;
		assert_eq!(meetups.len(), 1);
		assert_eq!(meetups[0].participants.len(), 4);
		assert!(!meetups[0].participants.contains(&Eve.to_account_id()));
		next_phase();
		let group = [Alice, Bob, Charlie, Dave];
		for k in group {
			let others: Vec<_> = group.iter().copied().filter(|o| *o != k).collect();
			assert!(attest(k, 4, &others).is_ok());
		}
		assert!(attest(Eve, 4, &[Alice]).is_err());
		next_phase();
		assert!(Ceremonies::claim_rewards(origin(Eve), cid, Some(1)).is_ok());
		assert_eq!(balance(Dave), U64F64::from_int(20));
		assert_eq!(balance(Eve), U64F64::ZERO);

		// Ceremony 3: Dave registers as a reputable with his proof; Eve is let in now (4
		// experienced allow 1), votes a wrong count; Charlie attests only Alice.
		let payload = pallet_ceremonies::proof_of_attendance_payload(
			&Ceremonies::genesis_hash(),
			&cid,
			2,
			3,
			&Dave.to_account_id(),
		);
		let proof = ProofOfAttendance {
			prover: Dave.to_account_id(),
			cid,
			cindex: 2,
			attendee: Dave.to_account_id(),
			signature: MultiSignature::Sr25519(Dave.sign(&payload)),
		};
		assert!(register(Dave, Some(proof)).is_ok());
		assert_eq!(class(Dave, 3), Some(ParticipantClass::Reputable));
		for k in [Alice, Bob, Charlie, Eve] {
			assert!(register(k, None).is_ok());
		}
		next_phase();
		next_phase();
		let everyone = [Alice, Bob, Charlie, Dave, Eve];
		for k in [Alice, Bob, Dave] {
			let others: Vec<_> = everyone.iter().copied().filter(|o| *o != k).collect();
			assert!(attest(k, 5, &others).is_ok());
		}
		assert!(attest(Charlie, 5, &[Alice]).is_ok());
		assert!(attest(Eve, 4, &[Alice, Bob, Charlie, Dave]).is_ok());
		next_phase();
		assert!(Ceremonies::claim_rewards(origin(Alice), cid, None).is_ok());
		let excluded: Vec<_> = System::events()
			.into_iter()
			.filter_map(|r| match r.event {
				RuntimeEvent::Ceremonies(pallet_ceremonies::Event::NoReward {
					who,
					reason,
					..
				}) => Some((who, reason)),
				_ => None,
			})
			.collect();
		use pallet_ceremonies::ExclusionReason::*;
		assert_eq!(
			excluded,
			vec![
				(Eve.to_account_id(), WrongVote),
				(Charlie.to_account_id(), TooFewOutgoingAttestations)
			]
		);
		// Chain time stood still: no demurrage.
		for (k, units) in [(Alice, 60), (Bob, 60), (Charlie, 40), (Dave, 40), (Eve, 0)] {
			assert_eq!(balance(k), U64F64::from_int(units), "{k:?}");
		}
		let reputation = |k: Sr25519Keyring, cindex| {
			pallet_ceremonies::Reputations::<Runtime>::get((k.to_account_id(), cid, cindex))
		};
		assert_eq!(reputation(Dave, 2), Some(Reputation::VerifiedLinked(3)));
		assert_eq!(reputation(Dave, 3), Some(Reputation::VerifiedUnlinked));
		assert_eq!(reputation(Charlie, 3), None);
		assert_eq!(reputation(Eve, 3), None);
		assert_eq!(Ceremonies::reputations(&Alice.to_account_id(), None, 10).items.len(), 3);
	});
}

/// 10,000 newbies register with one community; the Assigning transition costs the same as with
/// a handful, and meetups are computed on read. Prints the times (`--nocapture`).
#[test]
fn ten_thousand_registrations() {
	use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie};
	use std::time::Instant;
	preset_storage("development").execute_with(|| {
		pallet_timestamp::Now::<Runtime>::put(1_700_000_000_000);
		System::set_block_number(1);
		assert!(found_community().is_ok());
		let cid = Communities::communities(None, 1).items[0].0;
		// A bootstrapped community, with 40 more locations.
		pallet_ceremonies::Bootstrapped::<Runtime>::insert(cid, 1);
		for i in 1..=40 {
			let lat = I64F64::from_bits((47i128 << 64) + i * (1i128 << 64) / 100);
			let location = pallet_communities::Location::new(lat, I64F64::from_int(8));
			assert!(Communities::add_location(RuntimeOrigin::root(), cid, location).is_ok());
		}
		for b in [Alice, Bob, Charlie] {
			let origin = RuntimeOrigin::signed(b.to_account_id());
			assert!(Ceremonies::register_participant(origin, cid, None).is_ok());
		}
		let hook_weight =
			|| CeremonyScheduler::next_phase(RuntimeOrigin::root()).unwrap().actual_weight;
		// A small ceremony first: the Assigning transition's weight.
		let small = hook_weight();
		hook_weight();
		hook_weight();
		// Registering of ceremony 2.
		for b in [Alice, Bob, Charlie] {
			let origin = RuntimeOrigin::signed(b.to_account_id());
			assert!(Ceremonies::register_participant(origin, cid, None).is_ok());
		}
		let start = Instant::now();
		for i in 0..10_000u32 {
			let mut raw = [7u8; 32];
			raw[..4].copy_from_slice(&i.to_le_bytes());
			let origin = RuntimeOrigin::signed(AccountId::new(raw));
			assert!(Ceremonies::register_participant(origin, cid, None).is_ok());
		}
		let registering = start.elapsed();
		let start = Instant::now();
		let large = hook_weight();
		let assigning = start.elapsed();
		assert_eq!(small, large, "the Assigning transition does not grow with registrations");
		let start = Instant::now();
		let meetups = Ceremonies::meetups((cid, 2), None, 10).items;
		let listing = start.elapsed();
		// 3 bootstrappers allow 1 newcomer: one meetup of 4.
		assert_eq!(meetups.len(), 1);
		assert_eq!(meetups[0].participants.len(), 4);
		assert_eq!(pallet_ceremonies::RegistryCounts::<Runtime>::get(2, cid).newbies, 10_000);
		println!(
			"10,000 registrations: {registering:?} ({:?} each); Assigning transition: {assigning:?}, \
			 weight {large:?}; listing the meetups: {listing:?}",
			registering / 10_000
		);
	});
}

/// Escrow in the runtime: a treasurer (an `EscrowClaim` proxy of the recipient) claims cheques,
/// alone or several in a batch where a stale one fails alone, and can do nothing else; nobody
/// but the recipient or its proxy claims.
#[test]
fn a_treasurer_claims_for_the_recipient_and_nothing_else() {
	use frame::deps::sp_runtime::DispatchError;
	use pallet_escrow::{ChannelTerms, ClaimMode, ClaimPayload};
	use sp_keyring::Sr25519Keyring::{Alice, Bob, Dave};
	preset_storage("development").execute_with(|| {
		System::set_block_number(1);
		let (alice, bob, dave) = (Alice.to_account_id(), Bob.to_account_id(), Dave.to_account_id());
		let terms = ChannelTerms {
			signer: alice.clone(),
			recipient: bob.clone(),
			group_id: [1; 32],
			asset: (),
			value: 10 * UNIT,
			expiration: 100,
		};
		for _ in 0..2 {
			assert!(
				Escrow::open_channel(RuntimeOrigin::signed(alice.clone()), terms.clone()).is_ok()
			);
		}
		let cheque = |channel: u64, nonce: u64, amount: Balance| {
			let genesis = System::block_hash(0);
			let payload =
				ClaimPayload::new(genesis, Escrow::instance_index(), channel, nonce, amount);
			Signature::from(Alice.sign(&codec::Encode::encode(&payload)))
		};
		let claim = |channel: u64, nonce: u64, amount: Balance| {
			RuntimeCall::Escrow(pallet_escrow::Call::claim {
				channel_id: channel,
				actual: amount,
				planned: amount,
				signature: cheque(channel, nonce, amount),
				mode: ClaimMode::KeepOpen,
			})
		};
		let last_proxy_result = || {
			System::events().into_iter().rev().find_map(|r| match r.event {
				RuntimeEvent::Proxy(pallet_proxy::Event::ProxyExecuted { result }) => Some(result),
				_ => None,
			})
		};
		let as_treasurer = |call: RuntimeCall| {
			Proxy::proxy(
				RuntimeOrigin::signed(dave.clone()),
				bob.clone().into(),
				None,
				Box::new(call),
			)
		};
		// Dave, not Bob's treasurer yet, cannot claim.
		assert_eq!(
			Escrow::claim(
				RuntimeOrigin::signed(dave.clone()),
				0,
				UNIT,
				UNIT,
				cheque(0, 0, UNIT),
				ClaimMode::KeepOpen
			),
			Err(pallet_escrow::Error::<Runtime, pallet_escrow::Instance1>::NotRecipient.into())
		);
		assert!(Proxy::add_proxy(
			RuntimeOrigin::signed(bob.clone()),
			dave.clone().into(),
			configs::ProxyType::EscrowClaim,
			0
		)
		.is_ok());
		let bob_before = Balances::free_balance(&bob);
		assert!(as_treasurer(claim(0, 0, UNIT)).is_ok());
		assert_eq!(last_proxy_result(), Some(Ok(())));
		assert_eq!(Balances::free_balance(&bob), bob_before + UNIT);
		// A batch with a stale cheque (channel 0's nonce moved) and a good one.
		let batch = RuntimeCall::Utility(pallet_utility::Call::force_batch {
			calls: vec![claim(0, 0, 2 * UNIT), claim(1, 0, 3 * UNIT)],
		});
		assert!(as_treasurer(batch).is_ok());
		assert_eq!(Balances::free_balance(&bob), bob_before + 4 * UNIT);
		assert!(System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::Utility(pallet_utility::Event::ItemFailed { .. })
		)));
		// Anything else is filtered, also inside a batch.
		let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: dave.clone().into(),
			value: UNIT,
		});
		assert!(as_treasurer(transfer.clone()).is_ok());
		let filtered: DispatchError = frame_system::Error::<Runtime>::CallFiltered.into();
		assert_eq!(last_proxy_result(), Some(Err(filtered)));
		let batch = RuntimeCall::Utility(pallet_utility::Call::batch_all { calls: vec![transfer] });
		assert!(as_treasurer(batch).is_ok());
		assert_eq!(last_proxy_result().map(|r| r.is_err()), Some(true));
		assert_eq!(Balances::free_balance(&bob), bob_before + 4 * UNIT);
	});
}

/// The author's VRF output is the block's first inherent, before the timestamp's, whose phase
/// changes draw the ceremonies' randomness: so the draw includes this block's output.
#[test]
fn the_vrf_output_comes_before_the_timestamp() {
	use frame::deps::frame_support::inherent::InherentData;
	let mut data = InherentData::new();
	data.put_data(*b"timstap0", &1_000u64).expect("encodes");
	let output = pallet_vrf_randomness::VrfOutput { pre_output: [0; 32], proof: [0; 64] };
	data.put_data(pallet_vrf_randomness::INHERENT_IDENTIFIER, &output)
		.expect("encodes");
	let calls: Vec<_> = preset_storage("development")
		.execute_with(|| data.create_extrinsics())
		.into_iter()
		.map(|x| x.function)
		.collect();
	assert!(
		matches!(calls[..], [RuntimeCall::VrfRandomness(_), RuntimeCall::Timestamp(_)]),
		"{calls:?}"
	);
}

/// A block without its author's VRF output fails the inherent check every importing node runs.
#[test]
fn a_block_without_a_vrf_output_fails_the_inherent_check() {
	use frame::deps::{frame_support::inherent::InherentData, sp_runtime::traits::Header as _};
	let mut data = InherentData::new();
	data.put_data(*b"timstap0", &1_000u64).expect("encodes");
	let mut state = preset_storage("development");
	let timestamp_only = state.execute_with(|| data.create_extrinsics());
	let header = Header::new(
		1,
		Default::default(),
		Default::default(),
		Default::default(),
		Default::default(),
	);
	let block = Block { header: header.clone(), extrinsics: timestamp_only };
	let result = state.execute_with(|| data.check_extrinsics(&block.into()));
	assert!(!result.ok(), "a block without the VRF inherent passed");
	assert!(result.fatal_error());
	// With it, the check passes (the proof is checked when the inherent runs).
	let output = pallet_vrf_randomness::VrfOutput { pre_output: [0; 32], proof: [0; 64] };
	data.put_data(pallet_vrf_randomness::INHERENT_IDENTIFIER, &output)
		.expect("encodes");
	let extrinsics = state.execute_with(|| data.create_extrinsics());
	let block = Block { header, extrinsics };
	assert!(state.execute_with(|| data.check_extrinsics(&block.into())).ok());
}

/// A community decides by one person, one vote: after its bootstrapping ceremony its founders
/// no longer change it; its people raise the nominal income and give the treasury a share of
/// issuance; both are enacted when Assigning begins, and the next rewards follow them.
#[test]
fn a_community_governs_itself() {
	use frame::{deps::sp_runtime::Perbill, prelude::DispatchError};
	use pallet_community_democracy::{ProposalAction, ProposalState, Vote};
	use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie};
	preset_storage("development").execute_with(|| {
		start_block_with_community();
		let cid = Communities::communities(None, 1).items[0].0;
		let origin = |k: Sr25519Keyring| RuntimeOrigin::signed(k.to_account_id());
		let next_phase = || assert!(CeremonyScheduler::next_phase(RuntimeOrigin::root()).is_ok());
		let everybody = [Alice, Bob, Charlie];
		let ceremony = || {
			for b in everybody {
				assert!(Ceremonies::register_participant(origin(b), cid, None).is_ok());
			}
			next_phase();
			next_phase();
			for k in everybody {
				let others: Vec<AccountId> =
					everybody.iter().filter(|o| **o != k).map(|o| o.to_account_id()).collect();
				assert!(Ceremonies::attest_attendees(
					origin(k),
					cid,
					3,
					others.try_into().unwrap()
				)
				.is_ok());
			}
			next_phase();
			assert!(Ceremonies::claim_rewards(origin(Alice), cid, None).is_ok());
		};
		// 1. The bootstrapping ceremony (1); from now on the founders may not change the
		// community, nor may anyone but its vote or Root.
		ceremony();
		let near = pallet_communities::Location::new(I64F64::from_int(47), I64F64::from_int(9));
		assert_eq!(
			Communities::add_location(origin(Bob), cid, near),
			Err(DispatchError::BadOrigin)
		);
		assert_eq!(
			Communities::update_nominal_income(origin(Alice), cid, Some(U64F64::from_int(30))),
			Err(DispatchError::BadOrigin)
		);
		// 2. Ceremony 2; in ceremony 3 the attendances of 1 vote (the window ends at 3 − 2).
		ceremony();
		assert_eq!(CeremonyScheduler::ceremony_info().ceremony_index, 3);
		for b in everybody {
			assert!(Ceremonies::register_participant(origin(b), cid, None).is_ok());
		}
		let income =
			ProposalAction::UpdateNominalIncome { cid, nominal_income: Some(U64F64::from_int(30)) };
		let share = ProposalAction::SetIssuanceShare { cid, share: Perbill::from_percent(10) };
		assert!(Democracy::submit_proposal(origin(Alice), income).is_ok());
		assert!(Democracy::submit_proposal(origin(Bob), share).is_ok());
		for id in [0, 1] {
			let proposal = pallet_community_democracy::Proposals::<Runtime>::get(id).unwrap();
			assert_eq!(proposal.electorate, 3);
			assert_eq!(proposal.window, (1, 1));
			for (k, vote) in [(Alice, Vote::Aye), (Bob, Vote::Aye), (Charlie, Vote::Nay)] {
				let reputations = vec![(cid, 1)].try_into().unwrap();
				assert!(Democracy::vote(origin(k), id, vote, reputations).is_ok());
			}
			assert!(matches!(proposal_state(id), ProposalState::Confirming { .. }));
		}
		// 3. Five seconds later (the dev chain's confirmation period), approved and queued.
		pallet_timestamp::Now::<Runtime>::mutate(|now| *now += 5_000);
		for id in [0, 1] {
			assert!(Democracy::update_proposal_state(origin(Charlie), id).is_ok());
			assert_eq!(proposal_state(id), ProposalState::Approved);
		}
		// 4. Enacted when Assigning begins, with the community's own origin.
		next_phase();
		assert_eq!(proposal_state(0), ProposalState::Enacted);
		assert_eq!(proposal_state(1), ProposalState::Enacted);
		assert_eq!(Communities::community(cid).unwrap().nominal_income, U64F64::from_int(30));
		// 5. The next rewards (ceremony 3, attested now) pay 30 each, and the treasury 10 %.
		next_phase();
		for k in everybody {
			let others: Vec<AccountId> =
				everybody.iter().filter(|o| **o != k).map(|o| o.to_account_id()).collect();
			assert!(
				Ceremonies::attest_attendees(origin(k), cid, 3, others.try_into().unwrap()).is_ok()
			);
		}
		let before = CommunityBalances::balance(cid, &Alice.to_account_id());
		next_phase();
		assert!(Ceremonies::claim_rewards(origin(Alice), cid, None).is_ok());
		let after = CommunityBalances::balance(cid, &Alice.to_account_id());
		assert_eq!(after.checked_sub(before), Some(U64F64::from_int(30)));
		assert_eq!(
			CommunityBalances::balance(cid, &Treasuries::account_of(Some(cid))),
			U64F64::from_int(9)
		);
	});
}

fn proposal_state(id: u32) -> pallet_community_democracy::ProposalState<u64> {
	pallet_community_democracy::Proposals::<Runtime>::get(id).unwrap().state
}
