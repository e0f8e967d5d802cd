//! greenfit: a sustainability self-check and value-proposition canvas that cluster
//! organisations embed in their websites. Everything stays in the visitor's browser.
//!
//! `model` is plain Rust and holds the logic; `store` keeps documents; `ui` renders with Yew;
//! `embed` defines the `<greenfit-widget>` element that host pages use.

pub mod model;
pub mod store;

#[cfg(target_arch = "wasm32")]
mod embed;
#[cfg(target_arch = "wasm32")]
mod ui;
