// SPDX-License-Identifier: GPL-3.0-or-later
//! One connection to a node: typed queries and submit-and-watch.

use crate::{
	config::{ConveneConfig, TxParams},
	error::{Error, Result},
	json,
	node_url::NodeUrl,
	runtime::{self, runtime_types::pallet_communities::runtime_api::CommunityDetails},
};
use convene_primitives::{
	community::CommunityIdentifier,
	page::{Page, MAX_PAGE},
	scheduler::CeremonyInfo,
};
use serde::Serialize;
use serde_json::Value as Json;
use std::{
	collections::HashMap,
	sync::{Arc, Mutex},
};
use subxt::{
	backend::BlockRef,
	client::OnlineClientAtBlock,
	config::RpcConfigFor,
	events::{Event, Phase},
	rpcs::{methods::LegacyRpcMethods, RpcClient},
	runtime_apis::Payload as ApiPayload,
	transactions::{Payload, TransactionStatus},
	utils::{AccountId32, Static, H256},
	OnlineClient,
};
use subxt_signer::sr25519::Keypair;
use tokio::sync::OnceCell;

/// How often a block is asked for again while the node does not serve it yet.
const BLOCK_RETRIES: usize = 40;

/// Blocks a transaction stays valid for after the block it is built at: the longest era the
/// runtime's 2,400 remembered block hashes allow (a power of two). subxt's 32 lasted well under
/// a second on an instant-sealed dev chain under load, where every imported transaction seals a
/// block: bots registering 5,000 participants, built at one block, were refused with "ancient
/// birth block". On 6-second blocks it is 3.4 hours; nonces keep a transaction from being
/// replayed within it.
const MORTALITY: u64 = 2048;

/// How many blocks before the one a transaction is built at its mortal era starts. A node's
/// fork-aware pool validates a transaction on its newest view, which can be the parent of the
/// block just imported; a transaction born at that block would then be "ancient" (its birth
/// block is not yet among the runtime's block hashes) and refused.
const BIRTH_LAG: u64 = 4;

/// The subxt client for Convene.
pub type Api = OnlineClient<ConveneConfig>;

/// A view of the chain at one block.
pub type AtBlock = OnlineClientAtBlock<ConveneConfig>;

/// How long to follow a transaction.
#[derive(Clone, Copy, Debug, Default, Eq, PartialEq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Wait {
	/// Until the pool accepts it (no events: they are not known yet).
	Ready,
	/// Until it is in a block of the best chain (the default).
	#[default]
	InBlock,
	/// Until its block is finalized.
	Finalized,
}

/// Options for one transaction.
#[derive(Clone, Copy, Debug, Default)]
pub struct TxOptions {
	/// How long to follow it.
	pub wait: Wait,
	/// Pay the fee in this community's currency instead of the native token.
	pub fee_cid: Option<CommunityIdentifier>,
	/// Use this nonce instead of the account's next one (for several transactions at once).
	pub nonce: Option<u64>,
}

/// An event, decoded.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChainEvent {
	/// The pallet, e.g. `Ceremonies`.
	pub pallet: String,
	/// The event, e.g. `ParticipantRegistered`.
	pub event: String,
	/// The fields, in the shape documented in [`crate::json`].
	pub fields: Json,
}

/// What became of a transaction.
#[derive(Clone, Debug, Serialize)]
pub struct TxOutcome {
	/// The transaction's hash.
	pub hash: H256,
	/// How far it was followed.
	pub status: Wait,
	/// The block it is in (not known when only waiting until ready).
	pub block: Option<H256>,
	/// Its events (empty when only waiting until ready).
	pub events: Vec<ChainEvent>,
}

impl TxOutcome {
	/// The first event `pallet::event`.
	pub fn event(&self, pallet: &str, event: &str) -> Option<&ChainEvent> {
		self.events.iter().find(|e| e.pallet == pallet && e.event == event)
	}
}

/// What became of each transaction of a block, by hash: its events, or its error's name and
/// documentation.
type BlockReport = HashMap<H256, Result<Vec<ChainEvent>, (String, String)>>;

