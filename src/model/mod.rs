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
pub mod sorted;
pub mod strings;

/// Sorts `items` stably: an insertion sort, linear on a list already in order and fine for the
/// short lists greenfit sorts (the priorities). The standard library's stable sort is compiled into the wasm once for every
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

/// Sorts `items` in O(n log n) without keeping equal items in order: a heapsort, for the lists
/// that can be long (an object's keys, checked for a duplicate; the dashboard's scores). The
/// standard library's unstable sort is about 3 KB of wasm; this is a few hundred bytes.
pub(crate) fn sort_unstable_by<T>(items: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    // Moves the item at `root` down until it is not less than its children, in `items[..end]`.
    let mut sift_down = |items: &mut [T], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && less(&items[child], &items[child + 1]) {
            child += 1;
        }
        if !less(&items[root], &items[child]) {
            return;
        }
        items.swap(root, child);
        root = child;
    };
    let len = items.len();
    for root in (0..len / 2).rev() {
        sift_down(items, root, len);
    }
    for end in (1..len).rev() {
        items.swap(0, end);
        sift_down(items, 0, end);
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

    #[test]
    fn sort_unstable_by_orders_like_the_standard_sort() {
        // Lengths 0 to 300, with many equal items, from a small fixed generator.
        let mut seed = 12345u32;
        for len in 0..300 {
            let mut items: Vec<u32> = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    (seed >> 16) % 50
                })
                .collect();
            let mut expected = items.clone();
            expected.sort_unstable();
            super::sort_unstable_by(&mut items, |a, b| a < b);
            assert_eq!(items, expected, "length {len}");
        }
        let mut words = vec!["pear", "apple", "fig", "apple", "kiwi"];
        super::sort_unstable_by(&mut words, |a, b| a < b);
        assert_eq!(words, ["apple", "apple", "fig", "kiwi", "pear"]);
    }
}
