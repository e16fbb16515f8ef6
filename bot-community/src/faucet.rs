// SPDX-License-Identifier: GPL-3.0-or-later
//! The faucet: an HTTP service that funds bot accounts with native tokens for their fees.
//!
//! `GET /api?accounts=A&accounts=B…` tops every listed account up: an account holding less than
//! the drip amount receives it, the others are skipped (so the faucet cannot be drained by
//! asking again). One `Utility.batch_all` of transfers per request, followed into a block. The
//! answer is JSON: `{"success": true, "funded": [...], "skipped": [...], "amount": "...",
//! "block": "0x…"}`, or `{"success": false, "error": "..."}` with status 400 (bad request) or
//! 500 (the transfer failed).

use crate::submit::Submitter;
use convene_client::{
	error::{bad_input, Error, Result},
	runtime::{
		self,
		runtime_types::{
			convene_runtime::RuntimeCall, pallet_balances::pallet::Call as BalancesCall,
		},
	},
};
use futures::future::try_join_all;
use http_body_util::Full;
use hyper::{body::Bytes, server::conn::http1, service::service_fn, Method, Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::{json, Value as Json};
use std::{convert::Infallible, str::FromStr, sync::Arc, time::Duration};
use subxt::utils::{AccountId32, MultiAddress};
use subxt_signer::sr25519::Keypair;
use tokio::net::TcpListener;

/// The most accounts one request may list.
pub const MAX_ACCOUNTS: usize = 500;

/// How long a client waits for the faucet (the transfer is followed into a block).
const CLIENT_TIMEOUT: Duration = Duration::from_secs(120);

/// The faucet: who pays, and how much each account gets.
pub struct Faucet {
	submitter: Arc<Submitter>,
	key: Keypair,
	amount: u128,
}

impl Faucet {
	/// A faucet paying `amount` plancks from `key`'s account.
	pub fn new(submitter: Arc<Submitter>, key: Keypair, amount: u128) -> Self {
		Self { submitter, key, amount }
	}

	/// Top `accounts` up to the drip amount.
	pub async fn drip(&self, accounts: &[AccountId32]) -> Result<Json> {
		let mut accounts = accounts.to_vec();
		accounts.sort_by_key(|a| a.0);
		accounts.dedup();
		let chain = self.submitter.chain();
		let balances = try_join_all(accounts.iter().map(|a| chain.native_balance(a))).await?;
		let (needy, skipped): (Vec<_>, Vec<_>) =
			accounts.iter().zip(balances).partition(|(_, balance)| *balance < self.amount);
		let funded: Vec<AccountId32> = needy.into_iter().map(|(a, _)| *a).collect();
		let mut block = None;
		if !funded.is_empty() {
			let calls = funded
				.iter()
				.map(|to| {
					RuntimeCall::Balances(BalancesCall::transfer_keep_alive {
						dest: MultiAddress::Id(*to),
						value: self.amount,
					})
				})
				.collect();
			let batch = runtime::transactions().utility().batch_all(calls);
			block = self.submitter.submit(&batch, &self.key).await?.block;
		}
		Ok(json!({
			"success": true,
			"amount": self.amount.to_string(),
			"funded": funded.iter().map(|a| a.to_string()).collect::<Vec<_>>(),
			"skipped": skipped.iter().map(|(a, _)| a.to_string()).collect::<Vec<_>>(),
			"block": block.map(|b| format!("{b:?}")),
		}))
	}

	/// Answer one HTTP request.
	async fn answer(&self, request: Request<hyper::body::Incoming>) -> Response<Full<Bytes>> {
		if request.method() != Method::GET {
			return respond(405, json!({ "success": false, "error": "only GET is served" }));
		}
		if request.uri().path() != "/api" {
			return respond(404, json!({ "success": false, "error": "the faucet is at /api" }));
		}
		let accounts = match accounts_of(request.uri().query().unwrap_or("")) {
			Ok(accounts) => accounts,
			Err(e) => return respond(400, json!({ "success": false, "error": e.to_string() })),
		};
		match self.drip(&accounts).await {
			Ok(answer) => {
				log::info!(
					"dripped to {} accounts",
					answer["funded"].as_array().map_or(0, Vec::len)
				);
				respond(200, answer)
			},
			Err(e) => {
				log::warn!("the drip failed: {e}");
				respond(500, json!({ "success": false, "error": e.to_string() }))
			},
		}
	}
}

/// The `accounts` of a query string (`accounts=A&accounts=B`, also `accounts[]=`).
fn accounts_of(query: &str) -> Result<Vec<AccountId32>> {
	let accounts: Vec<AccountId32> = query
		.split('&')
		.filter_map(|pair| pair.split_once('='))
		.filter(|(key, _)| *key == "accounts" || *key == "accounts[]" || *key == "accounts%5B%5D")
		.map(|(_, value)| {
			AccountId32::from_str(value)
				.map_err(|e| bad_input(format!("{value:?} is not an SS58 address: {e}")))
		})
		.collect::<Result<_>>()?;
	if accounts.is_empty() {
		return Err(bad_input("no accounts provided to drip to"));
	}
	if accounts.len() > MAX_ACCOUNTS {
		return Err(bad_input(format!("at most {MAX_ACCOUNTS} accounts per request")));
	}
	Ok(accounts)
}

fn respond(status: u16, body: Json) -> Response<Full<Bytes>> {
	let mut response = Response::new(Full::new(Bytes::from(body.to_string())));
	*response.status_mut() = hyper::StatusCode::from_u16(status).unwrap_or_default();
	response.headers_mut().insert(
		hyper::header::CONTENT_TYPE,
		hyper::header::HeaderValue::from_static("application/json"),
	);
	response
}

/// Serve the faucet on `listener` until the task is dropped.
pub async fn serve(listener: TcpListener, faucet: Arc<Faucet>) -> Result<()> {
	loop {
		let (stream, peer) = listener
			.accept()
			.await
			.map_err(|e| Error::Rpc(format!("the faucet's socket: {e}")))?;
		let faucet = faucet.clone();
		tokio::spawn(async move {
			let service = service_fn(move |request| {
				let faucet = faucet.clone();
				async move { Ok::<_, Infallible>(faucet.answer(request).await) }
			});
			if let Err(e) =
				http1::Builder::new().serve_connection(TokioIo::new(stream), service).await
			{
				log::debug!("faucet connection from {peer}: {e}");
			}
		});
	}
}

/// Ask the faucet at `url` (e.g. `http://127.0.0.1:5000/api`) to fund `accounts`, in requests
/// of at most [`MAX_ACCOUNTS`].
pub async fn request(url: &str, accounts: &[AccountId32]) -> Result<()> {
	for chunk in accounts.chunks(MAX_ACCOUNTS) {
		let url = url.to_owned();
		let query: Vec<String> = chunk.iter().map(|a| a.to_string()).collect();
		let answer = tokio::task::spawn_blocking(move || ask(&url, &query))
			.await
			.map_err(|e| Error::Rpc(format!("the faucet request panicked: {e}")))??;
		if answer["success"] != Json::Bool(true) {
			return Err(Error::Rpc(format!("the faucet refused: {answer}")));
		}
	}
	Ok(())
}

fn ask(url: &str, accounts: &[String]) -> Result<Json> {
	let agent = ureq::Agent::config_builder()
		.timeout_global(Some(CLIENT_TIMEOUT))
		.http_status_as_error(false)
		.build()
		.new_agent();
	let mut request = agent.get(url);
	for account in accounts {
		request = request.query("accounts", account);
	}
	let mut response = request
		.call()
		.map_err(|e| Error::Rpc(format!("the faucet at {url} cannot be reached: {e}")))?;
	let status = response.status();
	let text = response.body_mut().read_to_string().map_err(|e| {
		Error::Rpc(format!("the faucet at {url} answered {status} unreadably: {e}"))
	})?;
	let body: Json = serde_json::from_str(&text).map_err(|e| {
		Error::Rpc(format!("the faucet at {url} answered {status} without JSON ({e}): {text}"))
	})?;
	if !status.is_success() {
		return Err(Error::Rpc(format!(
			"the faucet at {url} answered {status}: {}",
			body["error"].as_str().unwrap_or("(no reason given)")
		)));
	}
	Ok(body)
}

#[cfg(test)]
mod tests {
	use super::*;

	const ALICE: &str = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
	const BOB: &str = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";

	#[test]
	fn queries_list_accounts() {
		let accounts = accounts_of(&format!("accounts={ALICE}&accounts={BOB}&other=1")).unwrap();
		assert_eq!(accounts.len(), 2);
		assert_eq!(accounts_of(&format!("accounts[]={ALICE}")).unwrap().len(), 1);
		let none = accounts_of("").unwrap_err().to_string();
		assert!(none.contains("no accounts provided"), "{none}");
		assert!(accounts_of("accounts=nobody").unwrap_err().to_string().contains("SS58"));
		let many = vec![format!("accounts={ALICE}"); MAX_ACCOUNTS + 1].join("&");
		assert!(accounts_of(&many).unwrap_err().to_string().contains("at most"));
	}
}
