// SPDX-License-Identifier: GPL-3.0-or-later
//! `bot-community`: bootstrap and grow bot communities on a Convene chain.

mod agents;
mod bot;
mod businesses;
mod faucet;
mod phase;
mod progress;
mod spec;
mod stats;
mod submit;

use agents::Agents;
use bot::{Bot, Work};
use clap::{Args, Parser, Subcommand};
use convene_client::{
	amount::{native_text, parse_native, PLANCKS_PER_UNIT},
	communities::{self, Registrar},
	error::{bad_input, Error, Result},
	ipfs::Publisher,
	keystore::Keystore,
	specfile::CommunitySpec,
	Chain, ExitCode, NodeArgs,
};
use convene_primitives::{community::CommunityIdentifier, scheduler::CeremonyPhase};
use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;
use spec::BotSpec;
use stats::Stats;
use std::{
	path::{Path, PathBuf},
	sync::Arc,
	time::{Duration, Instant},
};
use submit::Submitter;

/// Where the community's identifier is kept between runs.
const CID_FILE: &str = "cid.txt";
/// The faucet's usual place.
const FAUCET_URL: &str = "http://127.0.0.1:5000/api";
/// Where the statistics go.
const STATS_FILE: &str = "bot-stats.csv";

/// Bootstrap and grow bot communities on a Convene chain.
///
/// Start a faucet (`bot-community faucet`) and, on a dev chain, the phase service
/// (`bot-community phase`) in other terminals; then `bot-community init` founds a community and
/// `bot-community benchmark` grows it ceremony after ceremony. `bot-community test` does all of
/// it on a fresh dev chain by itself. Files: `./my_keystore` (the bots' keys), `cid.txt`,
/// `bot-stats.csv`, `<name>.json` (the specfile).
#[derive(Parser, Debug)]
#[command(name = "bot-community", version)]
struct Cli {
	#[command(flatten)]
	global: Global,
	#[command(subcommand)]
	command: Command,
}

/// Options before the command.
#[derive(Args, Clone, Debug)]
struct Global {
	/// The node's address.
	#[command(flatten)]
	node: NodeArgs,
	/// The faucet service's URL [default: http://127.0.0.1:5000/api; `test` serves its own].
	#[arg(short = 'f', long)]
	faucet_url: Option<String>,
	/// The seed of everything random (keys, names, locations): the same seed, the same run.
	#[arg(long, default_value_t = 42)]
	seed: u64,
	/// The keystore folder: every key in it is a bot.
	#[arg(long, default_value = "./my_keystore", env = "CONVENE_KEYSTORE")]
	keystore: PathBuf,
	/// Grow to this many bots at most.
	#[arg(long, default_value_t = 1000)]
	max_population: usize,
	/// The sudo key, to change phases (test, phase).
	#[arg(long, default_value = "//Alice")]
	sudo: String,
	/// Where content is kept when no IPFS service is configured.
	#[arg(long, default_value = "./ipfs_store", env = "CONVENE_IPFS_DIR")]
	ipfs_dir: PathBuf,
}

#[derive(Subcommand, Debug)]
enum Command {
	/// Create bootstrapper bots, fund them through the faucet, write a random specfile and
	/// found the community; prints its identifier (also written to cid.txt).
	Init(Init),
	/// Do the current phase's work once and exit (e.g. from cron on a testnet).
	Run,
	/// Do each phase's work as the phases change, forever (a testnet whose phases change on
	/// their own, or a dev chain with the phase service).
	Benchmark,
	/// On a fresh dev chain: found a community, run N ceremonies advancing the phases,
	/// check the invariants after each, and write bot-stats.csv.
	Test(Test),
	/// Serve the faucet over HTTP: GET /api?accounts=A&accounts=B tops the accounts up.
	Faucet(FaucetArgs),
	/// Move to the next phase once the chain has been idle for a while since the phase began or
	/// the last transaction (dev; --idle-secs or --idle-blocks).
	Phase(PhaseArgs),
	/// Create random businesses and offerings in the community (descriptions under
	/// test-data/bazaar/).
	RegisterBusinesses(BusinessArgs),
}

