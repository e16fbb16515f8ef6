// SPDX-License-Identifier: GPL-3.0-or-later
//! The faucet: an HTTP service that funds bot accounts with native tokens for their fees.
//!
//! `GET /api?accounts=A&accounts=B…` tops every listed account up: an account holding less than
//! the drip amount receives it, the others are skipped (so the faucet cannot be drained by
//! asking again). One `Utility.batch_all` of transfers per request, followed into a block. The
//! answer is JSON: `{"success": true, "funded": [...], "skipped": [...], "amount": "...",
//! "block": "0x…"}`, or `{"success": false, "error": "..."}` with status 400 (bad request), 429
//! (a limit is reached: the error says which, `retry_after_secs` and the `Retry-After` header
//! say when to come back; nothing is paid) or 500 (the transfer failed).
//!
//! [`Limits`]: each account is funded at most `per_account` times, and each client address has
//! at most `per_client` accounts funded, per `period` (a sliding window). A request that would
//! pass either limit is refused whole.

use clap::Args;
use convene_client::{
	amount::{native_text, parse_native},
	error::{bad_input, Error, Result},
	keystore::Keystore,
	Chain,
};
use futures::future::try_join_all;
use http_body_util::Full;
use hyper::{body::Bytes, server::conn::http1, service::service_fn, Method, Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::{json, Value as Json};
use std::{
	collections::{HashMap, VecDeque},
	convert::Infallible,
	hash::Hash,
	net::IpAddr,
	str::FromStr,
	sync::{Arc, Mutex},
	time::{Duration, Instant},
};
use subxt::utils::AccountId32;
use subxt_signer::sr25519::Keypair;
use tokio::net::TcpListener;

/// The most accounts one request may list.
pub const MAX_ACCOUNTS: usize = 500;

/// How long a client waits for the faucet (the transfer is followed into a block).
const CLIENT_TIMEOUT: Duration = Duration::from_secs(120);

/// How often the faucet pays, per `period`: each account at most `per_account` times, each
/// client address for at most `per_client` accounts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
	/// Drips per account.
	pub per_account: u32,
	/// Accounts funded per client address.
	pub per_client: u32,
	/// The sliding window both count in.
	pub period: Duration,
}

impl Limits {
	/// No limits (the faucet `test` runs for itself on loopback).
	pub const NONE: Self =
		Self { per_account: u32::MAX, per_client: u32::MAX, period: Duration::ZERO };
}

/// Why a request is refused, and when to come back.
#[derive(Debug, PartialEq)]
pub struct Refusal {
	/// Which limit, in words.
	pub reason: String,
	/// When the request would pass.
	pub retry_after: Duration,
}

/// When each account and each client was paid, within the period.
#[derive(Default)]
struct Payments {
	/// By account id (its 32 bytes).
	accounts: HashMap<[u8; 32], VecDeque<Instant>>,
	clients: HashMap<IpAddr, VecDeque<Instant>>,
}

/// Forget what is older than `period` in `log`, and the keys left with nothing.
fn prune<K: Eq + Hash>(log: &mut HashMap<K, VecDeque<Instant>>, now: Instant, period: Duration) {
	log.retain(|_, times| {
		while times.front().is_some_and(|t| now.saturating_duration_since(*t) >= period) {
			times.pop_front();
		}
		!times.is_empty()
	});
}

