// SPDX-License-Identifier: GPL-3.0-or-later
//! Unit tests: every call, every error, the events, and `try_state` after each test.

use crate::{mock::*, runtime_api::LocationConflict, *};
use convene_primitives::{
	geo::{cell, geohash},
	page::Page,
};
use frame::testing_prelude::*;

fn add(cid: CommunityIdentifier, location: Location) -> DispatchResult {
	Communities::add_location(RuntimeOrigin::signed(1), cid, location)
}

#[test]
fn new_community_stores_everything_and_emits() {
	ExtBuilder.build_and_execute(|| {
		let cid = found_at(zurich());
		assert_eq!(&cid.geohash, b"u0qjd");
		assert_eq!(Metadata::<Test>::get(cid), Some(metadata()));
		assert_eq!(Metadata::<Test>::count(), 1);
		assert_eq!(Bootstrappers::<Test>::get(cid).unwrap().into_inner(), vec![1, 2, 3]);
		assert_eq!(Communities::locations(cid), vec![zurich()]);
		assert_eq!(Communities::demurrage(cid), DefaultDemurrage::get());
		assert_eq!(Communities::nominal_income(cid), DefaultNominalIncome::get());
		let (community, location) =
			(Communities::community_deposit(3), Communities::location_deposit());
		assert_eq!(
			events(),
			vec![
				Event::CommunityRegistered { cid, location: zurich() },
				Event::DepositHeld { cid, location: None, depositor: 1, amount: community },
				Event::DepositHeld {
					cid,
					location: Some(zurich()),
					depositor: 1,
					amount: location
				},
			]
		);
		assert_eq!(held(1), community + location);
		assert_eq!(CommunityDeposit::<Test>::get(cid).unwrap().depositor, 1);
	});
}

#[test]
fn deposits_are_sized_from_the_bytes_stored() {
	ExtBuilder.build_and_execute(|| {
		// Largest metadata (about 210 bytes), 3 or 12 accounts of 8 bytes, 6 keys of 25 bytes.
		let three = Communities::community_deposit(3);
		assert_eq!(Communities::community_deposit(12) - three, 9 * 8 * DEPOSIT_PER_BYTE);
		assert!((DEPOSIT_BASE + 400 * DEPOSIT_PER_BYTE..DEPOSIT_BASE + 700 * DEPOSIT_PER_BYTE)
			.contains(&three));
		// A location: its list entry, its bucket entry and its deposit record (about 200 bytes).
		let location = Communities::location_deposit();
		assert!((DEPOSIT_BASE + 150 * DEPOSIT_PER_BYTE..DEPOSIT_BASE + 300 * DEPOSIT_PER_BYTE)
			.contains(&location));
	});
}

#[test]
fn new_community_without_funds_for_its_deposits_fails_and_stores_nothing() {
	ExtBuilder.build_and_execute(|| {
		let found = || found_in_zurich_by(RuntimeOrigin::signed(99));
		assert_noop!(found(), TokenError::FundsUnavailable);
		// Enough for the community but not for its location: still nothing.
		let short = Communities::community_deposit(3) + Communities::location_deposit() - 1;
		assert_ok!(Balances::force_set_balance(RuntimeOrigin::root(), 99, short));
		assert_noop!(found(), TokenError::FundsUnavailable);
		assert_eq!(Metadata::<Test>::count(), 0);
	});
}

#[test]
fn root_founds_and_changes_communities_without_deposits() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(found_in_zurich_by(RuntimeOrigin::root()));
		let cid = cid_at(zurich());
		let far = north(zurich(), 1_000.0);
		assert_ok!(Communities::add_location(RuntimeOrigin::root(), cid, far));
		assert_eq!(CommunityDeposit::<Test>::get(cid), None);
		assert_eq!(LocationDeposit::<Test>::iter().count(), 0);
		assert!(!events().iter().any(|e| matches!(e, Event::DepositHeld { .. })));
	});
}

