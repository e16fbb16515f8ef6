// SPDX-License-Identifier: GPL-3.0-or-later
//! Storage migrations, one module per version.

/// Version 0 → 1: [`crate::GlobalReputationCounts`] summed from every community's
/// [`crate::ReputationCounts`] (at most communities × reputation lifetime entries).
pub mod v1 {
	use crate::*;
	use frame::prelude::*;

	/// The migration, run once: only while the stored version is 0.
	pub type MigrateToV1<T> = frame::deps::frame_support::migrations::VersionedMigration<
		0,
		1,
		SumGlobalCounts<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;

	/// Sums the counts.
	pub struct SumGlobalCounts<T>(core::marker::PhantomData<T>);

	impl<T: Config> frame::traits::UncheckedOnRuntimeUpgrade for SumGlobalCounts<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut read = 0u64;
			let _ = GlobalReputationCounts::<T>::clear(u32::MAX, None);
			for ((_, cindex), count) in ReputationCounts::<T>::iter() {
				read = read.saturating_add(1);
				GlobalReputationCounts::<T>::mutate(cindex, |c| *c = c.saturating_add(count));
			}
			T::DbWeight::get().reads_writes(read.saturating_mul(2), read)
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_: alloc::vec::Vec<u8>) -> Result<(), frame::try_runtime::TryRuntimeError> {
			Pallet::<T>::do_try_state().map_err(Into::into)
		}
	}

	#[cfg(test)]
	mod tests {
		use super::*;
		use crate::mock::*;
		use convene_pallet_test_utils::{cid, cid2};
		use frame::traits::OnRuntimeUpgrade;

		#[test]
		fn on_runtime_upgrade_sums_every_communitys_counts() {
			ExtBuilder.build().execute_with(|| {
				StorageVersion::new(0).put::<Ceremonies>();
				ReputationCounts::<Test>::insert((cid(), 3), 4);
				ReputationCounts::<Test>::insert((cid2(), 3), 5);
				ReputationCounts::<Test>::insert((cid(), 4), 1);
				MigrateToV1::<Test>::on_runtime_upgrade();
				assert_eq!(GlobalReputationCounts::<Test>::get(3), 9);
				assert_eq!(GlobalReputationCounts::<Test>::get(4), 1);
				assert_eq!(StorageVersion::get::<Ceremonies>(), 1);
				// Run again, it does nothing: the version is 1.
				ReputationCounts::<Test>::insert((cid(), 5), 1);
				MigrateToV1::<Test>::on_runtime_upgrade();
				assert_eq!(GlobalReputationCounts::<Test>::get(5), 0);
			});
		}
	}
}
