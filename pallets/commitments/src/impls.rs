// SPDX-License-Identifier: GPL-3.0-or-later
//! Registering purposes, committing attendances, retiring purposes and purging expired
//! commitments a bounded step at a time.

use crate::*;
use alloc::vec::Vec;
use convene_primitives::page::{self, Page};
use frame::prelude::*;
use pallet_communities::deposit::{price, twox64_concat, Deposit};

/// A page of commitments: purpose, account and commitment, with the cursor of the next page.
pub type CommitmentsPage<AccountId> =
	Page<(PurposeId, AccountId), (PurposeId, AccountId, Option<Commitment>)>;

impl<T: Config> Pallet<T> {
	/// The deposit for a purpose: its entry in `Purposes` at the longest descriptor, key
	/// included, and its `Retiring` entry.
	pub fn purpose_deposit() -> BalanceOf<T> {
		let bytes = twox64_concat(PurposeId::max_encoded_len())
			.saturating_add(PurposeInfo::<T>::max_encoded_len())
			.saturating_add(twox64_concat(CeremonyIndex::max_encoded_len()))
			.saturating_add(twox64_concat(PurposeId::max_encoded_len()));
		price(T::DepositBase::get(), T::DepositPerByte::get(), bytes)
	}

	/// Register a purpose; `owner` pays its deposit (`None`: a pallet, which pays its own).
	pub fn do_register_purpose(
		descriptor: BoundedVec<u8, T::MaxDescriptorLength>,
		owner: Option<T::AccountId>,
	) -> Result<PurposeId, DispatchError> {
		let purpose = NextPurposeId::<T>::get();
		let next = purpose.checked_add(1).ok_or(Error::<T>::PurposeIdsExhausted)?;
		let deposit = match owner.clone() {
			Some(who) => Some(Deposit::hold::<T::Currency>(
				&HoldReason::PurposeDeposit.into(),
				who,
				Self::purpose_deposit(),
			)?),
			None => None,
		};
		let amount = deposit.as_ref().map_or_else(Zero::zero, |d| d.amount);
		Purposes::<T>::insert(
			purpose,
			PurposeInfo { descriptor: descriptor.clone(), deposit, retired: None },
		);
		NextPurposeId::<T>::put(next);
		Self::deposit_event(Event::PurposeRegistered {
			purpose,
			descriptor,
			owner,
			deposit: amount,
		});
		Ok(purpose)
	}

	/// Spend `who`'s attendance of `(cid, cindex)` on `purpose`.
	pub fn do_commit(
		who: &T::AccountId,
		cid: CommunityIdentifier,
		cindex: CeremonyIndex,
		purpose: PurposeId,
		commitment: Option<Commitment>,
	) -> DispatchResult {
		let info = Purposes::<T>::get(purpose).ok_or(Error::<T>::PurposeNotFound)?;
		ensure!(info.retired.is_none(), Error::<T>::PurposeRetired);
		ensure!(Self::is_valid(cindex), Error::<T>::AttendanceOutdated);
		ensure!(T::Reputations::is_verified(who, cid, cindex), Error::<T>::AttendanceNotVerified);
		let key = (cindex, cid, purpose, who);
		ensure!(!Commitments::<T>::contains_key(key), Error::<T>::AlreadyCommitted);
		Commitments::<T>::insert(key, commitment);
		Self::deposit_event(Event::ReputationCommitted {
			cid,
			cindex,
			purpose,
			who: who.clone(),
			commitment,
		});
		Ok(())
	}

	/// Whether attendances of ceremony `cindex` are still valid (within the reputation
	/// lifetime, not purged).
	pub fn is_valid(cindex: CeremonyIndex) -> bool {
		let lifetime = T::Reputations::reputation_lifetime();
		cindex >= PurgedBefore::<T>::get()
			&& cindex.saturating_add(lifetime) >= T::Clock::ceremony_index()
	}

	/// Retire `purpose`: no more commitments; removed once those made have expired.
	pub fn do_retire(purpose: PurposeId) -> DispatchResult {
		let cindex = T::Clock::ceremony_index();
		Purposes::<T>::try_mutate(purpose, |info| {
			let info = info.as_mut().ok_or(Error::<T>::PurposeNotFound)?;
			ensure!(info.retired.is_none(), Error::<T>::PurposeRetired);
			info.retired = Some(cindex);
			Ok::<_, DispatchError>(())
		})?;
		Retiring::<T>::insert(cindex, purpose, ());
		Self::deposit_event(Event::PurposeRetired { purpose, cindex });
		Ok(())
	}

	/// Purge expired ceremonies' commitments and retired purposes within `limit`, a step of at
	/// most [`CLEAR_LIMIT`] entries at a time; returns the weight used.
	pub(crate) fn purge_step(limit: Weight) -> Weight {
		let check = T::DbWeight::get().reads(3);
		let step = <T as Config>::WeightInfo::purge_step();
		let mut used = check;
		if limit.any_lt(check.saturating_add(step)) {
			return Weight::zero();
		}
		let target =
			T::Clock::ceremony_index().saturating_sub(T::Reputations::reputation_lifetime());
		while limit.all_gte(used.saturating_add(step)) {
			let cindex = PurgedBefore::<T>::get();
			if cindex >= target {
				break;
			}
			used = used.saturating_add(step);
			Self::purge_ceremony(cindex);
		}
		used
	}

