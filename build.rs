//! Turns the built-in English content (JSON data files) into flat tables for the wasm.
// Shared with xtask, which also makes the on-demand language bundles.
#[path = "src/content/flat.rs"]
#[allow(dead_code)]
mod flat;

use std::{env, fs, path::Path};

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for (source, target, encode) in [
        (
            "src/content/selfcheck.en.json",
            "selfcheck.en.flat",
            flat::encode_content as fn(&str) -> Result<String, String>,
        ),
        ("src/content/ui.en.json", "ui.en.flat", flat::encode_strings),
    ] {
        println!("cargo:rerun-if-changed={source}");
        let json = fs::read_to_string(source).unwrap_or_else(|e| panic!("{source}: {e}"));
        let flat = encode(&json).unwrap_or_else(|e| panic!("{source}: {e}"));
        fs::write(Path::new(&out).join(target), flat).expect("OUT_DIR is writable");
    }
    println!("cargo:rerun-if-changed=src/content/flat.rs");
}