#[derive(Args, Debug, Clone)]
struct Init {
	/// Publish the icon through the local IPFS HTTP API (http://127.0.0.1:5001).
	#[arg(short = 'l', long)]
	ipfs_local: bool,
	/// Bootstrappers (3 to 12).
	#[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(3..=12))]
	bootstrappers: u32,
	/// Meetup locations (at most 12 participants meet at each).
	#[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..=10_000))]
	locations: u32,
	/// Delete the keys already in the keystore first.
	#[arg(long)]
	purge: bool,
}

#[derive(Args, Debug)]
struct Test {
	/// Ceremonies to run.
	#[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..))]
	ceremonies: u32,
	/// Fail unless bot-stats.csv equals this file.
	#[arg(long)]
	golden: Option<PathBuf>,
	#[command(flatten)]
	init: Init,
}

#[derive(Args, Debug)]
struct FaucetArgs {
	/// The port to serve on.
	#[arg(long, default_value_t = 5000)]
	port: u16,
	/// The address to serve on (0.0.0.0 for every interface).
	#[arg(long, default_value = "127.0.0.1")]
	bind: String,
	/// The account that pays.
	#[arg(long, default_value = "//Alice")]
	from: String,
	/// What each account is topped up with (plancks, or tokens with CVN).
	#[arg(long, default_value = "100CVN")]
	amount: String,
	/// How often one account may be funded per --period.
	#[arg(long, default_value_t = 1)]
	per_account: u32,
	/// How many accounts one client address may have funded per --period (a bot community
	/// asks for each new member once).
	#[arg(long, default_value_t = 1000)]
	per_client: u32,
	/// The window both limits count in, in seconds.
	#[arg(long, default_value_t = 3600, value_parser = clap::value_parser!(u64).range(1..))]
	period: u64,
}

#[derive(Args, Debug)]
struct PhaseArgs {
	/// Seconds without transactions, since the phase began or the last one, before the next
	/// phase.
	#[arg(long, default_value_t = 10, conflicts_with = "idle_blocks")]
	idle_secs: u64,
	/// Count blocks without transactions instead of seconds (for a chain that makes blocks on a
	/// clock: --dev-block-time, a testnet).
	#[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
	idle_blocks: Option<u32>,
}

#[derive(Args, Debug)]
struct BusinessArgs {
	/// Publish through the local IPFS HTTP API (http://127.0.0.1:5001).
	#[arg(short = 'l', long)]
	ipfs_local: bool,
	/// Businesses to create.
	#[arg(long, default_value_t = 2)]
	businesses: usize,
	/// Offerings to create, dealt among the new businesses.
	#[arg(long, default_value_t = 5)]
	offerings: usize,
	/// Where the descriptions are written.
	#[arg(long, default_value = "test-data/bazaar")]
	folder: PathBuf,
}

/// The connection and what every command shares.
struct Ctx {
	global: Global,
	submitter: Arc<Submitter>,
}

impl Ctx {
	async fn connect(global: Global) -> Result<Self> {
		let chain = Chain::connect(&global.node.url()?).await?;
		Ok(Self { global, submitter: Arc::new(Submitter::new(chain)) })
	}

	fn chain(&self) -> &Chain {
		self.submitter.chain()
	}

	fn keystore(&self) -> Keystore {
		Keystore::new(&self.global.keystore)
	}

	fn rng(&self) -> ChaCha20Rng {
		ChaCha20Rng::seed_from_u64(self.global.seed)
	}

