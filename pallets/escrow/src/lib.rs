// SPDX-License-Identifier: GPL-3.0-or-later
//! Escrow payment channels (work in progress; see `spec/escrow-channels.md` §5).
//!
//! A sender escrows funds for a recipient and pays off-chain with cumulative cheques signed by
//! the channel's signer (or the sender); the recipient claims the latest cheque on chain, keeping
//! the channel open or closing it and refunding the rest; after expiry the sender takes back
//! what is left. Channel ids are never reused and every claim moves the nonce, so no cheque is
//! good twice. One instance per ledger: the native token (funds on hold) or community
//! currencies.
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]
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

pub use convene_primitives::escrow::{Amount, ChannelId, ClaimPayload, OpenPayload};
pub use ledger::{CommunityLedger, Ledger, NativeLedger};
pub use pallet::*;
pub use weights::WeightInfo;

/// What the benchmarks need from the runtime: an asset, funds, and keys that sign.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, Asset, Balance, Signature> {
	/// The asset benchmark channels hold.
	fn asset() -> Asset;
	/// Give `who` `amount` of `asset` (and what fees need).
	fn endow(asset: Asset, who: &AccountId, amount: Balance);
	/// The account of the signing key derived from `seed` (the worst-case key type).
	fn signer(seed: u32) -> AccountId;
	/// That key's signature over `payload`.
	fn sign(seed: u32, payload: &[u8]) -> Signature;
}

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod impls;
mod ledger;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;

/// A payment channel.
#[derive(
	Clone,
	Debug,
	codec::Decode,
	codec::DecodeWithMemTracking,
	codec::Encode,
	Eq,
	codec::MaxEncodedLen,
	PartialEq,
	scale_info::TypeInfo,
)]
pub struct Channel<AccountId, Asset, Balance, BlockNumber, Stamp> {
	/// Who funded it and may take back what is left after expiry.
	pub sender: AccountId,
	/// Who signs cheques (besides the sender).
	pub signer: AccountId,
	/// Who claims.
	pub recipient: AccountId,
	/// The service it pays.
	pub group_id: [u8; 32],
	/// What it holds.
	pub asset: Asset,
	/// How much it held when last changed (a community-currency escrow decays since).
	pub value: Balance,
	/// Cheques are for this nonce; every claim moves it.
	pub nonce: u64,
	/// When the sender may take back what is left.
	pub expiration: BlockNumber,
	/// The block at which the nonce last changed.
	pub epoch_start: BlockNumber,
	/// The same moment in the ledger's time: cheques are denominated at it.
	pub epoch_stamp: Stamp,
}

/// What a channel is opened with.
#[derive(
	Clone,
	Debug,
	codec::Decode,
	codec::DecodeWithMemTracking,
	codec::Encode,
	Eq,
	codec::MaxEncodedLen,
	PartialEq,
	scale_info::TypeInfo,
)]
pub struct ChannelTerms<AccountId, Asset, Balance, BlockNumber> {
	/// Who signs cheques (besides the sender).
	pub signer: AccountId,
	/// Who claims.
	pub recipient: AccountId,
	/// The service it pays.
	pub group_id: [u8; 32],
	/// What it holds.
	pub asset: Asset,
	/// How much is escrowed.
	pub value: Balance,
	/// When the sender may take back what is left.
	pub expiration: BlockNumber,
}

/// What a claim does with the rest of the channel.
#[derive(
	Clone,
	Copy,
	Debug,
	codec::Decode,
	codec::DecodeWithMemTracking,
	codec::Encode,
	Eq,
	codec::MaxEncodedLen,
	PartialEq,
	scale_info::TypeInfo,
)]
pub enum ClaimMode {
	/// The channel stays open for more cheques at the next nonce.
	KeepOpen,
	/// The rest goes back to the sender and the channel expires now.
	CloseAndRefund,
}

#[frame::pallet]
pub mod pallet {
	use super::*;
	use convene_primitives::page::{self, Page};
	use frame::{
		prelude::*,
		traits::{BlockNumberProvider, IdentifyAccount, Verify},
	};

