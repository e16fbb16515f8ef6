// SPDX-License-Identifier: GPL-3.0-or-later
//! The node's client, database, chain selection and pool types, shared by the service, dev
//! sealing, RPC and the randomness provider (a leaf: it imports none of them).

use convene_runtime::{apis::RuntimeApi, opaque::Block};

/// The client: the runtime run by wasmtime.
pub(crate) type FullClient = sc_service::TFullClient<
	Block,
	RuntimeApi,
	sc_executor::WasmExecutor<sp_io::SubstrateHostFunctions>,
>;
/// The database.
pub(crate) type FullBackend = sc_service::TFullBackend<Block>;
/// Chain selection: the longest chain.
pub(crate) type FullSelectChain = sc_consensus::LongestChain<FullBackend, Block>;
/// The transaction pool.
pub(crate) type Pool = sc_transaction_pool::TransactionPoolHandle<Block, FullClient>;