impl Payments {
	/// Admit paying `accounts` for `client` at `now` under `limits`, and record it; or say why
	/// not (recording nothing).
	fn admit(
		&mut self,
		limits: Limits,
		client: IpAddr,
		accounts: &[AccountId32],
		now: Instant,
	) -> std::result::Result<(), Refusal> {
		let period = limits.period;
		prune(&mut self.accounts, now, period);
		prune(&mut self.clients, now, period);
		let wait = |oldest: Option<&Instant>| {
			oldest.map_or(period, |t| period.saturating_sub(now.saturating_duration_since(*t)))
		};
		let minutes = period.as_secs().div_ceil(60);
		for account in accounts {
			let times = self.accounts.get(&account.0);
			if times.map_or(0, VecDeque::len) >= limits.per_account as usize {
				return Err(Refusal {
					reason: format!(
						"{account} was funded {} times in the last {minutes} min, the most \
						 this faucet pays one account",
						limits.per_account
					),
					retry_after: wait(times.and_then(|t| t.front())),
				});
			}
		}
		let times = self.clients.get(&client);
		let held = times.map_or(0, VecDeque::len);
		if held.saturating_add(accounts.len()) > limits.per_client as usize {
			let left = (limits.per_client as usize).saturating_sub(held);
			// The oldest payments that must expire before this request fits.
			let must_expire = accounts.len().saturating_sub(left);
			let retry_after = if accounts.len() > limits.per_client as usize {
				period
			} else {
				wait(times.and_then(|t| t.get(must_expire.saturating_sub(1))))
			};
			return Err(Refusal {
				reason: format!(
					"{client} had {held} accounts funded in the last {minutes} min; this faucet \
					 funds at most {} per client address in that time ({left} left, {} asked)",
					limits.per_client,
					accounts.len()
				),
				retry_after,
			});
		}
		for account in accounts {
			self.accounts.entry(account.0).or_default().push_back(now);
		}
		self.clients.entry(client).or_default().extend(accounts.iter().map(|_| now));
		Ok(())
	}

	/// Take back a payment recorded at `now` that did not happen.
	fn forget(&mut self, client: IpAddr, accounts: &[AccountId32], now: Instant) {
		for account in accounts {
			if let Some(times) = self.accounts.get_mut(&account.0) {
				times.retain(|t| *t != now);
			}
		}
		if let Some(times) = self.clients.get_mut(&client) {
			times.retain(|t| *t != now);
		}
	}
}

/// Why a drip did not happen.
pub enum NotPaid {
	/// A limit is reached.
	Limited(Refusal),
	/// The chain refused or failed.
	Failed(Error),
}

impl From<Error> for NotPaid {
	fn from(e: Error) -> Self {
		Self::Failed(e)
	}
}

/// The faucet: who pays, how much each account gets, and how often.
pub struct Faucet {
	chain: Chain,
	key: Keypair,
	amount: u128,
	limits: Limits,
	payments: Mutex<Payments>,
	/// Told when a drip failed because the node no longer answers on our connection.
	lost: tokio::sync::Notify,
}

impl Faucet {
	/// A faucet paying `amount` plancks from `key`'s account, within `limits`.
	pub fn new(chain: Chain, key: Keypair, amount: u128, limits: Limits) -> Self {
		Self {
			chain,
			key,
			amount,
			limits,
			payments: Mutex::default(),
			lost: tokio::sync::Notify::new(),
		}
	}

	/// Top `accounts` up to the drip amount for `client`.
	pub async fn drip(
		&self,
		client: IpAddr,
		accounts: &[AccountId32],
	) -> std::result::Result<Json, NotPaid> {
		let mut accounts = accounts.to_vec();
		accounts.sort_by_key(|a| a.0);
		accounts.dedup();
		let balances = self.chain.balances();
		let balances = try_join_all(accounts.iter().map(|a| balances.native(a))).await?;
		let (needy, skipped): (Vec<_>, Vec<_>) =
			accounts.iter().zip(balances).partition(|(_, balance)| *balance < self.amount);
		let funded: Vec<AccountId32> = needy.into_iter().map(|(a, _)| *a).collect();
		let now = Instant::now();
		self.payments
			.lock()
			.map_err(|_| Error::Rpc("the faucet's ledger is poisoned".into()))?
			.admit(self.limits, client, &funded, now)
			.map_err(NotPaid::Limited)?;
		let paid = self.pay(&funded).await;
		if paid.is_err() {
			if let Ok(mut payments) = self.payments.lock() {
				payments.forget(client, &funded, now);
			}
		}
		let block = paid?;
		Ok(json!({
			"success": true,
			"amount": self.amount.to_string(),
			"funded": funded.iter().map(|a| a.to_string()).collect::<Vec<_>>(),
			"skipped": skipped.iter().map(|(a, _)| a.to_string()).collect::<Vec<_>>(),
			"block": block.map(|b| format!("{b:?}")),
		}))
	}

