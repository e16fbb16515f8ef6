// SPDX-License-Identifier: GPL-3.0-or-later
//! The sr25519 verification rate: the physical bound on signed transactions per second (one
//! verification when the pool admits a transaction, one when a block applies it). The node
//! verifies through `sp_core`, as here; `convene-bench` reads criterion's estimate.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sp_core::{sr25519, Pair};
use std::hint::black_box;

fn verify(c: &mut Criterion) {
	let pair = sr25519::Pair::from_seed(&[7; 32]);
	// The size of a transfer's signed payload: call, extensions and implicit data.
	let payload = [42u8; 110];
	let signature = pair.sign(&payload);
	let public = pair.public();
	let mut group = c.benchmark_group("sr25519");
	group.throughput(Throughput::Elements(1));
	group.bench_function("verify", |b| {
		b.iter(|| {
			sr25519::Pair::verify(
				black_box(&signature),
				black_box(&payload[..]),
				black_box(&public),
			)
		})
	});
	group.finish();
}

criterion_group!(benches, verify);
criterion_main!(benches);
