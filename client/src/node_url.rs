// SPDX-License-Identifier: GPL-3.0-or-later
//! The node's address, as every tool takes it (`convene`, `bot-community`, the testnet tool, the
//! bench): one parser, on the `url` crate.
//!
//! - `ws://` without a port: `--port`, 9944 by default (a local node).
//! - `wss://` without a port: `--port` if given, else 443 (a public node behind TLS).
//! - A port in the URL always wins over `--port`.
//! - No scheme (`127.0.0.1`, `localhost:9944`): `ws://`.
//! - `http://` and `https://` are taken as `ws://` and `wss://`: a Substrate node serves HTTP and
//!   WebSocket JSON-RPC on one port, and a copied RPC address often says `https://`.
//! - The path and query are kept (`wss://rpc.example.org/ws`); IPv6 literals (`ws://[::1]`) and
//!   credentials (`wss://user:secret@host`, sent as HTTP basic authentication) work. The password
//!   is never printed.

use crate::error::{bad_input, Result};
use std::{fmt, str::FromStr};
use url::{Host, Url};

/// The JSON-RPC port of a node when neither the URL nor `--port` names one.
pub const DEFAULT_PORT: u16 = 9944;

/// The default `--node-url`.
pub const DEFAULT_URL: &str = "ws://127.0.0.1";

/// A node's WebSocket address, with its port settled.
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct NodeUrl(Url);

/// `--node-url` and `--port`, as the CLI and `bot-community` take them.
#[derive(clap::Args, Clone, Debug)]
pub struct NodeArgs {
	/// The node's URL: ws://host[:port][/path] or wss://…; http(s):// is taken as ws(s)://.
	#[arg(short = 'u', long, default_value = DEFAULT_URL, env = "CONVENE_NODE_URL")]
	pub node_url: String,
	/// The port, when --node-url has none [default: 9944 for ws://, 443 for wss://].
	#[arg(short = 'p', long)]
	pub port: Option<u16>,
}

impl NodeArgs {
	/// The address these flags name.
	pub fn url(&self) -> Result<NodeUrl> {
		NodeUrl::parse(&self.node_url, self.port)
	}
}

impl NodeUrl {
	/// Parse `text`; `port` is the one given apart (`--port`), if any.
	pub fn parse(text: &str, port: Option<u16>) -> Result<Self> {
		let text = text.trim();
		let bad = |why: &str| bad_input(format!("--node-url {text:?}: {why}"));
		let with_scheme =
			if text.contains("://") { text.to_owned() } else { format!("ws://{text}") };
		let mut url = Url::parse(&with_scheme).map_err(|e| bad(&e.to_string()))?;
		let scheme = match url.scheme() {
			"ws" | "http" => "ws",
			"wss" | "https" => "wss",
			other => {
				return Err(bad(&format!("{other}:// is not a node URL; use ws:// or wss://")))
			},
		};
		// Between special schemes (http, https, ws, wss) the url crate allows the change.
		url.set_scheme(scheme).map_err(|()| bad("cannot use this scheme"))?;
		if url.host().is_none() || url.host_str() == Some("") {
			return Err(bad("no host"));
		}
		if url.fragment().is_some() {
			return Err(bad("a node URL has no #fragment"));
		}
		// The url crate drops a port equal to the scheme's default (80 for ws, 443 for wss), so
		// "no port" is told from the text itself.
		if !has_port(&with_scheme) {
			let port = match (port, scheme) {
				(Some(p), _) => p,
				(None, "wss") => 443,
				(None, _) => DEFAULT_PORT,
			};
			url.set_port(Some(port)).map_err(|()| bad("cannot carry a port"))?;
		}
		Ok(Self(url))
	}

	/// `ws://127.0.0.1:<port>`: a node on this machine.
	pub fn local(port: u16) -> Self {
		let mut url = Url::parse(DEFAULT_URL).expect("the default URL parses");
		let _ = url.set_port(Some(port));
		Self(url)
	}

	/// The URL to open.
	pub fn url(&self) -> &Url {
		&self.0
	}

	/// Whether the connection is TLS (`wss://`).
	pub fn is_tls(&self) -> bool {
		self.0.scheme() == "wss"
	}

	/// The host (a name, or an IP address without brackets).
	pub fn host(&self) -> Host<&str> {
		// A `NodeUrl` always has a host (checked by `parse`); an empty name cannot connect.
		self.0.host().unwrap_or(Host::Domain(""))
	}

	/// The TCP port to connect to.
	pub fn port(&self) -> u16 {
		self.0.port_or_known_default().unwrap_or(DEFAULT_PORT)
	}
}

