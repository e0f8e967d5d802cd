//! A map and a set kept as lists sorted by key.
//!
//! `BTreeMap` and `BTreeSet` compile their tree code (insertion, removal with rebalancing,
//! cloning, dropping) into the wasm once for every key and value type: about 40 KB of the
//! widget's wasm for a handful of maps and sets that hold a few dozen entries. A sorted list
//! finds a key by binary search and costs a few hundred bytes per type.
//!
//! Inserting in the middle of a list moves the entries after it, so what may be long and come
//! in any order (a map read from a file, a set of ids from an imported canvas) is built in one
//! step and sorted once ([`SortedMap::from_unique`], `collect()` into a [`SortedSet`]), never
//! entry by entry: O(n log n) whatever a crafted file holds.

use std::borrow::Borrow;
use std::fmt;

/// A map whose entries are kept in key order, like a `BTreeMap`.
#[derive(Clone, PartialEq, Eq)]
pub struct SortedMap<K, V> {
    entries: Vec<(K, V)>,
}

/// What iterating over a `&SortedMap` yields: keys and values by reference, in key order.
pub type Iter<'a, K, V> =
    std::iter::Map<std::slice::Iter<'a, (K, V)>, fn(&'a (K, V)) -> (&'a K, &'a V)>;

impl<K, V> SortedMap<K, V> {
    pub const fn new() -> Self {
        SortedMap {
            entries: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Keys and values in key order.
    pub fn iter(&self) -> Iter<'_, K, V> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &K> {
        self.entries.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.entries.iter().map(|(_, v)| v)
    }

    /// Keeps the entries for which `keep` is true, in order.
    pub fn retain(&mut self, mut keep: impl FnMut(&K, &mut V) -> bool) {
        self.entries.retain_mut(|(k, v)| keep(k, v));
    }
}

impl<K: Ord, V> SortedMap<K, V> {
    /// A map of `entries`, whose keys must all differ (as an object's keys in a JSON text read
    /// by `json::parse` do); `None` if a key is twice. Sorts once: O(n log n).
    pub fn from_unique(mut entries: Vec<(K, V)>) -> Option<Self> {
        super::sort_unstable_by(&mut entries, |a, b| a.0 < b.0);
        if entries.windows(2).any(|pair| pair[0].0 == pair[1].0) {
            return None;
        }
        Some(SortedMap { entries })
    }

    /// Where `key` is, or where it would go.
    fn find<Q>(&self, key: &Q) -> Result<usize, usize>
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.entries.binary_search_by(|(k, _)| k.borrow().cmp(key))
    }

    pub fn get<Q>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.find(key).ok().map(|i| &self.entries[i].1)
    }

    pub fn get_mut<Q>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.find(key).ok().map(|i| &mut self.entries[i].1)
    }

    pub fn contains_key<Q>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.find(key).is_ok()
    }

    /// Sets the value for `key`, returning the value it replaces. Adding after the last key
    /// (as a map filled in key order does) moves nothing.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        let at_end = self.entries.last().is_none_or(|(last, _)| *last < key);
        let found = if at_end {
            Err(self.entries.len())
        } else {
            self.find(&key)
        };
        match found {
            Ok(i) => Some(std::mem::replace(&mut self.entries[i].1, value)),
            Err(i) => {
                self.entries.insert(i, (key, value));
                None
            }
        }
    }

    pub fn remove<Q>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.find(key).ok().map(|i| self.entries.remove(i).1)
    }
}

/// `map[key]`, which panics if `key` is not there, as a `BTreeMap`'s does.
impl<K: Ord + Borrow<Q>, Q: Ord + ?Sized, V> std::ops::Index<&Q> for SortedMap<K, V> {
    type Output = V;

    fn index(&self, key: &Q) -> &V {
        self.get(key).expect("no entry for this key")
    }
}

impl<K, V> Default for SortedMap<K, V> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for SortedMap<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// Entry by entry, as `insert` (a later value for a key replaces an earlier one): for short
/// maps or entries in key order. A long list in any order goes through `from_unique`.
impl<K: Ord, V> FromIterator<(K, V)> for SortedMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(entries: I) -> Self {
        let mut map = SortedMap::new();
        for (key, value) in entries {
            map.insert(key, value);
        }
        map
    }
}

impl<K: Ord, V, const N: usize> From<[(K, V); N]> for SortedMap<K, V> {
    fn from(entries: [(K, V); N]) -> Self {
        entries.into_iter().collect()
    }
}

impl<'a, K, V> IntoIterator for &'a SortedMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = Iter<'a, K, V>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<K, V> IntoIterator for SortedMap<K, V> {
    type Item = (K, V);
    type IntoIter = std::vec::IntoIter<(K, V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

/// A set whose items are kept in order, like a `BTreeSet`.
#[derive(Clone, PartialEq, Eq)]
pub struct SortedSet<T> {
    items: Vec<T>,
}

impl<T: Ord> SortedSet<T> {
    pub const fn new() -> Self {
        SortedSet { items: Vec::new() }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }

    /// Where `item` is in the set's order, if it is in the set.
    pub fn position<Q>(&self, item: &Q) -> Option<usize>
    where
        T: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.items.binary_search_by(|t| t.borrow().cmp(item)).ok()
    }

    pub fn contains<Q>(&self, item: &Q) -> bool
    where
        T: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.position(item).is_some()
    }

    /// Adds `item`; false if it was there already. For sets that stay short (their lists are
    /// checked against their limits first): adding in the middle moves the items after it.
    pub fn insert(&mut self, item: T) -> bool {
        match self.items.binary_search(&item) {
            Ok(_) => false,
            Err(i) => {
                self.items.insert(i, item);
                true
            }
        }
    }
}

