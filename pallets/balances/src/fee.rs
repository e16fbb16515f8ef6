// SPDX-License-Identifier: GPL-3.0-or-later
//! Transaction fees payable in a community currency.
//!
//! [`ChargeAssetTxPayment`] replaces `pallet_transaction_payment::ChargeTransactionPayment` in
//! the runtime's extension tuple. It encodes as `(Compact<tip>, Option<FeeAsset>)`, the shape
//! wallets know from asset-based fee payment (Asset Hub's `ChargeAssetTxPayment`, whose asset is
//! an XCM location): a [`FeeAsset`] is the location of a community currency, the community
//! identifier in a `GeneralKey` junction, so polkadot-js decodes our blocks without custom types. Without a community, it charges the
//! native fee exactly as `ChargeTransactionPayment`. With one, the fee (and tip), computed in the
//! native token as usual, is converted with [`Pallet::fee_in_community_currency`] and burned
//! from the signer's balance in that community before dispatch; after dispatch, what the call
//! did not use is given back. A member without native tokens can transact this way: the
//! community balance also keeps the account alive (a sufficient reference), and the fee may
//! never take the balance below the existential deposit.

use crate::*;
use frame::{
	deps::frame_support::dispatch::DispatchInfo,
	deps::sp_runtime::{
		traits::{
			DispatchInfoOf, DispatchOriginOf, Dispatchable, Implication, PostDispatchInfoOf,
			TransactionExtension, UniqueSaturatedInto, ValidateResult,
		},
		transaction_validity::{
			InvalidTransaction, TransactionSource, TransactionValidityError, ValidTransaction,
		},
	},
	prelude::*,
};
use pallet_transaction_payment::{ChargeTransactionPayment, OnChargeTransaction};

/// What happens to a fee paid in a community's currency, after it was burned.
pub trait OnFeePaid {
	/// `amount` of `cid`'s currency was paid as a fee (and burned). Returns the weight used,
	/// at most [`OnFeePaid::max_weight`].
	fn on_fee_paid(cid: CommunityIdentifier, amount: Balance) -> Weight;

	/// The most [`OnFeePaid::on_fee_paid`] uses.
	fn max_weight() -> Weight;
}

/// Fees stay burned.
impl OnFeePaid for () {
	fn on_fee_paid(_: CommunityIdentifier, _: Balance) -> Weight {
		Weight::zero()
	}

	fn max_weight() -> Weight {
		Weight::zero()
	}
}

/// The native balance type of the transaction-payment pallet.
pub type NativeBalanceOf<T> = <<T as pallet_transaction_payment::Config>::OnChargeTransaction as OnChargeTransaction<T>>::Balance;

/// Pay the transaction fee in the native token (`asset_id: None`) or in a community currency.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Eq, PartialEq, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct ChargeAssetTxPayment<T: Config + pallet_transaction_payment::Config> {
	/// A tip in the native token (converted too when paying in a community currency).
	#[codec(compact)]
	pub tip: NativeBalanceOf<T>,
	/// The community whose currency pays, if any, as a location (see [`FeeAsset`]).
	pub asset_id: Option<FeeAsset>,
}

impl<T: Config + pallet_transaction_payment::Config> ChargeAssetTxPayment<T> {
	/// Pay `tip` (in native units) and the fee in `asset_id`'s currency, or natively.
	pub fn new(tip: NativeBalanceOf<T>, asset_id: Option<CommunityIdentifier>) -> Self {
		Self { tip, asset_id: asset_id.map(FeeAsset::from) }
	}
}

impl<T: Config + pallet_transaction_payment::Config> core::fmt::Debug for ChargeAssetTxPayment<T> {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		write!(f, "ChargeAssetTxPayment {{ tip: {:?}, asset_id: {:?} }}", self.tip, self.asset_id)
	}
}

/// What `validate` hands to `prepare`.
pub enum Val<T: Config + pallet_transaction_payment::Config> {
	/// Paid natively.
	Native(pallet_transaction_payment::Val<T>),
	/// Paid in a community currency.
	Community {
		/// The payer.
		who: T::AccountId,
		/// The community.
		cid: CommunityIdentifier,
		/// The fee with tip, converted.
		fee: Balance,
	},
}

/// What `prepare` hands to `post_dispatch`.
pub enum Pre<T: Config + pallet_transaction_payment::Config> {
	/// Paid natively.
	Native(pallet_transaction_payment::Pre<T>),
	/// Paid in a community currency.
	Community {
		/// The payer.
		who: T::AccountId,
		/// The community.
		cid: CommunityIdentifier,
		/// The native tip, to compute the actual fee.
		tip: NativeBalanceOf<T>,
		/// What was burned before dispatch.
		charged: Balance,
	},
}