/// Reports of recent blocks, each fetched once.
type BlockReports = HashMap<H256, Arc<OnceCell<Arc<BlockReport>>>>;

/// The metadata the client's code is generated from, and the runtime version it is the
/// metadata of (a test keeps both equal to the runtime's).
const METADATA: &[u8] = include_bytes!("../metadata/convene.scale");
const METADATA_SPEC_VERSION: &str = include_str!("../metadata/convene.spec_version");

/// Give subxt the committed metadata for the runtime version it belongs to, so that a process
/// talking to a node of that version does not ask the node for it: the node generates 130 KB of
/// metadata in its runtime for that call, and the client decodes the same bytes either way.
/// (The runtime's rule, bump `spec_version` with every change, keeps this sound.)
fn preload_metadata(config: &ConveneConfig) {
	use subxt::config::Config;
	let version = METADATA_SPEC_VERSION.trim().parse::<u32>();
	let metadata = subxt::metadata::Metadata::decode_from(METADATA);
	if let (Ok(version), Ok(metadata)) = (version, metadata) {
		config.set_metadata_for_spec_version(version, Arc::new(metadata));
	}
}

/// A connection to a node.
#[derive(Clone)]
pub struct Chain {
	api: Api,
	rpc: LegacyRpcMethods<RpcConfigFor<ConveneConfig>>,
	/// The connection, for methods subxt does not wrap.
	client: RpcClient,
	/// Reports of the blocks recent transactions are in.
	reports: Arc<Mutex<BlockReports>>,
	/// The last era birth looked up (number, hash): a burst built at one block needs one lookup.
	birth: Arc<Mutex<Option<(u64, H256)>>>,
}

impl Chain {
	/// Connect to a node's WebSocket JSON-RPC endpoint (`ws://` or `wss://`).
	pub async fn connect(url: &NodeUrl) -> Result<Self> {
		let client = crate::transport::connect(url).await?;
		let config = ConveneConfig::default();
		preload_metadata(&config);
		// The legacy methods, not `chainHead`: one request per query, where `chainHead` needs a
		// followed and pinned block and an operation whose result comes as a notification
		// (a CLI query: 25 ms instead of 33 ms, with quick acknowledgements on both).
		let backend = subxt::backend::LegacyBackend::builder().build(client.clone());
		let api = Api::from_backend_with_config(config, Arc::new(backend))
			.await
			.map_err(|e| Error::Unreachable { url: url.to_string(), reason: e.to_string() })?;
		Ok(Self {
			api,
			rpc: LegacyRpcMethods::new(client.clone()),
			client,
			reports: Default::default(),
			birth: Default::default(),
		})
	}

	/// The subxt client.
	pub fn api(&self) -> &Api {
		&self.api
	}

	/// The legacy JSON-RPC methods (block hashes, headers, account nonces).
	pub fn rpc(&self) -> &LegacyRpcMethods<RpcConfigFor<ConveneConfig>> {
		&self.rpc
	}

	/// The JSON-RPC connection, for methods without a typed wrapper.
	pub fn rpc_client(&self) -> &RpcClient {
		&self.client
	}

	/// The chain's genesis hash.
	pub fn genesis_hash(&self) -> H256 {
		self.api.genesis_hash()
	}

	/// The index of pallet `name` in the runtime (cheques sign it).
	pub async fn pallet_index(&self, name: &str) -> Result<u8> {
		self.at_best()
			.await?
			.metadata()
			.pallet_by_name(name)
			.map(|p| p.call_index())
			.ok_or_else(|| Error::Rpc(format!("the chain has no pallet {name}")))
	}

	/// The chain at its best block (what the latest transactions changed).
	pub async fn at_best(&self) -> Result<AtBlock> {
		let hash = self
			.rpc
			.chain_get_block_hash(None)
			.await
			.map_err(Error::rpc)?
			.ok_or_else(|| Error::Rpc("the node has no best block".into()))?;
		self.at(hash).await
	}