/// Whether the authority of `url` (text with a scheme) names a port.
fn has_port(url: &str) -> bool {
	let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
	let authority = after_scheme.split(['/', '?', '#']).next().unwrap_or_default();
	let host_port = authority.rsplit_once('@').map_or(authority, |(_, hp)| hp);
	// An IPv6 literal carries colons of its own: only a colon after its `]` is a port's.
	let after_host = host_port.rsplit_once(']').map_or(host_port, |(_, rest)| rest);
	after_host.contains(':')
}

impl FromStr for NodeUrl {
	type Err = crate::Error;

	fn from_str(text: &str) -> Result<Self> {
		Self::parse(text, None)
	}
}

/// The URL as it is used, without a password.
impl fmt::Display for NodeUrl {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		let mut shown = self.0.clone();
		if shown.password().is_some() {
			let _ = shown.set_password(Some("***"));
		}
		let text = shown.as_str();
		// `ws://host:9944/` reads better without the slash of an empty path.
		match (shown.path(), shown.query()) {
			("/", None) => write!(f, "{}", text.trim_end_matches('/')),
			_ => write!(f, "{text}"),
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn shown(text: &str, port: Option<u16>) -> String {
		NodeUrl::parse(text, port)
			.map(|u| u.to_string())
			.unwrap_or_else(|e| format!("error: {e}"))
	}

	#[test]
	fn ports_follow_the_scheme_unless_given() {
		assert_eq!(shown("ws://127.0.0.1", None), "ws://127.0.0.1:9944");
		assert_eq!(shown("ws://127.0.0.1", Some(9000)), "ws://127.0.0.1:9000");
		assert_eq!(shown("ws://127.0.0.1:9001", Some(9000)), "ws://127.0.0.1:9001");
		assert_eq!(shown("wss://rpc.example.org", None), "wss://rpc.example.org");
		assert_eq!(NodeUrl::parse("wss://rpc.example.org", None).unwrap().port(), 443);
		assert_eq!(shown("wss://rpc.example.org", Some(9944)), "wss://rpc.example.org:9944");
		assert_eq!(shown("wss://rpc.example.org:8443", None), "wss://rpc.example.org:8443");
		assert_eq!(shown("wss://node.example/", None), "wss://node.example");
	}

	#[test]
	fn an_explicit_default_port_is_kept() {
		let url = NodeUrl::parse("ws://example.org:80", Some(9000)).unwrap();
		assert_eq!(url.port(), 80);
		assert_eq!(NodeUrl::parse("wss://example.org:443", Some(9000)).unwrap().port(), 443);
	}

	#[test]
	fn paths_and_queries_are_kept() {
		assert_eq!(shown("wss://rpc.example.org/ws", None), "wss://rpc.example.org/ws");
		assert_eq!(shown("ws://h/rpc?key=1", None), "ws://h:9944/rpc?key=1");
		assert_eq!(shown("ws://h:9000/ws/", None), "ws://h:9000/ws/");
	}

	#[test]
	fn ipv6_literals_work() {
		let url = NodeUrl::parse("ws://[::1]", None).unwrap();
		assert_eq!(url.to_string(), "ws://[::1]:9944");
		assert_eq!(url.host(), Host::<&str>::Ipv6(std::net::Ipv6Addr::LOCALHOST));
		assert_eq!(shown("wss://[2001:db8::1]:8443/ws", None), "wss://[2001:db8::1]:8443/ws");
		assert_eq!(NodeUrl::parse("ws://[::1]:80", None).unwrap().port(), 80);
	}

	#[test]
	fn credentials_are_kept_and_never_shown() {
		let url = NodeUrl::parse("wss://user:secret@rpc.example.org/ws", None).unwrap();
		assert_eq!(url.url().username(), "user");
		assert_eq!(url.url().password(), Some("secret"));
		assert_eq!(url.to_string(), "wss://user:***@rpc.example.org/ws");
		assert_eq!(shown("ws://user@h", None), "ws://user@h:9944");
		assert_eq!(NodeUrl::parse("ws://u:p@h:1234", None).unwrap().port(), 1234);
	}

	#[test]
	fn http_is_taken_as_ws_and_a_bare_host_as_ws() {
		assert_eq!(shown("https://rpc.example.org", None), "wss://rpc.example.org");
		assert_eq!(shown("http://127.0.0.1:9944", None), "ws://127.0.0.1:9944");
		assert_eq!(shown("127.0.0.1", None), "ws://127.0.0.1:9944");
		assert_eq!(shown("localhost:9000", None), "ws://localhost:9000");
	}

	#[test]
	fn other_schemes_and_bad_urls_are_refused() {
		assert!(
			shown("ftp://h", None).contains("ftp:// is not a node URL"),
			"{}",
			shown("ftp://h", None)
		);
		assert!(shown("ws://", None).starts_with("error: --node-url"));
		assert!(shown("ws://h:99999", None).starts_with("error:"));
		assert!(shown("ws://h/#x", None).contains("fragment"));
		assert!(shown("ws://[::1", None).starts_with("error:"));
	}
}
