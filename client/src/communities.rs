// SPDX-License-Identifier: GPL-3.0-or-later
//! Communities ([`Chain::communities`]): their details and founders, founding one from a
//! specfile, and adding and removing its locations.
//!
//! A file is checked against every rule the chain applies, with the chain's own numbers, before
//! anything is sent ([`check_founding`], [`check_locations`]): so a refused file leaves nothing
//! on chain. Then the community and as many locations as fit in one block go in one
//! `Utility.batch_all` (all or nothing), and the rest in further batches as large. Should a later
//! batch still fail (another founder took a place meanwhile), the error says which locations are
//! on chain and writes the others to a file that `add-locations` takes.

use crate::{
	error::{bad_input, Error, Result},
	keystore::Key,
	runtime::{
		self,
		communities::events::DepositHeld,
		runtime_types::{
			bounded_collections::bounded_vec::BoundedVec,
			convene_runtime::RuntimeCall,
			pallet_communities::{
				pallet::Call as CommunitiesCall,
				runtime_api::{CommunityDetails, LocationConflict},
			},
			pallet_utility::pallet::Call as UtilityCall,
		},
	},
	specfile::CommunitySpec,
	Chain, TxOutcome,
};
use convene_primitives::{
	community::CommunityIdentifier,
	demurrage::Demurrage,
	geo::{distance_m, geohash, Location},
	scheduler::CeremonyPhase,
};
use std::path::{Path, PathBuf};
use subxt::utils::{AccountId32, Static};

/// At most this many problems are listed; the rest are counted.
const MAX_LISTED: usize = 20;

/// Who registers communities and locations, and how.
pub struct Registrar<'a> {
	/// The signer (any account where community creation is open, the sudo key otherwise).
	pub key: &'a Key,
	/// Send the calls through Sudo.
	pub sudo: bool,
	/// At most this many locations per transaction (`None`: as many as fit in one block).
	pub batch_size: Option<usize>,
}

/// A community's name, symbol, assets, bootstrappers, locations, income and demurrage.
pub type Details = CommunityDetails<AccountId32>;

/// Communities on one connection.
#[derive(Clone, Copy)]
pub struct Communities<'a> {
	chain: &'a Chain,
}

impl Chain {
	/// Communities: details, founding, locations.
	pub fn communities(&self) -> Communities<'_> {
		Communities { chain: self }
	}
}

/// A location of a file: the feature it came from, and where it is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Place {
	/// Its index among the file's features.
	pub feature: usize,
	/// The location.
	pub location: Location,
}

impl Place {
	/// The places of a file's locations and their feature indices.
	pub fn all(locations: &[Location], features: &[usize]) -> Vec<Place> {
		locations
			.iter()
			.zip(features)
			.map(|(l, f)| Place { feature: *f, location: *l })
			.collect()
	}

	fn describe(&self) -> String {
		format!("features[{}] ({})", self.feature, coordinates(&self.location))
	}
}

fn coordinates(l: &Location) -> String {
	format!("lat {}, lon {}", l.lat, l.lon)
}

/// The chain's rules for communities and their locations, as its constants say.
#[derive(Clone, Copy, Debug)]
pub struct Rules {
	/// Bootstrappers a community is founded with, at least.
	pub min_bootstrappers: u32,
	/// … and at most.
	pub max_bootstrappers: u32,
	/// Locations a community has, at most.
	pub max_locations: u32,
	/// Locations in one geohash bucket, at most.
	pub max_per_bucket: u32,
	/// The least distance between two locations, in metres.
	pub min_distance_m: u32,
	/// The highest demurrage rate.
	pub max_demurrage: Demurrage,
	/// The heaviest transaction the block's normal class takes (ref time, proof size).
	pub max_extrinsic: (u64, u64),
}