	/// The chain at block `hash`. A block just announced may not be served for a moment: it is
	/// asked for again meanwhile.
	pub async fn at(&self, hash: H256) -> Result<AtBlock> {
		let mut at = self.api.at_block(BlockRef::from_hash(hash)).await;
		for _ in 0..BLOCK_RETRIES {
			match &at {
				Err(e) if e.to_string().contains("cannot find the block header") => {
					tokio::time::sleep(std::time::Duration::from_millis(50)).await;
					at = self.api.at_block(BlockRef::from_hash(hash)).await;
				},
				_ => break,
			}
		}
		at.map_err(Error::rpc)
	}

	/// Call a runtime API at the best block.
	pub async fn call<P: ApiPayload>(&self, payload: P) -> Result<P::ReturnType> {
		self.at_best().await?.runtime_apis().call(payload).await.map_err(Error::rpc)
	}

	/// Every entry of a list the chain reads in pages (`convene_primitives::page`), all at the
	/// best block: page after page of `MAX_PAGE`, each from the cursor the one before named.
	/// `read(after, limit)` builds the runtime API call for one page.
	pub async fn every_page<K: PartialEq + Clone, T, P>(
		&self,
		read: impl Fn(Option<K>, u32) -> P,
	) -> Result<Vec<T>>
	where
		P: ApiPayload<ReturnType = Static<Page<K, T>>>,
	{
		let at = self.at_best().await?;
		let (mut all, mut after) = (Vec::new(), None);
		loop {
			let Static(page) = at
				.runtime_apis()
				.call(read(after.clone(), MAX_PAGE))
				.await
				.map_err(Error::rpc)?;
			all.extend(page.items);
			match page.next {
				// A cursor that does not move would read the same page for ever.
				Some(next) if after.as_ref() != Some(&next) => after = Some(next),
				_ => return Ok(all),
			}
		}
	}

	/// The ceremony index, phase and schedule.
	pub async fn ceremony_info(&self) -> Result<CeremonyInfo> {
		let info = self
			.call(runtime::runtime_apis().ceremony_scheduler_api().ceremony_info())
			.await?;
		Ok(info.0)
	}

	/// A community's details, or [`Error::UnknownCommunity`].
	pub async fn community(
		&self,
		cid: CommunityIdentifier,
	) -> Result<CommunityDetails<AccountId32>> {
		self.call(runtime::runtime_apis().communities_api().community(Static(cid)))
			.await?
			.ok_or_else(|| Error::UnknownCommunity(cid.to_string()))
	}

	/// The native free balance of `who` (0 for an account that does not exist).
	pub async fn native_balance(&self, who: &AccountId32) -> Result<u128> {
		let at = self.at_best().await?;
		let info = at
			.storage()
			.try_fetch(runtime::storage().system().account(), (*who,))
			.await
			.map_err(Error::rpc)?;
		match info {
			Some(info) => Ok(info.decode().map_err(Error::rpc)?.data.free),
			None => Ok(0),
		}
	}

	/// The next nonce of `who`, counting transactions in the pool.
	pub async fn next_nonce(&self, who: &AccountId32) -> Result<u64> {
		self.rpc.system_account_next_index(who).await.map_err(Error::rpc)
	}

	/// Submit `calls` signed by `signer` at once, with consecutive nonces from its next one,
	/// and follow them all as `options` say; the outcomes are in the calls' order.
	pub async fn submit_all<Call: Payload>(
		&self,
		calls: &[Call],
		signer: &Keypair,
		options: TxOptions,
	) -> Result<Vec<TxOutcome>> {
		let first = self.next_nonce(&signer.public_key().to_account_id()).await?;
		// One block to build them all at.
		let at = self.at_best().await?;
		let submissions = calls.iter().zip(first..).map(|(call, nonce)| {
			self.submit_at(&at, call, signer, TxOptions { nonce: Some(nonce), ..options })
		});
		futures::future::try_join_all(submissions).await
	}

	/// Sign `call` with `signer`, submit it and follow it as `options` say. A transaction that
	/// fails in its block is [`Error::Dispatch`], naming the pallet error.
	pub async fn submit<Call: Payload>(
		&self,
		call: &Call,
		signer: &Keypair,
		options: TxOptions,
	) -> Result<TxOutcome> {
		self.submit_at(&self.at_best().await?, call, signer, options).await
	}