	/// Pay `funded` the drip amount in one batch; the block it is in.
	async fn pay(&self, funded: &[AccountId32]) -> Result<Option<subxt::utils::H256>> {
		let mut block = None;
		if !funded.is_empty() {
			let transfers: Vec<_> = funded.iter().map(|a| (*a, self.amount)).collect();
			block = self.chain.balances().fund(&self.key, &transfers).await?.block;
		}
		Ok(block)
	}

	/// Answer one HTTP request from `client`.
	async fn answer(
		&self,
		client: IpAddr,
		request: Request<hyper::body::Incoming>,
	) -> Response<Full<Bytes>> {
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
		match self.drip(client, &accounts).await {
			Ok(answer) => {
				log::info!(
					"dripped to {} accounts",
					answer["funded"].as_array().map_or(0, Vec::len)
				);
				respond(200, answer)
			},
			Err(NotPaid::Limited(refusal)) => {
				log::info!("refused {client}: {}", refusal.reason);
				let secs = refusal.retry_after.as_secs().max(1);
				let mut response = respond(
					429,
					json!({
						"success": false,
						"error": format!("{}; retry in {secs} s", refusal.reason),
						"retry_after_secs": secs,
					}),
				);
				if let Ok(value) = hyper::header::HeaderValue::from_str(&secs.to_string()) {
					response.headers_mut().insert(hyper::header::RETRY_AFTER, value);
				}
				response
			},
			Err(NotPaid::Failed(e)) => {
				log::warn!("the drip failed: {e}");
				// A connection that lost its node stays lost: stop serving, so that the
				// service manager restarts the faucet with a new one, instead of answering 500
				// to every request from now on.
				if self.chain.at_best().await.is_err() {
					self.lost.notify_one();
					return respond(
						503,
						json!({ "success": false, "error": format!("the faucet lost the node: {e}") }),
					);
				}
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

/// Serve the faucet on `listener` until the task is dropped, or until the connection to the
/// node is lost (an error: restart the faucet, e.g. from its service manager).
pub async fn serve(listener: TcpListener, faucet: Arc<Faucet>) -> Result<()> {
	loop {
		let accepted = tokio::select! {
			accepted = listener.accept() => accepted,
			() = faucet.lost.notified() => {
				return Err(Error::Rpc("the faucet lost its connection to the node".into()));
			},
		};
		let (stream, peer) =
			accepted.map_err(|e| Error::Rpc(format!("the faucet's socket: {e}")))?;
		let faucet = faucet.clone();
		tokio::spawn(async move {
			let service = service_fn(move |request| {
				let faucet = faucet.clone();
				async move { Ok::<_, Infallible>(faucet.answer(peer.ip(), request).await) }
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

/// `faucet`: the service's flags.
#[derive(Args, Debug)]
pub struct FaucetArgs {
	/// The port to serve on.
	#[arg(long, default_value_t = 5000)]
	pub port: u16,
	/// The address to serve on (0.0.0.0 for every interface).
	#[arg(long, default_value = "127.0.0.1")]
	pub bind: String,
	/// The account that pays.
	#[arg(long, default_value = "//Alice")]
	pub from: String,
	/// What each account is topped up with (plancks, or tokens with CVN).
	#[arg(long, default_value = "100CVN")]
	pub amount: String,
	/// How often one account may be funded per --period.
	#[arg(long, default_value_t = 1)]
	pub per_account: u32,
	/// How many accounts one client address may have funded per --period (a bot community
	/// asks for each new member once).
	#[arg(long, default_value_t = 1000)]
	pub per_client: u32,
	/// The window both limits count in, in seconds.
	#[arg(long, default_value_t = 3600, value_parser = clap::value_parser!(u64).range(1..))]
	pub period: u64,
}

/// `faucet`: serve with the flags' key, amount and limits.
pub async fn serve_args(chain: &Chain, keystore: &Keystore, args: &FaucetArgs) -> Result<()> {
	let key = keystore.signer(&args.from)?;
	let amount = parse_native(&args.amount)?;
	let listener = tokio::net::TcpListener::bind((args.bind.as_str(), args.port))
		.await
		.map_err(|e| bad_input(format!("cannot serve on {}:{}: {e}", args.bind, args.port)))?;
	let address = listener.local_addr().map_err(|e| Error::Rpc(e.to_string()))?;
	let limits = Limits {
		per_account: args.per_account,
		per_client: args.per_client,
		period: std::time::Duration::from_secs(args.period),
	};
	eprintln!(
		"faucet on http://{address}/api: tops accounts up to {} from {}, each account at most \
		 {} times and {} accounts per client address every {} s",
		native_text(amount),
		key.account(),
		args.per_account,
		args.per_client,
		args.period
	);
	let faucet = Faucet::new(chain.clone(), key.pair, amount, limits);
	serve(listener, Arc::new(faucet)).await
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

	fn account(n: u8) -> AccountId32 {
		AccountId32([n; 32])
	}

	#[test]
	fn each_account_is_paid_at_most_per_account_times_a_period() {
		let limits = Limits { per_account: 2, per_client: 100, period: Duration::from_secs(60) };
		let mut payments = Payments::default();
		let (client, start) = (IpAddr::from([10, 0, 0, 1]), Instant::now());
		let at = |secs| start + Duration::from_secs(secs);
		assert_eq!(payments.admit(limits, client, &[account(1)], at(0)), Ok(()));
		assert_eq!(payments.admit(limits, client, &[account(1)], at(10)), Ok(()));
		let refused = payments.admit(limits, client, &[account(2), account(1)], at(20));
		let refusal = refused.unwrap_err();
		assert!(refusal.reason.contains("funded 2 times in the last 1 min"), "{}", refusal.reason);
		assert_eq!(refusal.retry_after, Duration::from_secs(40));
		// Refused whole: account 2 was not recorded. A minute after the first, one more.
		assert_eq!(payments.admit(limits, client, &[account(2)], at(21)), Ok(()));
		assert_eq!(payments.admit(limits, client, &[account(1)], at(60)), Ok(()));
		// Another client address does not help an account that had its share.
		let other = IpAddr::from([10, 0, 0, 2]);
		assert!(payments.admit(limits, other, &[account(1)], at(61)).is_err());
	}

	#[test]
	fn each_client_funds_at_most_per_client_accounts_a_period() {
		let limits = Limits { per_account: 1, per_client: 3, period: Duration::from_secs(100) };
		let mut payments = Payments::default();
		let (client, start) = (IpAddr::from([10, 0, 0, 1]), Instant::now());
		let at = |secs| start + Duration::from_secs(secs);
		assert_eq!(payments.admit(limits, client, &[account(1)], at(0)), Ok(()));
		assert_eq!(payments.admit(limits, client, &[account(2)], at(30)), Ok(()));
		let refusal =
			payments.admit(limits, client, &[account(3), account(4)], at(50)).unwrap_err();
		assert!(refusal.reason.contains("had 2 accounts funded"), "{}", refusal.reason);
		assert!(refusal.reason.contains("(1 left, 2 asked)"), "{}", refusal.reason);
		// Room for two once the first payment (at 0) expires, at 100.
		assert_eq!(refusal.retry_after, Duration::from_secs(50));
		// More than a client may ever have at once: come back after a whole period.
		let all: Vec<_> = (10..14).map(account).collect();
		assert_eq!(
			payments.admit(limits, client, &all, at(50)).unwrap_err().retry_after,
			Duration::from_secs(100)
		);
		// Another address has its own allowance; a payment that failed is taken back.
		let other = IpAddr::from([10, 0, 0, 2]);
		assert_eq!(payments.admit(limits, other, &[account(3), account(4)], at(50)), Ok(()));
		payments.forget(other, &[account(3), account(4)], at(50));
		assert_eq!(payments.admit(limits, other, &[account(3), account(4)], at(51)), Ok(()));
	}

	#[test]
	fn no_limits_admit_everything() {
		let mut payments = Payments::default();
		let client = IpAddr::from([127, 0, 0, 1]);
		let all: Vec<_> = (0..200).map(account).collect();
		for _ in 0..3 {
			assert_eq!(payments.admit(Limits::NONE, client, &all, Instant::now()), Ok(()));
		}
	}
}