impl Rules {
	/// The rules of the chain at its best block.
	pub async fn of(chain: &Chain) -> Result<Self> {
		let at = chain.at_best().await?;
		let constants = at.constants();
		let c = runtime::constants().communities();
		let get = |e: subxt::error::ConstantError| Error::rpc(e);
		let limits = constants.entry(runtime::constants().system().block_weights()).map_err(get)?;
		let normal = limits.per_class.normal.max_extrinsic.unwrap_or(limits.max_block);
		Ok(Self {
			min_bootstrappers: constants.entry(c.min_bootstrappers()).map_err(get)?,
			max_bootstrappers: constants.entry(c.max_bootstrappers()).map_err(get)?,
			max_locations: constants.entry(c.max_locations()).map_err(get)?,
			max_per_bucket: constants.entry(c.max_locations_per_bucket()).map_err(get)?,
			min_distance_m: constants.entry(c.min_location_distance()).map_err(get)?,
			max_demurrage: constants.entry(c.max_demurrage()).map_err(get)?.0,
			max_extrinsic: (normal.ref_time, normal.proof_size),
		})
	}
}

/// A file refused before anything was sent, with its problems.
fn refused(what: &str, problems: Vec<String>) -> Error {
	let mut text = format!("{what} is refused; nothing was sent:");
	for p in problems.iter().take(MAX_LISTED) {
		text.push_str("\n  - ");
		text.push_str(p);
	}
	if problems.len() > MAX_LISTED {
		text.push_str(&format!("\n  … and {} more", problems.len() - MAX_LISTED));
	}
	bad_input(text)
}

/// The problems of adding `places` to a community that holds `held` locations: their number,
/// their distances to each other (the primitives' great-circle distance), and what the chain
/// finds (runtime API `location_conflicts`: distances to every community's locations, full
/// geohash buckets).
pub async fn location_problems(
	chain: &Chain,
	rules: &Rules,
	places: &[Place],
	held: u32,
) -> Result<Vec<String>> {
	let mut problems = Vec::new();
	let total = u64::from(held) + places.len() as u64;
	if total > u64::from(rules.max_locations) {
		problems.push(format!(
			"{} locations: a community has at most {} (it holds {held})",
			places.len(),
			rules.max_locations
		));
		return Ok(problems);
	}
	for (i, a) in places.iter().enumerate() {
		for b in places.iter().skip(i + 1) {
			let d = distance_m(&a.location, &b.location);
			if d < rules.min_distance_m {
				problems.push(format!(
					"{} and {} are {d} m apart; locations must be at least {} m apart",
					a.describe(),
					b.describe(),
					rules.min_distance_m
				));
			}
		}
	}
	let locations = places.iter().map(|p| Static(p.location)).collect();
	let conflicts = chain
		.call(runtime::runtime_apis().communities_api().location_conflicts(locations))
		.await?;
	for (index, conflict) in conflicts {
		let Some(place) = places.get(index as usize) else { continue };
		problems.push(match conflict {
			LocationConflict::Invalid => {
				format!("{}: not a valid meetup location", place.describe())
			},
			LocationConflict::TooClose { cid, location, distance_m } => format!(
				"{} is {distance_m} m from a location of community {} ({}); locations must be \
				 at least {} m apart",
				place.describe(),
				cid.0,
				coordinates(&location.0),
				rules.min_distance_m
			),
			LocationConflict::BucketFull { held, before } => {
				format!(
				"{}: its geohash cell {} holds {held} locations on chain and {before} earlier in \
				 this file; at most {}",
				place.describe(),
				geohash(&place.location).map(|h| String::from_utf8_lossy(&h).into_owned()).unwrap_or_default(),
				rules.max_per_bucket
			)
			},
		});
	}
	Ok(problems)
}

/// Check, before anything is sent, that `places` can be added to `cid` (which holds `held`
/// locations) as the chain would: refused with every problem named, or `Ok`.
pub async fn check_locations(
	chain: &Chain,
	rules: &Rules,
	places: &[Place],
	held: u32,
) -> Result<()> {
	ensure_registering(chain).await?;
	let problems = location_problems(chain, rules, places, held).await?;
	if problems.is_empty() {
		Ok(())
	} else {
		Err(refused("the locations file", problems))
	}
}

