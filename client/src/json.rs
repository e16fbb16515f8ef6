// SPDX-License-Identifier: GPL-3.0-or-later
//! Chain values as JSON, in one documented shape, directed by the metadata's types:
//!
//! - accounts (`AccountId32`) as SS58 strings; community identifiers as their string form
//!   (`sqm1v79dF6b`); 64.64 fixed-point numbers as decimal strings;
//! - integers of up to 32 bits as numbers, wider ones as decimal strings (JSON numbers lose
//!   precision beyond 2^53);
//! - byte vectors as text when they are UTF-8 (names, IPFS ids), else `0x` hex; fixed-size byte
//!   arrays (hashes) always as `0x` hex;
//! - structs as objects, one-field tuple structs as their field; sequences, arrays and tuples
//!   as arrays (also of one element);
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
		"AccountId32" => as_text::<AccountId32>(types, value),
		"CommunityIdentifier" => as_text::<CommunityIdentifier>(types, value),
		"U64F64" => as_text::<U64F64>(types, value),
		"I64F64" => as_text::<I64F64>(types, value),
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

/// The value's bytes, if it is a sequence or array of u8.
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

/// A type with its own text form as that text (SS58, cid string, decimal).
fn as_text<T: Decode + std::fmt::Display>(types: &PortableRegistry, value: &Value<u32>) -> Json {
	decoded::<T>(types, value)
		.map(|x| Json::String(x.to_string()))
		.unwrap_or_else(|| plain(types, value))
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
	let is_struct =
		matches!(types.resolve(value.context).map(|t| &t.type_def), Some(TypeDef::Composite(_)));
	match &value.value {
		// Sequences, arrays and tuples stay arrays, even of one element.
		ValueDef::Composite(Composite::Unnamed(values)) if !is_struct => {
			Json::Array(values.iter().map(|v| render(types, v)).collect())
		},
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

#[cfg(test)]
mod tests {
	use super::*;
	use codec::Encode;
	use scale_info::{MetaType, Registry, TypeInfo};

	#[derive(Encode, TypeInfo)]
	enum Kind {
		Plain,
		Linked(u32),
	}

	#[derive(Encode, TypeInfo)]
	struct Sample {
		who: AccountId32,
		cid: CommunityIdentifier,
		amount: U64F64,
		lat: I64F64,
		small: u32,
		big: u128,
		name: Vec<u8>,
		blob: Vec<u8>,
		hash: [u8; 4],
		none: Option<u32>,
		some: Option<u32>,
		kinds: (Kind, Kind),
		ids: Vec<u64>,
		unit: (),
	}

	#[test]
	fn values_render_in_the_documented_shape() {
		let mut registry = Registry::new();
		let ty = registry.register_type(&MetaType::new::<Sample>()).id;
		let types: PortableRegistry = registry.into();
		let sample = Sample {
			who: AccountId32([
				0xd4, 0x35, 0x93, 0xc7, 0x15, 0xfd, 0xd3, 0x1c, 0x61, 0x14, 0x1a, 0xbd, 0x04, 0xa9,
				0x9f, 0xd6, 0x82, 0x2c, 0x85, 0x58, 0x85, 0x4c, 0xcd, 0xe3, 0x9a, 0x56, 0x84, 0xe7,
				0xa5, 0x6d, 0xa2, 0x7d,
			]),
			cid: "sqm1v79dF6b".parse().unwrap(),
			amount: "0.5".parse().unwrap(),
			lat: "-35.25".parse().unwrap(),
			small: 7,
			big: u128::MAX,
			name: b"Mediterranea".to_vec(),
			blob: vec![0, 1, 2],
			hash: [0xde, 0xad, 0xbe, 0xef],
			none: None,
			some: Some(3),
			kinds: (Kind::Plain, Kind::Linked(4)),
			ids: vec![9],
			unit: (),
		};
		let json = decode(&types, ty, &mut &sample.encode()[..]).unwrap();
		assert_eq!(
			json,
			json!({
				"who": "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY",
				"cid": "sqm1v79dF6b",
				"amount": "0.5",
				"lat": "-35.25",
				"small": 7,
				"big": u128::MAX.to_string(),
				"name": "Mediterranea",
				"blob": "0x000102",
				"hash": "0xdeadbeef",
				"none": null,
				"some": 3,
				"kinds": ["Plain", { "Linked": 4 }],
				"ids": ["9"],
				"unit": [],
			})
		);
		assert_eq!(decode(&types, ty, &mut &[1u8, 2][..]), None, "bytes that do not decode");
	}
}