#[test]
fn new_community_with_own_demurrage_and_income() {
	ExtBuilder.build_and_execute(|| {
		let income = U64F64::from_int(5);
		assert_ok!(Communities::new_community(
			RuntimeOrigin::signed(7),
			zurich(),
			bootstrappers(),
			metadata(),
			Some(MaxDemurrage::get()),
			Some(income),
		));
		let cid = Communities::communities(None, 10).items[0].0;
		assert_eq!(Communities::demurrage(cid), MaxDemurrage::get());
		assert_eq!(Communities::nominal_income(cid), income);
	});
}

#[test]
fn new_community_checks_origin_and_bootstrappers() {
	ExtBuilder.build_and_execute(|| {
		let call = |origin, b: Vec<u64>| {
			Communities::new_community(
				origin,
				zurich(),
				b.try_into().unwrap(),
				metadata(),
				None,
				None,
			)
		};
		assert_noop!(call(RuntimeOrigin::none(), vec![1, 2, 3]), DispatchError::BadOrigin);
		assert_noop!(
			call(RuntimeOrigin::signed(1), vec![1, 2]),
			Error::<Test>::TooFewBootstrappers
		);
		assert_noop!(
			call(RuntimeOrigin::signed(1), vec![1, 2, 1]),
			Error::<Test>::DuplicateBootstrapper
		);
		assert_ok!(call(RuntimeOrigin::signed(1), vec![1, 2, 3]));
		assert_noop!(
			call(RuntimeOrigin::signed(1), vec![1, 2, 3]),
			Error::<Test>::CommunityAlreadyRegistered
		);
		// Other bootstrappers make another identifier, but the location is taken.
		assert_noop!(
			call(RuntimeOrigin::signed(1), vec![3, 2, 1]),
			Error::<Test>::LocationTooCloseToAnother
		);
	});
}

#[test]
fn new_community_checks_every_metadata_field() {
	ExtBuilder.build_and_execute(|| {
		let with = |f: &dyn Fn(&mut convene_primitives::metadata::CommunityMetadata)| {
			let mut m = metadata();
			f(&mut m);
			Communities::new_community(
				RuntimeOrigin::signed(1),
				zurich(),
				bootstrappers(),
				m,
				None,
				None,
			)
		};
		assert_noop!(with(&|m| m.name = Default::default()), Error::<Test>::InvalidName);
		assert_noop!(
			with(&|m| m.symbol = b"Z".to_vec().try_into().unwrap()),
			Error::<Test>::InvalidSymbol
		);
		assert_noop!(
			with(&|m| m.assets = b"Qm".to_vec().try_into().unwrap()),
			Error::<Test>::InvalidAssets
		);
		assert_noop!(
			with(&|m| m.theme = Some(b"nope".to_vec().try_into().unwrap())),
			Error::<Test>::InvalidTheme
		);
		assert_noop!(with(&|m| m.url = Some(Default::default())), Error::<Test>::InvalidUrl);
	});
}

#[test]
fn new_community_checks_the_location() {
	ExtBuilder.build_and_execute(|| {
		let at = |l| {
			Communities::new_community(
				RuntimeOrigin::signed(1),
				l,
				bootstrappers(),
				metadata(),
				None,
				None,
			)
		};
		assert_noop!(at(loc(91.0, 0.0)), Error::<Test>::LocationOutOfRange);
		assert_noop!(at(loc(78.5, 0.0)), Error::<Test>::LocationTooFarFromEquator);
		assert_noop!(at(loc(0.0, 175.0)), Error::<Test>::LocationTooCloseToDateLine);
		assert_noop!(
			Communities::new_community(
				RuntimeOrigin::signed(1),
				zurich(),
				bootstrappers(),
				metadata(),
				Some(U64F64::from_int(11)),
				None
			),
			Error::<Test>::DemurrageTooHigh
		);
	});
}

/// The users' rule: locations of different communities at least 100 m apart.
#[test]
fn communities_99_m_apart_are_rejected_and_101_m_accepted() {
	ExtBuilder.build_and_execute(|| {
		found_at(zurich());
		let other: BoundedVec<u64, ConstU32<12>> = vec![4, 5, 6].try_into().unwrap();
		let at = |l| {
			Communities::new_community(
				RuntimeOrigin::signed(4),
				l,
				other.clone(),
				metadata(),
				None,
				None,
			)
		};
		assert_noop!(at(north(zurich(), 99.5)), Error::<Test>::LocationTooCloseToAnother);
		assert_ok!(at(north(zurich(), 101.5)));
		assert_eq!(Metadata::<Test>::count(), 2);
	});
}

