// SPDX-License-Identifier: GPL-3.0-or-later
//! Fuzz targets on the real runtime (`convene_test_support::fuzz`), on the development preset's
//! genesis state, each input in a storage transaction that is rolled back:
//!
//! - arbitrary bytes, and a signed transfer with bytes changed, decoded as an extrinsic (with the
//!   node's depth limit) and validated as the transaction pool does;
//! - channel authorisations and cheques, signed for real (sr25519) and then possibly changed,
//!   through `open_channel_for` and `claim`.

use crate::{tests::preset_storage, *};
use codec::{DecodeLimit, Encode};
use convene_primitives::escrow::{wrap_bytes, ClaimPayload};
use convene_test_support::fuzz::{fuzz, Input};
use frame::{
	deps::{
		frame_support::storage::{with_transaction, TransactionOutcome},
		sp_io::TestExternalities,
		sp_runtime::{generic::Era, DispatchError, MultiSignature},
	},
	traits::fungible::Inspect,
};
use pallet_escrow::{ChannelTerms, ClaimMode};
use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie, Dave, Eve};

/// The depth limit the node decodes extrinsics with.
const MAX_EXTRINSIC_DEPTH: u32 = 256;

/// Run `f` on the development genesis, undoing what it changed.
fn rolled_back(ext: &mut TestExternalities, f: impl FnOnce()) {
	ext.execute_with(|| {
		with_transaction(|| -> TransactionOutcome<Result<(), DispatchError>> {
			f();
			TransactionOutcome::Rollback(Ok(()))
		})
		.expect("rolled back");
	});
}

/// Alice's signed transfer to Bob, encoded.
fn signed_transfer() -> Vec<u8> {
	let call = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
		dest: Bob.to_account_id().into(),
		value: UNIT,
	});
	let extension: TxExtension = (
		frame_system::CheckNonZeroSender::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		frame_system::CheckEra::from(Era::Immortal),
		frame_system::CheckNonce::from(0),
		frame_system::CheckWeight::new(),
		pallet_community_balances::ChargeAssetTxPayment::new(0, None),
	);
	let payload = SignedPayload::new(call.clone(), extension.clone()).expect("implicit data");
	let signature = MultiSignature::from(payload.using_encoded(|p| Alice.sign(p)));
	UncheckedExtrinsic::new_signed(call, Alice.to_account_id().into(), signature, extension)
		.encode()
}

#[test]
fn fuzz_extrinsic_validation() {
	let mut ext = preset_storage("development");
	let valid = ext.execute_with(signed_transfer);
	let genesis = ext.execute_with(|| System::block_hash(0));
	fuzz("extrinsic_validation", |bytes| {
		let mut input = Input::new(bytes);
		// Half the inputs: the valid transfer with bytes changed; the others: bytes as they are.
		let (encoded, changed) = if input.one_in(2) {
			let mut tx = valid.clone();
			let mut changed = false;
			for _ in 0..1 + input.below(4) {
				let at = input.below(tx.len() as u32) as usize;
				let byte = input.u8();
				changed |= tx[at] != byte;
				tx[at] = byte;
			}
			(tx, changed)
		} else {
			(input.rest().to_vec(), true)
		};
		let Ok(uxt) =
			UncheckedExtrinsic::decode_all_with_depth_limit(MAX_EXTRINSIC_DEPTH, &mut &encoded[..])
		else {
			return;
		};
		rolled_back(&mut ext, || {
			let source = frame::deps::sp_runtime::transaction_validity::TransactionSource::External;
			let validity = Executive::validate_transaction(source, uxt.clone(), genesis);
			if validity.is_ok() && changed {
				// Only bytes the signature does not cover may change and stay valid: the
				// decoded transaction must be the same.
				let original = UncheckedExtrinsic::decode_all_with_depth_limit(
					MAX_EXTRINSIC_DEPTH,
					&mut &valid[..],
				)
				.expect("valid");
				assert_eq!(uxt, original, "a changed transaction passed validation");
			}
		});
	});
}

/// `key`'s signature over `payload`, raw or wrapped as wallets sign, then possibly changed
/// (returns whether it was).
fn sign(key: Sr25519Keyring, payload: &[u8], input: &mut Input) -> (MultiSignature, bool) {
	let message = if input.one_in(2) { payload.to_vec() } else { wrap_bytes(payload) };
	let mut signature = key.sign(&message).0;
	let changed = input.one_in(4);
	if changed {
		signature[input.below(64) as usize] ^= input.u8() | 1;
	}
	(MultiSignature::Sr25519(signature.into()), changed)
}

#[test]
fn fuzz_escrow_authorisations_and_cheques() {
	let mut ext = preset_storage("development");
	fuzz("escrow_authorisations_and_cheques", |bytes| {
		let mut input = Input::new(bytes);
		rolled_back(&mut ext, || {
			let issuance = Balances::total_issuance();
			let (sender, funder, recipient) =
				(Alice.to_account_id(), Bob.to_account_id(), Charlie.to_account_id());
			// Alice authorises Bob to open a channel in her name, paying Charlie, cheques
			// signed by Dave (or by Alice).
			let terms = ChannelTerms {
				signer: Dave.to_account_id(),
				recipient: recipient.clone(),
				group_id: input.bytes(),
				asset: (),
				value: u128::from(input.u64() % 1_000) * MILLI_UNIT,
				expiration: 10 + input.below(1_000),
			};
			let valid_until = input.below(3);
			let open_nonce = u64::from(input.below(2));
			let payload =
				Escrow::open_payload(funder.clone(), terms.clone(), valid_until, open_nonce);
			let (signature, changed) = sign(Alice, &payload.encode(), &mut input);
			let opened = Escrow::open_channel_for(
				RuntimeOrigin::signed(funder),
				sender,
				terms.clone(),
				valid_until,
				open_nonce,
				signature,
			);
			if changed {
				assert!(opened.is_err(), "a changed authorisation opened a channel");
			}
			if opened.is_err() {
				return;
			}
			assert_eq!(open_nonce, 0, "an authorisation is for the sender's next open");
			let id = pallet_escrow::NextChannelId::<Runtime, pallet_escrow::Instance1>::get() - 1;
			let before = Balances::balance(&recipient);
			let mut claimed = 0u128;
			for nonce in 0..1 + u64::from(input.below(3)) {
				let planned = input.u128() % terms.value.saturating_mul(2).max(1);
				let actual = input.u128() % planned.saturating_add(1);
				let key = [Dave, Alice, Eve][input.below(3) as usize];
				let genesis = System::block_hash(0);
				let cheque =
					ClaimPayload::new(genesis, Escrow::instance_index(), id, nonce, planned);
				let (signature, changed) = sign(key, &cheque.encode(), &mut input);
				let mode =
					if input.one_in(4) { ClaimMode::CloseAndRefund } else { ClaimMode::KeepOpen };
				let result = Escrow::claim(
					RuntimeOrigin::signed(recipient.clone()),
					id,
					actual,
					planned,
					signature,
					mode,
				);
				if changed || key == Eve {
					assert!(result.is_err(), "a cheque not signed by the signer or sender paid");
				}
				if result.is_ok() {
					assert!(actual <= planned);
					claimed += actual;
				}
			}
			assert!(claimed <= terms.value, "claims paid more than the channel held");
			assert_eq!(Balances::balance(&recipient), before + claimed);
			assert_eq!(Balances::total_issuance(), issuance, "escrow creates or destroys nothing");
		});
	});
}