	/// The bots of the community in cid.txt.
	async fn bot(&self, faucet_url: &str) -> Result<Bot> {
		let text = std::fs::read_to_string(CID_FILE)
			.map_err(|e| bad_input(format!("{CID_FILE}: {e} (run `bot-community init` first)")))?;
		let cid: CommunityIdentifier = text.trim().parse().map_err(|e| {
			bad_input(format!("{CID_FILE}: {:?} is not a community: {e}", text.trim()))
		})?;
		self.chain().community(cid).await?;
		Ok(Bot {
			submitter: self.submitter.clone(),
			agents: Agents::load(self.keystore(), self.global.seed)?,
			cid,
			faucet_url: faucet_url.to_owned(),
			max_population: self.global.max_population,
			rules: bot::meetup_rules(self.chain()).await?,
		})
	}

	fn sudo(&self) -> Result<convene_client::keystore::Key> {
		self.keystore().signer(&self.global.sudo)
	}
}

/// `init`
async fn init(ctx: &Ctx, args: &Init, faucet_url: &str) -> Result<CommunityIdentifier> {
	let keystore = ctx.keystore();
	let existing = keystore.list()?;
	if !existing.is_empty() {
		if !args.purge {
			return Err(bad_input(format!(
				"the keystore {} holds {} keys already: every key in it is a bot; give --purge \
				 to delete them, or --keystore for another folder",
				keystore.dir().display(),
				existing.len()
			)));
		}
		std::fs::remove_dir_all(keystore.dir())
			.map_err(|e| bad_input(format!("cannot purge {}: {e}", keystore.dir().display())))?;
	}
	let mut agents = Agents::load(keystore.clone(), ctx.global.seed)?;
	let bootstrappers = agents.create(args.bootstrappers as usize)?;
	faucet::request(faucet_url, &bootstrappers).await?;

	let mut rng = ctx.rng();
	let (name, symbol) = BotSpec::name(&mut rng);
	let publisher = Publisher::from_env(args.ipfs_local, &ctx.global.ipfs_dir);
	let icon = publisher.publish("icon.svg", &spec::icon(&symbol, &mut rng))?;
	if icon.local_only {
		log::warn!(
			"no IPFS service configured (-l or IPFS_ADD_URL): the icon is kept only in {}",
			icon.stored_at
		);
	}
	let center = spec::random_center(&mut rng);
	let locations = spec::random_locations(&mut rng, center, args.locations as usize);
	let bot_spec = BotSpec { name, symbol, assets: icon.cid, bootstrappers, locations };
	let text = serde_json::to_string_pretty(&bot_spec.geojson()).unwrap_or_default();
	let path = format!("{}.json", bot_spec.name);
	std::fs::write(&path, &text).map_err(|e| bad_input(format!("cannot write {path}: {e}")))?;
	let spec = CommunitySpec::parse(&text, &keystore)?;

	wait_for(ctx.chain(), CeremonyPhase::Registering).await?;
	let founder = agents
		.key_of(&spec.bootstrappers[0])
		.ok_or_else(|| bad_input("the first bootstrapper's key is missing"))?;
	let registrar =
		Registrar { key: founder, sudo: false, batch_size: None, options: Default::default() };
	let rest = communities::rest_file(Path::new(&path));
	let (cid, _) = communities::found(ctx.chain(), &spec, &registrar, &rest).await?;
	std::fs::write(CID_FILE, format!("{cid}\n"))
		.map_err(|e| bad_input(format!("cannot write {CID_FILE}: {e}")))?;
	eprintln!(
		"founded {} ({}) with {} bootstrappers and {} locations; specfile {path}",
		bot_spec.name, bot_spec.symbol, args.bootstrappers, args.locations
	);
	Ok(cid)
}

/// Wait until the chain is in `phase`.
async fn wait_for(chain: &Chain, phase: CeremonyPhase) -> Result<()> {
	let mut told = false;
	while chain.ceremony_info().await?.phase != phase {
		if !told {
			eprintln!("waiting for the {phase:?} phase");
			told = true;
		}
		tokio::time::sleep(Duration::from_secs(2)).await;
	}
	Ok(())
}