/// The check reaches into the neighbouring bucket: two points 60 m apart across a boundary.
#[test]
fn minimum_distance_holds_across_bucket_boundaries() {
	ExtBuilder.build_and_execute(|| {
		let c = cell(&geohash(&zurich()).unwrap()).unwrap();
		let edge = Location::new(c.north_east.lat, zurich().lon);
		let below = north(edge, -30.0);
		let cid = found_at(below);
		let above = north(edge, 30.0);
		assert_ne!(geohash(&above), geohash(&below));
		assert_noop!(add(cid, above), Error::<Test>::LocationTooCloseToAnother);
		assert_ok!(add(cid, north(edge, 80.0)));
	});
}

#[test]
fn add_location_rules() {
	ExtBuilder.build_and_execute(|| {
		let cid = found_at(zurich());
		let far = north(zurich(), 1_000.0);
		assert_noop!(
			Communities::add_location(RuntimeOrigin::none(), cid, far),
			DispatchError::BadOrigin
		);
		// A stranger (neither bootstrapper nor founder) cannot touch the community.
		assert_noop!(
			Communities::add_location(RuntimeOrigin::signed(9), cid, far),
			DispatchError::BadOrigin
		);
		let mut unknown = cid;
		unknown.digest = [0; 4];
		// Nobody is a signed authority of a community that does not exist; Root learns why.
		assert_noop!(add(unknown, far), DispatchError::BadOrigin);
		assert_noop!(
			Communities::add_location(RuntimeOrigin::root(), unknown, far),
			Error::<Test>::CommunityNotFound
		);
		assert_noop!(add(cid, north(zurich(), 50.0)), Error::<Test>::LocationTooCloseToAnother);
		assert_noop!(add(cid, loc(-80.0, 0.0)), Error::<Test>::LocationTooFarFromEquator);
		Phase::set(CeremonyPhase::Assigning);
		assert_noop!(add(cid, far), Error::<Test>::RegistrationPhaseRequired);
		Phase::set(CeremonyPhase::Registering);
		assert_ok!(add(cid, far));
		assert_eq!(Communities::locations(cid), vec![zurich(), far]);
		assert_eq!(events().last(), Some(&Event::LocationAdded { cid, location: far }));
	});
}

#[test]
fn a_full_bucket_takes_no_more_locations() {
	ExtBuilder.build_and_execute(|| {
		let c = cell(&geohash(&zurich()).unwrap()).unwrap();
		let south_west = Location::new(c.south_west.lat, c.south_west.lon);
		let point = |i: u32| {
			let (row, col) = (f64::from(i / 3), f64::from(i % 3));
			loc(
				south_west.lat.to_f64() + 0.005 + row * 0.004,
				south_west.lon.to_f64() + 0.005 + col * 0.004,
			)
		};
		let cid = found_at(point(0));
		let max = <<Test as Config>::MaxLocationsPerBucket as Get<u32>>::get();
		for i in 1..max - 1 {
			assert_ok!(add(cid, point(i)));
		}
		// One place left: asked about together, the first takes it and the second finds the
		// bucket full.
		let asked = [point(max - 1), point(max)];
		assert_eq!(
			Communities::location_conflicts(&asked),
			vec![(1, LocationConflict::BucketFull { held: max - 1, before: 1 })]
		);
		assert_ok!(add(cid, point(max - 1)));
		assert_noop!(add(cid, point(max)), Error::<Test>::BucketFull);
		assert_eq!(
			Communities::location_conflicts(&[point(max)]),
			vec![(0, LocationConflict::BucketFull { held: max, before: 0 })]
		);
	});
}