	/// One step of purging ceremony `cindex`: up to [`CLEAR_LIMIT`] commitments, then up to
	/// [`CLEAR_LIMIT`] purposes retired in it; once none is left, the next ceremony's turn.
	/// Returns whether the ceremony is done.
	pub(crate) fn purge_ceremony(cindex: CeremonyIndex) -> bool {
		// Removed one by one (not `clear_prefix`, whose limit counts only keys already in the
		// database, not those written in this block).
		let removed = Commitments::<T>::drain_prefix((cindex,)).take(CLEAR_LIMIT as usize).count();
		if removed as u32 == CLEAR_LIMIT
			&& Commitments::<T>::iter_prefix((cindex,)).next().is_some()
		{
			return false;
		}
		let retiring: Vec<PurposeId> =
			Retiring::<T>::iter_key_prefix(cindex).take(CLEAR_LIMIT as usize).collect();
		let full = retiring.len() as u32 == CLEAR_LIMIT;
		for purpose in retiring {
			Retiring::<T>::remove(cindex, purpose);
			Self::remove_purpose(purpose);
		}
		if full && Retiring::<T>::iter_key_prefix(cindex).next().is_some() {
			return false;
		}
		PurgedBefore::<T>::put(cindex.saturating_add(1));
		Self::deposit_event(Event::CommitmentsPurged { cindex });
		true
	}

	fn remove_purpose(purpose: PurposeId) {
		let Some(info) = Purposes::<T>::take(purpose) else {
			defensive!("a retiring purpose that does not exist");
			return;
		};
		let released = info.deposit.map_or_else(Zero::zero, |d| {
			d.release::<T::Currency>(&HoldReason::PurposeDeposit.into())
		});
		Self::deposit_event(Event::PurposeRemoved { purpose, released });
	}

	/// A page of the purposes, after `after`, by id.
	pub fn purposes(
		after: Option<PurposeId>,
		limit: u32,
	) -> Page<PurposeId, (PurposeId, PurposeInfo<T>)> {
		let end = NextPurposeId::<T>::get();
		let start = after.map_or(0, |a| a.saturating_add(1));
		let entries = (start..end).filter_map(|id| Purposes::<T>::get(id).map(|p| (id, p)));
		page::scan(entries, limit, |id, info| Some((*id, info.clone())))
	}

	/// A page of the commitments of ceremony `cindex` of `cid` (to `purpose` only, if given):
	/// purpose, account and commitment, after `after`, in storage order.
	pub fn commitments(
		cid: CommunityIdentifier,
		cindex: CeremonyIndex,
		purpose: Option<PurposeId>,
		after: Option<(PurposeId, T::AccountId)>,
		limit: u32,
	) -> CommitmentsPage<T::AccountId> {
		let entries = match after {
			Some((p, who)) => Commitments::<T>::iter_prefix_from(
				(cindex, cid),
				Commitments::<T>::hashed_key_for((cindex, cid, p, who)),
			),
			None => Commitments::<T>::iter_prefix((cindex, cid)),
		};
		page::scan(entries, limit, |(p, who), commitment| {
			purpose.is_none_or(|wanted| wanted == *p).then(|| (*p, who.clone(), commitment))
		})
	}

	/// Check the pallet's invariants: commitments only to purposes that exist and of ceremonies
	/// not purged; retired purposes, and only they, wait to be removed; every owner's hold is
	/// the sum of its purposes' deposits.
	pub fn do_try_state() -> Result<(), &'static str> {
		let purged_before = PurgedBefore::<T>::get();
		for (cindex, _, purpose, _) in Commitments::<T>::iter_keys() {
			ensure!(Purposes::<T>::contains_key(purpose), "a commitment to no purpose");
			ensure!(cindex >= purged_before, "a commitment of a purged ceremony");
			if let Some(Some(retired)) = Purposes::<T>::get(purpose).map(|p| p.retired) {
				ensure!(cindex <= retired, "a commitment after its purpose retired");
			}
		}
		let next = NextPurposeId::<T>::get();
		let mut deposits = Vec::new();
		for (purpose, info) in Purposes::<T>::iter() {
			ensure!(purpose < next, "a purpose beyond the next id");
			match info.retired {
				Some(cindex) => ensure!(
					Retiring::<T>::contains_key(cindex, purpose),
					"a retired purpose not waiting to be removed"
				),
				None => ensure!(
					Retiring::<T>::iter().all(|(_, p, ())| p != purpose),
					"a live purpose waiting to be removed"
				),
			}
			if let Some(deposit) = info.deposit {
				deposits.push((deposit.depositor, deposit.amount));
			}
		}
		for (cindex, purpose, ()) in Retiring::<T>::iter() {
			ensure!(Purposes::<T>::contains_key(purpose), "a retiring purpose that does not exist");
			ensure!(cindex >= purged_before, "a retiring purpose left behind");
		}
		pallet_communities::deposit::check_holds::<T::AccountId, T::Currency>(
			&HoldReason::PurposeDeposit.into(),
			deposits,
		)
	}
}

impl<T: Config> ReputationCommitments<T::AccountId> for Pallet<T> {
	type Error = DispatchError;

	fn register_purpose(descriptor: &[u8]) -> Result<PurposeId, DispatchError> {
		let descriptor =
			BoundedVec::try_from(descriptor.to_vec()).map_err(|_| Error::<T>::DescriptorTooLong)?;
		Self::do_register_purpose(descriptor, None)
	}

	fn commit(
		who: &T::AccountId,
		cid: CommunityIdentifier,
		cindex: CeremonyIndex,
		purpose: PurposeId,
		commitment: Option<Commitment>,
	) -> Result<(), DispatchError> {
		Self::do_commit(who, cid, cindex, purpose, commitment)
	}

	fn retire_purpose(purpose: PurposeId) {
		if Self::do_retire(purpose).is_err() {
			defensive!("a pallet retired a purpose twice or one that does not exist");
		}
	}
}