/// The summary line of a phase's work.
fn summary(cindex: u32, phase: CeremonyPhase, work: &Work) -> String {
	let detail = match phase {
		CeremonyPhase::Registering => format!(
			"{} meetups claimed, {} bots created, {} endorsed, {} registered ({} failed)",
			work.claimed.ok,
			work.created,
			work.endorsed.ok,
			work.registered.ok,
			work.registered.failed
		),
		CeremonyPhase::Assigning => {
			format!("{} participants in {} meetups", work.assigned, work.meetups)
		},
		CeremonyPhase::Attesting => format!(
			"{} attestations in {} meetups ({} failed)",
			work.attested.ok, work.meetups, work.attested.failed
		),
	};
	format!("ceremony {cindex} {phase:?}: {detail} in {:.2} s", work.seconds)
}

/// `run`: one phase's work; at Registering also the previous ceremony's statistics.
async fn run_once(bot: &mut Bot) -> Result<()> {
	let info = bot.chain().ceremony_info().await?;
	let c = info.ceremony_index;
	let work = match info.phase {
		CeremonyPhase::Registering => {
			let started = Instant::now();
			let claimed = bot.claim(c - 1).await?;
			let claiming = started.elapsed().as_secs_f64();
			if c > 1 {
				let stats = Stats::of(bot, c - 1).await?;
				stats.record(Path::new(STATS_FILE))?;
				println!("ceremony {}: {}", c - 1, stats_text(&stats));
			}
			let mut work = bot.register(c).await?;
			work.claimed = claimed;
			work.seconds += claiming;
			work
		},
		CeremonyPhase::Assigning => bot.read_meetups(c).await?,
		CeremonyPhase::Attesting => bot.attest(c).await?,
	};
	println!("{}", summary(c, info.phase, &work));
	Ok(())
}

fn stats_text(s: &Stats) -> String {
	format!(
		"population {}, supply {}, reputables {}, newbies {}, meetups {}, businesses {}",
		s.population, s.total_supply, s.reputables, s.newbies, s.meetups, s.businesses
	)
}

/// `benchmark`: act on every phase, forever.
async fn benchmark(ctx: &Ctx, bot: &mut Bot) -> Result<()> {
	loop {
		run_once(bot).await?;
		let info = ctx.chain().ceremony_info().await?;
		// Wait for the phase to change.
		loop {
			tokio::time::sleep(Duration::from_secs(1)).await;
			let now = ctx.chain().ceremony_info().await?;
			if (now.ceremony_index, now.phase) != (info.ceremony_index, info.phase) {
				break;
			}
		}
	}
}

/// `test`
async fn test(ctx: &Ctx, args: &Test) -> Result<(), Failure> {
	let info = ctx.chain().ceremony_info().await?;
	if (info.ceremony_index, info.phase) != (1, CeremonyPhase::Registering) {
		return Err(bad_input(format!(
			"`test` needs a fresh dev chain; this one is at ceremony {}, {:?}",
			info.ceremony_index, info.phase
		))
		.into());
	}
	let sudo = ctx.sudo()?;
	// The faucet: the one named, or our own on a free port.
	let mut faucet_url = ctx.global.faucet_url.clone().unwrap_or_default();
	let mut served = None;
	if ctx.global.faucet_url.is_none() {
		let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
			.await
			.map_err(|e| Error::Rpc(format!("cannot open the faucet's socket: {e}")))?;
		let address = listener.local_addr().map_err(|e| Error::Rpc(e.to_string()))?;
		faucet_url = format!("http://{address}/api");
		// Our own, on loopback, for this run only: no limits.
		let faucet = faucet::Faucet::new(
			ctx.submitter.clone(),
			sudo.pair.clone(),
			100 * PLANCKS_PER_UNIT,
			faucet::Limits::NONE,
		);
		served = Some(tokio::spawn(faucet::serve(listener, Arc::new(faucet))));
	}
	let result = run_test(ctx, args, &faucet_url, &sudo).await;
	if let Some(task) = served {
		task.abort();
	}
	result
}

