// SPDX-License-Identifier: GPL-3.0-or-later
//! The testnet's nodes on this machine: one folder holds the chain spec, each node's database,
//! keystore and log, and `testnet.json`, which records the ports and the process ids, so that a
//! later `stop` ends exactly the processes `start` started.

use crate::{Error, Result};
use convene_client::{Chain, NodeUrl};
use serde::{Deserialize, Serialize};
use std::{
	collections::HashMap,
	fs::{self, File, OpenOptions},
	io::Write,
	net::TcpListener,
	os::unix::process::CommandExt,
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	time::{Duration, Instant},
};

/// The state file in the testnet folder.
const STATE_FILE: &str = "testnet.json";

/// The chain every testnet runs: the `testnet` preset, whose only genesis validator is the
/// account the boot gives the genesis node's keys to.
const CHAIN: &str = "testnet";

/// How long a node has to stop after SIGTERM before it gets SIGKILL.
const STOP_GRACE: Duration = Duration::from_secs(20);

/// One node of the testnet.
#[derive(Clone, Debug, Deserialize, Eq, PartialEq, Serialize)]
pub struct Node {
	/// Its name (`node0`, `node1`, …), also its folder's.
	pub name: String,
	/// The validator account it authors for (a secret URI), or `None` for a full node.
	pub validator: Option<String>,
	/// JSON-RPC port on 127.0.0.1.
	pub rpc_port: u16,
	/// libp2p port.
	pub p2p_port: u16,
	/// Its libp2p secret key (hex), so that its peer id stays the same across restarts.
	pub node_key: String,
	/// The process running it, if any.
	pub pid: Option<u32>,
}

impl Node {
	/// Its JSON-RPC URL.
	pub fn url(&self) -> NodeUrl {
		NodeUrl::local(self.rpc_port)
	}
}

/// What `testnet.json` holds.
#[derive(Debug, Deserialize, Serialize)]
struct State {
	node_binary: PathBuf,
	chain_spec: PathBuf,
	/// The genesis node's multiaddress, which later nodes dial first.
	bootnode: Option<String>,
	nodes: Vec<Node>,
}

/// A testnet folder and the nodes it records.
pub struct Testnet {
	dir: PathBuf,
	state: State,
	/// Nodes this process started, to reap them when they stop.
	children: HashMap<usize, Child>,
}