impl<T: Ord> Default for SortedSet<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: fmt::Debug> fmt::Debug for SortedSet<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.items.iter()).finish()
    }
}

/// Sorts once and drops repeats: O(n log n) however many items come, in any order.
impl<T: Ord> FromIterator<T> for SortedSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        let mut items: Vec<T> = items.into_iter().collect();
        super::sort_unstable_by(&mut items, |a, b| a < b);
        items.dedup();
        SortedSet { items }
    }
}

impl<'a, T> IntoIterator for &'a SortedSet<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    /// Keys from a small fixed generator, with many repeats.
    fn keys(len: usize, seed: &mut u32) -> Vec<u32> {
        (0..len)
            .map(|_| {
                *seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                (*seed >> 16) % 40
            })
            .collect()
    }

    #[test]
    fn the_map_answers_as_a_btreemap_does() {
        let mut seed = 7;
        for len in 0..120 {
            let mut ours = SortedMap::new();
            let mut std = BTreeMap::new();
            for (step, key) in keys(len, &mut seed).into_iter().enumerate() {
                if step % 3 == 2 {
                    assert_eq!(ours.remove(&key), std.remove(&key), "remove {key}");
                } else {
                    assert_eq!(
                        ours.insert(key, step),
                        std.insert(key, step),
                        "insert {key}"
                    );
                }
                assert_eq!(ours.get(&key), std.get(&key));
                if let Some(value) = ours.get_mut(&key) {
                    *value += 1;
                    *std.get_mut(&key).unwrap() += 1;
                }
                assert_eq!(ours.contains_key(&(key + 1)), std.contains_key(&(key + 1)));
            }
            assert_eq!(ours.len(), std.len());
            assert!(ours.iter().eq(std.iter()), "length {len}");
            assert!(ours.keys().eq(std.keys()));
            assert!(ours.values().eq(std.values()));
            ours.retain(|k, _| k % 2 == 0);
            std.retain(|k, _| k % 2 == 0);
            assert!(ours.clone().into_iter().eq(std.clone()));
            let collected: SortedMap<u32, usize> = std.clone().into_iter().rev().collect();
            assert_eq!(collected, ours);
        }
    }

    #[test]
    fn a_map_from_unique_keys_is_sorted_and_refuses_a_key_twice() {
        let map = SortedMap::from_unique(vec![("b", 2), ("c", 3), ("a", 1)]).unwrap();
        assert_eq!(
            map.iter().collect::<Vec<_>>(),
            [(&"a", &1), (&"b", &2), (&"c", &3)]
        );
        assert_eq!(map.get("b"), Some(&2));
        assert_eq!(map["c"], 3);
        assert!(SortedMap::from_unique(vec![("b", 2), ("a", 1), ("b", 3)]).is_none());
        assert!(SortedMap::<u8, u8>::from_unique(Vec::new())
            .unwrap()
            .is_empty());
        assert_eq!(format!("{map:?}"), r#"{"a": 1, "b": 2, "c": 3}"#);
    }

    #[test]
    fn later_values_win_when_a_map_is_collected() {
        let map = SortedMap::from([("x", 1), ("a", 2), ("x", 3)]);
        assert_eq!(map.get("x"), Some(&3));
        assert_eq!(map.len(), 2);
    }

    #[test]
    fn the_set_answers_as_a_btreeset_does() {
        let mut seed = 99;
        for len in 0..120 {
            let items = keys(len, &mut seed);
            let mut ours = SortedSet::new();
            let mut std = BTreeSet::new();
            for &item in &items {
                assert_eq!(ours.insert(item), std.insert(item));
            }
            assert!(ours.iter().eq(std.iter()));
            let collected: SortedSet<u32> = items.iter().copied().collect();
            assert_eq!(collected, ours);
            for probe in 0..45 {
                assert_eq!(ours.contains(&probe), std.contains(&probe));
                assert_eq!(
                    ours.position(&probe),
                    std.iter().position(|&i| i == probe),
                    "{probe}"
                );
            }
        }
    }

    #[test]
    fn a_long_list_in_reverse_order_comes_out_sorted() {
        // 200,000 keys in reverse, as many as a crafted 2 MB file can hold.
        let entries: Vec<(u32, ())> = (0..200_000).rev().map(|k| (k, ())).collect();
        let map = SortedMap::from_unique(entries).unwrap();
        assert!(map.keys().copied().eq(0..200_000));
        let set: SortedSet<u32> = (0..200_000).rev().collect();
        assert_eq!(set.len(), 200_000);
    }
}
