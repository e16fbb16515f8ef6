// SPDX-License-Identifier: GPL-3.0-or-later
//! Chain values as JSON, in one documented shape, directed by the metadata's types:
//!
//! - accounts (`AccountId32`) as SS58 strings; community identifiers as their string form
//!   (`sqm1v79dF6b`); 64.64 fixed-point numbers as decimal strings;
//! - integers of up to 32 bits as numbers, wider ones as decimal strings (JSON numbers lose
//!   precision beyond 2^53);
//! - byte vectors as text when they are UTF-8 (names, IPFS ids), else `0x` hex; fixed-size byte
//!   arrays (hashes) always as `0x` hex;
//! - structs as objects, tuples as arrays, one-field tuple structs as their field;
//! - `Option` as the value or `null`; other enums as the variant's name when it has no fields,
//!   else `{"Variant": fields}`.

use codec::Decode;
use convene_primitives::{
	community::CommunityIdentifier,
	fixed::{I64F64, U64F64},
};
use scale_info::{PortableRegistry, TypeDef, TypeDefPrimitive};
use serde_json::{json, Map, Value as Json};
use subxt::ext::scale_value::{self, Composite, Primitive, Value, ValueDef};
use subxt::utils::AccountId32;

/// Decode `bytes` as type `ty` of `types` and render it as JSON (`None` if they do not decode).
pub fn decode(types: &PortableRegistry, ty: u32, bytes: &mut &[u8]) -> Option<Json> {
	let value = scale_value::scale::decode_as_type(bytes, ty, types).ok()?;
	Some(render(types, &value))
}

/// Render a decoded value.
pub fn render(types: &PortableRegistry, value: &Value<u32>) -> Json {
	let Some(ty) = types.resolve(value.context) else { return plain(types, value) };
	let name = ty.path.segments.last().map(String::as_str).unwrap_or("");
	match name {
		"AccountId32" => match bytes_of(value).and_then(|b| <[u8; 32]>::try_from(b).ok()) {
			Some(raw) => Json::String(AccountId32(raw).to_string()),
			None => plain(types, value),
		},
		"CommunityIdentifier" => decoded::<CommunityIdentifier>(types, value)
			.map(|cid| Json::String(cid.to_string()))
			.unwrap_or_else(|| plain(types, value)),
		"U64F64" => decoded::<U64F64>(types, value)
			.map(|x| Json::String(x.to_string()))
			.unwrap_or_else(|| plain(types, value)),
		"I64F64" => decoded::<I64F64>(types, value)
			.map(|x| Json::String(x.to_string()))
			.unwrap_or_else(|| plain(types, value)),
		"Option" => match &value.value {
			ValueDef::Variant(v) if v.name == "None" => Json::Null,
			ValueDef::Variant(v) => composite(types, &v.values),
			_ => plain(types, value),
		},
		_ => match &ty.type_def {
			TypeDef::Sequence(seq) if is_u8(types, seq.type_param.id) => {
				let bytes = bytes_of(value).unwrap_or_default();
				match String::from_utf8(bytes.clone()) {
					Ok(text) if !text.chars().any(char::is_control) => Json::String(text),
					_ => Json::String(format!("0x{}", hex::encode(bytes))),
				}
			},
			TypeDef::Array(array) if is_u8(types, array.type_param.id) => {
				Json::String(format!("0x{}", hex::encode(bytes_of(value).unwrap_or_default())))
			},
			_ => plain(types, value),
		},
	}
}

fn is_u8(types: &PortableRegistry, ty: u32) -> bool {
	matches!(types.resolve(ty).map(|t| &t.type_def), Some(TypeDef::Primitive(TypeDefPrimitive::U8)))
}

/// The value's bytes, if it is a sequence or array of u8 (possibly wrapped in newtypes).
fn bytes_of(value: &Value<u32>) -> Option<Vec<u8>> {
	let mut out = Vec::new();
	fn walk(value: &Value<u32>, out: &mut Vec<u8>) -> Option<()> {
		match &value.value {
			ValueDef::Primitive(Primitive::U128(n)) => out.push(u8::try_from(*n).ok()?),
			ValueDef::Composite(c) => c.values().try_for_each(|v| walk(v, out))?,
			_ => return None,
		}
		Some(())
	}
	walk(value, &mut out)?;
	Some(out)
}

/// Re-encode the value as its type and decode it as `T` (types with their own text form).
fn decoded<T: Decode>(types: &PortableRegistry, value: &Value<u32>) -> Option<T> {
	let mut bytes = Vec::new();
	scale_value::scale::encode_as_type(value, value.context, types, &mut bytes).ok()?;
	T::decode(&mut &bytes[..]).ok()
}

fn composite(types: &PortableRegistry, c: &Composite<u32>) -> Json {
	match c {
		Composite::Named(fields) => Json::Object(
			fields
				.iter()
				.map(|(name, v)| (name.clone(), render(types, v)))
				.collect::<Map<_, _>>(),
		),
		Composite::Unnamed(values) if values.len() == 1 => render(types, &values[0]),
		Composite::Unnamed(values) => {
			Json::Array(values.iter().map(|v| render(types, v)).collect())
		},
	}
}

fn plain(types: &PortableRegistry, value: &Value<u32>) -> Json {
	match &value.value {
		ValueDef::Composite(c) => composite(types, c),
		ValueDef::Variant(v) if v.values.is_empty() => Json::String(v.name.clone()),
		ValueDef::Variant(v) => json!({ v.name.clone(): composite(types, &v.values) }),
		ValueDef::BitSequence(bits) => {
			Json::String(bits.iter().map(|b| if b { '1' } else { '0' }).collect())
		},
		ValueDef::Primitive(p) => {
			let wide = match types.resolve(value.context).map(|t| &t.type_def) {
				Some(TypeDef::Primitive(p)) => matches!(
					p,
					TypeDefPrimitive::U64
						| TypeDefPrimitive::U128
						| TypeDefPrimitive::U256
						| TypeDefPrimitive::I64
						| TypeDefPrimitive::I128
						| TypeDefPrimitive::I256
				),
				// Compact<u128> and the like.
				_ => true,
			};
			match p {
				Primitive::Bool(b) => Json::Bool(*b),
				Primitive::Char(c) => Json::String(c.to_string()),
				Primitive::String(s) => Json::String(s.clone()),
				Primitive::U128(n) if !wide => json!(*n as u64),
				Primitive::I128(n) if !wide => json!(*n as i64),
				Primitive::U128(n) => Json::String(n.to_string()),
				Primitive::I128(n) => Json::String(n.to_string()),
				Primitive::U256(b) | Primitive::I256(b) => {
					Json::String(format!("0x{}", hex::encode(b)))
				},
			}
		},
	}
}