	/// [`Chain::submit`], built at block `at` (to submit many transactions built at one block).
	pub async fn submit_at<Call: Payload>(
		&self,
		at: &AtBlock,
		call: &Call,
		signer: &Keypair,
		options: TxOptions,
	) -> Result<TxOutcome> {
		let (birth, birth_hash) = self.era_birth(at).await?;
		let mut params = TxParams::new().mortal_from_unchecked(MORTALITY, birth, birth_hash);
		if let Some(cid) = options.fee_cid {
			params = params.tip_of(0, Static(cid.into()));
		}
		if let Some(nonce) = options.nonce {
			params = params.nonce(nonce);
		}
		let mut progress = at
			.transactions()
			.sign_and_submit_then_watch(call, signer, params.build())
			.await
			.map_err(Error::rejected_by_node)?;
		let hash = progress.extrinsic_hash();
		while let Some(status) = progress.next().await {
			let status = status.map_err(Error::rejected)?;
			let in_block = match status {
				TransactionStatus::Validated if options.wait == Wait::Ready => {
					return Ok(TxOutcome {
						hash,
						status: Wait::Ready,
						block: None,
						events: Vec::new(),
					})
				},
				TransactionStatus::InBestBlock(b) if options.wait != Wait::Finalized => b,
				TransactionStatus::InFinalizedBlock(b) => b,
				TransactionStatus::Invalid { message }
				| TransactionStatus::Dropped { message }
				| TransactionStatus::Error { message } => return Err(Error::rejected(message)),
				_ => continue,
			};
			let block = in_block.block_hash();
			let reached = match options.wait {
				Wait::Finalized => Wait::Finalized,
				_ => Wait::InBlock,
			};
			let report = self.block_report(block).await?;
			return match report.get(&hash) {
				Some(Ok(events)) => Ok(TxOutcome {
					hash,
					status: reached,
					block: Some(block),
					events: events.clone(),
				}),
				Some(Err((name, docs))) => Err(Error::Dispatch {
					name: name.clone(),
					docs: docs.clone(),
					block: format!("{block:?}"),
				}),
				None => {
					Err(Error::Rpc(format!("transaction {hash:?} is not in its block {block:?}")))
				},
			};
		}
		Err(Error::Rpc("the node stopped reporting on the transaction".into()))
	}

	/// Where the era of a transaction built at `at` starts: [`BIRTH_LAG`] blocks earlier.
	async fn era_birth(&self, at: &AtBlock) -> Result<(u64, H256)> {
		let birth = at.block_number().saturating_sub(BIRTH_LAG);
		let last = *self.birth.lock().map_err(|_| Error::Rpc("poisoned".into()))?;
		if let Some((number, hash)) = last.filter(|(number, _)| *number == birth) {
			return Ok((number, hash));
		}
		let hash = self
			.rpc
			.chain_get_block_hash(Some(birth.into()))
			.await
			.map_err(Error::rpc)?
			.ok_or_else(|| Error::Rpc(format!("the node has no block {birth}")))?;
		*self.birth.lock().map_err(|_| Error::Rpc("poisoned".into()))? = Some((birth, hash));
		Ok((birth, hash))
	}

