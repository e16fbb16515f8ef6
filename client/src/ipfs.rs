// SPDX-License-Identifier: GPL-3.0-or-later
//! IPFS content ids (CIDv0) and publishing.
//!
//! [`cid_v0`] computes locally the id `ipfs add` gives a file: the base58 SHA-256 multihash of
//! the file's UnixFS dag-pb node. Content up to one chunk (256 KiB) is computed here; larger
//! files need an IPFS service, which returns the id.
//!
//! [`Publisher`] stores content: through a local IPFS HTTP API (`--ipfs-local`,
//! `http://127.0.0.1:5001/api/v0/add`), through a remote one (`IPFS_ADD_URL`, with
//! `IPFS_API_KEY` sent as a bearer token, or as basic authentication when it is `user:secret`),
//! or, with neither, in a local content-addressed folder (one file per id), with a warning.

use crate::error::{Error, Result};
use base64::prelude::{Engine, BASE64_STANDARD};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The size of one UnixFS chunk, as `ipfs add` cuts files.
pub const CHUNK_SIZE: usize = 256 * 1024;

/// The default local IPFS HTTP API's add endpoint.
pub const LOCAL_ADD_URL: &str = "http://127.0.0.1:5001/api/v0/add";

fn varint(mut n: u64, out: &mut Vec<u8>) {
	while n >= 0x80 {
		out.push((n as u8 & 0x7f) | 0x80);
		n >>= 7;
	}
	out.push(n as u8);
}

/// A protobuf length-delimited field.
fn bytes_field(tag: u8, bytes: &[u8], out: &mut Vec<u8>) {
	out.push(tag);
	varint(bytes.len() as u64, out);
	out.extend_from_slice(bytes);
}

/// The dag-pb node of a one-chunk file: `PBNode { Data: UnixFS { Type: File, Data, filesize } }`.
fn file_node(content: &[u8]) -> Vec<u8> {
	let mut unixfs = vec![0x08, 0x02]; // Type = File
	if !content.is_empty() {
		bytes_field(0x12, content, &mut unixfs); // Data
	}
	unixfs.push(0x18); // filesize
	varint(content.len() as u64, &mut unixfs);
	let mut node = Vec::with_capacity(unixfs.len() + 8);
	bytes_field(0x0a, &unixfs, &mut node); // PBNode.Data
	node
}

/// The CIDv0 `ipfs add` gives `content` (at most [`CHUNK_SIZE`] bytes).
pub fn cid_v0(content: &[u8]) -> Result<String> {
	if content.len() > CHUNK_SIZE {
		return Err(Error::BadInput(format!(
			"the content is {} bytes; ids of content over {CHUNK_SIZE} bytes are computed by an \
			 IPFS service (--ipfs-local or IPFS_ADD_URL)",
			content.len()
		)));
	}
	let digest = Sha256::digest(file_node(content));
	let mut multihash = vec![0x12, 0x20];
	multihash.extend_from_slice(&digest);
	Ok(bs58::encode(multihash).into_string())
}

/// Where published content goes.
#[derive(Clone, Debug)]
pub enum Publisher {
	/// An IPFS HTTP API add endpoint, with an optional API key.
	Api {
		/// The `…/api/v0/add` URL.
		url: String,
		/// The key from `IPFS_API_KEY`.
		key: Option<String>,
	},
	/// A local folder, one file per content id.
	Folder(PathBuf),
}

/// The outcome of publishing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Published {
	/// The content id.
	pub cid: String,
	/// Where the content went: the API URL or the folder.
	pub stored_at: String,
	/// Whether only a local folder holds it (nobody else can fetch it).
	pub local_only: bool,
}

impl Publisher {
	/// The publisher the flags and environment ask for: `--ipfs-local`, else `IPFS_ADD_URL`,
	/// else the folder.
	pub fn from_env(local: bool, folder: &Path) -> Self {
		if local {
			return Self::Api { url: LOCAL_ADD_URL.into(), key: None };
		}
		match std::env::var("IPFS_ADD_URL") {
			Ok(url) if !url.is_empty() => {
				Self::Api { url, key: std::env::var("IPFS_API_KEY").ok().filter(|k| !k.is_empty()) }
			},
			_ => Self::Folder(folder.to_path_buf()),
		}
	}

	/// Store `content` named `name`; returns its id.
	pub fn publish(&self, name: &str, content: &[u8]) -> Result<Published> {
		match self {
			Self::Folder(dir) => {
				let cid = cid_v0(content)?;
				std::fs::create_dir_all(dir)
					.and_then(|()| std::fs::write(dir.join(&cid), content))
					.map_err(|e| Error::Ipfs(format!("cannot store in {}: {e}", dir.display())))?;
				Ok(Published { cid, stored_at: dir.display().to_string(), local_only: true })
			},
			Self::Api { url, key } => {
				let cid = add_over_http(url, key.as_deref(), name, content)?;
				// Where we can compute the id ourselves, the service must agree.
				if let Ok(ours) = cid_v0(content) {
					if ours != cid {
						return Err(Error::Ipfs(format!(
							"the service returned {cid} for content whose CIDv0 is {ours}"
						)));
					}
				}
				Ok(Published { cid, stored_at: url.clone(), local_only: false })
			},
		}
	}
}

