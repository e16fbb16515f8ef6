// SPDX-License-Identifier: GPL-3.0-or-later
//! The WebSocket connection to a node, acknowledging what it receives at once.
//!
//! Substrate's JSON-RPC server (`sc-rpc-server` 33 and 34, polkadot-sdk stable2609) accepts its
//! connections itself and leaves Nagle's algorithm on (polkadot-sdk#12797 fixes it upstream,
//! after our release). A small message it writes while the previous one is unacknowledged waits
//! for the acknowledgement, and Linux delays acknowledgements by up to 40 ms. So a notification
//! right after a reply (a transaction's status after `author_submitAndWatchExtrinsic`'s
//! subscription id, a `chainHead` operation's result after its `started`) waited ~40 ms, and a
//! CLI transfer spent most of its time waiting. This client asks its kernel to acknowledge at
//! once (`TCP_QUICKACK`, set again on every read because the kernel clears it) and sends its own
//! small writes at once (`TCP_NODELAY`). `wss://` runs TLS (rustls) over the same stream.

use crate::{
	error::{Error, Result},
	node_url::NodeUrl,
};
use jsonrpsee::{
	client_transport::ws::{WsHandshakeError, WsTransportClientBuilder},
	core::client::Client,
};
use rustls::pki_types::ServerName;
use rustls_platform_verifier::BuilderVerifierExt;
use std::{
	io,
	pin::Pin,
	sync::Arc,
	task::{Context, Poll},
};
use subxt::rpcs::RpcClient;
use tokio::{
	io::{AsyncRead, AsyncWrite, ReadBuf},
	net::TcpStream,
};
use tokio_rustls::TlsConnector;
use url::Host;

/// A TCP stream that acknowledges received data immediately.
struct QuickAck(TcpStream);

impl QuickAck {
	/// Ask for immediate acknowledgements (again). Best effort: a platform without
	/// `TCP_QUICKACK` just keeps its delayed acknowledgements.
	fn rearm(&self) {
		#[cfg(any(target_os = "linux", target_os = "android"))]
		let _ = socket2::SockRef::from(&self.0).set_tcp_quickack(true);
	}
}

impl AsyncRead for QuickAck {
	fn poll_read(
		self: Pin<&mut Self>,
		cx: &mut Context<'_>,
		buf: &mut ReadBuf<'_>,
	) -> Poll<io::Result<()>> {
		let this = self.get_mut();
		let polled = Pin::new(&mut this.0).poll_read(cx, buf);
		this.rearm();
		polled
	}
}

impl AsyncWrite for QuickAck {
	fn poll_write(
		self: Pin<&mut Self>,
		cx: &mut Context<'_>,
		buf: &[u8],
	) -> Poll<io::Result<usize>> {
		Pin::new(&mut self.get_mut().0).poll_write(cx, buf)
	}

	fn poll_write_vectored(
		self: Pin<&mut Self>,
		cx: &mut Context<'_>,
		bufs: &[io::IoSlice<'_>],
	) -> Poll<io::Result<usize>> {
		Pin::new(&mut self.get_mut().0).poll_write_vectored(cx, bufs)
	}

	fn is_write_vectored(&self) -> bool {
		self.0.is_write_vectored()
	}

	fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
		Pin::new(&mut self.get_mut().0).poll_flush(cx)
	}

	fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
		Pin::new(&mut self.get_mut().0).poll_shutdown(cx)
	}
}

/// Connect to the node at `url`, over TLS for `wss://` (trusting the system's certificates, or
/// the ones `SSL_CERT_FILE` / `SSL_CERT_DIR` name).
pub async fn connect(url: &NodeUrl) -> Result<RpcClient> {
	let unreachable = |e: &dyn std::fmt::Display| Error::Unreachable {
		url: url.to_string(),
		reason: innermost(&e.to_string()),
	};
	let tcp = match url.host() {
		Host::Domain(name) => TcpStream::connect((name, url.port())).await,
		Host::Ipv4(ip) => TcpStream::connect((ip, url.port())).await,
		Host::Ipv6(ip) => TcpStream::connect((ip, url.port())).await,
	}
	.map_err(|e| unreachable(&e))?;
	tcp.set_nodelay(true).map_err(|e| unreachable(&e))?;
	let stream = QuickAck(tcp);
	stream.rearm();
	let client = if url.is_tls() {
		let tls = tls_connector().map_err(|e| unreachable(&e))?;
		let name = match url.host() {
			Host::Domain(name) => {
				ServerName::try_from(name.to_owned()).map_err(|e| unreachable(&e))?
			},
			Host::Ipv4(ip) => ServerName::IpAddress(std::net::IpAddr::V4(ip).into()),
			Host::Ipv6(ip) => ServerName::IpAddress(std::net::IpAddr::V6(ip).into()),
		};
		let stream = tls.connect(name, stream).await.map_err(|e| unreachable(&e))?;
		websocket(url, stream).await
	} else {
		websocket(url, stream).await
	};
	client.map_err(|e| unreachable(&e))
}

