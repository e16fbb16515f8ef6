// SPDX-License-Identifier: GPL-3.0-or-later
#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]
// Runtime code must not panic. `clippy::expect_used` is left out only because FRAME's pallet
// macros expand to `expect` calls (in metadata code) that would trip it.
#![cfg_attr(
	not(any(test, feature = "runtime-benchmarks")),
	deny(
		clippy::unwrap_used,
		clippy::panic,
		clippy::indexing_slicing,
		clippy::arithmetic_side_effects
	)
)]

extern crate alloc;

pub use convene_primitives::scheduler::{
	CeremonyIndex, CeremonyInfo, CeremonyPhase, Moment, PhaseDurations,
};
pub use pallet::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod hook;
mod impls;
#[cfg(test)]
mod mock;
pub mod runtime_api;
#[cfg(test)]
mod tests;
pub mod weights;

pub use hook::OnCeremonyPhaseChange;
pub use impls::CurrentPhaseOf;

const LOG_TARGET: &str = "runtime::ceremony-scheduler";

#[frame::pallet]
pub mod pallet {
	use super::*;
	use frame::{
		prelude::*,
		traits::{ConstU64, Time},
	};

	/// Default configuration for tests; see `config_preludes::TestDefaultConfig`.
	pub mod config_preludes {
		use super::*;
		use frame::pallet_macros::derive_impl;

		/// Test defaults: one-year maximum phase, no phase-change hook, unit weights.
		pub struct TestDefaultConfig;

		#[derive_impl(frame_system::config_preludes::TestDefaultConfig, no_aggregated_types)]
		impl frame_system::DefaultConfig for TestDefaultConfig {}

		#[frame::prelude::register_default_impl(TestDefaultConfig)]
		impl DefaultConfig for TestDefaultConfig {
			type MaxPhaseDuration =
				ConstU64<{ 366 * convene_primitives::scheduler::MILLISECS_PER_DAY }>;
			type OnCeremonyPhaseChange = ();
			type WeightInfo = ();
		}
	}

	#[pallet::config(with_default)]
	pub trait Config: frame_system::Config {
		/// Origin allowed to change the schedule (Root in Convene's runtime).
		#[pallet::no_default]
		type CeremonyMaster: EnsureOrigin<Self::RuntimeOrigin>;

		/// Chain time: `pallet-timestamp`, in milliseconds since the Unix epoch.
		#[pallet::no_default]
		type Time: Time<Moment = Moment>;

		/// The longest a single phase may last, in milliseconds of chain time.
		#[pallet::constant]
		type MaxPhaseDuration: Get<Moment>;

		/// What other pallets do when a phase begins, in the tuple's order.
		type OnCeremonyPhaseChange: OnCeremonyPhaseChange;

		/// Weights of this pallet's calls and hooks.
		type WeightInfo: WeightInfo;
	}

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// The first ceremony's index.
	#[pallet::type_value]
	pub fn FirstCeremony() -> CeremonyIndex {
		1
	}

	/// The current ceremony index; the first ceremony is 1.
	#[pallet::storage]
	pub type CurrentCeremonyIndex<T> = StorageValue<_, CeremonyIndex, ValueQuery, FirstCeremony>;

	/// The current phase of the ceremony cycle.
	#[pallet::storage]
	pub type CurrentPhase<T> = StorageValue<_, CeremonyPhase, ValueQuery>;

	/// When the current phase ends (ms of chain time). `None` until the first block's timestamp
	/// starts the schedule.
	#[pallet::storage]
	pub type NextPhaseTimestamp<T> = StorageValue<_, Moment, OptionQuery>;

	/// One day per phase until genesis says otherwise.
	#[pallet::type_value]
	pub fn DefaultPhaseDurations() -> PhaseDurations {
		PhaseDurations::uniform(convene_primitives::scheduler::MILLISECS_PER_DAY)
	}

	/// How long each phase lasts (ms of chain time). Every phase lasts at least 1 ms and at most
	/// [`Config::MaxPhaseDuration`].
	#[pallet::storage]
	pub type PhaseDurationsOf<T> =
		StorageValue<_, PhaseDurations, ValueQuery, DefaultPhaseDurations>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The first block's timestamp started the schedule.
		ScheduleStarted {
			/// The phase the chain starts in.
			phase: CeremonyPhase,
			/// The ceremony the chain starts in.
			ceremony_index: CeremonyIndex,
			/// When that phase ends (ms).
			next_phase_timestamp: Moment,
		},
		/// A new phase began, automatically or through `next_phase`.
		PhaseChanged {
			/// The phase that began.
			phase: CeremonyPhase,
			/// The ceremony it belongs to (incremented when Registering begins).
			ceremony_index: CeremonyIndex,
			/// When it ends (ms).
			next_phase_timestamp: Moment,
		},
		/// A phase's duration changed; it applies from the next time that phase begins.
		PhaseDurationSet {
			/// The phase.
			phase: CeremonyPhase,
			/// Its new duration (ms).
			duration: Moment,
		},
		/// The end of the current phase was moved.
		NextPhaseTimestampSet {
			/// When the current phase now ends (ms).
			next_phase_timestamp: Moment,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// A phase cannot last zero milliseconds; give a duration of at least 1 ms.
		ZeroPhaseDuration,
		/// The duration is longer than `MaxPhaseDuration` (see the pallet's constants).
		PhaseDurationTooLong,
		/// The current ceremony index is the largest possible; no further ceremony can begin.
		CeremonyIndexOverflow,
		/// The phase would end at or before the current chain time; give a later timestamp.
		NextPhaseTimestampNotInFuture,
		/// The phase would last longer than `MaxPhaseDuration` from now; give an earlier
		/// timestamp.
		NextPhaseTimestampTooFar,
	}