/// Check, before anything is sent, that the chain will found the community `spec` describes
/// with all its locations: the bootstrappers, metadata, demurrage, that the community does not
/// exist yet, the phase, and the locations ([`location_problems`]).
pub async fn check_founding(chain: &Chain, rules: &Rules, spec: &CommunitySpec) -> Result<()> {
	let mut problems = Vec::new();
	let n = spec.bootstrappers.len();
	if n < rules.min_bootstrappers as usize || n > rules.max_bootstrappers as usize {
		problems.push(format!(
			"community.bootstrappers: {n}; a community has {} to {}",
			rules.min_bootstrappers, rules.max_bootstrappers
		));
	}
	for (i, b) in spec.bootstrappers.iter().enumerate() {
		if let Some(j) = spec.bootstrappers.iter().skip(i + 1).position(|o| o == b) {
			problems.push(format!("community.bootstrappers[{i}] and [{}] are both {b}", i + j + 1));
		}
	}
	if let Err(e) = spec.metadata.validate() {
		problems.push(format!("community.meta: {e}"));
	}
	if spec.demurrage.is_some_and(|d| d > rules.max_demurrage) {
		problems.push(format!(
			"the demurrage rate is above the chain's highest, {}",
			rules.max_demurrage
		));
	}
	let cid = spec.cid()?;
	match chain.communities().details(cid).await {
		Ok(_) => problems.push(format!(
			"community {cid} exists already (founded from this file?); add-locations adds \
			 locations to it"
		)),
		Err(Error::UnknownCommunity(_)) => {},
		Err(e) => return Err(e),
	}
	if spec.locations.len() > 1 {
		ensure_registering(chain).await?;
	}
	let places = Place::all(&spec.locations, &spec.features);
	problems.extend(location_problems(chain, rules, &places, 0).await?);
	if problems.is_empty() {
		Ok(())
	} else {
		Err(refused("the specfile", problems))
	}
}

/// The native amount the chain held as deposits in `outcomes` (`DepositHeld` events).
pub fn deposits_held(outcomes: &[TxOutcome]) -> u128 {
	outcomes.iter().flat_map(|o| o.find::<DepositHeld>()).map(|d| d.amount).sum()
}

/// Locations are added only while registering.
async fn ensure_registering(chain: &Chain) -> Result<()> {
	let info = chain.ceremonies().info().await?;
	if info.phase == CeremonyPhase::Registering {
		Ok(())
	} else {
		Err(Error::WrongPhase(format!(
			"locations are added only in the Registering phase; it is {:?} (ceremony {})",
			info.phase, info.ceremony_index
		)))
	}
}

fn add_location(cid: CommunityIdentifier, l: &Location) -> RuntimeCall {
	RuntimeCall::Communities(CommunitiesCall::add_location {
		cid: Static(cid),
		location: Static(*l),
	})
}

impl Registrar<'_> {
	/// Submit `calls` in one `Utility.batch_all`, through Sudo when asked.
	async fn submit_batch(&self, chain: &Chain, calls: Vec<RuntimeCall>) -> Result<TxOutcome> {
		if self.sudo {
			let all = RuntimeCall::Utility(UtilityCall::batch_all { calls });
			chain.submit(&runtime::transactions().sudo().sudo(all), &self.key.pair).await
		} else {
			chain
				.submit(&runtime::transactions().utility().batch_all(calls), &self.key.pair)
				.await
		}
	}

	/// How many `add_location` calls fit in one transaction after `first` (the chain's weight
	/// of each, from `TransactionPaymentCallApi_query_call_info`, against the normal class's
	/// heaviest transaction, with a tenth to spare), capped by `batch_size`.
	async fn fit(
		&self,
		chain: &Chain,
		rules: &Rules,
		first: &dyn Fn() -> Vec<RuntimeCall>,
		sample: &Location,
		cid: CommunityIdentifier,
	) -> Result<usize> {
		let weight = |n: usize| {
			let mut calls = first();
			calls.extend((0..n).map(|_| add_location(cid, sample)));
			let all = RuntimeCall::Utility(UtilityCall::batch_all { calls });
			let call = if self.sudo {
				RuntimeCall::Sudo(runtime::runtime_types::pallet_sudo::pallet::Call::sudo {
					call: Box::new(all),
				})
			} else {
				all
			};
			async move {
				let api = runtime::runtime_apis().transaction_payment_call_api();
				let info = chain.call(api.query_call_info(call, 0)).await?;
				Ok::<_, Error>((info.weight.ref_time, info.weight.proof_size))
			}
		};
		let (one, two) = (weight(1).await?, weight(2).await?);
		let per = (two.0.saturating_sub(one.0).max(1), two.1.saturating_sub(one.1).max(1));
		let room = |max: u64, used: u64, per: u64| (max / 10 * 9).saturating_sub(used) / per;
		let fits = room(rules.max_extrinsic.0, one.0, per.0)
			.min(room(rules.max_extrinsic.1, one.1, per.1))
			.saturating_add(1);
		let fits = usize::try_from(fits).unwrap_or(usize::MAX).max(1);
		Ok(self.batch_size.map_or(fits, |cap| fits.min(cap.max(1))))
	}
}