	/// A channel of this instance.
	pub type ChannelOf<T, I> = Channel<
		<T as frame_system::Config>::AccountId,
		AssetOf<T, I>,
		BalanceOf<T, I>,
		BlockNumberFor<T>,
		StampOf<T, I>,
	>;
	/// The ledger's time stamp.
	pub type StampOf<T, I> =
		<<T as Config<I>>::Ledger as Ledger<<T as frame_system::Config>::AccountId>>::Stamp;
	/// A channel's terms in this instance.
	pub type TermsOf<T, I> = ChannelTerms<
		<T as frame_system::Config>::AccountId,
		AssetOf<T, I>,
		BalanceOf<T, I>,
		BlockNumberFor<T>,
	>;
	/// An open authorisation in this instance.
	pub type OpenPayloadOf<T, I> = OpenPayload<
		<T as frame_system::Config>::Hash,
		<T as frame_system::Config>::AccountId,
		AssetOf<T, I>,
		BalanceOf<T, I>,
		BlockNumberFor<T>,
	>;
	/// The ledger's asset type.
	pub type AssetOf<T, I> =
		<<T as Config<I>>::Ledger as Ledger<<T as frame_system::Config>::AccountId>>::Asset;
	/// The ledger's balance type.
	pub type BalanceOf<T, I> =
		<<T as Config<I>>::Ledger as Ledger<<T as frame_system::Config>::AccountId>>::Balance;

	#[pallet::config]
	pub trait Config<I: 'static = ()>: frame_system::Config {
		/// Where escrowed funds are kept.
		type Ledger: Ledger<Self::AccountId>;

		/// What cheques are signed with.
		type OffchainSignature: Verify<Signer = Self::SigningPublicKey>
			+ Parameter
			+ DecodeWithMemTracking;

		/// The signer of [`Config::OffchainSignature`], identifying an account.
		type SigningPublicKey: IdentifyAccount<AccountId = Self::AccountId>;

		/// The block number expirations are measured in.
		type BlockNumberProvider: BlockNumberProvider<BlockNumber = BlockNumberFor<Self>>;

		/// The least a channel is opened with.
		#[pallet::constant]
		type MinChannelValue: Get<BalanceOf<Self, I>>;

		/// The shortest a channel is opened for, in blocks.
		#[pallet::constant]
		type MinDuration: Get<BlockNumberFor<Self>>;

		/// The most channels one sender has at once.
		#[pallet::constant]
		type MaxChannelsPerSender: Get<u32>;

		/// The calls' weights.
		type WeightInfo: WeightInfo;