async fn run_test(
	ctx: &Ctx,
	args: &Test,
	faucet_url: &str,
	sudo: &convene_client::keystore::Key,
) -> Result<(), Failure> {
	let cid = init(ctx, &args.init, faucet_url).await?;
	println!("{cid}");
	let mut bot = ctx.bot(faucet_url).await?;
	let mut rng = ctx.rng();
	let publisher = Publisher::from_env(args.init.ipfs_local, &ctx.global.ipfs_dir);
	let mut rows = Vec::new();
	let mut broken = Vec::new();
	let mut issuance_before = Default::default();
	let work = bot.register(1).await?;
	println!("{}", summary(1, CeremonyPhase::Registering, &work));
	// Per ceremony: participants and the seconds of each phase's work, and of claiming.
	let mut timings = vec![(work.registered.ok, work.seconds, 0.0, 0.0, 0.0)];
	for c in 1..=args.ceremonies {
		phase::next_phase(&ctx.submitter, &sudo.pair).await?;
		let assigning = bot.read_meetups(c).await?;
		println!("{}", summary(c, CeremonyPhase::Assigning, &assigning));
		phase::next_phase(&ctx.submitter, &sudo.pair).await?;
		let attesting = bot.attest(c).await?;
		println!("{}", summary(c, CeremonyPhase::Attesting, &attesting));
		phase::next_phase(&ctx.submitter, &sudo.pair).await?;
		if let Some(t) = timings.last_mut() {
			(t.0, t.2, t.3) = (assigning.assigned, assigning.seconds, attesting.seconds);
		}

		let started = Instant::now();
		let claimed = bot.claim(c).await?;
		if let Some(t) = timings.last_mut() {
			t.4 = started.elapsed().as_secs_f64();
		}
		let stats = Stats::of(&bot, c).await?;
		for problem in stats::check(&bot, c, issuance_before, &stats).await? {
			eprintln!("ceremony {c}: {problem}");
			broken.push(format!("ceremony {c}: {problem}"));
		}
		println!("ceremony {c}: {}", stats_text(&stats));
		rows.push(stats.to_string());
		issuance_before = ctx
			.chain()
			.call(
				convene_client::runtime::runtime_apis()
					.community_balances_api()
					.total_issuance(subxt::utils::Static(cid)),
			)
			.await?
			.0;
		if c == args.ceremonies {
			break;
		}
		if c == 1 {
			let done = businesses::register(
				&bot,
				&mut rng,
				&publisher,
				Path::new("test-data/bazaar"),
				2,
				5,
			)
			.await?;
			println!("{} businesses with {} offerings created", done.businesses, done.offerings);
		}
		let mut work = bot.register(c + 1).await?;
		work.claimed = claimed;
		println!("{}", summary(c + 1, CeremonyPhase::Registering, &work));
		timings.push((0, work.seconds, 0.0, 0.0, 0.0));
	}
	println!("ceremony, participants, registering s, assigning s, attesting s, claiming s");
	for (c, (participants, registering, assigning, attesting, claiming)) in (1..).zip(&timings) {
		println!(
			"{c}, {participants}, {registering:.2}, {assigning:.2}, {attesting:.2}, {claiming:.2}"
		);
	}
	stats::write_csv(Path::new(STATS_FILE), &rows)?;
	if let Some(golden) = &args.golden {
		let expected = std::fs::read_to_string(golden)
			.map_err(|e| bad_input(format!("{}: {e}", golden.display())))?;
		let written = std::fs::read_to_string(STATS_FILE).unwrap_or_default();
		if written != expected {
			broken.push(format!(
				"{STATS_FILE} differs from {}:\n{written}expected:\n{expected}",
				golden.display()
			));
		}
	}
	if broken.is_empty() {
		Ok(())
	} else {
		Err(Failure::Broken(broken))
	}
}

