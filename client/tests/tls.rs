// SPDX-License-Identifier: GPL-3.0-or-later
//! `wss://` end to end: the `convene` binary talks to a dev node through a TLS proxy on loopback
//! (rustls, with a certificate for `localhost` from the test CA in test-data/tls, which the
//! client is told to trust through `SSL_CERT_FILE`), as it would to a public node behind a TLS terminator. The proxy
//! records each WebSocket upgrade request, so the test sees the path, the query and the basic
//! authentication the URL asked for.

use base64::Engine;
use convene_test_support::{node_binary, repo_path, NodeBuilder};
use rustls::pki_types::{pem::PemObject, CertificateDer, PrivateKeyDer};
use serde_json::Value;
use std::{
	path::Path,
	process::Command,
	sync::{Arc, Mutex},
	time::Duration,
};
use tokio::{
	io::{AsyncReadExt, AsyncWriteExt},
	net::{TcpListener, TcpStream},
};
use tokio_rustls::TlsAcceptor;

const CLI: &str = env!("CARGO_BIN_EXE_convene");

/// The server certificate for `localhost` and its key (test-data/tls, signed by its `ca.pem`).
fn certificate() -> (CertificateDer<'static>, PrivateKeyDer<'static>) {
	let read = |name: &str| std::fs::read(repo_path(&format!("test-data/tls/{name}"))).unwrap();
	let certificate = CertificateDer::from_pem_slice(&read("localhost.pem")).expect("a PEM cert");
	let key = PrivateKeyDer::from_pem_slice(&read("localhost.key")).expect("a PEM key");
	(certificate, key)
}

/// A TLS proxy on a free loopback port in front of `backend`; returns its port. The first
/// bytes of every connection (the HTTP upgrade request) are kept in `requests`.
fn start_proxy(
	certificate: CertificateDer<'static>,
	key: PrivateKeyDer<'static>,
	backend: u16,
	requests: Arc<Mutex<Vec<String>>>,
) -> u16 {
	let config = rustls::ServerConfig::builder_with_provider(Arc::new(
		rustls::crypto::ring::default_provider(),
	))
	.with_safe_default_protocol_versions()
	.expect("TLS versions")
	.with_no_client_auth()
	.with_single_cert(vec![certificate], key)
	.expect("a server configuration");
	let acceptor = TlsAcceptor::from(Arc::new(config));
	let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
	let port = listener.local_addr().expect("an address").port();
	listener.set_nonblocking(true).expect("non-blocking");
	// Its own thread and runtime: the test blocks on the CLI processes meanwhile.
	std::thread::spawn(move || {
		let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
		runtime.block_on(async move {
			let listener = TcpListener::from_std(listener).expect("a tokio listener");
			loop {
				let Ok((socket, _)) = listener.accept().await else { return };
				let acceptor = acceptor.clone();
				let requests = requests.clone();
				tokio::spawn(async move {
					// A handshake the client refuses (untrusted certificate) just ends here.
					let Ok(mut tls) = acceptor.accept(socket).await else { return };
					let mut node = TcpStream::connect(("127.0.0.1", backend)).await.unwrap();
					let mut head = vec![0u8; 4096];
					let n = tls.read(&mut head).await.unwrap_or(0);
					requests.lock().unwrap().push(String::from_utf8_lossy(&head[..n]).into_owned());
					node.write_all(&head[..n]).await.unwrap();
					let _ = tokio::io::copy_bidirectional(&mut tls, &mut node).await;
				});
			}
		});
	});
	port
}

fn convene(url: &str, cert_file: Option<&Path>, args: &[&str]) -> (i32, Value, String) {
	let dir = tempfile::tempdir().expect("a keystore folder");
	let mut command = Command::new(CLI);
	command.args(["--node-url", url, "--json"]).args(args).current_dir(dir.path());
	match cert_file {
		Some(file) => command.env("SSL_CERT_FILE", file),
		None => command.env("SSL_CERT_FILE", dir.path().join("no-such-file.pem")),
	};
	let output = command.env_remove("SSL_CERT_DIR").output().expect("convene runs");
	let stdout = String::from_utf8_lossy(&output.stdout);
	let json = serde_json::from_str(stdout.trim()).unwrap_or(Value::Null);
	let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
	(output.status.code().expect("an exit code"), json, stderr)
}

#[test]
fn wss_reaches_a_node_behind_tls_with_path_query_and_credentials() {
	let mut node = NodeBuilder::new(node_binary()).dev().spawn();
	node.wait_ready(Duration::from_secs(60));
	let (certificate, key) = certificate();
	let ca_file = repo_path("test-data/tls/ca.pem");
	let requests = Arc::new(Mutex::new(Vec::new()));
	let port = start_proxy(certificate, key, node.rpc_port, requests.clone());

	// A query and a transaction (a subscription) through TLS, with path, query and credentials.
	let url = format!("wss://alice:s3cret@localhost:{port}/rpc/ws?tenant=7");
	let (code, json, stderr) = convene(&url, Some(&ca_file), &["get-phase"]);
	assert_eq!(code, 0, "{json} {stderr}");
	assert_eq!(json["phase"], "Registering", "{json}");
	let (code, json, stderr) =
		convene(&url, Some(&ca_file), &["transfer", "//Alice", "//Bob", "1"]);
	assert_eq!(code, 0, "{json} {stderr}");
	assert!(json["transaction"]["block"].is_string(), "{json}");
	let seen = requests.lock().unwrap().clone();
	assert!(!seen.is_empty());
	let basic = base64::engine::general_purpose::STANDARD.encode("alice:s3cret");
	for request in &seen {
		assert!(request.starts_with("GET /rpc/ws?tenant=7 HTTP/1.1\r\n"), "{request}");
		let auth = format!("authorization: basic {basic}");
		assert!(request.lines().any(|l| l.eq_ignore_ascii_case(&auth)), "{request}");
		assert!(request.to_ascii_lowercase().contains(&format!("host: localhost:{port}")));
	}

	// Without the CA, the certificate is refused: exit 60, the URL named once, no password.
	let (code, json, stderr) = convene(&url, None, &["get-phase"]);
	assert_eq!(code, 60, "{json} {stderr}");
	let message = json["error"]["message"].as_str().expect("a message");
	let shown = format!("wss://alice:***@localhost:{port}/rpc/ws?tenant=7");
	assert!(message.starts_with(&format!("cannot reach the node at {shown}: ")), "{message}");
	assert_eq!(message.matches("localhost").count(), 1, "{message}");
	assert!(!message.contains("s3cret") && !stderr.contains("s3cret"), "{message}");
	assert!(message.to_lowercase().contains("certificate"), "{message}");

	// Plain ws:// to the TLS port is refused as well, with the same shape of message.
	let (code, json, _) =
		convene(&format!("ws://localhost:{port}"), Some(&ca_file), &["get-phase"]);
	assert_eq!(code, 60, "{json}");
}