/// The runtime API finds what `add_location` would refuse, for many locations at once, and
/// says what each conflicts with.
#[test]
fn location_conflicts_names_each_conflict_with_its_distance() {
	ExtBuilder.build_and_execute(|| {
		let cid = found_at(zurich());
		let c = cell(&geohash(&zurich()).unwrap()).unwrap();
		let edge = Location::new(c.north_east.lat, zurich().lon);
		// A second location of the community, just below its cell's northern edge.
		assert_ok!(add(cid, north(edge, -30.0)));
		let close = north(zurich(), 60.0);
		let across = north(edge, 30.0);
		let queried = [north(zurich(), 5_000.0), close, loc(-80.0, 0.0), across];
		let found = Communities::location_conflicts(&queried);
		let distance = |a: &Location, b: &Location| convene_primitives::geo::distance_m(a, b);
		assert_eq!(
			found,
			vec![
				(
					1,
					LocationConflict::TooClose {
						cid,
						location: zurich(),
						distance_m: distance(&close, &zurich())
					}
				),
				(2, LocationConflict::Invalid),
				(
					3,
					LocationConflict::TooClose {
						cid,
						location: north(edge, -30.0),
						distance_m: distance(&across, &north(edge, -30.0))
					}
				),
			]
		);
		assert!((59..=61).contains(&distance(&close, &zurich())));
		// Each one the API clears, add_location takes; each one it names, it refuses.
		assert_ok!(add(cid, queried[0]));
		assert_noop!(add(cid, close), Error::<Test>::LocationTooCloseToAnother);
		// At most MaxLocations are checked in one call.
		let max = <<Test as Config>::MaxLocations as Get<u32>>::get();
		let many = vec![close; max as usize + 10];
		let found = Communities::location_conflicts(&many);
		assert_eq!(found.iter().map(|(i, _)| *i).max(), Some(max - 1));
	});
}

#[test]
fn a_community_has_at_most_max_locations() {
	ExtBuilder.build_and_execute(|| {
		let cid = found_at(zurich());
		let max = <<Test as Config>::MaxLocations as Get<u32>>::get();
		// 1 km apart: about 5 per bucket.
		for i in 1..max {
			assert_ok!(add(cid, north(zurich(), 1_000.0 * f64::from(i))));
		}
		assert_eq!(LocationCount::<Test>::get(cid), max);
		assert_noop!(add(cid, north(zurich(), -1_000.0)), Error::<Test>::TooManyLocations);
	});
}

#[test]
fn remove_location_moves_the_last_into_the_gap() {
	ExtBuilder.build_and_execute(|| {
		let cid = found_at(zurich());
		let (b, c) = (north(zurich(), 500.0), north(zurich(), 1_000.0));
		assert_ok!(add(cid, b));
		assert_ok!(add(cid, c));
		let remove = |origin, l| Communities::remove_location(origin, cid, l);
		assert_noop!(remove(RuntimeOrigin::signed(9), b), DispatchError::BadOrigin);
		assert_noop!(
			remove(RuntimeOrigin::root(), north(zurich(), 200.0)),
			Error::<Test>::LocationNotFound
		);
		assert_noop!(
			remove(RuntimeOrigin::root(), loc(95.0, 0.0)),
			Error::<Test>::LocationNotFound
		);
		Phase::set(CeremonyPhase::Attesting);
		assert_noop!(
			remove(RuntimeOrigin::root(), zurich()),
			Error::<Test>::RegistrationPhaseRequired
		);
		Phase::set(CeremonyPhase::Registering);

		assert_ok!(remove(RuntimeOrigin::root(), zurich()));
		assert_eq!(Communities::locations(cid), vec![c, b]);
		assert!(events().ends_with(&[
			Event::LocationRemoved { cid, location: zurich() },
			Event::DepositReleased {
				cid,
				location: Some(zurich()),
				depositor: 1,
				amount: Communities::location_deposit()
			}
		]));
		// The freed place can be taken again, by anyone's community.
		assert_ok!(add(cid, zurich()));
		assert_ok!(remove(RuntimeOrigin::root(), zurich()));
		assert_ok!(remove(RuntimeOrigin::root(), b));
		assert_eq!(Communities::locations(cid), vec![c]);
		assert_noop!(remove(RuntimeOrigin::root(), c), Error::<Test>::CannotRemoveLastLocation);
	});
}

