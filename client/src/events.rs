// SPDX-License-Identifier: GPL-3.0-or-later
//! Events of a transaction: typed (decoded into the subxt-generated event types, e.g.
//! `runtime::bazaar::events::OfferingCreated`) and rendered as JSON for `--json` and text.

use crate::{config::ConveneConfig, json, runtime};
use serde::Serialize;
use serde_json::Value as Json;
use std::sync::Arc;
use subxt::{
	events::{DecodeAsEvent, Event},
	ext::scale_decode::Field,
	metadata::{ArcMetadata, Metadata},
};

/// An event of a transaction.
#[derive(Clone, Debug, Serialize)]
pub struct ChainEvent {
	/// The pallet, e.g. `Ceremonies`.
	pub pallet: String,
	/// The event, e.g. `ParticipantRegistered`.
	pub event: String,
	/// The fields, in the shape documented in [`crate::json`].
	pub fields: Json,
	/// What the typed view decodes from.
	#[serde(skip)]
	raw: Arc<RawEvent>,
}

/// An event's field bytes and the metadata that describes them.
struct RawEvent {
	metadata: ArcMetadata,
	pallet_index: u8,
	variant_index: u8,
	fields: Vec<u8>,
}

impl std::fmt::Debug for RawEvent {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		write!(f, "0x{}", hex::encode(&self.fields))
	}
}

impl ChainEvent {
	/// Decode an event of a block: its typed view and its JSON rendering.
	pub fn new(metadata: ArcMetadata, event: &Event<'_, ConveneConfig>) -> Self {
		let fields = render(&metadata, event);
		Self {
			pallet: event.pallet_name().into(),
			event: event.event_name().into(),
			fields,
			raw: Arc::new(RawEvent {
				metadata,
				pallet_index: event.pallet_index(),
				variant_index: event.event_index(),
				fields: event.field_bytes().to_vec(),
			}),
		}
	}

	/// Whether this is event `E`.
	pub fn is<E: DecodeAsEvent>(&self) -> bool {
		E::is_event(&self.pallet, &self.event)
	}

	/// This event as `E` (a generated event type), or `None` if it is another one.
	pub fn decode<E: DecodeAsEvent>(&self) -> Option<E> {
		if !self.is::<E>() {
			return None;
		}
		let raw = &self.raw;
		let variant = raw
			.metadata
			.pallet_by_event_index(raw.pallet_index)?
			.event_variant_by_index(raw.variant_index)?;
		let mut fields = variant.fields.iter().map(|f| Field::new(f.ty.id, f.name.as_deref()));
		E::decode_as_fields(&mut &raw.fields[..], &mut fields, raw.metadata.types()).ok()
	}

	/// Whether every transaction emits this event (fees, success): text output leaves it out.
	pub fn is_routine(&self) -> bool {
		use runtime::{
			balances::events::{BurnedDebt, Deposit, Withdraw},
			system::events::ExtrinsicSuccess,
			transaction_payment::events::TransactionFeePaid,
		};
		self.is::<ExtrinsicSuccess>()
			|| self.is::<TransactionFeePaid>()
			|| self.is::<Withdraw>()
			|| self.is::<Deposit>()
			|| self.is::<BurnedDebt>()
	}
}

/// An event's fields as JSON: an object when they are named, else an array.
fn render(metadata: &Metadata, event: &Event<'_, ConveneConfig>) -> Json {
	let types = metadata.types();
	metadata
		.pallet_by_name(event.pallet_name())
		.and_then(|p| p.event_variant_by_index(event.event_index()))
		.map(|variant| {
			let mut bytes = event.field_bytes();
			let named = variant.fields.iter().all(|f| f.name.is_some());
			let values: Vec<(String, Json)> = variant
				.fields
				.iter()
				.enumerate()
				.map(|(i, f)| {
					let value = json::decode(types, f.ty.id, &mut bytes).unwrap_or(Json::Null);
					(f.name.clone().unwrap_or_else(|| i.to_string()), value)
				})
				.collect();
			if named {
				Json::Object(values.into_iter().collect())
			} else {
				Json::Array(values.into_iter().map(|(_, v)| v).collect())
			}
		})
		.unwrap_or(Json::Null)
}
