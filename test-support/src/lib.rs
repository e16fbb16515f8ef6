// SPDX-License-Identifier: GPL-3.0-or-later
//! Helpers for end-to-end tests against a real `convene-node`.
//!
//! [`NodeBuilder`] starts the node binary on free ports with its log in a temporary folder,
//! [`TestNode::wait_ready`] waits until the JSON-RPC server answers, and dropping the
//! [`TestNode`] kills the process (SIGKILL) and reaps it, whether the test passed or panicked.
//! [`fuzz`] runs fuzz targets under plain `cargo test`.
#![deny(missing_docs)]

pub mod fuzz;

use std::{
	fs::File,
	net::{SocketAddr, TcpListener, TcpStream},
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	time::{Duration, Instant},
};

pub use subxt;
pub use subxt_signer;

/// The client type tests use: Convene's extrinsic format matches Polkadot's.
pub type Client = subxt::OnlineClient<subxt::PolkadotConfig>;

/// The `convene-node` binary for tests of other crates: `$CONVENE_NODE`, or the one
/// `cargo test --workspace` builds next to the running test binary.
pub fn node_binary() -> PathBuf {
	if let Ok(path) = std::env::var("CONVENE_NODE") {
		return path.into();
	}
	let exe = std::env::current_exe().expect("the test binary's path");
	let dir = exe.parent().and_then(Path::parent).expect("target/<profile>");
	let node = dir.join("convene-node");
	assert!(
		node.exists(),
		"{} is missing: build it (cargo build -p convene-node) or set CONVENE_NODE",
		node.display()
	);
	node
}

/// A path in this repository, for tests. Cargo runs a test in its package's folder, one level
/// below the repository's root. (Not `env!("CARGO_MANIFEST_DIR")`: a test binary that cargo
/// reuses from another checkout through the shared target folder carries that checkout's path.)
pub fn repo_path(relative: &str) -> PathBuf {
	let package = std::env::current_dir().expect("the test's working directory");
	package.parent().unwrap_or(&package).join(relative)
}

/// A free TCP port on 127.0.0.1 (bound, then released for the node to take).
pub fn free_port() -> u16 {
	TcpListener::bind("127.0.0.1:0")
		.and_then(|l| l.local_addr())
		.map(|a| a.port())
		.expect("the OS hands out a free port")
}

/// Builds the command line of a test node.
pub struct NodeBuilder {
	binary: PathBuf,
	args: Vec<String>,
	base_path: Option<PathBuf>,
	rpc_port: Option<u16>,
	p2p_port: Option<u16>,
}

impl NodeBuilder {
	/// A node started from `binary`, e.g. `env!("CARGO_BIN_EXE_convene-node")`.
	pub fn new(binary: impl Into<PathBuf>) -> Self {
		Self {
			binary: binary.into(),
			args: Vec::new(),
			base_path: None,
			rpc_port: None,
			p2p_port: None,
		}
	}

	/// `--dev`: the instant-sealed development chain, in a temporary database unless
	/// [`NodeBuilder::base_path`] is given (removed when the node is dropped: `--tmp` would
	/// leave it behind, as a killed node cannot clean up).
	pub fn dev(self) -> Self {
		self.arg("--dev")
	}

	/// Keep the database in `path` (e.g. to restart the node on it).
	pub fn base_path(mut self, path: impl AsRef<Path>) -> Self {
		self.base_path = Some(path.as_ref().to_path_buf());
		self
	}

	/// Serve JSON-RPC on `port` instead of a free one.
	pub fn rpc_port(mut self, port: u16) -> Self {
		self.rpc_port = Some(port);
		self
	}

	/// Listen for peers on `port` instead of a free one.
	pub fn p2p_port(mut self, port: u16) -> Self {
		self.p2p_port = Some(port);
		self
	}

	/// Any other argument.
	pub fn arg(mut self, arg: impl Into<String>) -> Self {
		self.args.push(arg.into());
		self
	}

	/// Several other arguments.
	pub fn args<S: Into<String>>(mut self, args: impl IntoIterator<Item = S>) -> Self {
		self.args.extend(args.into_iter().map(Into::into));
		self
	}

