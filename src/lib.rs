//! greenfit: a sustainability self-check and value-proposition canvas that cluster
//! organisations embed in their websites. Everything stays in the visitor's browser.
//!
//! `model` is plain Rust and holds the logic; `store` keeps documents; `ui` writes the screens as HTML;
//! `embed` defines the `<greenfit-widget>` element that host pages use (feature `widget`, on by
//! default). The cluster's `<greenfit-dashboard>` lives in the `dashboard/` crate and shares
//! `model` and `store`.

/// greenfit's version: on the elements' classes, and in every file greenfit writes.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

pub mod model;
pub mod store;
#[cfg(target_arch = "wasm32")]
pub mod web;

#[cfg(all(target_arch = "wasm32", feature = "widget"))]
pub(crate) mod embed;
#[cfg(all(target_arch = "wasm32", feature = "widget"))]
mod ui;