/// Locations on chain and those not, after a batch failed part-way.
fn partly_added(
	cid: CommunityIdentifier,
	added: &[Place],
	rest: &[Place],
	rest_file: &Path,
	cause: Error,
) -> Error {
	let on_chain = match (added.first(), added.last()) {
		(Some(a), Some(b)) => format!("features[{}] to features[{}]", a.feature, b.feature),
		_ => "none".to_owned(),
	};
	Error::Partial {
		cause: Box::new(cause),
		done: format!(
			"community {cid} is on chain with {} of the file's locations ({on_chain}); the other {} are in {}: add them with `convene --cid {cid} add-locations {}`",
			added.len(),
			rest.len(),
			rest_file.display(),
			rest_file.display()
		),
	}
}

/// Write `places` as a GeoJSON FeatureCollection of points.
fn write_points(path: &Path, places: &[Place]) -> Result<()> {
	let features: Vec<_> = places
		.iter()
		.map(|p| {
			serde_json::json!({
				"type": "Feature",
				"properties": { "feature": p.feature },
				"geometry": { "type": "Point", "coordinates": [
					p.location.lon.to_string().parse::<f64>().unwrap_or_default(),
					p.location.lat.to_string().parse::<f64>().unwrap_or_default(),
				] },
			})
		})
		.collect();
	let text = serde_json::json!({ "type": "FeatureCollection", "features": features });
	std::fs::write(path, text.to_string())
		.map_err(|e| bad_input(format!("cannot write {}: {e}", path.display())))
}

/// Add `places` to `cid` (checked first: [`check_locations`]) in batches that fit in a block.
/// On a failure part-way, the locations not added are written to `rest_file`.
async fn add_locations(
	chain: &Chain,
	cid: CommunityIdentifier,
	places: &[Place],
	registrar: &Registrar<'_>,
	rest_file: &Path,
) -> Result<Vec<TxOutcome>> {
	let rules = Rules::of(chain).await?;
	let held = chain.communities().details(cid).await?.locations.len() as u32;
	if !registrar.sudo {
		chain.communities().ensure_authority(cid, &registrar.key.account()).await?;
	}
	check_locations(chain, &rules, places, held).await?;
	let Some(sample) = places.first() else { return Ok(Vec::new()) };
	let size = registrar.fit(chain, &rules, &Vec::new, &sample.location, cid).await?;
	send_in_batches(chain, cid, None, places, size, registrar, rest_file).await
}

/// Send `places` in `batch_all`s of `size` locations; with `founding`, the first batch begins
/// with it and `places[0]` is its location. A failure of the first batch leaves nothing on
/// chain and is returned as it is; a later one writes the locations not added to `rest_file`
/// and says which are on chain.
async fn send_in_batches(
	chain: &Chain,
	cid: CommunityIdentifier,
	mut founding: Option<RuntimeCall>,
	places: &[Place],
	size: usize,
	registrar: &Registrar<'_>,
	rest_file: &Path,
) -> Result<Vec<TxOutcome>> {
	let mut outcomes = Vec::new();
	let mut sent = usize::from(founding.is_some());
	while sent < places.len() || founding.is_some() {
		let chunk = places.get(sent..places.len().min(sent + size.max(1))).unwrap_or_default();
		let mut calls: Vec<RuntimeCall> = founding.take().into_iter().collect();
		calls.extend(chunk.iter().map(|p| add_location(cid, &p.location)));
		match registrar.submit_batch(chain, calls).await {
			Ok(outcome) => outcomes.push(outcome),
			Err(e) if outcomes.is_empty() => return Err(e),
			Err(e) => {
				let (added, rest) = places.split_at(sent.min(places.len()));
				write_points(rest_file, rest)?;
				return Err(partly_added(cid, added, rest, rest_file, e));
			},
		}
		sent += chunk.len();
	}
	Ok(outcomes)
}