	/// What became of every transaction in `block`: its events, or its error (also the error
	/// of a call it dispatched through Sudo or Proxy, which succeed either way). Fetched once
	/// per block however many of its transactions are followed.
	async fn block_report(&self, block: H256) -> Result<Arc<BlockReport>> {
		let cell = {
			let mut reports = self.reports.lock().map_err(|_| Error::Rpc("poisoned".into()))?;
			if reports.len() > 64 {
				reports.clear();
			}
			reports.entry(block).or_default().clone()
		};
		let report = cell
			.get_or_try_init(|| async {
				let at = self.at(block).await?;
				let metadata = at.metadata();
				let extrinsics = at.extrinsics().fetch().await.map_err(Error::rpc)?;
				let mut hashes = Vec::with_capacity(extrinsics.len());
				for extrinsic in extrinsics.iter() {
					hashes.push(extrinsic.map_err(Error::rpc)?.hash());
				}
				let mut events: Vec<Vec<ChainEvent>> = vec![Vec::new(); hashes.len()];
				let mut failures: Vec<Option<(String, String)>> = vec![None; hashes.len()];
				for event in at.events().fetch().await.map_err(Error::rpc)?.iter() {
					let event = event.map_err(Error::rpc)?;
					let Phase::ApplyExtrinsic(i) = event.phase() else { continue };
					let Some(i) = usize::try_from(i).ok().filter(|i| *i < hashes.len()) else {
						continue;
					};
					use runtime::{
						proxy::events::ProxyExecuted, sudo::events::Sudid,
						system::events::ExtrinsicFailed,
					};
					let failure = if let Some(Ok(failed)) =
						event.decode_fields_as::<ExtrinsicFailed>()
					{
						Some(failed.dispatch_error)
					} else if let Some(Ok(sudid)) = event.decode_fields_as::<Sudid>() {
						sudid.sudo_result.err()
					} else if let Some(Ok(proxied)) = event.decode_fields_as::<ProxyExecuted>() {
						proxied.result.err()
					} else {
						None
					};
					if let Some(e) = failure {
						failures[i].get_or_insert_with(|| describe(&metadata, e));
					}
					events[i].push(decode_event(&metadata, &event));
				}
				let report: BlockReport = hashes
					.into_iter()
					.zip(events.into_iter().zip(failures))
					.map(|(hash, (events, failure))| (hash, failure.map_or(Ok(events), Err)))
					.collect();
				Ok::<_, Error>(Arc::new(report))
			})
			.await?;
		Ok(report.clone())
	}
}

/// An event with its fields rendered as JSON.
pub fn decode_event(
	metadata: &subxt::metadata::Metadata,
	event: &Event<'_, ConveneConfig>,
) -> ChainEvent {
	let types = metadata.types();
	let fields = metadata
		.pallet_by_name(event.pallet_name())
		.and_then(|p| p.event_variant_by_index(event.event_index()))
		.map(|variant| {
			let mut bytes = event.field_bytes();
			let named = variant.fields.iter().all(|f| f.name.is_some());
			let values: Vec<(String, Json)> = variant
				.fields
				.iter()
				.enumerate()
				.map(|(i, f)| {
					let value = json::decode(types, f.ty.id, &mut bytes).unwrap_or(Json::Null);
					(f.name.clone().unwrap_or_else(|| i.to_string()), value)
				})
				.collect();
			if named {
				Json::Object(values.into_iter().collect())
			} else {
				Json::Array(values.into_iter().map(|(_, v)| v).collect())
			}
		})
		.unwrap_or(Json::Null);
	ChainEvent { pallet: event.pallet_name().into(), event: event.event_name().into(), fields }
}

/// A dispatch error's name (`Pallet::Error`, or the kind, e.g. `Token::FundsUnavailable`) and
/// documentation.
fn describe(
	metadata: &subxt::metadata::Metadata,
	e: runtime::runtime_types::sp_runtime::DispatchError,
) -> (String, String) {
	use runtime::runtime_types::sp_runtime::DispatchError as E;
	match &e {
		E::Module(m) => metadata
			.pallet_by_error_index(m.index)
			.and_then(|p| {
				let v = p.error_variant_by_index(m.error[0])?;
				Some((format!("{}::{}", p.name(), v.name), v.docs.join(" ").trim().to_owned()))
			})
			.unwrap_or_else(|| (format!("{e:?}"), String::new())),
		other => (format!("{other:?}").replace('(', "::").replace(')', ""), String::new()),
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_committed_metadata_is_preloaded_for_its_runtime_version() {
		use subxt::config::Config;
		let config = ConveneConfig::default();
		preload_metadata(&config);
		let version: u32 = METADATA_SPEC_VERSION.trim().parse().expect("a version number");
		let metadata = config.metadata_for_spec_version(version).expect("preloaded");
		assert!(metadata.pallet_by_name("ValidatorSet").is_some());
		assert!(config.metadata_for_spec_version(version + 1).is_none());
	}
}
