// SPDX-License-Identifier: GPL-3.0-or-later
//! The pallet's invariants, checked by `try_state` and after every test.

use crate::*;
use frame::prelude::*;

impl<T: Config> Pallet<T> {
	/// Check the pallet's invariants: registries are dense and agree with the registrations,
	/// attestations name meetups of their ceremony, endorsements belong to communities.
	pub fn do_try_state() -> Result<(), &'static str> {
		for (cindex, cid, counts) in RegistryCounts::<T>::iter() {
			let cc = (cid, cindex);
			for class in ParticipantClass::ALL {
				for index in 0..counts.get(class) {
					let who = Registry::<T>::get((cc, class, index)).ok_or("registry has a gap")?;
					let registration =
						Registrations::<T>::get(cc, &who).ok_or("registry entry not registered")?;
					ensure!(
						registration.class == class && registration.index == index,
						"registration disagrees with the registry"
					);
				}
			}
			ensure!(
				Registrations::<T>::iter_prefix(cc).count() as u64 == counts.total(),
				"registrations and registry counts differ"
			);
		}
		for ((cc, class, index), _) in Registry::<T>::iter() {
			ensure!(
				index < RegistryCounts::<T>::get(cc.1, cc.0).get(class),
				"registry entry beyond its count"
			);
		}
		for (cc, _, attestation) in Attestations::<T>::iter() {
			let assignment = Assignments::<T>::get(cc).ok_or("attestation without assignment")?;
			ensure!(
				(1..=assignment.meetups()).contains(&attestation.meetup),
				"attestation of no meetup"
			);
		}
		// Nothing outlives its community ceremony's registry counts, or its community.
		let has_counts =
			|(cid, cindex): CommunityCeremony| RegistryCounts::<T>::contains_key(cindex, cid);
		for ((cid, cindex), who) in Attestations::<T>::iter_keys() {
			ensure!(
				Registrations::<T>::contains_key((cid, cindex), &who),
				"attestation of no registrant"
			);
		}
		for (cid, who, cindex) in LatestAttendance::<T>::iter() {
			let verified =
				Reputations::<T>::get((&who, cid, cindex)).is_some_and(|r| r.is_verified());
			ensure!(verified, "latest attendance not a verified reputation");
		}
		for (who, cid, cindex) in Reputations::<T>::iter_keys() {
			ensure!(
				Registrations::<T>::contains_key((cid, cindex), &who),
				"reputation of no registrant"
			);
		}
		for cc in ReputableTicketsUsed::<T>::iter_keys().map(|(cc, _)| cc) {
			ensure!(has_counts(cc), "tickets of an unknown ceremony");
		}
		for (cc, attendee, prover) in SeatsGiven::<T>::iter() {
			ensure!(has_counts(cc), "a seat in an unknown ceremony");
			// Registrants go before their ceremony's seats when it is purged.
			if let Some(registration) = Registrations::<T>::get(cc, &prover) {
				ensure!(
					matches!(registration.via, Via::Proof { attendee: ref a, .. } if *a == attendee),
					"a seat its registration does not name"
				);
			}
		}
		for cc in MeetupResults::<T>::iter_keys().map(|(cc, _)| cc) {
			ensure!(has_counts(cc), "meetup result of an unknown ceremony");
		}
		for cc in Assignments::<T>::iter_keys().chain(ReputationCounts::<T>::iter_keys()) {
			ensure!(has_counts(cc), "assignment or count of an unknown ceremony");
		}
		let mut global = alloc::collections::BTreeMap::<CeremonyIndex, u32>::new();
		for ((_, cindex), count) in ReputationCounts::<T>::iter() {
			let sum = global.entry(cindex).or_default();
			*sum = sum.saturating_add(count);
		}
		global.retain(|_, count| *count > 0);
		ensure!(
			GlobalReputationCounts::<T>::iter().collect::<alloc::collections::BTreeMap<_, _>>()
				== global,
			"global reputation counts are not the sum of the communities'"
		);
		for (cindex, _) in RegistryCounts::<T>::iter_keys() {
			ensure!(cindex >= HistoryStart::<T>::get(), "a purged ceremony has records");
		}
		let known = |cid: CommunityIdentifier| {
			T::Communities::exists(cid) || PurgingCommunities::<T>::contains_key(cid)
		};
		for (cid, _) in
			Endorsements::<T>::iter_keys().chain(BootstrapperTicketsUsed::<T>::iter_keys())
		{
			ensure!(known(cid), "endorsement or ticket in no community");
		}
		for cid in Bootstrapped::<T>::iter_keys().chain(LastActive::<T>::iter_keys()) {
			ensure!(known(cid), "bootstrapped or activity mark of no community");
		}
		Ok(())
	}
}