/// Found the community `spec` describes, all or nothing where the chain allows it: checked
/// first ([`check_founding`]), then `new_community` and as many locations as fit in one block
/// in one `batch_all`, then the rest in batches as large. Returns its identifier and the
/// transactions' outcomes. `rest_file` receives the locations not added if a later batch
/// fails.
async fn found(
	chain: &Chain,
	spec: &CommunitySpec,
	registrar: &Registrar<'_>,
	rest_file: &Path,
) -> Result<(CommunityIdentifier, Vec<TxOutcome>)> {
	let rules = Rules::of(chain).await?;
	check_founding(chain, &rules, spec).await?;
	let cid = spec.cid()?;
	let places = Place::all(&spec.locations, &spec.features);
	let (first, rest) =
		places.split_first().ok_or_else(|| bad_input("the spec has no location"))?;
	let founding = || {
		RuntimeCall::Communities(CommunitiesCall::new_community {
			location: Static(first.location),
			bootstrappers: BoundedVec(spec.bootstrappers.clone()),
			metadata: Static(spec.metadata.clone()),
			demurrage: spec.demurrage.map(Static),
			nominal_income: spec.nominal_income.map(Static),
		})
	};
	let size = match rest.first() {
		Some(sample) => {
			let first = || vec![founding()];
			registrar.fit(chain, &rules, &first, &sample.location, cid).await?
		},
		None => 0,
	};
	let outcomes =
		send_in_batches(chain, cid, Some(founding()), &places, size, registrar, rest_file).await?;
	Ok((cid, outcomes))
}

impl Communities<'_> {
	/// Every community's identifier.
	pub async fn list(self) -> Result<Vec<CommunityIdentifier>> {
		let api = runtime::runtime_apis().communities_api();
		let list = self.chain.every_page(|after, limit| api.communities(after, limit)).await?;
		Ok(list.into_iter().map(|(cid, _)| cid.0).collect())
	}

	/// A community's details, or [`Error::UnknownCommunity`].
	pub async fn details(self, cid: CommunityIdentifier) -> Result<Details> {
		self.chain
			.call(runtime::runtime_apis().communities_api().community(Static(cid)))
			.await?
			.ok_or_else(|| Error::UnknownCommunity(cid.to_string()))
	}

	/// Check, before anything is sent, that `who` may change `cid` by itself (without Sudo): one of
	/// its bootstrappers, or its founder (who paid its deposit), until its first rewards; from
	/// then on nobody may (its people vote instead). Anyone else would pay a fee for a bare
	/// `BadOrigin`.
	pub async fn ensure_authority(self, cid: CommunityIdentifier, who: &AccountId32) -> Result<()> {
		let details = self.details(cid).await?;
		if let Some(cindex) = self.chain.ceremonies().bootstrapped(cid).await? {
			return Err(bad_input(format!(
				"community {cid} has had its first rewards (ceremony {cindex}): its people 				 decide its settings by vote (submit-add-location-proposal, 				 submit-remove-location-proposal, …), or Root (--sudo); nothing was sent"
			)));
		}
		let at = self.chain.at_best().await?;
		let deposit = at
			.storage()
			.try_fetch(runtime::storage().communities().community_deposit(), (Static(cid),))
			.await
			.map_err(Error::rpc)?
			.map(|d| d.decode().map_err(Error::rpc))
			.transpose()?;
		let founder = deposit.map(|d| d.depositor);
		if details.bootstrappers.contains(who) || founder.as_ref() == Some(who) {
			return Ok(());
		}
		let founder = match founder {
			Some(f) => format!("its founder {f}"),
			None => "Root (it was founded through Sudo)".to_owned(),
		};
		Err(bad_input(format!(
			"{who} may not change community {cid}: only its bootstrappers ({}), {founder}, or Root \
			 (--sudo) may; nothing was sent",
			details.bootstrappers.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(", ")
		)))
	}

	/// Found the community `spec` describes, all or nothing where the chain allows it: checked
	/// first, then `new_community` and as many locations as fit in one block in one
	/// `batch_all`, then the rest in batches as large. Returns its identifier and the
	/// transactions' outcomes. `rest_file` receives the locations not added if a later batch
	/// fails.
	pub async fn found(
		self,
		spec: &CommunitySpec,
		registrar: &Registrar<'_>,
		rest_file: &Path,
	) -> Result<(CommunityIdentifier, Vec<TxOutcome>)> {
		found(self.chain, spec, registrar, rest_file).await
	}

	/// Add `places` to `cid` (checked first against every rule the chain applies) in batches
	/// that fit in a block. On a failure part-way, the locations not added are written to
	/// `rest_file`.
	pub async fn add_locations(
		self,
		cid: CommunityIdentifier,
		places: &[Place],
		registrar: &Registrar<'_>,
		rest_file: &Path,
	) -> Result<Vec<TxOutcome>> {
		add_locations(self.chain, cid, places, registrar, rest_file).await
	}

	/// Remove `location` from `cid`: signed by a bootstrapper or the founder (checked first),
	/// or through Sudo.
	pub async fn remove_location(
		self,
		key: &Key,
		cid: CommunityIdentifier,
		location: Location,
		sudo: bool,
	) -> Result<TxOutcome> {
		if sudo {
			let call = RuntimeCall::Communities(CommunitiesCall::remove_location {
				cid: Static(cid),
				location: Static(location),
			});
			return self.chain.submit(&runtime::transactions().sudo().sudo(call), &key.pair).await;
		}
		self.ensure_authority(cid, &key.account()).await?;
		let call = runtime::transactions()
			.communities()
			.remove_location(Static(cid), Static(location));
		self.chain.submit(&call, &key.pair).await
	}
}

