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
//! small writes at once (`TCP_NODELAY`). `wss://` URLs go through subxt's TLS client.

use crate::error::{Error, Result};
use jsonrpsee::{
	client_transport::ws::{Url, WsTransportClientBuilder},
	core::client::Client,
};
use std::{
	io,
	pin::Pin,
	task::{Context, Poll},
};
use subxt::rpcs::RpcClient;
use tokio::{
	io::{AsyncRead, AsyncWrite, ReadBuf},
	net::TcpStream,
};

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

/// Connect to the node at `url` (`ws://`: quick acknowledgements; `wss://`: subxt's client).
pub async fn connect(url: &str) -> Result<RpcClient> {
	let rpc_error = |e: &dyn std::fmt::Display| Error::Rpc(format!("{url}: {e}"));
	let parsed = Url::parse(url).map_err(|e| rpc_error(&e))?;
	if parsed.scheme() != "ws" {
		return RpcClient::from_insecure_url(url).await.map_err(|e| rpc_error(&e));
	}
	let host = parsed.host_str().ok_or_else(|| rpc_error(&"no host"))?;
	let port = parsed.port_or_known_default().unwrap_or(80);
	let tcp = TcpStream::connect(format!("{host}:{port}")).await.map_err(|e| rpc_error(&e))?;
	tcp.set_nodelay(true).map_err(|e| rpc_error(&e))?;
	let stream = QuickAck(tcp);
	stream.rearm();
	let (sender, receiver) = WsTransportClientBuilder::default()
		.build_with_stream(parsed, stream)
		.await
		.map_err(|e| rpc_error(&e))?;
	// As subxt builds its own client.
	let client = Client::builder()
		.max_buffer_capacity_per_subscription(4096)
		.build_with_tokio(sender, receiver);
	Ok(RpcClient::new(client))
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
	async fn a_closed_port_or_a_bad_url_is_an_rpc_error_naming_the_url() {
		let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
		let url = format!("ws://127.0.0.1:{port}");
		match connect(&url).await {
			Err(Error::Rpc(message)) => assert!(message.starts_with(&url), "{message}"),
			other => panic!("expected an RPC error, got {:?}", other.map(|_| ())),
		}
		assert!(
			matches!(connect("not a url").await, Err(Error::Rpc(m)) if m.starts_with("not a url"))
		);
	}
}