/// The reference's bug: removing an absent location dropped the community from the bucket
/// index, so its other locations escaped the distance check.
#[test]
fn removing_an_absent_location_keeps_the_others_guarded() {
	ExtBuilder.build_and_execute(|| {
		let cid = found_at(zurich());
		assert_ok!(add(cid, north(zurich(), 500.0)));
		assert_noop!(
			Communities::remove_location(RuntimeOrigin::root(), cid, north(zurich(), 250.0)),
			Error::<Test>::LocationNotFound
		);
		assert_noop!(add(cid, north(zurich(), 50.0)), Error::<Test>::LocationTooCloseToAnother);
	});
}

#[test]
fn authority_updates_metadata_root_demurrage_and_income() {
	ExtBuilder.build_and_execute(|| {
		let cid = found_at(zurich());
		let mut unknown = cid;
		unknown.digest = [0; 4];
		let mut renamed = metadata();
		renamed.name = b"Zueri".to_vec().try_into().unwrap();

		assert_noop!(
			Communities::update_metadata(RuntimeOrigin::signed(9), cid, renamed.clone()),
			DispatchError::BadOrigin
		);
		// A bootstrapper renames its community; economics stay with the governor (Root).
		assert_ok!(Communities::update_metadata(RuntimeOrigin::signed(2), cid, metadata()));
		assert_noop!(
			Communities::update_demurrage(RuntimeOrigin::signed(1), cid, None),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Communities::update_nominal_income(RuntimeOrigin::signed(1), cid, None),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Communities::update_metadata(RuntimeOrigin::root(), unknown, renamed.clone()),
			Error::<Test>::CommunityNotFound
		);
		let mut bad = renamed.clone();
		bad.symbol = Default::default();
		assert_noop!(
			Communities::update_metadata(RuntimeOrigin::root(), cid, bad),
			Error::<Test>::InvalidSymbol
		);
		assert_ok!(Communities::update_metadata(RuntimeOrigin::root(), cid, renamed.clone()));
		assert_eq!(Metadata::<Test>::get(cid), Some(renamed));
		assert_eq!(Communities::communities(None, 10).items, vec![(cid, b"Zueri".to_vec())]);

		let rate = U64F64::from_int(1);
		assert_noop!(
			Communities::update_demurrage(RuntimeOrigin::root(), unknown, Some(rate)),
			Error::<Test>::CommunityNotFound
		);
		assert_noop!(
			Communities::update_demurrage(RuntimeOrigin::root(), cid, Some(U64F64::from_int(11))),
			Error::<Test>::DemurrageTooHigh
		);
		assert_ok!(Communities::update_demurrage(RuntimeOrigin::root(), cid, Some(rate)));
		assert_eq!(Communities::demurrage(cid), rate);
		assert_ok!(Communities::update_demurrage(RuntimeOrigin::root(), cid, None));
		assert_eq!(Communities::demurrage(cid), DefaultDemurrage::get());

		let income = U64F64::from_int(3);
		assert_noop!(
			Communities::update_nominal_income(RuntimeOrigin::root(), unknown, Some(income)),
			Error::<Test>::CommunityNotFound
		);
		assert_ok!(Communities::update_nominal_income(RuntimeOrigin::root(), cid, Some(income)));
		assert_eq!(Communities::nominal_income(cid), income);

		assert_eq!(
			events()[3..],
			[
				Event::MetadataUpdated { cid },
				Event::MetadataUpdated { cid },
				Event::DemurrageUpdated { cid, demurrage: Some(rate) },
				Event::DemurrageUpdated { cid, demurrage: None },
				Event::NominalIncomeUpdated { cid, nominal_income: Some(income) },
			]
		);
	});
}

