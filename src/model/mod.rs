//! Everything greenfit knows, as plain Rust: no browser APIs here, so `cargo test` covers it.

pub mod answers;
pub mod canvas;
pub mod config;
pub mod content;
pub mod dashboard;
pub mod document;
pub mod geometry;
pub mod json;
pub mod language;
pub mod revisions;
pub mod scoring;
pub mod session;
pub mod share;
pub mod strings;