	/// Start the node on free RPC and p2p ports, without Prometheus and telemetry.
	pub fn spawn(self) -> TestNode {
		let log_dir = tempfile::tempdir().expect("a temporary folder for the node log and data");
		let log_path = log_dir.path().join("node.log");
		let log = File::create(&log_path).expect("the node log file");
		let rpc_port = self.rpc_port.unwrap_or_else(free_port);
		let p2p_port = self.p2p_port.unwrap_or_else(free_port);
		let mut command = Command::new(&self.binary);
		command
			.args(&self.args)
			.args(["--rpc-port", &rpc_port.to_string(), "--port", &p2p_port.to_string()])
			.args(["--no-prometheus", "--no-telemetry", "--no-mdns"])
			.stdin(Stdio::null())
			.stdout(log.try_clone().expect("the node log file"))
			.stderr(log);
		let base_path = self.base_path.unwrap_or_else(|| log_dir.path().join("data"));
		command.arg("--base-path").arg(base_path);
		let child = command.spawn().unwrap_or_else(|e| {
			panic!("cannot start {}: {e}", self.binary.display());
		});
		TestNode { child, rpc_port, p2p_port, log_path, _log_dir: log_dir, started: Instant::now() }
	}
}

/// A running node; killed when dropped.
pub struct TestNode {
	child: Child,
	/// The JSON-RPC port.
	pub rpc_port: u16,
	/// The libp2p port.
	pub p2p_port: u16,
	log_path: PathBuf,
	/// The log, and the database unless a base path was given; removed after the node is
	/// killed (fields drop after `Drop::drop`).
	_log_dir: tempfile::TempDir,
	started: Instant,
}

impl TestNode {
	/// The node's JSON-RPC WebSocket URL.
	pub fn ws_url(&self) -> String {
		format!("ws://127.0.0.1:{}", self.rpc_port)
	}

	/// Everything the node logged so far.
	pub fn log(&self) -> String {
		std::fs::read_to_string(&self.log_path).unwrap_or_default()
	}

	/// Wait until this node serves RPC: its log says its server runs on the port, and the port
	/// accepts connections (the port alone could be another process's, when free ports are
	/// handed out twice). Returns the time since the node started. Panics with the node's log
	/// if it exited or did not come up within `timeout`.
	pub fn wait_ready(&mut self, timeout: Duration) -> Duration {
		let addr = SocketAddr::from(([127, 0, 0, 1], self.rpc_port));
		let announced = format!("Running JSON-RPC server: addr=127.0.0.1:{}", self.rpc_port);
		loop {
			if self.log().contains(&announced)
				&& TcpStream::connect_timeout(&addr, Duration::from_millis(100)).is_ok()
			{
				return self.started.elapsed();
			}
			if let Ok(Some(status)) = self.child.try_wait() {
				panic!("the node exited with {status} before RPC came up; log:\n{}", self.log());
			}
			if self.started.elapsed() > timeout {
				panic!("RPC did not come up within {timeout:?}; log:\n{}", self.log());
			}
			std::thread::sleep(Duration::from_millis(25));
		}
	}

	/// Connect a client (the node must be ready).
	pub async fn client(&self) -> Client {
		Client::from_insecure_url(self.ws_url()).await.unwrap_or_else(|e| {
			panic!("cannot connect to {}: {e}; log:\n{}", self.ws_url(), self.log())
		})
	}

	/// Kill the node with SIGKILL, as a crash would, and reap it.
	pub fn kill(&mut self) {
		let _ = self.child.kill();
		let _ = self.child.wait();
	}

	/// Wait for the node to exit by itself; returns whether it succeeded, and its log.
	pub fn wait_exit(&mut self, timeout: Duration) -> Option<(bool, String)> {
		let deadline = Instant::now() + timeout;
		while Instant::now() < deadline {
			if let Ok(Some(status)) = self.child.try_wait() {
				return Some((status.success(), self.log()));
			}
			std::thread::sleep(Duration::from_millis(25));
		}
		None
	}
}

impl Drop for TestNode {
	fn drop(&mut self) {
		self.kill();
	}
}