/// `POST` a multipart form with the file to an IPFS add endpoint; returns the `Hash`.
fn add_over_http(url: &str, key: Option<&str>, name: &str, content: &[u8]) -> Result<String> {
	let boundary = format!("convene-{:016x}", rand::random::<u64>());
	let mut body = Vec::with_capacity(content.len() + 256);
	body.extend_from_slice(
		format!(
			"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{}\"\r\n\
			 Content-Type: application/octet-stream\r\n\r\n",
			name.replace('"', "")
		)
		.as_bytes(),
	);
	body.extend_from_slice(content);
	body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());

	let separator = if url.contains('?') { '&' } else { '?' };
	let mut request = ureq::post(format!("{url}{separator}cid-version=0&pin=true"))
		.header("Content-Type", format!("multipart/form-data; boundary={boundary}"));
	if let Some(key) = key {
		let auth = match key.contains(':') {
			true => format!("Basic {}", BASE64_STANDARD.encode(key)),
			false => format!("Bearer {key}"),
		};
		request = request.header("Authorization", auth);
	}
	let mut response = request
		.send(&body[..])
		.map_err(|e| Error::Ipfs(format!("adding through {url} failed: {e}")))?;
	let text = response
		.body_mut()
		.read_to_string()
		.map_err(|e| Error::Ipfs(format!("reading the answer of {url}: {e}")))?;
	// The answer is one JSON object per line (one line for one file).
	let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
	let answer: serde_json::Value = serde_json::from_str(line)
		.map_err(|e| Error::Ipfs(format!("{url} answered {line:?}: {e}")))?;
	answer
		.get("Hash")
		.and_then(|h| h.as_str())
		.map(str::to_owned)
		.ok_or_else(|| Error::Ipfs(format!("{url} answered without a Hash: {line}")))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn ids_match_what_ipfs_add_gives() {
		// `ipfs add` of an empty file and of "hello world\n" (well-known ids).
		assert_eq!(cid_v0(b"").unwrap(), "QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH");
		assert_eq!(
			cid_v0(b"hello world\n").unwrap(),
			"QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o"
		);
		let id = cid_v0(&[7u8; CHUNK_SIZE]).unwrap();
		assert!(convene_primitives::metadata::is_cid_v0(id.as_bytes()));
		assert!(cid_v0(&[7u8; CHUNK_SIZE + 1]).is_err());
	}

	#[test]
	fn the_folder_publisher_stores_by_id() {
		let dir = tempfile::tempdir().unwrap();
		let published = Publisher::Folder(dir.path().into()).publish("x.json", b"{}").unwrap();
		assert!(published.local_only);
		assert_eq!(std::fs::read(dir.path().join(&published.cid)).unwrap(), b"{}");
	}

	const HELLO: &str = "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o";

	/// An IPFS add endpoint on a real socket that answers one request with `hash`; the thread
	/// returns the request it received.
	fn fake_ipfs(hash: &'static str) -> (String, std::thread::JoinHandle<String>) {
		use std::io::{Read, Write};
		let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
		let url = format!("http://{}/api/v0/add", listener.local_addr().unwrap());
		let server = std::thread::spawn(move || {
			let (mut stream, _) = listener.accept().unwrap();
			let mut request = Vec::new();
			let mut buf = [0u8; 4096];
			// Read until the closing boundary has arrived.
			while !String::from_utf8_lossy(&request).contains("--\r\n") {
				let n = stream.read(&mut buf).unwrap();
				request.extend_from_slice(&buf[..n]);
			}
			let body = format!(r#"{{"Name":"x","Hash":"{hash}","Size":"20"}}"#);
			write!(
				stream,
				"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
				body.len()
			)
			.unwrap();
			String::from_utf8_lossy(&request).to_lowercase()
		});
		(url, server)
	}

	#[test]
	fn a_real_http_endpoint_is_used_and_checked() {
		let (url, server) = fake_ipfs(HELLO);
		let publisher = Publisher::Api { url, key: Some("k".into()) };
		let published = publisher.publish("x", b"hello world\n").unwrap();
		assert_eq!((published.cid.as_str(), published.local_only), (HELLO, false));
		let request = server.join().unwrap();
		assert!(request.contains("authorization: bearer k"), "{request}");
		assert!(request.contains("hello world\n"));

		// A key with a colon is sent as basic authentication.
		let (url, server) = fake_ipfs(HELLO);
		Publisher::Api { url, key: Some("user:secret".into()) }
			.publish("x", b"hello world\n")
			.unwrap();
		assert!(server.join().unwrap().contains("authorization: basic dxnlcjpzzwnyzxq="));
	}

	#[test]
	fn a_service_that_returns_another_id_or_cannot_be_reached_is_an_error() {
		let (url, server) = fake_ipfs("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH");
		let err = Publisher::Api { url, key: None }.publish("x", b"hello world\n").unwrap_err();
		server.join().unwrap();
		assert!(matches!(&err, Error::Ipfs(m) if m.contains(HELLO)), "{err}");

		let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
		let url = format!("http://127.0.0.1:{port}/api/v0/add");
		let err = Publisher::Api { url, key: None }.publish("x", b"{}").unwrap_err();
		assert_eq!(err.exit_code(), crate::ExitCode::IpfsError);
	}
}