async fn faucet_service(ctx: &Ctx, args: &FaucetArgs) -> Result<()> {
	let key = ctx.keystore().signer(&args.from)?;
	let amount = parse_native(&args.amount)?;
	let listener = tokio::net::TcpListener::bind((args.bind.as_str(), args.port))
		.await
		.map_err(|e| bad_input(format!("cannot serve on {}:{}: {e}", args.bind, args.port)))?;
	let address = listener.local_addr().map_err(|e| Error::Rpc(e.to_string()))?;
	let limits = faucet::Limits {
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
	let faucet = faucet::Faucet::new(ctx.submitter.clone(), key.pair, amount, limits);
	faucet::serve(listener, Arc::new(faucet)).await
}

/// Why a command failed.
enum Failure {
	/// A client error, with its exit code.
	Client(Error),
	/// Invariants that `test` found broken (exit code 1).
	Broken(Vec<String>),
}

impl From<Error> for Failure {
	fn from(e: Error) -> Self {
		Self::Client(e)
	}
}

async fn run(cli: Cli) -> Result<(), Failure> {
	let ctx = Ctx::connect(cli.global.clone()).await?;
	let faucet_url = cli.global.faucet_url.clone().unwrap_or_else(|| FAUCET_URL.to_owned());
	match cli.command {
		Command::Init(args) => {
			let cid = init(&ctx, &args, &faucet_url).await?;
			println!("{cid}");
		},
		Command::Run => run_once(&mut ctx.bot(&faucet_url).await?).await?,
		Command::Benchmark => benchmark(&ctx, &mut ctx.bot(&faucet_url).await?).await?,
		Command::Test(args) => test(&ctx, &args).await?,
		Command::Faucet(args) => faucet_service(&ctx, &args).await?,
		Command::Phase(args) => {
			let sudo = ctx.sudo()?;
			let idle = match args.idle_blocks {
				Some(blocks) => {
					eprintln!("advancing the phase after {blocks} blocks without transactions");
					phase::Idle::Blocks(blocks)
				},
				None => {
					eprintln!(
						"advancing the phase after {} s without transactions",
						args.idle_secs
					);
					phase::Idle::Time(Duration::from_secs(args.idle_secs))
				},
			};
			phase::serve(&ctx.submitter, &sudo.pair, idle, |p| println!("{p}")).await?
		},
		Command::RegisterBusinesses(args) => {
			let bot = ctx.bot(&faucet_url).await?;
			let publisher = Publisher::from_env(args.ipfs_local, &ctx.global.ipfs_dir);
			let done = businesses::register(
				&bot,
				&mut ctx.rng(),
				&publisher,
				&args.folder,
				args.businesses,
				args.offerings,
			)
			.await?;
			println!(
				"{} businesses with {} offerings created in {}",
				done.businesses, done.offerings, bot.cid
			);
		},
	}
	Ok(())
}

fn main() -> std::process::ExitCode {
	convene_client::logger::init(&["bot_community", "convene"], log::LevelFilter::Warn);
	let cli = Cli::parse();
	let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
		Ok(runtime) => runtime,
		Err(e) => {
			eprintln!("error: cannot start the async runtime: {e}");
			return std::process::ExitCode::from(ExitCode::RpcError as u8);
		},
	};
	match runtime.block_on(run(cli)) {
		Ok(()) => std::process::ExitCode::SUCCESS,
		Err(Failure::Client(e)) => {
			eprintln!("error: {e}");
			std::process::ExitCode::from(e.exit_code() as u8)
		},
		Err(Failure::Broken(problems)) => {
			eprintln!("error: {} invariants broken:", problems.len());
			for p in problems {
				eprintln!("  {p}");
			}
			std::process::ExitCode::from(ExitCode::TxFailed as u8)
		},
	}
}