/// A free TCP port on 127.0.0.1 (bound, then released for a node to take).
fn free_port() -> Result<u16> {
	Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// Whether `pid` is a running process whose command line mentions `needle` (so that a process
/// id the system reused for another program is not taken for our node).
fn process_matches(pid: u32, needle: &str) -> bool {
	fs::read(format!("/proc/{pid}/cmdline"))
		.map(|cmdline| String::from_utf8_lossy(&cmdline).contains(needle))
		.unwrap_or(false)
}

/// Send `signal` (`TERM`, `KILL`) to `pid` with kill(1).
fn signal(pid: u32, signal: &str) {
	let _ = Command::new("kill")
		.arg(format!("-{signal}"))
		.arg(pid.to_string())
		.stdout(Stdio::null())
		.stderr(Stdio::null())
		.status();
}

/// SIGTERM `pid`; SIGKILL if it is still `alive` after [`STOP_GRACE`].
fn terminate(pid: u32, mut alive: impl FnMut() -> bool) {
	signal(pid, "TERM");
	let deadline = Instant::now() + STOP_GRACE;
	while alive() && Instant::now() < deadline {
		std::thread::sleep(Duration::from_millis(50));
	}
	if alive() {
		signal(pid, "KILL");
	}
}

impl Testnet {
	/// A new testnet in `dir` (which must not hold one), with the [`CHAIN`] preset exported as a
	/// raw chain spec so that every node has the same genesis.
	pub fn create(dir: &Path, node_binary: &Path) -> Result<Self> {
		if dir.join(STATE_FILE).exists() {
			return Err(Error(format!(
				"{} already holds a testnet: stop it and remove the folder, or use another --dir",
				dir.display()
			)));
		}
		fs::create_dir_all(dir)?;
		let dir = dir.canonicalize()?;
		let chain_spec = dir.join("chain-spec.json");
		let output = Command::new(node_binary)
			.args(["export-chain-spec", "--chain", CHAIN, "--raw"])
			.stderr(Stdio::piped())
			.output()
			.map_err(|e| Error(format!("cannot run {}: {e}", node_binary.display())))?;
		if !output.status.success() {
			return Err(Error(format!(
				"export-chain-spec failed: {}",
				String::from_utf8_lossy(&output.stderr)
			)));
		}
		fs::write(&chain_spec, &output.stdout)?;
		let state = State {
			node_binary: node_binary.canonicalize()?,
			chain_spec,
			bootnode: None,
			nodes: Vec::new(),
		};
		let net = Self { dir, state, children: HashMap::new() };
		net.save()?;
		Ok(net)
	}

	/// The testnet recorded in `dir`.
	pub fn open(dir: &Path) -> Result<Self> {
		let path = dir.join(STATE_FILE);
		let text = fs::read_to_string(&path)
			.map_err(|e| Error(format!("{}: {e} (no testnet here?)", path.display())))?;
		let state =
			serde_json::from_str(&text).map_err(|e| Error(format!("{}: {e}", path.display())))?;
		Ok(Self { dir: dir.canonicalize()?, state, children: HashMap::new() })
	}

	fn save(&self) -> Result<()> {
		let path = self.dir.join(STATE_FILE);
		let tmp = self.dir.join(format!("{STATE_FILE}.tmp"));
		let mut file = File::create(&tmp)?;
		file.write_all(serde_json::to_string_pretty(&self.state)?.as_bytes())?;
		file.sync_all()?;
		fs::rename(tmp, path)?;
		Ok(())
	}

	/// The testnet's folder.
	pub fn dir(&self) -> &Path {
		&self.dir
	}

	/// The nodes, in the order they were added.
	pub fn nodes(&self) -> &[Node] {
		&self.state.nodes
	}

	/// Node `i`, or an error naming the valid range.
	pub fn node(&self, i: usize) -> Result<&Node> {
		self.state.nodes.get(i).ok_or_else(|| {
			Error(format!("no node {i}: the testnet has {} nodes, from 0", self.state.nodes.len()))
		})
	}

	/// Node `i`'s folder (database, keystore, log).
	pub fn node_dir(&self, i: usize) -> PathBuf {
		self.dir.join(format!("node{i}"))
	}

	/// Node `i`'s log file.
	pub fn log_path(&self, i: usize) -> PathBuf {
		self.node_dir(i).join("node.log")
	}

	/// The last `lines` lines of node `i`'s log.
	pub fn log_tail(&self, i: usize, lines: usize) -> String {
		let log = fs::read_to_string(self.log_path(i)).unwrap_or_default();
		let all: Vec<&str> = log.lines().collect();
		all[all.len().saturating_sub(lines)..].join("\n")
	}

	/// Record a new node on free ports: a validator authoring for `validator`, or a full node.
	/// A validator's keys are generated later in its keystore (`set-session-keys`), except the
	/// genesis validator's, which `insert_key` puts there.
	pub fn add_node(&mut self, validator: Option<String>, node_key: [u8; 32]) -> Result<usize> {
		let i = self.state.nodes.len();
		fs::create_dir_all(self.node_dir(i))?;
		self.state.nodes.push(Node {
			name: format!("node{i}"),
			validator,
			rpc_port: free_port()?,
			p2p_port: free_port()?,
			node_key: hex::encode(node_key),
			pid: None,
		});
		self.save()?;
		Ok(i)
	}

	/// Put a key into node `i`'s keystore (`convene-node key insert`), as the genesis
	/// validator's operator does with the keys the chain spec names.
	pub fn insert_key(&self, i: usize, scheme: &str, key_type: &str, suri: &str) -> Result<()> {
		let output = Command::new(&self.state.node_binary)
			.args(["key", "insert", "--scheme", scheme, "--key-type", key_type, "--suri", suri])
			.arg("--base-path")
			.arg(self.node_dir(i))
			.arg("--chain")
			.arg(&self.state.chain_spec)
			.output()?;
		if !output.status.success() {
			return Err(Error(format!(
				"key insert ({key_type}) failed: {}",
				String::from_utf8_lossy(&output.stderr)
			)));
		}
		Ok(())
	}

	/// The multiaddress later nodes dial to join: the genesis node's.
	pub fn set_bootnode(&mut self, address: String) -> Result<()> {
		self.state.bootnode = Some(address);
		self.save()
	}

	/// Whether node `i`'s recorded process is running.
	pub fn is_running(&mut self, i: usize) -> bool {
		if let Some(child) = self.children.get_mut(&i) {
			return matches!(child.try_wait(), Ok(None));
		}
		let base = self.node_dir(i);
		self.state
			.nodes
			.get(i)
			.and_then(|n| n.pid)
			.is_some_and(|pid| process_matches(pid, &base.to_string_lossy()))
	}

	/// Start node `i` (again): same ports, key, database and keystore.
	pub fn start_node(&mut self, i: usize) -> Result<()> {
		if self.is_running(i) {
			return Err(Error(format!("node {i} is running already")));
		}
		let node = self.node(i)?.clone();
		let log = OpenOptions::new().create(true).append(true).open(self.log_path(i))?;
		let mut command = Command::new(&self.state.node_binary);
		command
			.arg("--chain")
			.arg(&self.state.chain_spec)
			.arg("--base-path")
			.arg(self.node_dir(i))
			.args(["--name", &node.name, "--node-key", &node.node_key])
			.args(["--port", &node.p2p_port.to_string()])
			.args(["--rpc-port", &node.rpc_port.to_string()])
			// Loopback peers: private addresses are dialed and shared through the DHT (a `Live`
			// chain does neither by default), so every node finds every other; no mDNS noise.
			.args(["--allow-private-ip", "--discover-local", "--no-mdns"])
			.args(["--no-prometheus", "--no-telemetry"])
			.stdin(Stdio::null())
			.stdout(log.try_clone()?)
			.stderr(log)
			// Its own process group: a Ctrl-C meant for the tool does not stop the network.
			.process_group(0);
		if node.validator.is_some() {
			command.arg("--validator");
		}
		if let (Some(bootnode), true) = (&self.state.bootnode, i > 0) {
			command.args(["--bootnodes", bootnode]);
		}
		let child = command.spawn().map_err(|e| {
			Error(format!("cannot start {}: {e}", self.state.node_binary.display()))
		})?;
		if let Some(n) = self.state.nodes.get_mut(i) {
			n.pid = Some(child.id());
		}
		self.children.insert(i, child);
		self.save()
	}

	/// Wait until node `i` serves JSON-RPC, and connect to it.
	pub async fn connect(&mut self, i: usize, timeout: Duration) -> Result<Chain> {
		let url = self.node(i)?.url();
		let start = Instant::now();
		loop {
			if let Ok(chain) = Chain::connect(&url).await {
				return Ok(chain);
			}
			if !self.is_running(i) {
				return Err(Error(format!(
					"node {i} exited; the end of its log:\n{}",
					self.log_tail(i, 30)
				)));
			}
			if start.elapsed() > timeout {
				return Err(Error(format!("node {i} did not serve RPC at {url} in {timeout:?}")));
			}
			tokio::time::sleep(Duration::from_millis(200)).await;
		}
	}

	/// Stop node `i`: SIGTERM, then SIGKILL if it has not exited after a grace period. A node
	/// not running is left alone.
	pub fn stop_node(&mut self, i: usize) -> Result<bool> {
		let base = self.node_dir(i).to_string_lossy().into_owned();
		let pid = self.node(i)?.pid;
		let stopped = match (self.children.remove(&i), pid) {
			// Started by this process: reap it too.
			(Some(mut child), _) => {
				let running = matches!(child.try_wait(), Ok(None));
				if running {
					terminate(child.id(), || matches!(child.try_wait(), Ok(None)));
					let _ = child.wait();
				}
				running
			},
			(None, Some(pid)) if process_matches(pid, &base) => {
				terminate(pid, || process_matches(pid, &base));
				true
			},
			_ => false,
		};
		if let Some(n) = self.state.nodes.get_mut(i) {
			n.pid = None;
		}
		self.save()?;
		Ok(stopped)
	}

	/// Stop every node; returns the names of those that were running.
	pub fn stop_all(&mut self) -> Result<Vec<String>> {
		let mut stopped = Vec::new();
		for i in 0..self.state.nodes.len() {
			if self.stop_node(i)? {
				stopped.push(self.state.nodes[i].name.clone());
			}
		}
		Ok(stopped)
	}
}
