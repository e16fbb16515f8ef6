// SPDX-License-Identifier: GPL-3.0-or-later
//! Pages of a list, so that no single read of a list (a runtime API call, a view function) costs
//! more than a bounded amount however long the list grows.
//!
//! A page is read by scanning at most `limit` entries ([`MAX_PAGE`] at most) after a cursor, the
//! key of the last entry scanned before. The page holds the entries kept (a scan may skip some,
//! e.g. communities in which an account holds nothing) and, if the list goes on, the cursor to
//! read the next page from ([`Page::next`]). Reading page after page until `next` is `None`
//! yields every entry once, in the list's order, when the list does not change meanwhile; an
//! entry removed meanwhile is simply not seen, and the cursor need not exist any more.

use alloc::vec::Vec;
use codec::{Decode, Encode};
use scale_info::TypeInfo;

/// The most entries one page scans.
pub const MAX_PAGE: u32 = 1000;

/// One page of a list: the entries kept and where the next page starts.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct Page<K, T> {
	/// The entries of this page, in the list's order.
	pub items: Vec<T>,
	/// `Some(key)`: the list goes on after `key` (ask again with it as the cursor); `None`: this
	/// is the last page.
	pub next: Option<K>,
}

impl<K, T> Page<K, T> {
	/// A page without entries and without a next one.
	pub fn empty() -> Self {
		Page { items: Vec::new(), next: None }
	}
}

/// The number of entries a page scans when `limit` is asked: `limit`, but at least 1 and at most
/// [`MAX_PAGE`].
pub fn page_size(limit: u32) -> u32 {
	limit.clamp(1, MAX_PAGE)
}

/// Scan at most [`page_size`]`(limit)` entries of `entries` (keyed, in the list's order, starting
/// after the cursor), keep those `keep` maps to `Some`, and name the last key scanned as the next
/// cursor if `entries` has more.
pub fn scan<K, V, T>(
	entries: impl Iterator<Item = (K, V)>,
	limit: u32,
	mut keep: impl FnMut(&K, V) -> Option<T>,
) -> Page<K, T> {
	let mut entries = entries.peekable();
	let mut items = Vec::new();
	let mut last = None;
	for (key, value) in entries.by_ref().take(page_size(limit) as usize) {
		if let Some(item) = keep(&key, value) {
			items.push(item);
		}
		last = Some(key);
	}
	let next = if entries.peek().is_some() { last } else { None };
	Page { items, next }
}

/// A page of the indices `first..end` after the cursor `after` (so `after + 1..end`, or
/// `first..end` without a cursor), each mapped by `item` (`None`: skipped).
pub fn indices<T>(
	first: u32,
	end: u32,
	after: Option<u32>,
	limit: u32,
	item: impl FnMut(&u32, ()) -> Option<T>,
) -> Page<u32, T> {
	let start = after.map_or(first, |a| a.saturating_add(1).max(first));
	scan((start..end).map(|i| (i, ())), limit, item)
}

#[cfg(test)]
mod tests {
	use super::*;
	use proptest::prelude::*;

	/// Read `list` page by page, as a client does.
	fn read_all(list: &[(u32, u32)], limit: u32, keep: fn(&u32) -> bool) -> (Vec<u32>, usize) {
		let (mut all, mut pages, mut after) = (Vec::new(), 0, None);
		loop {
			let from = list.iter().filter(|(k, _)| after.is_none_or(|a| *k > a)).copied();
			let page = scan(from, limit, |_, v| keep(&v).then_some(v));
			pages += 1;
			all.extend(page.items);
			match page.next {
				Some(next) => after = Some(next),
				None => return (all, pages),
			}
		}
	}

	#[test]
	fn known_pages() {
		let list: Vec<(u32, u32)> = (0..5).map(|i| (i, i * 10)).collect();
		let page = scan(list.iter().copied(), 2, |_, v| Some(v));
		assert_eq!(page, Page { items: vec![0, 10], next: Some(1) });
		let page = scan(list.iter().copied().skip(4), 2, |_, v| Some(v));
		assert_eq!(page, Page { items: vec![40], next: None });
		// A full last page says there is no more.
		let page = scan(list.iter().copied(), 5, |_, v| Some(v));
		assert_eq!(page, Page { items: vec![0, 10, 20, 30, 40], next: None });
		// Skipped entries still advance the cursor.
		let page = scan(list.iter().copied(), 3, |_, v| (v == 0).then_some(v));
		assert_eq!(page, Page { items: vec![0], next: Some(2) });
		// Limits are clamped.
		assert_eq!(page_size(0), 1);
		assert_eq!(page_size(u32::MAX), MAX_PAGE);
		assert_eq!(
			scan((0..5000u32).map(|k| (k, ())), u32::MAX, |k, ()| Some(*k)).items.len(),
			MAX_PAGE as usize
		);
		assert_eq!(indices(1, 4, None, 10, |i, ()| Some(*i)).items, vec![1, 2, 3]);
		assert_eq!(
			indices(1, 4, Some(1), 1, |i, ()| Some(*i)),
			Page { items: vec![2], next: Some(2) }
		);
		assert_eq!(indices(1, 4, Some(u32::MAX), 10, |i, ()| Some(*i)), Page::empty());
		assert_eq!(indices(5, 4, None, 10, |i, ()| Some(*i)), Page::empty());
	}

	proptest! {
		/// Page after page yields every entry kept, once, in order; a page scans at most its
		/// size; only the last page has no cursor.
		#[test]
		fn pages_yield_the_whole_list_once(
			keys in proptest::collection::btree_set(any::<u32>(), 0..300),
			limit in 0u32..40,
			modulus in 1u32..4,
		) {
			let list: Vec<(u32, u32)> = keys.into_iter().map(|k| (k, k)).collect();
			fn all(_: &u32) -> bool { true }
			fn even(v: &u32) -> bool { v.is_multiple_of(2) }
			fn thirds(v: &u32) -> bool { v.is_multiple_of(3) }
			let keep: fn(&u32) -> bool = match modulus { 1 => all, 2 => even, _ => thirds };
			let (all, pages) = read_all(&list, limit, keep);
			let want: Vec<u32> = list.iter().map(|(_, v)| *v).filter(keep).collect();
			prop_assert_eq!(all, want);
			let size = page_size(limit) as usize;
			prop_assert_eq!(pages, list.len().div_ceil(size).max(1));
		}

		#[test]
		fn index_pages_cover_the_range(first in 0u32..50, len in 0u32..200, limit in 0u32..30) {
			let end = first + len;
			let (mut all, mut after) = (Vec::new(), None);
			loop {
				let page = indices(first, end, after, limit, |i, ()| Some(*i));
				prop_assert!(page.items.len() <= page_size(limit) as usize);
				all.extend(page.items);
				match page.next { Some(n) => after = Some(n), None => break }
			}
			prop_assert_eq!(all, (first..end).collect::<Vec<_>>());
		}
	}
}
