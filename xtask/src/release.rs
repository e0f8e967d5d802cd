//! `cargo xtask release`: what a cluster's web admin installs without Rust, from dist/.
//!
//! release/
//!   greenfit-<v>/                 the ready-to-copy folder (every asset also as .br and .gz)
//!   greenfit-<v>.zip              that folder, zipped
//!   greenfit-<v>.tgz              the npm package (`npm pack`; not published)
//!   greenfit-wordpress-<v>.zip    the WordPress plugin
//!
//! The same source gives the same bytes: files are written in a fixed order with fixed times,
//! compressors run with fixed settings, and `npm pack` fixes its own times.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha256, Sha384};

use crate::{copy_dir, run, step, Result};

/// The version of the greenfit crate (the root Cargo.toml), which every artifact carries.
pub fn version() -> Result<String> {
    let manifest = fs::read_to_string("Cargo.toml").map_err(|e| format!("Cargo.toml: {e}"))?;
    let package = manifest
        .split("[package]")
        .nth(1)
        .ok_or("Cargo.toml has no [package]")?;
    package
        .lines()
        .find_map(|line| {
            let value = line
                .trim()
                .strip_prefix("version")?
                .trim()
                .strip_prefix('=')?;
            Some(value.trim().trim_matches('"').to_owned())
        })
        .ok_or_else(|| "Cargo.toml's [package] has no version".to_owned())
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn base64(bytes: &[u8]) -> String {
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(BASE64[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A Subresource Integrity value: `sha384-<base64>`.
pub fn sri(bytes: &[u8]) -> String {
    format!("sha384-{}", base64(&Sha384::digest(bytes)))
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn read(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).map_err(|e| format!("cannot read {path:?}: {e}"))
}

fn write(path: &Path, bytes: &[u8]) -> Result {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("cannot create {parent:?}: {e}"))?;
    }
    fs::write(path, bytes).map_err(|e| format!("cannot write {path:?}: {e}"))
}

/// Every file under `dir`, as paths relative to it with `/`, sorted.
fn files_under(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in fs::read_dir(&current).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(relative) = path.strip_prefix(dir) {
                found.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found.sort();
    found
}

/// The elements' files, as dist/ has them: scripts, wasm, language bundles; the
/// dashboard's only when `dashboard` is set.
fn element_files(dist: &Path, dashboard: bool) -> Vec<String> {
    files_under(dist)
        .into_iter()
        .filter(|f| !f.ends_with(".br") && !f.ends_with(".gz"))
        .filter(|f| {
            let widget = ["greenfit.js", "greenfit_bg.wasm"].contains(&f.as_str())
                || (f.starts_with("greenfit-lang/") && f.ends_with(".txt"));
            let board =
                ["greenfit-dashboard.js", "greenfit-dashboard_bg.wasm"].contains(&f.as_str());
            widget || (dashboard && board)
        })
        .collect()
}

/// The `.gz` twin of a file, as served to a browser. Zopfli writes standard gzip that any
/// browser reads, about 5 % smaller than zlib's best level; it is slower, which suits files
/// compressed once, at build time. The output depends on the input alone (no time stamp).
pub fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    zopfli::compress(
        zopfli::Options::default(),
        zopfli::Format::Gzip,
        bytes,
        &mut out,
    )
    .map_err(|e| e.to_string())?;
    Ok(out)
}

fn brotli(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut encoder = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        encoder.write_all(bytes).map_err(|e| e.to_string())?;
    }
    Ok(out)
}

/// A zip archive written deterministically: entries in the order given, deflated, all dated
/// 1980-01-01, no extra fields.
pub fn zip(entries: &[(String, Vec<u8>)]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, bytes) in entries {
        let mut crc = flate2::Crc::new();
        crc.update(bytes);
        let mut deflater =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        deflater.write_all(bytes).map_err(|e| e.to_string())?;
        let deflated = deflater.finish().map_err(|e| e.to_string())?;
        let offset = u32::try_from(out.len()).map_err(|_| "zip too large")?;
        // 1980-01-01 00:00, the earliest a zip can say: (year - 1980) << 9 | month << 5 | day.
        let (time, date) = (0u16, (1u16 << 5) | 1);
        let header = |signature: u32, central: bool| {
            let mut h = Vec::new();
            h.extend(signature.to_le_bytes());
            if central {
                h.extend(20u16.to_le_bytes()); // made by
            }
            h.extend(20u16.to_le_bytes()); // needed to extract
            h.extend(0x0800u16.to_le_bytes()); // UTF-8 names
            h.extend(8u16.to_le_bytes()); // deflate
            h.extend(time.to_le_bytes());
            h.extend(date.to_le_bytes());
            h.extend(crc.sum().to_le_bytes());
            h.extend((deflated.len() as u32).to_le_bytes());
            h.extend((bytes.len() as u32).to_le_bytes());
            h.extend((name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes()); // extra
            if central {
                h.extend(0u16.to_le_bytes()); // comment
                h.extend(0u16.to_le_bytes()); // disk
                h.extend(0u16.to_le_bytes()); // internal attributes
                h.extend((0o100644u32 << 16).to_le_bytes()); // external: a regular file
                h.extend(offset.to_le_bytes());
            }
            h.extend(name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend(&deflated);
        central.extend(header(0x0201_4b50, true));
    }
    let start = out.len() as u32;
    let size = central.len() as u32;
    out.extend(central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]); // disk numbers
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend(size.to_le_bytes());
    out.extend(start.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    Ok(out)
}

/// Writes the .br and .gz twins of the elements' files in `dist`.
pub fn precompress(dist: &Path) -> Result {
    for file in element_files(dist, true) {
        let bytes = read(&dist.join(&file))?;
        write(&dist.join(format!("{file}.gz")), &gzip(&bytes)?)?;
        write(&dist.join(format!("{file}.br")), &brotli(&bytes)?)?;
    }
    Ok(())
}

/// Copies the elements' files into `to`, each with its .br and .gz twin.
fn copy_assets(dist: &Path, to: &Path, precompress: bool, dashboard: bool) -> Result {
    for file in element_files(dist, dashboard) {
        let bytes = read(&dist.join(&file))?;
        write(&to.join(&file), &bytes)?;
        if precompress {
            for (ext, make) in [("gz", gzip as fn(&[u8]) -> Result<Vec<u8>>), ("br", brotli)] {
                let name = format!("{file}.{ext}");
                write(
                    &to.join(&name),
                    &twin(&dist.join(&name), &bytes, ext, make)?,
                )?;
            }
        }
    }
    Ok(())
}

/// The compressed twin of a file whose content is `bytes`: the one at `stored` when it holds
/// these very bytes (zopfli takes seconds a file), else made anew.
pub fn twin(
    stored: &Path,
    bytes: &[u8],
    ext: &str,
    make: fn(&[u8]) -> Result<Vec<u8>>,
) -> Result<Vec<u8>> {
    if let Ok(stored) = fs::read(stored) {
        let mut unpacked = Vec::new();
        let read = match ext {
            "gz" => std::io::Read::read_to_end(
                &mut flate2::read::GzDecoder::new(&stored[..]),
                &mut unpacked,
            ),
            _ => std::io::Read::read_to_end(
                &mut brotli::Decompressor::new(&stored[..], 4096),
                &mut unpacked,
            ),
        };
        if read.is_ok() && unpacked == bytes {
            return Ok(stored);
        }
    }
    make(bytes)
}

fn fill(template: &str, values: &BTreeMap<&str, String>) -> String {
    values
        .iter()
        .fold(template.to_owned(), |text, (key, value)| {
            text.replace(&format!("{{{{{key}}}}}"), value)
        })
}

fn folder_entries(root: &Path, prefix: &str) -> Result<Vec<(String, Vec<u8>)>> {
    files_under(root)
        .into_iter()
        .map(|file| Ok((format!("{prefix}{file}"), read(&root.join(&file))?)))
        .collect()
}

/// Writes release/ from a built dist/. Returns the release folder.
pub fn release(dist: &Path) -> Result<PathBuf> {
    let version = version()?;
    let out = Path::new("release");
    if out.exists() {
        fs::remove_dir_all(out).map_err(|e| format!("cannot clear release/: {e}"))?;
    }
    let js = read(&dist.join("greenfit.js"))?;
    let mut values = BTreeMap::new();
    values.insert("VERSION", version.clone());
    values.insert("SRI", sri(&js));
    values.insert(
        "DASHBOARD_SRI",
        sri(&read(&dist.join("greenfit-dashboard.js"))?),
    );

    step(&format!(
        "Release {version}: the self-hosting folder and zip"
    ));
    let name = format!("greenfit-{version}");
    let folder = out.join(&name);
    copy_assets(dist, &folder, true, true)?;
    let readme = fill(
        &fs::read_to_string("npm/README.md").map_err(|e| e.to_string())?,
        &values,
    );
    write(&folder.join("README.md"), readme.as_bytes())?;
    for file in ["LICENSE-MIT", "LICENSE-APACHE"] {
        write(&folder.join(file), &read(Path::new(file))?)?;
    }
    write(
        &folder.join("greenfit.sample.json"),
        &read(Path::new("www/greenfit.json"))?,
    )?;
    // The configuration check, to open from the admin's own site once the folder is copied.
    for file in ["config-check.html", "config-check.js", "config-check.css"] {
        write(&folder.join(file), &read(&Path::new("www").join(file))?)?;
    }
    for schema in [
        "config.schema.json",
        "export-format.schema.json",
        "share-format.schema.json",
        "benchmark.schema.json",
    ] {
        write(
            &folder.join("schemas").join(schema),
            &read(&Path::new("docs").join(schema))?,
        )?;
    }
    let mut sums = String::new();
    for file in files_under(&folder) {
        sums.push_str(&format!(
            "{}  {file}\n",
            sha256_hex(&read(&folder.join(&file))?)
        ));
    }
    write(&folder.join("SHA256SUMS"), sums.as_bytes())?;
    let entries = folder_entries(&folder, &format!("{name}/"))?;
    write(&out.join(format!("{name}.zip")), &zip(&entries)?)?;

    step("Release: the npm package (npm pack)");
    let package = out.join("npm-package");
    copy_assets(dist, &package, false, true)?;
    for file in ["greenfit.d.ts", "custom-elements.json"] {
        write(&package.join(file), &read(&Path::new("npm").join(file))?)?;
    }
    write(&package.join("README.md"), readme.as_bytes())?;
    for file in ["LICENSE-MIT", "LICENSE-APACHE"] {
        write(&package.join(file), &read(Path::new(file))?)?;
    }
    let manifest = fill(
        &fs::read_to_string("npm/package.json").map_err(|e| e.to_string())?,
        &values,
    );
    write(&package.join("package.json"), manifest.as_bytes())?;
    let destination = fs::canonicalize(out).map_err(|e| e.to_string())?;
    run(Command::new("npm")
        .args(["pack", "--silent", "--pack-destination"])
        .arg(&destination)
        .current_dir(&package))?;
    fs::remove_dir_all(&package).map_err(|e| e.to_string())?;

    step("Release: the WordPress plugin");
    let plugin = out.join("wordpress");
    let plugin_root = plugin.join("greenfit");
    fs::create_dir_all(&plugin_root).map_err(|e| e.to_string())?;
    copy_dir(Path::new("wordpress"), &plugin_root)?;
    for file in ["greenfit.php", "readme.txt"] {
        let path = plugin_root.join(file);
        let text = fs::read_to_string(&path).map_err(|e| e.to_string())?;
        write(&path, fill(&text, &values).as_bytes())?;
    }
    // The members' widget only: the dashboard is for a staff page (see the README).
    copy_assets(dist, &plugin_root.join("assets"), false, false)?;
    write(
        &plugin_root.join("assets/.htaccess"),
        b"# greenfit: the browser compiles .wasm fastest when it is sent as application/wasm.\n\
          AddType application/wasm .wasm\n",
    )?;
    for file in ["LICENSE-MIT", "LICENSE-APACHE"] {
        write(&plugin_root.join(file), &read(Path::new(file))?)?;
    }
    let entries = folder_entries(&plugin_root, "greenfit/")?;
    write(
        &out.join(format!("greenfit-wordpress-{version}.zip")),
        &zip(&entries)?,
    )?;
    fs::remove_dir_all(&plugin).map_err(|e| e.to_string())?;

    println!("\nrelease/ ready:");
    for file in files_under(out).iter().filter(|f| !f.contains('/')) {
        let size = fs::metadata(out.join(file)).map(|m| m.len()).unwrap_or(0);
        println!("  {file:<40} {:>9}", crate::kb(size));
    }
    println!("  greenfit.js integrity: {}", values["SRI"]);
    Ok(folder)
}

/// Every file of release/ with its SHA-256, for comparing two builds.
pub fn fingerprint(out: &Path) -> Result<BTreeMap<String, String>> {
    files_under(out)
        .into_iter()
        .map(|file| Ok((file.clone(), sha256_hex(&read(&out.join(&file))?))))
        .collect()
}
