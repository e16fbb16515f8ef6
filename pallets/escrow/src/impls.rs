// SPDX-License-Identifier: GPL-3.0-or-later
//! The pallet's logic.

use crate::*;
use alloc::vec::Vec;
use convene_primitives::escrow::signed_forms;
use frame::{
	prelude::*,
	traits::{BlockNumberProvider, Verify},
};

impl<T: Config<I>, I: 'static> Pallet<T, I> {
	fn now() -> BlockNumberFor<T> {
		T::BlockNumberProvider::current_block_number()
	}

	fn channel(channel_id: ChannelId) -> Result<ChannelOf<T, I>, Error<T, I>> {
		Channels::<T, I>::get(channel_id).ok_or(Error::<T, I>::UnknownChannel)
	}

	/// This instance's index in the runtime, as payloads sign it.
	pub fn instance_index() -> u8 {
		u8::try_from(<Self as PalletInfoAccess>::index()).unwrap_or(u8::MAX)
	}

	/// The bytes a cheque for `amount` on `channel_id` at `nonce` signs.
	fn cheque(channel_id: ChannelId, nonce: u64, amount: BalanceOf<T, I>) -> Vec<u8> {
		let genesis = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
		ClaimPayload::new(genesis, Self::instance_index(), channel_id, nonce, amount).encode()
	}

	/// Whether `account` signed `payload`, raw or `<Bytes>`-wrapped.
	fn signed_by(signature: &T::OffchainSignature, payload: &[u8], account: &T::AccountId) -> bool {
		signed_forms(payload).iter().any(|form| signature.verify(&form[..], account))
	}

	/// The authorisation `sender` signs for `funder` to open a channel on `terms`.
	pub fn open_payload(
		funder: T::AccountId,
		terms: TermsOf<T, I>,
		valid_until: BlockNumberFor<T>,
		open_nonce: u64,
	) -> OpenPayloadOf<T, I> {
		OpenPayload {
			domain: convene_primitives::escrow::OPEN_TAG,
			genesis: frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero()),
			pallet_index: Self::instance_index(),
			funder,
			signer: terms.signer,
			recipient: terms.recipient,
			group_id: terms.group_id,
			asset: terms.asset,
			value: terms.value,
			expiration: terms.expiration,
			valid_until,
			open_nonce,
		}
	}

	/// Open a channel in `sender`'s name with its authorisation (see
	/// [`Pallet::open_channel_for`]); returns its id.
	pub fn do_open_for(
		sender: T::AccountId,
		funder: T::AccountId,
		terms: TermsOf<T, I>,
		valid_until: BlockNumberFor<T>,
		open_nonce: u64,
		signature: T::OffchainSignature,
	) -> Result<ChannelId, DispatchError> {
		ensure!(Self::now() <= valid_until, Error::<T, I>::AuthorizationExpired);
		let nonce = OpenNonce::<T, I>::get(&sender);
		ensure!(open_nonce == nonce, Error::<T, I>::StaleOpenNonce);
		let payload = Self::open_payload(funder.clone(), terms.clone(), valid_until, open_nonce);
		ensure!(
			Self::signed_by(&signature, &payload.encode(), &sender),
			Error::<T, I>::BadSignature
		);
		OpenNonce::<T, I>::insert(&sender, nonce.saturating_add(1));
		Self::do_open(sender, funder, terms)
	}

	/// Open a channel of `sender` on `terms`, paid by `funder` (see [`Pallet::open_channel`]);
	/// returns its id.
	pub fn do_open(
		sender: T::AccountId,
		funder: T::AccountId,
		terms: TermsOf<T, I>,
	) -> Result<ChannelId, DispatchError> {
		let ChannelTerms { signer, recipient, group_id, asset, value, expiration } = terms;
		ensure!(recipient != sender, Error::<T, I>::SelfChannel);
		// More than a community currency's existential deposit (more than nothing natively).
		ensure!(
			value >= T::MinChannelValue::get() && value > T::Ledger::minimum_remaining(asset),
			Error::<T, I>::ValueTooLow
		);
		let now = Self::now();
		ensure!(
			expiration >= now.saturating_add(T::MinDuration::get()),
			Error::<T, I>::ExpirationTooSoon
		);
		let count = ChannelCount::<T, I>::get(&sender);
		ensure!(count < T::MaxChannelsPerSender::get(), Error::<T, I>::TooManyChannels);
		let channel_id = NextChannelId::<T, I>::get();
		let next = channel_id.checked_add(1).ok_or(Error::<T, I>::ChannelIdOverflow)?;
		T::Ledger::escrow(asset, channel_id, &sender, &funder, value)?;
		NextChannelId::<T, I>::put(next);
		ChannelCount::<T, I>::insert(&sender, count.saturating_add(1));
		ChannelsBySender::<T, I>::insert(&sender, channel_id, ());
		ChannelsByRecipient::<T, I>::insert(&recipient, channel_id, ());
		Channels::<T, I>::insert(
			channel_id,
			Channel {
				sender: sender.clone(),
				signer: signer.clone(),
				recipient: recipient.clone(),
				group_id,
				asset,
				value,
				nonce: 0,
				expiration,
				epoch_start: now,
				epoch_stamp: T::Ledger::stamp(),
			},
		);
		Self::deposit_event(Event::ChannelOpened {
			channel_id,
			sender,
			funder,
			signer,
			recipient,
			group_id,
			asset,
			value,
			expiration,
		});
		Ok(channel_id)
	}

	/// Add funds to an existing channel (see [`Pallet::add_funds`]).
	pub fn do_add_funds(
		channel_id: ChannelId,
		funder: T::AccountId,
		amount: BalanceOf<T, I>,
	) -> DispatchResult {
		let mut channel = Self::channel(channel_id)?;
		ensure!(amount > BalanceOf::<T, I>::default(), Error::<T, I>::ValueTooLow);
		let new_value = T::Ledger::escrowed(channel.asset, channel_id, channel.value)
			.checked_add(amount)
			.ok_or(Error::<T, I>::ValueOverflow)?;
		T::Ledger::escrow(channel.asset, channel_id, &channel.sender, &funder, amount)?;
		channel.value = new_value;
		Channels::<T, I>::insert(channel_id, channel);
		Self::deposit_event(Event::FundsAdded { channel_id, funder, amount, new_value });
		Ok(())
	}

	/// Move the expiration later (see [`Pallet::extend`]).
	pub fn do_extend(
		channel_id: ChannelId,
		who: T::AccountId,
		expiration: BlockNumberFor<T>,
	) -> DispatchResult {
		let mut channel = Self::channel(channel_id)?;
		ensure!(who == channel.sender, Error::<T, I>::NotSender);
		ensure!(expiration >= channel.expiration, Error::<T, I>::ExpirationDecrease);
		channel.expiration = expiration;
		Channels::<T, I>::insert(channel_id, channel);
		Self::deposit_event(Event::Extended { channel_id, expiration });
		Ok(())
	}

	/// Pay a cheque (see [`Pallet::claim`]).
	pub fn do_claim(
		channel_id: ChannelId,
		who: T::AccountId,
		actual: BalanceOf<T, I>,
		planned: BalanceOf<T, I>,
		signature: T::OffchainSignature,
		mode: ClaimMode,
	) -> DispatchResult {
		let mut channel = Self::channel(channel_id)?;
		ensure!(who == channel.recipient, Error::<T, I>::NotRecipient);
		let zero = BalanceOf::<T, I>::default();
		ensure!(actual > zero, Error::<T, I>::ZeroClaim);
		let asset = channel.asset;
		ensure!(
			actual <= T::Ledger::cheque_value(asset, planned, channel.epoch_stamp),
			Error::<T, I>::ActualExceedsPlanned
		);
		let escrowed = T::Ledger::escrowed(asset, channel_id, channel.value);
		ensure!(actual <= escrowed, Error::<T, I>::ExceedsEscrow);
		let cheque = Self::cheque(channel_id, channel.nonce, planned);
		ensure!(
			Self::signed_by(&signature, &cheque, &channel.signer)
				|| Self::signed_by(&signature, &cheque, &channel.sender),
			Error::<T, I>::BadSignature
		);
		let nonce = channel.nonce.checked_add(1).ok_or(Error::<T, I>::NonceOverflow)?;
		let mut remaining = escrowed.checked_sub(actual).ok_or(Error::<T, I>::ExceedsEscrow)?;
		let minimum = T::Ledger::minimum_remaining(asset);
		// Too little to keep (below a community currency's existential deposit): close instead.
		let closing =
			mode == ClaimMode::CloseAndRefund || (remaining > zero && remaining < minimum);
		let mut paid = actual;
		let mut refunded = zero;
		let now = Self::now();
		if closing {
			// Refund first, so the escrow never drops below the deposit before it is emptied;
			// a remainder too small to move goes to the recipient with the payment.
			if remaining >= minimum && remaining > zero {
				T::Ledger::pay(asset, channel_id, &channel.sender, &channel.sender, remaining)?;
				refunded = remaining;
			} else {
				paid = escrowed;
			}
			remaining = zero;
			channel.expiration = now;
		}
		T::Ledger::pay(asset, channel_id, &channel.sender, &channel.recipient, paid)?;
		channel.value = remaining;
		channel.nonce = nonce;
		channel.epoch_start = now;
		channel.epoch_stamp = T::Ledger::stamp();
		Channels::<T, I>::insert(channel_id, channel);
		Self::deposit_event(Event::Claimed {
			channel_id,
			recipient: who,
			nonce,
			paid,
			authorised: planned,
			refunded,
			remaining,
		});
		Ok(())
	}

	/// Refund everything to the sender and move the nonce.
	fn refund_all(
		channel_id: ChannelId,
		channel: &mut ChannelOf<T, I>,
	) -> Result<BalanceOf<T, I>, DispatchError> {
		let refunded = T::Ledger::escrowed(channel.asset, channel_id, channel.value);
		ensure!(refunded > BalanceOf::<T, I>::default(), Error::<T, I>::NothingToReclaim);
		channel.nonce = channel.nonce.checked_add(1).ok_or(Error::<T, I>::NonceOverflow)?;
		T::Ledger::pay(channel.asset, channel_id, &channel.sender, &channel.sender, refunded)?;
		channel.value = BalanceOf::<T, I>::default();
		channel.epoch_start = Self::now();
		channel.epoch_stamp = T::Ledger::stamp();
		Ok(refunded)
	}

	/// Take back an expired channel's funds (see [`Pallet::claim_timeout`]).
	pub fn do_claim_timeout(channel_id: ChannelId, who: T::AccountId) -> DispatchResult {
		let mut channel = Self::channel(channel_id)?;
		ensure!(who == channel.sender, Error::<T, I>::NotSender);
		ensure!(Self::now() >= channel.expiration, Error::<T, I>::NotExpired);
		let refunded = Self::refund_all(channel_id, &mut channel)?;
		let nonce = channel.nonce;
		Channels::<T, I>::insert(channel_id, channel);
		Self::deposit_event(Event::Reclaimed { channel_id, nonce, refunded });
		Ok(())
	}

	/// Give the funds back (see [`Pallet::release`]).
	pub fn do_release(channel_id: ChannelId, who: T::AccountId) -> DispatchResult {
		let mut channel = Self::channel(channel_id)?;
		ensure!(who == channel.recipient, Error::<T, I>::NotRecipient);
		let refunded = Self::refund_all(channel_id, &mut channel)?;
		let nonce = channel.nonce;
		Channels::<T, I>::insert(channel_id, channel);
		Self::deposit_event(Event::Released { channel_id, nonce, refunded });
		Ok(())
	}

	/// Every channel is indexed under its sender and recipient and counted, and the ledger
	/// keeps what each sender's channels say.
	#[cfg(any(test, feature = "try-runtime"))]
	pub fn do_try_state() -> Result<(), &'static str> {
		type Held<T, I> = alloc::collections::BTreeMap<
			<T as frame_system::Config>::AccountId,
			Vec<(ChannelId, AssetOf<T, I>, BalanceOf<T, I>)>,
		>;
		let mut per_sender = Held::<T, I>::new();
		for (id, channel) in Channels::<T, I>::iter() {
			ensure!(id < NextChannelId::<T, I>::get(), "a channel id was never issued");
			ensure!(
				ChannelsBySender::<T, I>::contains_key(&channel.sender, id),
				"channel not indexed by sender"
			);
			ensure!(
				ChannelsByRecipient::<T, I>::contains_key(&channel.recipient, id),
				"channel not indexed by recipient"
			);
			per_sender
				.entry(channel.sender)
				.or_default()
				.push((id, channel.asset, channel.value));
		}
		let channels = Channels::<T, I>::iter().count();
		ensure!(
			ChannelsBySender::<T, I>::iter().count() == channels,
			"an index entry has no channel"
		);
		ensure!(
			ChannelsByRecipient::<T, I>::iter().count() == channels,
			"an index entry has no channel"
		);
		ensure!(
			ChannelCount::<T, I>::iter().count() == per_sender.len(),
			"a channel count has no channels"
		);
		for (sender, channels) in per_sender {
			ensure!(
				usize::try_from(ChannelCount::<T, I>::get(&sender)) == Ok(channels.len()),
				"channel count is off"
			);
			T::Ledger::check(&sender, &channels)?;
		}
		Ok(())
	}

	/// Remove an empty channel (see [`Pallet::close`]).
	pub fn do_close(channel_id: ChannelId, who: T::AccountId) -> DispatchResult {
		let channel = Self::channel(channel_id)?;
		ensure!(who == channel.sender, Error::<T, I>::NotSender);
		let escrowed = T::Ledger::escrowed(channel.asset, channel_id, channel.value);
		ensure!(escrowed == BalanceOf::<T, I>::default(), Error::<T, I>::ChannelNotEmpty);
		Channels::<T, I>::remove(channel_id);
		ChannelsBySender::<T, I>::remove(&channel.sender, channel_id);
		ChannelsByRecipient::<T, I>::remove(&channel.recipient, channel_id);
		// The last channel's count goes with it.
		ChannelCount::<T, I>::mutate_exists(&channel.sender, |c| {
			*c = c.and_then(|n| n.checked_sub(1)).filter(|n| *n > 0)
		});
		Self::deposit_event(Event::ChannelClosed { channel_id });
		Ok(())
	}
}