		/// Accounts, funds and signatures for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<
			Self::AccountId,
			AssetOf<Self, I>,
			BalanceOf<Self, I>,
			Self::OffchainSignature,
		>;
	}

	#[pallet::pallet]
	pub struct Pallet<T, I = ()>(_);

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason<I: 'static = ()> {
		/// Funds escrowed in payment channels.
		ChannelEscrow,
	}

	/// The next channel's id; ids are never reused.
	#[pallet::storage]
	pub type NextChannelId<T: Config<I>, I: 'static = ()> = StorageValue<_, ChannelId, ValueQuery>;

	/// The channels.
	#[pallet::storage]
	pub type Channels<T: Config<I>, I: 'static = ()> =
		StorageMap<_, Twox64Concat, ChannelId, ChannelOf<T, I>>;

	/// Each sender's channels.
	#[pallet::storage]
	pub type ChannelsBySender<T: Config<I>, I: 'static = ()> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, ChannelId, ()>;

	/// Each recipient's channels.
	#[pallet::storage]
	pub type ChannelsByRecipient<T: Config<I>, I: 'static = ()> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, ChannelId, ()>;

	/// Each sender's counter of third-party open authorisations: an authorisation is for the
	/// current value, and using it moves it.
	#[pallet::storage]
	pub type OpenNonce<T: Config<I>, I: 'static = ()> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u64, ValueQuery>;

	/// How many channels each sender has.
	#[pallet::storage]
	pub type ChannelCount<T: Config<I>, I: 'static = ()> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config<I>, I: 'static = ()> {
		/// A channel was opened.
		ChannelOpened {
			/// Its id.
			channel_id: ChannelId,
			/// Its sender.
			sender: T::AccountId,
			/// Who paid its value (the sender, or a third party it authorised).
			funder: T::AccountId,
			/// Its cheque signer.
			signer: T::AccountId,
			/// Its recipient.
			recipient: T::AccountId,
			/// The service it pays.
			group_id: [u8; 32],
			/// What it holds.
			asset: AssetOf<T, I>,
			/// How much.
			value: BalanceOf<T, I>,
			/// When it expires.
			expiration: BlockNumberFor<T>,
		},
		/// Funds were added to a channel.
		FundsAdded {
			/// The channel.
			channel_id: ChannelId,
			/// Who paid.
			funder: T::AccountId,
			/// How much.
			amount: BalanceOf<T, I>,
			/// The channel's value now.
			new_value: BalanceOf<T, I>,
		},
		/// A channel's expiration moved.
		Extended {
			/// The channel.
			channel_id: ChannelId,
			/// The new expiration.
			expiration: BlockNumberFor<T>,
		},
		/// The recipient claimed a cheque.
		Claimed {
			/// The channel.
			channel_id: ChannelId,
			/// Who was paid.
			recipient: T::AccountId,
			/// The new nonce.
			nonce: u64,
			/// Paid to the recipient.
			paid: BalanceOf<T, I>,
			/// The cheque's amount.
			authorised: BalanceOf<T, I>,
			/// Refunded to the sender.
			refunded: BalanceOf<T, I>,
			/// Left in the channel.
			remaining: BalanceOf<T, I>,
		},
		/// The sender took back what was left after expiry.
		Reclaimed {
			/// The channel.
			channel_id: ChannelId,
			/// The new nonce.
			nonce: u64,
			/// Refunded to the sender.
			refunded: BalanceOf<T, I>,
		},
		/// The recipient gave back what was left.
		Released {
			/// The channel.
			channel_id: ChannelId,
			/// The new nonce.
			nonce: u64,
			/// Refunded to the sender.
			refunded: BalanceOf<T, I>,
		},
		/// An empty channel was removed; its id is not reused.
		ChannelClosed {
			/// The channel.
			channel_id: ChannelId,
		},
	}

	#[pallet::error]
	pub enum Error<T, I = ()> {
		/// There is no such channel.
		UnknownChannel,
		/// Only the channel's sender may do this.
		NotSender,
		/// Only the channel's recipient may do this.
		NotRecipient,
		/// Below `MinChannelValue`, or zero.
		ValueTooLow,
		/// Sooner than `MinDuration` from now.
		ExpirationTooSoon,
		/// An expiration only moves later.
		ExpirationDecrease,
		/// The channel has not expired yet.
		NotExpired,
		/// The channel holds nothing.
		NothingToReclaim,
		/// Only an empty channel is closed.
		ChannelNotEmpty,
		/// The amount paid exceeds the cheque (its value now, in a decaying currency).
		ActualExceedsPlanned,
		/// Nothing to pay.
		ZeroClaim,
		/// The amount paid exceeds what the channel holds.
		ExceedsEscrow,
		/// The cheque's signature is not the signer's or the sender's over this channel's nonce.
		BadSignature,
		/// The sender has `MaxChannelsPerSender` channels.
		TooManyChannels,
		/// A channel to oneself.
		SelfChannel,
		/// The open authorisation is past its `valid_until`.
		AuthorizationExpired,
		/// The open authorisation is not for the sender's current open nonce.
		StaleOpenNonce,
		/// Channel ids are exhausted.
		ChannelIdOverflow,
		/// The nonce is exhausted.
		NonceOverflow,
		/// The channel's value would overflow.
		ValueOverflow,
	}

	#[pallet::hooks]
	impl<T: Config<I>, I: 'static> Hooks<BlockNumberFor<T>> for Pallet<T, I> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), frame::try_runtime::TryRuntimeError> {
			Self::do_try_state().map_err(Into::into)
		}
	}

	#[pallet::call]
	impl<T: Config<I>, I: 'static> Pallet<T, I> {
		/// Open a channel on `terms`, with its value escrowed from the caller.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::open_channel())]
		pub fn open_channel(origin: OriginFor<T>, terms: TermsOf<T, I>) -> DispatchResult {
			let sender = ensure_signed(origin)?;
			Self::do_open(sender.clone(), sender, terms).map(|_| ())
		}

		/// Open a channel on `terms` in `sender`'s name, funded by the caller, with `sender`'s
		/// signature over the [`OpenPayload`] (which names the caller as the funder).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::open_channel_for())]
		pub fn open_channel_for(
			origin: OriginFor<T>,
			sender: T::AccountId,
			terms: TermsOf<T, I>,
			valid_until: BlockNumberFor<T>,
			open_nonce: u64,
			signature: T::OffchainSignature,
		) -> DispatchResult {
			let funder = ensure_signed(origin)?;
			Self::do_open_for(sender, funder, terms, valid_until, open_nonce, signature).map(|_| ())
		}

		/// Add `amount` from the caller to an existing channel.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::add_funds())]
		pub fn add_funds(
			origin: OriginFor<T>,
			channel_id: ChannelId,
			amount: BalanceOf<T, I>,
		) -> DispatchResult {
			let funder = ensure_signed(origin)?;
			Self::do_add_funds(channel_id, funder, amount)
		}

		/// Move the channel's expiration later (sender only).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::extend())]
		pub fn extend(
			origin: OriginFor<T>,
			channel_id: ChannelId,
			expiration: BlockNumberFor<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_extend(channel_id, who, expiration)
		}

		/// [`Pallet::extend`] then [`Pallet::add_funds`], together (sender only).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::extend_and_add_funds())]
		pub fn extend_and_add_funds(
			origin: OriginFor<T>,
			channel_id: ChannelId,
			expiration: BlockNumberFor<T>,
			amount: BalanceOf<T, I>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_extend(channel_id, who.clone(), expiration)?;
			Self::do_add_funds(channel_id, who, amount)
		}

		/// Claim `actual` of a cheque for `planned` (recipient only).
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::claim())]
		pub fn claim(
			origin: OriginFor<T>,
			channel_id: ChannelId,
			actual: BalanceOf<T, I>,
			planned: BalanceOf<T, I>,
			signature: T::OffchainSignature,
			mode: ClaimMode,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_claim(channel_id, who, actual, planned, signature, mode)
		}

		/// Take back what is left of an expired channel (sender only).
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::claim_timeout())]
		pub fn claim_timeout(origin: OriginFor<T>, channel_id: ChannelId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_claim_timeout(channel_id, who)
		}

		/// Give what is left back to the sender (recipient only).
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::release())]
		pub fn release(origin: OriginFor<T>, channel_id: ChannelId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_release(channel_id, who)
		}

		/// Remove an empty channel (sender only); its id is not reused.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::close())]
		pub fn close(origin: OriginFor<T>, channel_id: ChannelId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_close(channel_id, who)
		}
	}

	/// A channel as the lists show it: its id, the channel, and what it holds now.
	pub type ListedChannel<T, I> = (ChannelId, ChannelOf<T, I>, BalanceOf<T, I>);

	impl<T: Config<I>, I: 'static> Pallet<T, I> {
		/// A page of the channels with ids `ids`.
		fn listed(
			ids: impl Iterator<Item = ChannelId>,
			limit: u32,
		) -> Page<ChannelId, ListedChannel<T, I>> {
			page::scan(ids.map(|id| (id, ())), limit, |id, ()| {
				let (channel, escrowed) = Self::channel_info(*id)?;
				Some((*id, channel, escrowed))
			})
		}
	}

	/// Reads for wallets and services (view functions: each instance answers for its own
	/// channels under its own pallet name).
	#[pallet::view_functions]
	impl<T: Config<I>, I: 'static> Pallet<T, I> {
		/// Channel `channel_id` and what it holds now (a community-currency escrow decays).
		pub fn channel_info(channel_id: ChannelId) -> Option<(ChannelOf<T, I>, BalanceOf<T, I>)> {
			let channel = Channels::<T, I>::get(channel_id)?;
			let escrowed = T::Ledger::escrowed(channel.asset, channel_id, channel.value);
			Some((channel, escrowed))
		}

		/// A page of the channels `sender` opened, each with its id and what it holds now: at
		/// most `limit` (at most `MAX_PAGE`) after channel `after`, in storage order.
		pub fn channels_of_sender(
			sender: T::AccountId,
			after: Option<ChannelId>,
			limit: u32,
		) -> Page<ChannelId, ListedChannel<T, I>> {
			let ids = match after {
				Some(id) => ChannelsBySender::<T, I>::iter_key_prefix_from(
					&sender,
					ChannelsBySender::<T, I>::hashed_key_for(&sender, id),
				),
				None => ChannelsBySender::<T, I>::iter_key_prefix(&sender),
			};
			Self::listed(ids, limit)
		}

		/// A page of the channels paying `recipient`, each with its id and what it holds now:
		/// at most `limit` after channel `after`, in storage order.
		pub fn channels_of_recipient(
			recipient: T::AccountId,
			after: Option<ChannelId>,
			limit: u32,
		) -> Page<ChannelId, ListedChannel<T, I>> {
			let ids = match after {
				Some(id) => ChannelsByRecipient::<T, I>::iter_key_prefix_from(
					&recipient,
					ChannelsByRecipient::<T, I>::hashed_key_for(&recipient, id),
				),
				None => ChannelsByRecipient::<T, I>::iter_key_prefix(&recipient),
			};
			Self::listed(ids, limit)
		}
	}
}
