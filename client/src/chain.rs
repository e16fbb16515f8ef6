// SPDX-License-Identifier: GPL-3.0-or-later
//! One connection to a node: reads at a block, runtime API calls, paged lists, and the domain
//! handles ([`Chain::ceremonies`], [`Chain::communities`], …) that speak the protocol. The
//! submission engine is in [`crate::submit`].

use crate::{
	config::ConveneConfig,
	error::{Error, Result},
	events::ChainEvent,
	node_url::NodeUrl,
};
use convene_primitives::{
	community::CommunityIdentifier,
	page::{Page, MAX_PAGE},
};
use serde::Serialize;
use std::{
	collections::{BTreeMap, HashMap},
	sync::Arc,
	time::{Duration, Instant},
};
use subxt::{
	backend::BlockRef,
	client::OnlineClientAtBlock,
	config::RpcConfigFor,
	rpcs::{methods::LegacyRpcMethods, RpcClient},
	runtime_apis::Payload as ApiPayload,
	utils::{AccountId32, Static, H256},
	OnlineClient,
};
use tokio::sync::OnceCell;

/// How often a block is asked for again while the node does not serve it yet.
const BLOCK_RETRIES: usize = 40;

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

/// How transactions are submitted: a connection's defaults ([`Chain::with_options`]), or one
/// transaction's ([`Chain::submit_at`]).
#[derive(Clone, Copy, Debug, Default)]
pub struct TxOptions {
	/// How long to follow it.
	pub wait: Wait,
	/// Pay the fee in this community's currency instead of the native token.
	pub fee_cid: Option<CommunityIdentifier>,
	/// Use this nonce instead of counting (it is not signed again if taken).
	pub nonce: Option<u64>,
	/// Give a transaction up as lost after this long without reaching `wait` (services that
	/// must not hang); `None`: follow it as long as the node reports on it.
	pub patience: Option<Duration>,
}

/// What became of each transaction of a block, by hash: its events, or its error's name and
/// documentation.
pub(crate) type BlockReport = HashMap<H256, Result<Vec<ChainEvent>, (String, String)>>;

/// Reports of recent blocks, each fetched once.
pub(crate) type BlockReports = HashMap<H256, Arc<OnceCell<Arc<BlockReport>>>>;

/// The engine's state, shared by clones of a [`Chain`].
#[derive(Default)]
pub(crate) struct Engine {
	/// Each account's next nonce, once fetched.
	pub(crate) nonces: std::sync::Mutex<BTreeMap<AccountId32, u64>>,
	/// The block transactions are built at, and when it was looked up.
	pub(crate) build_at: tokio::sync::Mutex<Option<(Instant, AtBlock)>>,
	/// The last era birth looked up (number, hash): a burst built at one block needs one lookup.
	pub(crate) birth: std::sync::Mutex<Option<(u64, H256)>>,
	/// Reports of the blocks recent transactions are in.
	pub(crate) reports: std::sync::Mutex<BlockReports>,
}

/// The subxt client for Convene.
pub type Api = OnlineClient<ConveneConfig>;

/// A view of the chain at one block.
pub type AtBlock = OnlineClientAtBlock<ConveneConfig>;

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
	/// The submission engine's nonces and block reports (`crate::submit`).
	pub(crate) engine: Arc<Engine>,
	/// How transactions are submitted by default.
	pub(crate) options: TxOptions,
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
			engine: Default::default(),
			options: TxOptions::default(),
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

	/// Call a pallet's view function at the best block: its answer typed, and rendered as JSON
	/// (the shape of [`crate::json`]).
	pub async fn view<P: subxt::view_functions::Payload>(
		&self,
		payload: P,
	) -> Result<(P::ReturnType, serde_json::Value)> {
		use codec::{Decode, Encode};
		use subxt::ext::scale_decode::DecodeAsType;
		let function = format!("{}::{}", payload.pallet_name(), payload.function_name());
		let at = self.at_best().await?;
		let metadata = at.metadata();
		let output = metadata
			.pallet_by_name(payload.pallet_name())
			.and_then(|p| p.view_function_by_name(payload.function_name()))
			.map(|f| f.output_ty())
			.ok_or_else(|| Error::Rpc(format!("the chain has no view function {function}")))?;
		let views = at.view_functions();
		// The function's 32-byte id, then its arguments: the runtime API takes them as
		// `(ViewFunctionId, Vec<u8>)`, so the arguments need their length prefix, which
		// subxt's `call` leaves out.
		let encoded = views.encode_args(&payload).map_err(Error::rpc)?;
		let (id, args) = encoded
			.split_at_checked(32)
			.ok_or_else(|| Error::Rpc(format!("cannot encode the arguments of {function}")))?;
		let input = [id.to_vec(), args.to_vec().encode()].concat();
		let bytes = views.call_raw(Some(&input)).await.map_err(Error::rpc)?;
		// The runtime API answers `Result<Vec<u8>, ViewFunctionDispatchError>`.
		let undecodable = || Error::Rpc(format!("undecodable answer of {function}"));
		let answer = match <core::result::Result<Vec<u8>, Vec<u8>>>::decode(&mut &bytes[..]) {
			Ok(Ok(answer)) => answer,
			Ok(Err(_)) => return Err(Error::Rpc(format!("the node failed to run {function}"))),
			Err(_) => return Err(undecodable()),
		};
		let typed = P::ReturnType::decode_as_type(&mut &answer[..], output, metadata.types())
			.map_err(|_| undecodable())?;
		let json = crate::json::decode(metadata.types(), output, &mut &answer[..])
			.ok_or_else(undecodable)?;
		Ok((typed, json))
	}

	/// The best block's number.
	pub async fn best_number(&self) -> Result<u32> {
		let header = self
			.rpc
			.chain_get_header(None)
			.await
			.map_err(Error::rpc)?
			.ok_or_else(|| Error::Rpc("the node has no best block".into()))?;
		u32::try_from(header.number).map_err(|_| Error::Rpc("block number beyond u32".into()))
	}

	/// The chain's time (ms) at the best block.
	pub async fn now(&self) -> Result<u64> {
		let at = self.at_best().await?;
		let now = at
			.storage()
			.try_fetch(crate::runtime::storage().timestamp().now(), ())
			.await
			.map_err(Error::rpc)?;
		match now {
			Some(now) => now.decode().map_err(Error::rpc),
			None => Ok(0),
		}
	}

	/// The next nonce of `who`, counting transactions in the pool.
	pub async fn next_nonce(&self, who: &AccountId32) -> Result<u64> {
		self.rpc.system_account_next_index(who).await.map_err(Error::rpc)
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