#[test]
fn purge_removes_everything_and_charges_what_it_did() {
	ExtBuilder.build_and_execute(|| {
		let cid = found_at(zurich());
		assert_ok!(add(cid, north(zurich(), 500.0)));
		assert_ok!(Communities::update_demurrage(RuntimeOrigin::root(), cid, Some(U64F64::ONE)));
		assert_noop!(
			Communities::purge_community(RuntimeOrigin::signed(1), cid),
			DispatchError::BadOrigin
		);
		let info = Communities::purge_community(RuntimeOrigin::root(), cid).unwrap();
		// Unit weights: 1 + 2 locations, plus the hook's 7.
		assert_eq!(info.actual_weight, Some(Weight::from_parts(10, 0)));
		assert_eq!(Purged::get(), vec![cid]);
		assert_eq!(events().last(), Some(&Event::CommunityPurged { cid }));
		assert_eq!(Metadata::<Test>::count(), 0);
		assert!(Communities::community(cid).is_none());
		assert_eq!(LocationCount::<Test>::get(cid), 0);
		assert_eq!(BucketLocations::<Test>::iter().count(), 0);
		assert_eq!(DemurrageOf::<Test>::get(cid), None);
		assert_noop!(
			Communities::purge_community(RuntimeOrigin::root(), cid),
			Error::<Test>::CommunityNotFound
		);
		// The place is free again.
		found_at(zurich());
	});
}

#[test]
fn declared_purge_weight_bounds_the_hooks() {
	let call = RuntimeCall::Communities(crate::Call::purge_community { cid: Default::default() });
	let declared = call.get_dispatch_info().call_weight;
	let max = u64::from(<<Test as Config>::MaxLocations as Get<u32>>::get());
	assert_eq!(declared, Weight::from_parts(1 + max + 10, 0));
}

#[test]
fn runtime_api_reads() {
	ExtBuilder.build_and_execute(|| {
		assert_eq!(Communities::communities(None, 10), Page::empty());
		let a = found_at(zurich());
		let b = found_at(loc(-33.9, 18.4));
		let c = found_at(loc(-20.0, 18.4));
		let name = b"Zurich Franken".to_vec();
		let mut expected = vec![(a, name.clone()), (b, name.clone()), (c, name)];
		expected.sort();
		// Page by page (two, then one), every community once.
		let first = Communities::communities(None, 2);
		assert_eq!(first.items.len(), 2);
		let after = first.next.expect("a second page");
		assert_eq!(after, first.items[1].0);
		let second = Communities::communities(Some(after), 2);
		assert_eq!(second.next, None);
		let mut all = [first.items, second.items.clone()].concat();
		all.sort();
		assert_eq!(all, expected);
		// A limit of 0 reads one; a cursor removed meanwhile still works.
		assert_eq!(Communities::communities(None, 0).items.len(), 1);
		let details = Communities::community(a).unwrap();
		assert_eq!(details.bootstrappers, vec![1, 2, 3]);
		assert_eq!(details.locations, vec![zurich()]);
		assert_eq!(details.metadata, metadata());
		assert_eq!(details.nominal_income, DefaultNominalIncome::get());
		assert_ok!(Communities::purge_community(RuntimeOrigin::root(), after));
		assert_eq!(Communities::communities(Some(after), 10).items, second.items);
	});
}

#[test]
fn currencies_see_existing_communities_only() {
	use convene_primitives::currency::CommunityInfo;
	ExtBuilder.build_and_execute(|| {
		let cid = found_at(zurich());
		let other = CommunityIdentifier { geohash: *b"u0qj8", digest: [0; 4] };
		assert_eq!(<Communities as CommunityInfo>::demurrage(cid), Some(DefaultDemurrage::get()));
		assert_eq!(
			<Communities as CommunityInfo>::nominal_income(cid),
			Some(DefaultNominalIncome::get())
		);
		assert_eq!(<Communities as CommunityInfo>::demurrage(other), None);
		assert_eq!(<Communities as CommunityInfo>::nominal_income(other), None);
	});
}

#[test]
fn creation_is_open_to_signed_accounts_only_when_set() {
	ExtBuilder.build_and_execute(|| {
		assert_noop!(
			Communities::set_open_creation(RuntimeOrigin::signed(1), false),
			DispatchError::BadOrigin
		);
		assert_ok!(Communities::set_open_creation(RuntimeOrigin::root(), false));
		assert_eq!(events(), vec![Event::OpenCreationSet { open: false }]);
		assert_noop!(found_in_zurich_by(RuntimeOrigin::signed(1)), DispatchError::BadOrigin);
		assert_ok!(found_in_zurich_by(RuntimeOrigin::root()));
		// A community's own bootstrappers change it whether founding is open or not.
		let cid = cid_at(zurich());
		assert_ok!(add(cid, north(zurich(), 500.0)));
	});
}