/// The JSON-RPC client over a WebSocket on `stream` (the URL gives the path, the `Host` header
/// and basic authentication).
async fn websocket<S>(url: &NodeUrl, stream: S) -> std::result::Result<RpcClient, WsHandshakeError>
where
	S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
	let (sender, receiver) = WsTransportClientBuilder::default()
		.build_with_stream(url.url().clone(), stream)
		.await?;
	// As subxt builds its own client.
	let client = Client::builder()
		.max_buffer_capacity_per_subscription(4096)
		.build_with_tokio(sender, receiver);
	Ok(RpcClient::new(client))
}

/// TLS that checks the node's certificate against the platform's roots (on Linux the system's
/// certificates, or the files `SSL_CERT_FILE` / `SSL_CERT_DIR` name).
fn tls_connector() -> std::result::Result<TlsConnector, rustls::Error> {
	let provider = Arc::new(rustls::crypto::ring::default_provider());
	let config = rustls::ClientConfig::builder_with_provider(provider)
		.with_safe_default_protocol_versions()?
		.with_platform_verifier()
		.with_no_client_auth();
	Ok(TlsConnector::from(Arc::new(config)))
}

/// The last part of an error message that nests its causes ("RPC error: client error: RPC
/// error: client error: Connection refused" → "Connection refused"), so the reason is said once.
fn innermost(message: &str) -> String {
	const WRAPPERS: [&str; 4] = ["RPC error: ", "client error: ", "Rpc error: ", "Client error: "];
	let mut rest = message.trim();
	while let Some(stripped) = WRAPPERS.iter().find_map(|w| rest.strip_prefix(w)) {
		rest = stripped.trim_start();
	}
	rest.to_owned()
}

#[cfg(test)]
mod tests {
	use super::*;
	use tokio::io::{AsyncReadExt, AsyncWriteExt};

	#[tokio::test]
	async fn reads_rearm_quick_acknowledgements() {
		let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
		let address = listener.local_addr().unwrap();
		let mut stream = QuickAck(TcpStream::connect(address).await.unwrap());
		let (mut server, _) = listener.accept().await.unwrap();
		let quickack = |s: &QuickAck| socket2::SockRef::from(&s.0).tcp_quickack().unwrap();
		for message in [&b"one"[..], b"two"] {
			// The kernel may have left quick-ack mode; a read turns it on again.
			let _ = socket2::SockRef::from(&stream.0).set_tcp_quickack(false);
			server.write_all(message).await.unwrap();
			let mut buf = [0u8; 3];
			stream.read_exact(&mut buf).await.unwrap();
			assert_eq!(&buf[..], message);
			assert!(quickack(&stream));
		}
		stream.write_all(b"back").await.unwrap();
		let mut buf = [0u8; 4];
		server.read_exact(&mut buf).await.unwrap();
		assert_eq!(&buf, b"back");
	}

	#[tokio::test]
	async fn a_closed_port_is_unreachable_naming_the_url_once() {
		let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
		let url = NodeUrl::parse("ws://127.0.0.1", Some(port)).unwrap();
		match connect(&url).await {
			Err(e @ Error::Unreachable { .. }) => {
				let message = e.to_string();
				assert!(
					message.starts_with(&format!("cannot reach the node at {url}: ")),
					"{message}"
				);
				assert_eq!(message.matches("127.0.0.1").count(), 1, "{message}");
			},
			other => panic!("expected an unreachable node, got {:?}", other.map(|_| ())),
		}
	}

	#[tokio::test]
	async fn tls_to_a_plain_server_is_unreachable_naming_the_url() {
		let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
		let port = listener.local_addr().unwrap().port();
		tokio::spawn(async move {
			let (mut socket, _) = listener.accept().await.unwrap();
			let _ = socket.write_all(b"HTTP/1.1 400 Bad Request\r\n\r\n").await;
		});
		let url = NodeUrl::parse("wss://localhost", Some(port)).unwrap();
		match connect(&url).await {
			Err(Error::Unreachable { url: tried, .. }) => assert_eq!(tried, url.to_string()),
			other => panic!("expected an unreachable node, got {:?}", other.map(|_| ())),
		}
	}

	#[test]
	fn nested_error_prefixes_are_said_once() {
		assert_eq!(
			innermost("RPC error: client error: RPC error: client error: Connection refused"),
			"Connection refused"
		);
		assert_eq!(
			innermost("invalid peer certificate: UnknownIssuer"),
			"invalid peer certificate: UnknownIssuer"
		);
	}
}