/// Where the locations not added go: next to `file`, as `<stem>.rest.json`.
pub fn rest_file(file: &Path) -> PathBuf {
	let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
	file.with_file_name(format!("{stem}.rest.json"))
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::specfile::parse_locations;
	use convene_primitives::fixed::I64F64;

	fn place(feature: usize, lat: &str, lon: &str) -> Place {
		let (lat, lon): (I64F64, I64F64) = (lat.parse().unwrap(), lon.parse().unwrap());
		Place { feature, location: Location::new(lat, lon) }
	}

	#[test]
	fn a_batch_failing_part_way_says_what_is_on_chain_and_keeps_the_rest_for_add_locations() {
		let dir = tempfile::tempdir().unwrap();
		let rest_file = rest_file(&dir.path().join("spec.json"));
		assert_eq!(rest_file, dir.path().join("spec.rest.json"));
		let places = [place(0, "35.4858", "18.5229"), place(2, "35.2302", "18.4215")];
		let rest = [place(3, "35.2918", "18.4731"), place(5, "35.3377", "18.5504")];
		write_points(&rest_file, &rest).unwrap();
		let cid: CommunityIdentifier = "sqm1v79dF6b".parse().unwrap();
		let cause = Error::Dispatch {
			name: "Communities::LocationTooCloseToAnother".into(),
			docs: String::new(),
			block: "0x01".into(),
		};
		let error = partly_added(cid, &places, &rest, &rest_file, cause);
		assert_eq!(error.exit_code(), crate::ExitCode::TxFailed);
		assert_eq!(error.dispatch_error(), Some("Communities::LocationTooCloseToAnother"));
		let message = error.to_string();
		assert!(
			message.contains("community sqm1v79dF6b is on chain with 2 of the file's locations (features[0] to features[2]); the other 2 are in"),
			"{message}"
		);
		assert!(message.contains("`convene --cid sqm1v79dF6b add-locations "), "{message}");
		// The file holds exactly the locations not added.
		let read = parse_locations(&std::fs::read_to_string(&rest_file).unwrap()).unwrap();
		assert_eq!(read.locations.len(), 2);
		for (got, want) in read.locations.iter().zip(&rest) {
			assert!(distance_m(got, &want.location) == 0, "{got:?} {:?}", want.location);
		}
	}
}
