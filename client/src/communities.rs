// SPDX-License-Identifier: GPL-3.0-or-later
//! Founding communities and adding their locations, shared by the CLI and the bots.

use crate::{
	chain::TxOptions,
	error::{bad_input, Result},
	keystore::Key,
	runtime::{
		self,
		runtime_types::{
			bounded_collections::bounded_vec::BoundedVec, convene_runtime::RuntimeCall,
			pallet_communities::pallet::Call as CommunitiesCall,
			pallet_utility::pallet::Call as UtilityCall,
		},
	},
	specfile::CommunitySpec,
	Chain, TxOutcome,
};
use convene_primitives::{community::CommunityIdentifier, geo::Location};
use subxt::{transactions::Payload, utils::Static};

/// Who registers communities and locations, and how.
pub struct Registrar<'a> {
	/// The signer (any account where community creation is open, the sudo key otherwise).
	pub key: &'a Key,
	/// Send the calls through Sudo.
	pub sudo: bool,
	/// Locations added per `Utility.batch_all` transaction.
	pub batch_size: usize,
	/// How to submit.
	pub options: TxOptions,
}

impl Registrar<'_> {
	/// Submit `call()` as it is, or `as_root()` through Sudo when asked.
	async fn submit<Call: Payload>(
		&self,
		chain: &Chain,
		call: impl FnOnce() -> Call,
		as_root: impl FnOnce() -> RuntimeCall,
	) -> Result<TxOutcome> {
		if self.sudo {
			let sudo = runtime::transactions().sudo().sudo(as_root());
			chain.submit(&sudo, &self.key.pair, self.options).await
		} else {
			chain.submit(&call(), &self.key.pair, self.options).await
		}
	}
}

/// Add `locations` to `cid` in `Utility.batch_all` transactions of `registrar.batch_size`.
pub async fn add_locations(
	chain: &Chain,
	cid: CommunityIdentifier,
	locations: &[Location],
	registrar: &Registrar<'_>,
) -> Result<Vec<TxOutcome>> {
	let mut outcomes = Vec::new();
	for chunk in locations.chunks(registrar.batch_size.max(1)) {
		let calls = || {
			chunk
				.iter()
				.map(|l| {
					RuntimeCall::Communities(CommunitiesCall::add_location {
						cid: Static(cid),
						location: Static(*l),
					})
				})
				.collect::<Vec<_>>()
		};
		let batch = || runtime::transactions().utility().batch_all(calls());
		let as_root = || RuntimeCall::Utility(UtilityCall::batch_all { calls: calls() });
		outcomes.push(registrar.submit(chain, batch, as_root).await?);
	}
	Ok(outcomes)
}

/// Found the community `spec` describes: its first location founds it, the others are added in
/// batches. Returns its identifier and the transactions' outcomes.
pub async fn found(
	chain: &Chain,
	spec: &CommunitySpec,
	registrar: &Registrar<'_>,
) -> Result<(CommunityIdentifier, Vec<TxOutcome>)> {
	let cid = spec.cid()?;
	let first = *spec.locations.first().ok_or_else(|| bad_input("the spec has no location"))?;
	let bootstrappers = || BoundedVec(spec.bootstrappers.clone());
	let metadata = || Static(spec.metadata.clone());
	let demurrage = || spec.demurrage.map(Static);
	let income = || spec.nominal_income.map(Static);
	let call = || {
		runtime::transactions().communities().new_community(
			Static(first),
			bootstrappers(),
			metadata(),
			demurrage(),
			income(),
		)
	};
	let as_root = || {
		RuntimeCall::Communities(CommunitiesCall::new_community {
			location: Static(first),
			bootstrappers: bootstrappers(),
			metadata: metadata(),
			demurrage: demurrage(),
			nominal_income: income(),
		})
	};
	let mut outcomes = vec![registrar.submit(chain, call, as_root).await?];
	outcomes.extend(add_locations(chain, cid, &spec.locations[1..], registrar).await?);
	Ok((cid, outcomes))
}
