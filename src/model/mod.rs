//! Everything greenfit knows, as plain Rust: no browser APIs here, so `cargo test` covers it.

pub mod answers;
pub mod canvas;
pub mod config;
pub mod content;
pub mod dashboard;
pub mod dates;
pub mod document;
pub mod geometry;
pub mod json;
pub mod language;
pub mod markup;
pub mod revisions;
pub mod scoring;
pub mod session;
pub mod share;
pub mod strings;

/// Sorts `items` stably: an insertion sort, linear on a list already in order and fine for the
/// short lists greenfit sorts (a language's strings, which its files keep in key order; the
/// priorities). The standard library's stable sort is compiled into the wasm once for every
/// element type and order (about 3.7 KB each); this is a few hundred bytes.
pub(crate) fn sort_by<T>(items: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && less(&items[j], &items[j - 1]) {
            items.swap(j, j - 1);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sort_by_orders_and_keeps_equal_items_in_their_order() {
        let mut items = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e'), (0, 'f')];
        super::sort_by(&mut items, |a, b| a.0 < b.0);
        assert_eq!(
            items,
            [(0, 'f'), (1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]
        );
        let mut empty: Vec<u8> = Vec::new();
        super::sort_by(&mut empty, |a, b| a < b);
        assert!(empty.is_empty());
    }
}