	#[pallet::genesis_config]
	pub struct GenesisConfig<T: Config> {
		/// The phase the chain starts in.
		pub current_phase: CeremonyPhase,
		/// The ceremony the chain starts in (at least 1).
		pub current_ceremony_index: CeremonyIndex,
		/// How long each phase lasts (ms).
		pub phase_durations: PhaseDurations,
		/// When the first phase ends (ms since the epoch); by default the first block's
		/// timestamp plus the first phase's duration.
		pub next_phase_timestamp: Option<Moment>,
		#[serde(skip)]
		#[doc(hidden)]
		pub _config: core::marker::PhantomData<T>,
	}

	impl<T: Config> Default for GenesisConfig<T> {
		/// Registering of ceremony 1, one day per phase.
		fn default() -> Self {
			Self {
				current_phase: CeremonyPhase::Registering,
				current_ceremony_index: FirstCeremony::get(),
				phase_durations: DefaultPhaseDurations::get(),
				next_phase_timestamp: None,
				_config: Default::default(),
			}
		}
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			// A bad genesis config must stop chain-spec building with a message saying what to fix.
			#[allow(clippy::panic)]
			{
				if let Err((phase, e)) = self.phase_durations.validate(T::MaxPhaseDuration::get()) {
					panic!("ceremonyScheduler.phaseDurations: {phase:?} is {e:?} (1 ms to MaxPhaseDuration)");
				}
				if self.current_ceremony_index == 0 {
					panic!("ceremonyScheduler.currentCeremonyIndex must be at least 1");
				}
			}
			CurrentPhase::<T>::put(self.current_phase);
			CurrentCeremonyIndex::<T>::put(self.current_ceremony_index);
			PhaseDurationsOf::<T>::put(self.phase_durations);
			if let Some(t) = self.next_phase_timestamp {
				NextPhaseTimestamp::<T>::put(t);
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			let max = T::MaxPhaseDuration::get();
			assert!(max > 0, "MaxPhaseDuration must be at least 1 ms");
			assert!(
				PhaseDurations::uniform(max).cycle().is_some(),
				"three phases of MaxPhaseDuration must fit in a u64"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(
			_n: BlockNumberFor<T>,
		) -> Result<(), frame::deps::sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// End the current phase now and begin the next one.
		///
		/// ## Dispatch Origin
		/// `CeremonyMaster` (Root).
		///
		/// ## Details
		/// The new phase ends at its scheduled time: the schedule's rhythm is kept, so skipping
		/// a whole cycle lands on the same boundary one ceremony later. Beginning Registering
		/// increments the ceremony index; fails with `CeremonyIndexOverflow` if it cannot.
		/// Emits `PhaseChanged` and runs the phase-change hooks, whose actual weight is charged.
		#[pallet::call_index(0)]
		#[pallet::weight(
			<T as Config>::WeightInfo::next_phase()
				.saturating_add(T::OnCeremonyPhaseChange::max_weight())
		)]
		pub fn next_phase(origin: OriginFor<T>) -> DispatchResultWithPostInfo {
			T::CeremonyMaster::ensure_origin(origin)?;
			let hook_weight = Self::do_next_phase(T::Time::now())?;
			Ok(Some(<T as Config>::WeightInfo::next_phase().saturating_add(hook_weight)).into())
		}

		/// Set how long `phase` lasts.
		///
		/// ## Dispatch Origin
		/// `CeremonyMaster` (Root).
		///
		/// ## Details
		/// The duration applies from the next time `phase` begins; the current phase keeps its
		/// end. Fails with `ZeroPhaseDuration` or `PhaseDurationTooLong`. Emits
		/// `PhaseDurationSet`.
		#[pallet::call_index(1)]
		pub fn set_phase_duration(
			origin: OriginFor<T>,
			phase: CeremonyPhase,
			duration: Moment,
		) -> DispatchResult {
			T::CeremonyMaster::ensure_origin(origin)?;
			Self::do_set_phase_duration(phase, duration)
		}

		/// Move the end of the current phase, e.g. to align the schedule with a time of day.
		///
		/// ## Dispatch Origin
		/// `CeremonyMaster` (Root).
		///
		/// ## Details
		/// `timestamp` (ms since the epoch) must be after the current chain time
		/// (`NextPhaseTimestampNotInFuture`) and at most `MaxPhaseDuration` later
		/// (`NextPhaseTimestampTooFar`). Later phases follow from it. Emits
		/// `NextPhaseTimestampSet`.
		#[pallet::call_index(2)]
		pub fn set_next_phase_timestamp(origin: OriginFor<T>, timestamp: Moment) -> DispatchResult {
			T::CeremonyMaster::ensure_origin(origin)?;
			Self::do_set_next_phase_timestamp(timestamp, T::Time::now())
		}
	}
}