impl<T: Config + pallet_transaction_payment::Config> ChargeAssetTxPayment<T>
where
	T::RuntimeCall: Dispatchable<Info = DispatchInfo, PostInfo = PostDispatchInfo>,
{
	fn native(&self) -> ChargeTransactionPayment<T> {
		ChargeTransactionPayment::<T>::from(self.tip)
	}

	/// The community fee for a native fee, or `Payment` if the community does not exist.
	fn convert(
		native_fee: NativeBalanceOf<T>,
		cid: CommunityIdentifier,
	) -> Result<Balance, TransactionValidityError> {
		Pallet::<T>::fee_in_community_currency(native_fee.unique_saturated_into(), cid)
			.ok_or(InvalidTransaction::Payment.into())
	}

	/// Whether `who` can pay `fee` and keep the existential deposit.
	fn can_pay(who: &T::AccountId, cid: CommunityIdentifier, fee: Balance) -> bool {
		let balance = Pallet::<T>::balance(cid, who);
		balance
			.checked_sub(fee)
			.is_some_and(|rest| rest >= T::ExistentialDeposit::get())
	}
}

impl<T: Config + pallet_transaction_payment::Config> TransactionExtension<T::RuntimeCall>
	for ChargeAssetTxPayment<T>
where
	T::RuntimeCall: Dispatchable<Info = DispatchInfo, PostInfo = PostDispatchInfo>,
{
	const IDENTIFIER: &'static str = "ChargeAssetTxPayment";
	type Implicit = ();
	type Val = Val<T>;
	type Pre = Pre<T>;

	fn weight(&self, call: &T::RuntimeCall) -> Weight {
		match self.asset_id {
			None => self.native().weight(call),
			Some(_) => <T as Config>::WeightInfo::charge_fee_in_community_currency()
				.saturating_add(T::OnFeePaid::max_weight()),
		}
	}

	fn validate(
		&self,
		origin: DispatchOriginOf<T::RuntimeCall>,
		call: &T::RuntimeCall,
		info: &DispatchInfoOf<T::RuntimeCall>,
		len: usize,
		self_implicit: (),
		inherited_implication: &impl Implication,
		source: TransactionSource,
	) -> ValidateResult<Self::Val, T::RuntimeCall> {
		let Some(asset) = self.asset_id else {
			let (valid, val, origin) = self.native().validate(
				origin,
				call,
				info,
				len,
				self_implicit,
				inherited_implication,
				source,
			)?;
			return Ok((valid, Val::Native(val), origin));
		};
		// A location that names no community currency of this chain cannot pay.
		let cid = asset.community().ok_or(InvalidTransaction::Payment)?;
		let Ok(who) = frame_system::ensure_signed(origin.clone()) else {
			// Only signed transactions pay fees; others cannot name a payer.
			return Err(InvalidTransaction::Payment.into());
		};
		let native_fee = pallet_transaction_payment::Pallet::<T>::compute_fee(
			u32::try_from(len).unwrap_or(u32::MAX),
			info,
			self.tip,
		);
		let fee = Self::convert(native_fee, cid)?;
		if !Self::can_pay(&who, cid, fee) {
			return Err(InvalidTransaction::Payment.into());
		}
		let priority = ChargeTransactionPayment::<T>::get_priority(info, len, self.tip, native_fee);
		Ok((
			ValidTransaction { priority, ..Default::default() },
			Val::Community { who, cid, fee },
			origin,
		))
	}

	fn prepare(
		self,
		val: Self::Val,
		origin: &DispatchOriginOf<T::RuntimeCall>,
		call: &T::RuntimeCall,
		info: &DispatchInfoOf<T::RuntimeCall>,
		len: usize,
	) -> Result<Self::Pre, TransactionValidityError> {
		match val {
			Val::Native(val) => {
				self.native().prepare(val, origin, call, info, len).map(Pre::Native)
			},
			Val::Community { who, cid, fee } => {
				if fee > Balance::ZERO {
					Pallet::<T>::do_burn(cid, &who, fee, true)
						.map_err(|_| InvalidTransaction::Payment)?;
				}
				Ok(Pre::Community { who, cid, tip: self.tip, charged: fee })
			},
		}
	}

	fn post_dispatch_details(
		pre: Self::Pre,
		info: &DispatchInfoOf<T::RuntimeCall>,
		post_info: &PostDispatchInfoOf<T::RuntimeCall>,
		len: usize,
		result: &DispatchResult,
	) -> Result<Weight, TransactionValidityError> {
		let (who, cid, tip, charged) = match pre {
			Pre::Native(pre) => {
				return ChargeTransactionPayment::<T>::post_dispatch_details(
					pre, info, post_info, len, result,
				)
			},
			Pre::Community { who, cid, tip, charged } => (who, cid, tip, charged),
		};
		let actual_native = pallet_transaction_payment::Pallet::<T>::compute_actual_fee(
			u32::try_from(len).unwrap_or(u32::MAX),
			info,
			post_info,
			tip,
		);
		let actual = Self::convert(actual_native, cid).unwrap_or(charged).min(charged);
		let refund = charged.saturating_sub(actual);
		// The refund goes back to the payer; should the call have emptied the account and the
		// refund be below the existential deposit, it stays burned (and the fee is all of it).
		let paid = if refund > Balance::ZERO && Pallet::<T>::do_issue(cid, &who, refund).is_ok() {
			actual
		} else {
			charged
		};
		Pallet::<T>::deposit_event(Event::FeePaid { cid, who, amount: paid });
		// The hook's unused weight goes back.
		let used = T::OnFeePaid::on_fee_paid(cid, paid);
		Ok(T::OnFeePaid::max_weight().saturating_sub(used))
	}
}
