// SPDX-License-Identifier: GPL-3.0-or-later
//! Who may found and change communities. Each origin's `Success` is the account that pays the
//! deposits for what it adds (`None`: nobody pays, for Root and, later, a community's vote).
//!
//! The runtime composes them with `EitherOf`, e.g. `CommunityAuthority = EitherOf<
//! EnsureCommunityAuthority<Runtime>, Free<AsEnsureOriginWithArg<EnsureRoot<AccountId>>,
//! AccountId>>`. A community's own vote (the self-government issue) is one more
//! `EnsureOriginWithArg` over the community identifier, wrapped in `Free` and added to the same
//! `EitherOf`.

use crate::{pallet::*, CommunityIdentifier};
use frame::{prelude::*, traits::EnsureOriginWithArg};

/// Any signed account while [`OpenCreation`] is set; it pays the deposits.
pub struct SignedWhenOpen<T>(PhantomData<T>);

impl<T: Config> EnsureOrigin<OriginFor<T>> for SignedWhenOpen<T> {
	type Success = Option<T::AccountId>;

	fn try_origin(o: OriginFor<T>) -> Result<Self::Success, OriginFor<T>> {
		if !OpenCreation::<T>::get() {
			return Err(o);
		}
		ensure_signed(o.clone()).map(Some).map_err(|_| o)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin() -> Result<OriginFor<T>, ()> {
		use frame::benchmarking::prelude::account;
		let who: T::AccountId = account("founder", 0, 0);
		OpenCreation::<T>::get()
			.then(|| frame_system::RawOrigin::Signed(who).into())
			.ok_or(())
	}
}

/// A community's own authority until it governs itself: a signed account that is one of its
/// bootstrappers or its founder (who paid its deposit). Any one of them may act alone: they
/// chose each other when founding it, and a majority would need an on-chain round of approvals
/// for every location. The signer pays the deposits.
pub struct EnsureCommunityAuthority<T>(PhantomData<T>);

impl<T: Config> EnsureOriginWithArg<OriginFor<T>, CommunityIdentifier>
	for EnsureCommunityAuthority<T>
{
	type Success = Option<T::AccountId>;

	fn try_origin(
		o: OriginFor<T>,
		cid: &CommunityIdentifier,
	) -> Result<Self::Success, OriginFor<T>> {
		let Ok(who) = ensure_signed(o.clone()) else { return Err(o) };
		if Pallet::<T>::is_authority(*cid, &who) {
			Ok(Some(who))
		} else {
			Err(o)
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin(cid: &CommunityIdentifier) -> Result<OriginFor<T>, ()> {
		let first = Bootstrappers::<T>::get(cid).and_then(|b| b.first().cloned()).ok_or(())?;
		Ok(frame_system::RawOrigin::Signed(first).into())
	}
}

/// `O`, paying no deposits (`Success = None`): for Root, or a collective acting for everyone.
/// With an argument, `O` is one too: `Free<AsEnsureOriginWithArg<EnsureRoot<_>>, _>`.
pub struct Free<O, AccountId>(PhantomData<(O, AccountId)>);

impl<OO, O: EnsureOrigin<OO>, AccountId> EnsureOrigin<OO> for Free<O, AccountId> {
	type Success = Option<AccountId>;

	fn try_origin(o: OO) -> Result<Self::Success, OO> {
		O::try_origin(o).map(|_| None)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin() -> Result<OO, ()> {
		O::try_successful_origin()
	}
}

impl<OO, O: EnsureOriginWithArg<OO, A>, A, AccountId> EnsureOriginWithArg<OO, A>
	for Free<O, AccountId>
{
	type Success = Option<AccountId>;

	fn try_origin(o: OO, a: &A) -> Result<Self::Success, OO> {
		O::try_origin(o, a).map(|_| None)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin(a: &A) -> Result<OO, ()> {
		O::try_successful_origin(a)
	}
}
