// SPDX-License-Identifier: GPL-3.0-or-later
//! Runtime-level checks: every genesis preset builds, pallets' integrity tests pass, and the
//! presets set what the node relies on.

use crate::*;
use frame::{deps::sp_io::TestExternalities, traits::IntegrityTest};

/// The state a node builds from preset `name`: the preset patched onto the default genesis
/// config (as `sc-chain-spec` does), then `build_state`.
fn preset_storage(name: &str) -> TestExternalities {
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
			assert!(!pallet_aura::Authorities::<Runtime>::get().is_empty(), "{name}");
		});
	}
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
			let cid = Communities::communities()[0].0;
			let details = Communities::community(cid).unwrap();
			assert_eq!(details.bootstrappers, bootstrappers());
			assert_eq!(details.demurrage, convene_primitives::demurrage::LN_2);
			assert_eq!(details.nominal_income, U64F64::from_int(20));
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

/// `signer` signs `call` with nonce 0, paying the fee in `asset_id`'s currency (or natively).
fn signed(
	signer: sp_keyring::Sr25519Keyring,
	call: RuntimeCall,
	asset_id: Option<CommunityIdentifier>,
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
		pallet_community_balances::ChargeAssetTxPayment::new(0, asset_id),
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

/// A member holding only community money (no native tokens) pays a transfer's fee in it: the
/// fee is burned from the balance and the total issuance; one who cannot pay is refused.
#[test]
fn fees_are_payable_in_a_community_currency() {
	use codec::Encode;
	use frame::deps::sp_runtime::{
		traits::Header as _,
		transaction_validity::{InvalidTransaction, TransactionValidityError},
	};
	use sp_keyring::Sr25519Keyring::{Bob, One, Two};
	preset_storage("development").execute_with(|| {
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
		let cid = Communities::communities()[0].0;
		let member = One.to_account_id();
		assert_eq!(Balances::free_balance(&member), 0);
		assert!(CommunityBalances::do_issue(cid, &member, U64F64::from_int(10)).is_ok());

		let transfer = RuntimeCall::CommunityBalances(pallet_community_balances::Call::transfer {
			dest: Bob.to_account_id(),
			cid,
			amount: U64F64::ONE,
		});
		let xt = signed(One, transfer.clone(), Some(cid));
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
		assert_eq!(
			CommunityBalances::total_issuance(cid),
			U64F64::from_int(10).checked_sub(paid).unwrap()
		);
		assert_eq!(Balances::free_balance(&member), 0);
		assert!(System::events().iter().any(|r| r.event
			== RuntimeEvent::CommunityBalances(pallet_community_balances::Event::FeePaid {
				cid,
				who: member.clone(),
				amount: paid,
			})));

		// Two has no community money: the transaction is invalid, not charged.
		assert_eq!(
			Executive::apply_extrinsic(signed(Two, transfer, Some(cid))),
			Err(TransactionValidityError::Invalid(InvalidTransaction::Payment))
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
		let cid = Communities::communities()[0].0;
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
		assert_eq!(CommunityBalances::balances_of(&member), vec![]);
		assert_eq!(System::sufficients(&member), 0);
		assert!(Bazaar::businesses(cid).is_empty());
		assert!(pallet_bazaar::Offerings::<Runtime>::iter().next().is_none());
	});
}