/// The attack: an account with nothing to do with a community adds a location on another
/// continent to it (meetups would be spread there), or fills a geohash bucket for free.
#[test]
fn strangers_cannot_change_a_community_and_pay_for_every_location_of_their_own() {
	ExtBuilder.build_and_execute(|| {
		let cid = found_at(zurich());
		let tokyo = loc(35.6762, 139.6503);
		let stranger = RuntimeOrigin::signed(9);
		assert_noop!(
			Communities::add_location(stranger.clone(), cid, tokyo),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Communities::remove_location(stranger.clone(), cid, zurich()),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Communities::update_metadata(stranger.clone(), cid, metadata()),
			DispatchError::BadOrigin
		);
		assert_noop!(Communities::purge_community(stranger, cid), DispatchError::BadOrigin);
		// Filling Tokyo's bucket takes a community of its own and a deposit per location.
		let own: BoundedVec<u64, ConstU32<12>> = vec![9, 8, 7].try_into().unwrap();
		assert_ok!(Communities::new_community(
			RuntimeOrigin::signed(9),
			tokyo,
			own.clone(),
			metadata(),
			None,
			None,
		));
		let theirs = CommunityIdentifier::from_location(&tokyo, &own.encode()).unwrap();
		let before = held(9);
		for i in 1..4 {
			let next = north(tokyo, 150.0 * f64::from(i));
			assert_ok!(Communities::add_location(RuntimeOrigin::signed(9), theirs, next));
		}
		assert_eq!(held(9) - before, 3 * Communities::location_deposit());
	});
}

#[test]
fn the_founder_and_any_bootstrapper_change_the_community_and_deposits_go_back_to_who_paid() {
	ExtBuilder.build_and_execute(|| {
		// Account 7 founds a community of 1, 2, 3: it is an authority too.
		assert_ok!(found_in_zurich_by(RuntimeOrigin::signed(7)));
		let cid = cid_at(zurich());
		let (a, b) = (north(zurich(), 500.0), north(zurich(), 1_000.0));
		assert_ok!(Communities::add_location(RuntimeOrigin::signed(7), cid, a));
		assert_ok!(Communities::add_location(RuntimeOrigin::signed(3), cid, b));
		let per_location = Communities::location_deposit();
		let community = Communities::community_deposit(3);
		assert_eq!((held(7), held(3)), (community + 2 * per_location, per_location));
		// Bootstrapper 2 removes 3's location: 3 gets its deposit back.
		assert_ok!(Communities::remove_location(RuntimeOrigin::signed(2), cid, b));
		assert_eq!(held(3), 0);
		assert_eq!(Balances::free_balance(3), ENDOWMENT);
		assert_eq!(
			events().last(),
			Some(&Event::DepositReleased {
				cid,
				location: Some(b),
				depositor: 3,
				amount: per_location
			})
		);
		// A purge gives the founder everything back.
		assert_ok!(Communities::purge_community(RuntimeOrigin::root(), cid));
		assert_eq!(held(7), 0);
		assert_eq!(Balances::free_balance(7), ENDOWMENT);
		assert_eq!(CommunityDeposit::<Test>::iter().count(), 0);
		assert_eq!(LocationDeposit::<Test>::iter().count(), 0);
	});
}

#[test]
fn genesis_opens_creation() {
	let mut ext: TestState = RuntimeGenesisConfig {
		communities: crate::GenesisConfig { open_creation: true, _config: Default::default() },
		..Default::default()
	}
	.build_storage()
	.unwrap()
	.into();
	ext.execute_with(|| assert!(OpenCreation::<Test>::get()));
}

#[test]
fn integrity_test_passes() {
	ExtBuilder.build_and_execute(|| {
		<Communities as frame::traits::Hooks<u64>>::integrity_test();
	});
}
