//! `<greenfit-dashboard>`: the cluster manager's view of what members chose to share. It reads
//! share files, share codes and full greenfit exports in the browser, shows the members' needs,
//! and writes CSV tables, a printable report, the benchmark for the widget's config and a
//! service canvas. Every rule (reading, duplicates, quartiles, the group-size rule, CSV, the
//! benchmark) lives in `greenfit::model::dashboard` and is tested natively; this crate renders.
//!
//! Built as its own wasm bundle (`cargo xtask dist`), so the members' widget stays small.

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod element;
