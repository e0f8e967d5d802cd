//! Turns the content data files (JSON) into what the wasm builds in: the shape every language
//! must fit, English's bundle (for the dashboard, tests and tools; the widget loads English
//! as a bundle like the other languages), the date formats and the bundles' integrity hashes.
// Shared with xtask, which also makes the on-demand language bundles.
#[path = "src/content/flat.rs"]
#[allow(dead_code)]
mod flat;

use sha2::Digest;
use std::{env, fs, path::Path};

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    println!("cargo:rerun-if-changed=src/content/flat.rs");
    let shape = flat::encode_shape(
        &fs::read_to_string("src/content/selfcheck.en.json").expect("selfcheck.en.json"),
        &fs::read_to_string("src/content/ui.en.json").expect("ui.en.json"),
    )
    .unwrap_or_else(|e| panic!("the shape of the content: {e}"));
    fs::write(Path::new(&out).join("shape.flat"), &shape).expect("OUT_DIR is writable");

    // How each language writes a date, as a table for src/model/dates.rs.
    println!("cargo:rerun-if-changed=src/content/dates.json");
    let dates = fs::read_to_string("src/content/dates.json").expect("src/content/dates.json");
    let table =
        flat::encode_dates(&dates).unwrap_or_else(|e| panic!("src/content/dates.json: {e}"));
    fs::write(Path::new(&out).join("dates.rs"), table).expect("OUT_DIR is writable");

    // The integrity hash of every language bundle xtask writes (the same encoder, the same
    // bytes), so that the widget fetches each bundle with it: a changed bundle is refused.
    let mut table = String::from("&[\n");
    for lang in ["de", "en", "es", "fr", "it", "pl"] {
        let read = |name: String| {
            let path = format!("src/content/{name}");
            println!("cargo:rerun-if-changed={path}");
            fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
        };
        let bundle = flat::encode_bundle(
            &shape,
            &read(format!("selfcheck.{lang}.json")),
            &read(format!("ui.{lang}.json")),
            &read(format!("example-canvas.{lang}.json")),
        )
        .unwrap_or_else(|e| panic!("language {lang}: {e}"));
        if lang == "en" {
            // Built into the dashboard, which shows English without a request.
            fs::write(Path::new(&out).join("en.bundle"), &bundle).expect("OUT_DIR is writable");
        }
        let digest = sha2::Sha384::digest(bundle.as_bytes());
        table.push_str(&format!(
            "    (\"{lang}\", \"sha384-{}\"),\n",
            base64(&digest)
        ));
    }
    table.push(']');
    fs::write(Path::new(&out).join("bundle-integrity.rs"), table).expect("OUT_DIR is writable");
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}
