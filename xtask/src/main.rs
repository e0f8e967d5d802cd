//! `cargo xtask dist | demo | test | bench | serve`: build, serve, check and measure greenfit.
//!
//! Every command installs what it can (the wasm target, the wasm-bindgen CLI that matches
//! Cargo.lock, the npm packages from package-lock.json) and otherwise says exactly what is
//! missing and how to get it.

mod demo;
mod inline;
mod names;
mod release;
mod serve;

/// The content encoder the widget's build.rs uses, for the on-demand language bundles.
#[path = "../../src/content/flat.rs"]
#[allow(dead_code)]
mod flat;
/// The stylesheet minifier; the widget's minified stylesheet goes into greenfit.js.
#[path = "../../src/embed/minify.rs"]
mod minify;

use std::env;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

/// Everything a host page downloads for the widget must stay within this, gzip-compressed.
/// The goal is 150 KB (issue #10); docs/performance.md explains the measured size, which
/// includes the largest language bundle. Sharing with the cluster and its benchmark (#8)
/// added about 21 KB, and a failsafe start, integrity checks, colour parsing with a contrast
/// check and language-bundle validation about 5 KB, the reworked questions and their migration
/// about 5 KB; precompressing with zopfli instead of zlib took 14.7 KB off (292.1 KB); "Your
/// data" in words and printing across shadow roots added 4.9 KB (297.0 KB). Reading and writing
/// JSON without serde (src/model/json.rs) took 29.9 KB off (268.8 KB): the budget followed, to
/// 275 KB. Sets, maps and sorts that no longer compile the standard sort once per type, and the
/// minified stylesheet, took about 14 KB off (257.6 KB): 260 KB. Keeping functions with one
/// caller apart in wasm-opt, and a heapsort of our own, took 16.2 KB off (242.6 KB): 245 KB.
/// Maps and sets as sorted lists instead of B-trees (src/model/sorted.rs) took 6.7 KB off
/// (236.0 KB), and eight small components made plain functions 5.4 KB more (229.2 KB): 232 KB.
/// English loaded as a bundle like the other languages, with only the shape of the content
/// built in, took 12.2 KB off (217.2 KB): 220 KB. Five more components made plain functions
/// and the app's effects merged took 3.6 KB off (214.0 KB, after 0.4 KB for the element API's
/// early actions): 216 KB. The standard library built with the wasm's profile, with panics that
/// abort at once (no messages, locations or their formatting), took 13.9 KB off (201.5 KB):
/// 203 KB. Short names for what the wasm and its glue call each other by took 6.1 KB off
/// (195.4 KB): 197 KB. Language bundles with only their words (the ids and keys are in the
/// wasm's shape) took 1.7 KB off (193.7 KB), and the results' chart, each area's advice and
/// "Your data"'s record written as strings of HTML 2.9 KB more (190.8 KB): 192 KB. The screens
/// written as strings of HTML and patched in place by a few lines of JavaScript, instead of
/// Yew's components, took 63.5 KB off (127.3 KB, 116.3 KB Brotli), and parts of a screen not
/// sent again when unchanged added 1.5 KB, a Trusted Types policy and the canvas's name forms
/// written by one function 0.2 KB (129.0 KB, 117.6 KB Brotli): 130 KB, within #10's goals of
/// 150 KB gzip and 120 KB Brotli.
const SIZE_BUDGET_BYTES: u64 = 130 * 1024;
/// The same files, Brotli-compressed (what today's browsers are sent): #10's goal.
const BROTLI_BUDGET_BYTES: u64 = 120 * 1024;
const DEMO_ADDR: &str = "127.0.0.1:8080";

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf();
    env::set_current_dir(&root).expect("the workspace root exists");
    let result = match args.first().map(String::as_str) {
        Some("dist") => dist().map(|_| ()),
        Some("demo") => demo(),
        Some("test") => test(),
        Some("bench") => bench(),
        Some("release") => dist()
            .and_then(|_| release::release(Path::new("dist")))
            .map(|_| ()),
        Some("serve") => serve::run(DEMO_ADDR, Path::new("dist")),
        _ => {
            eprintln!(
                "usage: cargo xtask <command>\n\n  \
                 dist    build the widget and the demo site into dist/\n  \
                 demo    build, then serve the demo site on http://{DEMO_ADDR}\n  \
                 test    every check: fmt, clippy, native, browser and end-to-end tests, size\n  \
                 bench   build, then measure load and interaction in headless Chromium\n  \
                 release build, then write release/: the zip, the npm package, the WordPress plugin\n  \
                 serve   serve dist/ as it is"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn step(title: &str) {
    println!("\n==> {title}");
    let _ = std::io::stdout().flush();
}

fn run(command: &mut Command) -> Result {
    let shown = format!("{command:?}");
    let status = command
        .status()
        .map_err(|e| format!("could not start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

fn output(command: &mut Command) -> Option<String> {
    let out = command.output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

fn cargo() -> Command {
    Command::new(env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
}

// ---------------------------------------------------------------------------------------------
// Tools

fn ensure_wasm_target() -> Result {
    ensure_toolchain_part(
        "lib/rustlib/wasm32-unknown-unknown",
        "the wasm32-unknown-unknown target",
        &["target", "add", "wasm32-unknown-unknown"],
    )
}

/// The standard library's sources, from which the release wasm's own standard library is built.
fn ensure_rust_src() -> Result {
    ensure_toolchain_part(
        "lib/rustlib/src/rust/library/std",
        "the standard library's sources (rust-src)",
        &["component", "add", "rust-src"],
    )
}

/// A part of the Rust toolchain, found at `path` in its sysroot, or installed by rustup.
fn ensure_toolchain_part(path: &str, what: &str, rustup: &[&str]) -> Result {
    if Path::new(&sysroot()?).join(path).is_dir() {
        return Ok(());
    }
    step(&format!("Installing {what}"));
    run(Command::new("rustup").args(rustup))
        .map_err(|e| format!("{e}\nInstall it with: rustup {}", rustup.join(" ")))
}

/// The wasm-bindgen version that Cargo.lock pins.
fn locked_wasm_bindgen() -> Result<String> {
    let lock = fs::read_to_string("Cargo.lock")
        .map_err(|e| format!("Cargo.lock is missing ({e}); run `cargo generate-lockfile`"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(version.trim_end_matches('"').to_owned());
            }
        }
    }
    Err("Cargo.lock does not list wasm-bindgen".to_owned())
}

fn ensure_wasm_bindgen() -> Result {
    let wanted = locked_wasm_bindgen()?;
    let found = output(Command::new("wasm-bindgen").arg("--version"));
    if found.as_deref() == Some(&format!("wasm-bindgen {wanted}")) {
        return Ok(());
    }
    step(&format!(
        "Installing wasm-bindgen-cli {wanted} (found: {})",
        found.as_deref().unwrap_or("none")
    ));
    // Without --locked: the CLI's own lock file names crate versions some mirrors lack.
    run(cargo().args(["install", "wasm-bindgen-cli", "--version", &wanted])).map_err(|e| {
        format!("{e}\nInstall it with: cargo install wasm-bindgen-cli --version {wanted}")
    })
}

/// The geckodriver that drives Firefox in the engine tests, from crates.io.
const GECKODRIVER_VERSION: &str = "0.37.1";

fn ensure_geckodriver() -> Result<String> {
    if let Ok(path) = env::var("GECKODRIVER") {
        return Ok(path);
    }
    // On PATH, or where `cargo install` puts it (which need not be on PATH).
    let installed = machine_paths()?[0].clone() + "/bin/geckodriver";
    let wanted = format!("geckodriver {GECKODRIVER_VERSION}");
    let usable = |binary: &str| {
        output(Command::new(binary).arg("--version")).is_some_and(|v| v.starts_with(&wanted))
    };
    if let Some(binary) = ["geckodriver", installed.as_str()]
        .into_iter()
        .find(|b| usable(b))
    {
        return Ok(binary.to_owned());
    }
    step(&format!(
        "Installing geckodriver {GECKODRIVER_VERSION} from crates.io (drives Firefox)"
    ));
    run(cargo().args([
        "install",
        "geckodriver",
        "--locked",
        "--version",
        GECKODRIVER_VERSION,
    ]))
    .map_err(|e| {
        format!(
            "{e}\nInstall it with: cargo install geckodriver --locked --version \
             {GECKODRIVER_VERSION}"
        )
    })?;
    Ok(installed)
}

/// The Debian packages whose file (the first of each pair) is not there.
fn missing_packages<'a>(files: &[(&str, &'a str)]) -> Vec<&'a str> {
    files
        .iter()
        .filter(|(path, _)| !Path::new(path).exists())
        .map(|(_, package)| *package)
        .collect()
}

/// What the engine tests need besides Chromium: Firefox ESR, WebKitGTK's driver and Xvfb.
fn engine_parts() -> Result {
    let missing = missing_packages(&[
        ("/usr/bin/firefox-esr", "firefox-esr"),
        ("/usr/bin/WebKitWebDriver", "webkit2gtk-driver"),
        ("/usr/bin/Xvfb", "xvfb"),
    ]);
    if missing.is_empty() {
        return Ok(());
    }
    Err(format!(
        "the engine tests need Debian's packages: `apt-get install firefox-esr webkit2gtk-driver \
         xvfb` (missing: {})",
        missing.join(", ")
    ))
}

fn ensure_npm_packages() -> Result {
    let stamp = Path::new("node_modules/.package-lock.json");
    let fresh = match (fs::metadata(stamp), fs::metadata("package-lock.json")) {
        (Ok(installed), Ok(lock)) => installed.modified().ok() >= lock.modified().ok(),
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    if output(Command::new("npm").arg("--version")).is_none() {
        return Err("npm is not on PATH: install Node.js 18 or newer with npm \
                    (Debian: apt-get install nodejs npm)"
            .to_owned());
    }
    step("Installing npm packages from package-lock.json");
    run(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]))
}

fn chromium() -> Result<String> {
    if let Ok(path) = env::var("CHROMIUM") {
        return Ok(path);
    }
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .iter()
    .find(|p| Path::new(p).exists())
    .map(|p| p.to_string())
    .ok_or_else(|| {
        "Chromium is missing: install it with `apt-get install chromium chromium-driver` \
             (or set CHROMIUM to a Chrome or Chromium binary)"
            .to_owned()
    })
}

/// The browser tests' WebDriver capabilities: webdriver.json (which a hand-run `cargo test`
/// reads) with the Chromium that `chromium()` names, written to target/. Returns its path.
fn webdriver_json(binary: &str) -> Result<PathBuf> {
    let text = fs::read_to_string("webdriver.json").map_err(|e| format!("webdriver.json: {e}"))?;
    let mut capabilities: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("webdriver.json: {e}"))?;
    capabilities["goog:chromeOptions"]["binary"] = binary.into();
    let path = env::current_dir()
        .map_err(|e| e.to_string())?
        .join("target/webdriver.json");
    fs::create_dir_all("target").map_err(|e| e.to_string())?;
    fs::write(&path, capabilities.to_string()).map_err(|e| format!("{path:?}: {e}"))?;
    Ok(path)
}

/// What the print tests read PDFs with: Debian's poppler-utils (pdftotext, pdftoppm).
fn poppler() -> Result {
    if ["/usr/bin/pdftotext", "/usr/bin/pdftoppm"]
        .iter()
        .all(|p| Path::new(p).exists())
    {
        return Ok(());
    }
    Err("the print tests read PDFs with poppler: `apt-get install poppler-utils`".to_owned())
}

/// What the WordPress end-to-end test needs: Debian's WordPress, MariaDB and PHP.
fn wordpress_parts() -> Result {
    let missing = missing_packages(&[
        ("/usr/share/wordpress/wp-settings.php", "wordpress"),
        ("/usr/sbin/mariadbd", "mariadb-server"),
        ("/usr/bin/php", "php-cli"),
    ]);
    let mysql = Command::new("php")
        .args(["-r", "exit(extension_loaded('mysqli') ? 0 : 1);"])
        .status()
        .is_ok_and(|s| s.success());
    if missing.is_empty() && mysql {
        return Ok(());
    }
    Err(format!(
        "the WordPress test needs Debian's packages: `apt-get install wordpress mariadb-server \
         php-cli php-mysql` (missing: {})",
        if missing.is_empty() {
            "php-mysql".to_owned()
        } else {
            missing.join(", ")
        }
    ))
}

fn chromedriver() -> Result<String> {
    if let Ok(path) = env::var("CHROMEDRIVER") {
        return Ok(path);
    }
    ["/usr/bin/chromedriver"]
        .iter()
        .find(|p| Path::new(p).exists())
        .map(|p| p.to_string())
        .ok_or_else(|| {
            "chromedriver is missing: install it with `apt-get install chromium-driver` \
             (or set CHROMEDRIVER)"
                .to_owned()
        })
}

// ---------------------------------------------------------------------------------------------
// dist

/// A wasm bundle dist/ holds: the members' widget and the cluster's dashboard.
struct Bundle {
    package: &'static str,
    /// The file cargo writes: target/wasm32-unknown-unknown/release/<crate>.wasm.
    crate_file: &'static str,
    /// dist/<out>.js and dist/<out>_bg.wasm.
    out: &'static str,
    /// The element it defines.
    tag: &'static str,
}

const WIDGET: Bundle = Bundle {
    package: "greenfit",
    crate_file: "greenfit",
    out: "greenfit",
    tag: "greenfit-widget",
};
const DASHBOARD: Bundle = Bundle {
    package: "greenfit-dashboard",
    crate_file: "greenfit_dashboard",
    out: "greenfit-dashboard",
    tag: "greenfit-dashboard",
};

/// Builds dist/: the widget (greenfit.js, greenfit_bg.wasm), the dashboard
/// (greenfit-dashboard.js, ...), the language bundles and the demo site.
/// Returns the gzip and Brotli size of what a host page downloads for the widget.
fn dist() -> Result<(u64, u64)> {
    ensure_wasm_target()?;
    ensure_rust_src()?;
    ensure_wasm_bindgen()?;
    ensure_npm_packages()?;
    let started = Instant::now();

    let out = Path::new("dist");
    if out.exists() {
        fs::remove_dir_all(out).map_err(|e| format!("cannot clear dist/: {e}"))?;
    }
    fs::create_dir_all(out).map_err(|e| format!("cannot create dist/: {e}"))?;

    // One cargo call per bundle: built together, cargo would unify their features and the
    // dashboard would carry the widget.
    for bundle in [WIDGET, DASHBOARD] {
        build_bundle(&bundle, out)?;
    }

    step("Copying the demo site");
    copy_dir(Path::new("www"), out)?;

    step("Writing the language bundles (loaded on demand)");
    write_language_bundles(&out.join("greenfit-lang"))?;

    step("Writing the fictional members for the dashboard demo");
    demo::write(out)?;

    step("Precompressing the elements' files (.br and .gz, as a real server would send them)");
    release::precompress(out)?;

    let (size, brotli) = widget_size(out)?;
    let dashboard = bundle_files(out, &DASHBOARD)
        .iter()
        .map(|f| gzip_size(f))
        .sum::<Result<u64>>()?;
    println!(
        "\ndist/ ready in {:.0?}. A host page downloads {} gzip, {} Brotli for the widget \
         (budget {} and {}); the dashboard is {} gzip.",
        started.elapsed(),
        kb(size),
        kb(brotli),
        kb(SIZE_BUDGET_BYTES),
        kb(BROTLI_BUDGET_BYTES),
        kb(dashboard)
    );
    Ok((size, brotli))
}

/// The machine's own paths that rustc would write into the wasm (panic locations name source
/// files): cargo's home, where the crates from the registry live, this checkout, and the
/// toolchain's sysroot, whose library sources the wasm's standard library is built from.
fn machine_paths() -> Result<Vec<String>> {
    let cargo_home = match env::var("CARGO_HOME") {
        Ok(home) => PathBuf::from(home),
        Err(_) => {
            PathBuf::from(env::var("HOME").map_err(|_| "neither CARGO_HOME nor HOME is set")?)
                .join(".cargo")
        }
    };
    let checkout = env::current_dir().map_err(|e| e.to_string())?;
    Ok([cargo_home, checkout, PathBuf::from(sysroot()?)]
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect())
}

fn sysroot() -> Result<String> {
    output(Command::new("rustc").args(["--print", "sysroot"]))
        .ok_or_else(|| "rustc is not on PATH: install Rust with rustup (https://rustup.rs)".into())
}

/// Release builds of the wasm name source files as /cargo/..., /greenfit/... and
/// /rustc/<commit>/library/..., not by where they sit on this machine: the same source gives
/// the same bytes on any machine, and a wasm tells nobody about the machine that built it.
fn remapped_rustflags() -> Result<Vec<String>> {
    let [cargo_home, checkout, sysroot] =
        <[String; 3]>::try_from(machine_paths()?).map_err(|_| "three machine paths".to_owned())?;
    let commit = output(Command::new("rustc").arg("-vV"))
        .and_then(|v| {
            v.lines()
                .find_map(|l| l.strip_prefix("commit-hash: ").map(str::to_owned))
        })
        .ok_or("rustc -vV names no commit-hash")?;
    let mut flags: Vec<String> = env::var("RUSTFLAGS")
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    flags.push(format!("--remap-path-prefix={cargo_home}=/cargo"));
    flags.push(format!("--remap-path-prefix={checkout}=/greenfit"));
    flags.push(format!(
        "--remap-path-prefix={sysroot}/lib/rustlib/src/rust=/rustc/{commit}"
    ));
    Ok(flags)
}

/// Set to 1, `cargo xtask dist` (and so `demo`) builds the wasm with the prebuilt standard
/// library, whose panics log their message and source location to the console: for debugging
/// a panic, never for a release (the size budget counts the release build).
const PANIC_MESSAGES: &str = "GREENFIT_PANIC_MESSAGES";

fn build_bundle(bundle: &Bundle, out: &Path) -> Result {
    step(&format!("Building {} (release, wasm32)", bundle.package));
    let mut build = cargo();
    build.args([
        "build",
        "--release",
        "--lib",
        "--target",
        "wasm32-unknown-unknown",
        "--package",
        bundle.package,
    ]);
    let mut flags = remapped_rustflags()?;
    if env::var(PANIC_MESSAGES).as_deref() == Ok("1") {
        println!("{PANIC_MESSAGES}=1: the prebuilt standard library, with panic messages");
    } else {
        // The standard library built with the wasm's own profile (size, LTO), and a panic
        // that aborts at once: no panic hook, message, formatting or source locations in the
        // download, 13.9 KB gzip less for the widget (docs/architecture.md, performance.md).
        // These flags are unstable; RUSTC_BOOTSTRAP enables them on this stable toolchain
        // for this build only (as the Linux kernel builds its Rust). ensure_rust_src()
        // installs the library's sources.
        build
            .args([
                "-Zbuild-std=std,panic_abort",
                "-Zbuild-std-features=optimize_for_size",
            ])
            .env("RUSTC_BOOTSTRAP", "1");
        flags.extend(
            [
                "-Zunstable-options",
                "-Cpanic=immediate-abort",
                "-Zlocation-detail=none",
            ]
            .map(str::to_owned),
        );
    }
    run(build.env("CARGO_ENCODED_RUSTFLAGS", flags.join("\u{1f}")))?;

    step("Generating JavaScript bindings");
    run(Command::new("wasm-bindgen").args([
        &format!(
            "target/wasm32-unknown-unknown/release/{}.wasm",
            bundle.crate_file
        ),
        "--target",
        "web",
        "--no-typescript",
        "--out-name",
        bundle.out,
        "--out-dir",
        "dist",
    ]))?;
    inline_bundle_snippets(&out.join(format!("{}.js", bundle.out)), out)?;
    make_self_starting(
        &out.join(format!("{}.js", bundle.out)),
        &format!("{}_bg.wasm", bundle.out),
        bundle.tag,
    )?;

    step("Minifying the JavaScript glue (terser)");
    for file in bundle_files(out, bundle)
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "js"))
    {
        let path = file.to_str().expect("utf-8 path");
        run(Command::new("node_modules/.bin/terser").args([
            path,
            "--module",
            "--compress",
            "--mangle",
            "--output",
            path,
        ]))?;
    }

    step("Optimising the wasm for size (binaryen wasm-opt)");
    let wasm = out.join(format!("{}_bg.wasm", bundle.out));
    // Flags judged on compressed size (docs/performance.md): `--converge` repeats -Oz until it
    // gains nothing (-1.3 KB gzip); `--low-memory-unused` lets binaryen fold small constant
    // offsets into loads and stores (-2.1 KB), which holds for Rust's wasm: the stack comes
    // first and grows down towards address 0, so the lowest 1 KB is only reached by a stack
    // that has already overflowed. `--one-caller-inline-max-function-size=10` keeps a function
    // with one caller apart unless it is tiny (binaryen inlines such functions whatever their
    // size by default): 10 KB more wasm, but 17 KB less gzip and 10 KB less Brotli (values 0
    // to 50 measured, 10 best; docs/performance.md). Clicks pay a little for the extra calls.
    run(Command::new("node_modules/.bin/wasm-opt").args([
        "-Oz",
        "--converge",
        "--one-caller-inline-max-function-size=10",
        "--low-memory-unused",
        "--strip-debug",
        "--strip-producers",
        "--enable-bulk-memory",
        "--enable-nontrapping-float-to-int",
        "--enable-sign-ext",
        "--enable-mutable-globals",
        "--enable-reference-types",
        "--enable-multivalue",
        wasm.to_str().expect("utf-8 path"),
        "-o",
        wasm.to_str().expect("utf-8 path"),
    ]))?;
    shorten_names(&out.join(format!("{}.js", bundle.out)), &wasm)?;
    seal_wasm_integrity(&out.join(format!("{}.js", bundle.out)), &wasm)
}

/// greenfit-lang/<lang>.txt for every language (the widget builds in only their shape, which
/// is English's), from src/content/{selfcheck,ui,example-canvas}.<lang>.json.
fn write_language_bundles(dir: &Path) -> Result {
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {dir:?}: {e}"))?;
    let read = |name: &str| {
        fs::read_to_string(Path::new("src/content").join(name))
            .map_err(|e| format!("src/content/{name}: {e}"))
    };
    let shape = flat::encode_shape(&read("selfcheck.en.json")?, &read("ui.en.json")?)?;
    for entry in fs::read_dir("src/content")
        .map_err(|e| e.to_string())?
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(lang) = name
            .strip_prefix("selfcheck.")
            .and_then(|n| n.strip_suffix(".json"))
        else {
            continue;
        };
        let bundle = flat::encode_bundle(
            &shape,
            &read(&name)?,
            &read(&format!("ui.{lang}.json"))?,
            &read(&format!("example-canvas.{lang}.json"))?,
        )
        .map_err(|e| format!("language {lang}: {e}"))?;
        fs::write(dir.join(format!("{lang}.txt")), bundle).map_err(|e| e.to_string())?;
        println!("  greenfit-lang/{lang}.txt");
    }
    Ok(())
}

/// Stands in the JavaScript for the wasm's integrity hash until the wasm is final.
const WASM_INTEGRITY: &str = "__GREENFIT_WASM_INTEGRITY__";

/// Appended to each element's JavaScript: starts the wasm, and if it cannot start (a damaged
/// or changed file, a CSP without 'wasm-unsafe-eval', a browser without WebAssembly) shows a
/// short message in the page's language where each widget would be, with a button that
/// downloads the answers saved in this browser, done in plain JavaScript.
const STARTER: &str = include_str!("starter.js");

/// wasm-bindgen's `--target web` module waits for its caller to initialise it; the embed
/// contract is one script tag, so the module starts itself. It fetches its wasm with the
/// wasm's integrity hash (filled in by [`seal_wasm_integrity`]), so a tampered or damaged wasm
/// on a server or CDN refuses to run.
fn make_self_starting(js: &Path, wasm_name: &str, tag: &str) -> Result {
    let mut text = fs::read_to_string(js).map_err(|e| format!("cannot read {js:?}: {e}"))?;
    if !text.contains("async function __wbg_init(") {
        return Err(
            "wasm-bindgen's output no longer defines __wbg_init: update make_self_starting".into(),
        );
    }
    // The language bundles' integrity hashes, as the wasm has them (greenfit's build script).
    let bundles = greenfit::model::language::BUNDLE_INTEGRITY
        .iter()
        .map(|(lang, hash)| format!("{lang:?}: {hash:?}"))
        .collect::<Vec<_>>()
        .join(", ");
    // The widget's stylesheet, minified, for the starter to parse while the wasm loads.
    let style = if tag == "greenfit-widget" {
        let css = fs::read_to_string("src/embed/style.css")
            .map_err(|e| format!("cannot read src/embed/style.css: {e}"))?;
        minify::minify_css(&css)
    } else {
        String::new()
    };
    let style = serde_json::to_string(&style).map_err(|e| e.to_string())?;
    text.push_str(
        &STARTER
            .replace("__WASM__", wasm_name)
            .replace("__TAG__", tag)
            .replace("__INTEGRITY__", WASM_INTEGRITY)
            .replace("__BUNDLES__", &format!("{{ {bundles} }}"))
            .replace("__STYLE__", &style),
    );
    fs::write(js, text).map_err(|e| format!("cannot write {js:?}: {e}"))
}

/// The names the wasm and its glue call each other by, shortened in both ([`names::shorten`]).
fn shorten_names(js: &Path, wasm: &Path) -> Result {
    step("Shortening the names the wasm and its glue call each other by");
    let glue = fs::read_to_string(js).map_err(|e| format!("cannot read {js:?}: {e}"))?;
    let bytes = fs::read(wasm).map_err(|e| format!("cannot read {wasm:?}: {e}"))?;
    let (bytes, glue) = names::shorten(&bytes, &glue).map_err(|e| format!("{wasm:?}: {e}"))?;
    fs::write(wasm, bytes).map_err(|e| format!("cannot write {wasm:?}: {e}"))?;
    fs::write(js, glue).map_err(|e| format!("cannot write {js:?}: {e}"))
}

/// Writes the final wasm's SHA-384 into the JavaScript that fetches it.
fn seal_wasm_integrity(js: &Path, wasm: &Path) -> Result {
    let text = fs::read_to_string(js).map_err(|e| format!("cannot read {js:?}: {e}"))?;
    if !text.contains(WASM_INTEGRITY) {
        return Err(format!("{js:?} has no wasm integrity placeholder"));
    }
    let bytes = fs::read(wasm).map_err(|e| format!("cannot read {wasm:?}: {e}"))?;
    fs::write(js, text.replace(WASM_INTEGRITY, &release::sri(&bytes)))
        .map_err(|e| format!("cannot write {js:?}: {e}"))
}

fn copy_dir(from: &Path, to: &Path) -> Result {
    for entry in fs::read_dir(from).map_err(|e| format!("cannot read {from:?}: {e}"))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            fs::create_dir_all(&target).map_err(|e| e.to_string())?;
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target)
                .map_err(|e| format!("cannot copy {:?}: {e}", entry.path()))?;
        }
    }
    Ok(())
}

/// A bundle's files: <out>.js (with its snippets inside, [`inline::inline_snippets`]) and
/// <out>_bg.wasm.
fn bundle_files(dist: &Path, bundle: &Bundle) -> Vec<PathBuf> {
    vec![
        dist.join(format!("{}.js", bundle.out)),
        dist.join(format!("{}_bg.wasm", bundle.out)),
    ]
}

/// Puts the snippets wasm-bindgen wrote for a bundle into its glue and removes their folder:
/// the browser asks for the wasm one round trip sooner, and there is one folder less to copy.
fn inline_bundle_snippets(js: &Path, dist: &Path) -> Result {
    let glue = fs::read_to_string(js).map_err(|e| format!("cannot read {js:?}: {e}"))?;
    let (glue, inlined) = inline::inline_snippets(&glue, |path| {
        fs::read_to_string(dist.join(path)).map_err(|e| format!("cannot read {path}: {e}"))
    })?;
    fs::write(js, glue).map_err(|e| format!("cannot write {js:?}: {e}"))?;
    for path in inlined {
        // snippets/<package>-<hash>/...: the package's folder goes.
        let folder: PathBuf = Path::new(&path).components().take(2).collect();
        let folder = dist.join(folder);
        if folder.exists() {
            fs::remove_dir_all(&folder).map_err(|e| format!("cannot remove {folder:?}: {e}"))?;
        }
    }
    let snippets = dist.join("snippets");
    if fs::read_dir(&snippets).is_ok_and(|mut d| d.next().is_none()) {
        fs::remove_dir(&snippets).map_err(|e| format!("cannot remove {snippets:?}: {e}"))?;
    }
    Ok(())
}

/// The size of a file's `.gz` twin: what a browser that asks for gzip downloads.
fn gzip_size(path: &Path) -> Result<u64> {
    let bytes = fs::read(path).map_err(|e| format!("cannot read {path:?}: {e}"))?;
    let mut twin = path.as_os_str().to_owned();
    twin.push(".gz");
    Ok(release::twin(Path::new(&twin), &bytes, "gz", release::gzip)?.len() as u64)
}

/// What a host page downloads for the widget: the widget's files, plus the largest language
/// bundle (a visitor who does not read English downloads one).
/// What a host page downloads for the widget: gzip, then Brotli.
fn widget_size(dist: &Path) -> Result<(u64, u64)> {
    // The Brotli twin dist/ writes next to each file (what a server with precompressed files
    // sends to today's browsers).
    let brotli = |file: &Path| {
        fs::metadata(format!("{}.br", file.display()))
            .map(|m| m.len())
            .unwrap_or(0)
    };
    let mut total = (0, 0);
    let mut line = |name: String, file: &Path| -> Result {
        let (gz, br) = (gzip_size(file)?, brotli(file));
        println!("  {name:<60} {:>9} gzip {:>9} br", kb(gz), kb(br));
        total = (total.0 + gz, total.1 + br);
        Ok(())
    };
    for file in bundle_files(dist, &WIDGET) {
        line(
            file.strip_prefix(dist)
                .unwrap_or(&file)
                .display()
                .to_string(),
            &file,
        )?;
    }
    let mut largest = (0, PathBuf::new());
    for entry in fs::read_dir(dist.join("greenfit-lang"))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
    {
        let size = gzip_size(&entry.path())?;
        if size > largest.0 {
            largest = (size, entry.path());
        }
    }
    if largest.0 > 0 {
        let name = largest.1.file_name().unwrap_or_default().to_string_lossy();
        line(
            format!("greenfit-lang/{name} (largest language bundle)"),
            &largest.1,
        )?;
    }
    println!(
        "  {:<60} {:>9} gzip {:>9} br",
        "total",
        kb(total.0),
        kb(total.1)
    );
    Ok(total)
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

// ---------------------------------------------------------------------------------------------
// demo, test, bench

fn demo() -> Result {
    dist()?;
    println!("\nThe demo cluster site: http://{DEMO_ADDR}/   (Ctrl+C stops it)");
    serve::run(DEMO_ADDR, Path::new("dist"))
}

fn test() -> Result {
    let started = Instant::now();
    // What the browser and WordPress tests need, checked before anything is built.
    chromium()?;
    chromedriver()?;
    wordpress_parts()?;
    poppler()?;
    engine_parts()?;
    ensure_wasm_target()?;

    step("Formatting (cargo fmt --check)");
    run(cargo().args(["fmt", "--all", "--check"]))
        .map_err(|e| format!("{e}\nRun `cargo fmt --all` to fix the formatting."))?;

    step("Lints for the host (cargo clippy)");
    run(cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    for package in ["greenfit", "greenfit-dashboard"] {
        step(&format!(
            "Lints for the browser ({package}, cargo clippy, wasm32)"
        ));
        run(cargo().args([
            "clippy",
            "--package",
            package,
            "--all-targets",
            "--target",
            "wasm32-unknown-unknown",
            "--",
            "-D",
            "warnings",
        ]))?;
    }

    step("Native tests (model, content, storage)");
    run(cargo().args(["test", "--workspace"]))?;

    step("Browser tests (wasm-bindgen-test in headless Chromium)");
    ensure_wasm_bindgen()?;
    let driver = chromedriver()?;
    let capabilities = webdriver_json(&chromium()?)?;
    run(cargo()
        .args([
            "test",
            "--package",
            "greenfit",
            "--target",
            "wasm32-unknown-unknown",
            "--test",
            "browser",
        ])
        .env(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
            "wasm-bindgen-test-runner",
        )
        .env("CHROMEDRIVER", driver)
        .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", capabilities)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120"))?;

    let (size, brotli) = dist()?;
    step("Size budget");
    if size > SIZE_BUDGET_BYTES || brotli > BROTLI_BUDGET_BYTES {
        return Err(format!(
            "the widget is {} gzip and {} Brotli, over its budget of {} and {}",
            kb(size),
            kb(brotli),
            kb(SIZE_BUDGET_BYTES),
            kb(BROTLI_BUDGET_BYTES)
        ));
    }
    println!(
        "size budget: {} of {} gzip, {} of {} Brotli: ok",
        kb(size),
        kb(SIZE_BUDGET_BYTES),
        kb(brotli),
        kb(BROTLI_BUDGET_BYTES)
    );

    release::release(Path::new("dist"))?;
    step("The same source gives the same bytes (the wasm rebuilt, everything packed again)");
    let first = release::fingerprint(Path::new("release"))?;
    for package in [WIDGET.package, DASHBOARD.package] {
        run(cargo().args([
            "clean",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
            "--package",
            package,
        ]))?;
    }
    dist()?;
    release::release(Path::new("dist"))?;
    let second = release::fingerprint(Path::new("release"))?;
    let differ: Vec<&String> = first
        .keys()
        .chain(second.keys())
        .filter(|file| first.get(*file) != second.get(*file))
        .collect();
    if !differ.is_empty() {
        return Err(format!(
            "two builds of the same source differ in {differ:?}"
        ));
    }
    println!("{} files, byte for byte the same: ok", first.len());
    for file in ["dist/greenfit_bg.wasm", "dist/greenfit-dashboard_bg.wasm"] {
        let bytes = fs::read(file).map_err(|e| format!("{file}: {e}"))?;
        for path in machine_paths()? {
            if bytes.windows(path.len()).any(|w| w == path.as_bytes()) {
                return Err(format!("{file} names this machine's {path}"));
            }
        }
    }
    println!("the wasm names no path of this machine: ok");

    step("End-to-end tests (Playwright in headless Chromium)");
    let browser = chromium()?;
    let server = serve::spawn("127.0.0.1:0", Path::new("dist"))?;
    let mut files: Vec<String> = fs::read_dir("tests/e2e")
        .map_err(|e| format!("cannot read tests/e2e: {e}"))?
        .flatten()
        .map(|e| e.path().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".test.mjs"))
        .collect();
    files.sort();
    run(Command::new("node")
        .arg("--test")
        .arg("--test-concurrency=1")
        .args(&files)
        .env("BASE_URL", format!("http://{server}"))
        .env("RELEASE_DIR", "release")
        .env("CHROMIUM", &browser))?;

    step("The main flows in three engines (WebDriver: Chromium, Firefox ESR, WebKitGTK)");
    let geckodriver = ensure_geckodriver()?;
    run(Command::new("node")
        .args([
            "--test",
            "--test-concurrency=1",
            "tests/engines/engines.test.mjs",
        ])
        .env("DIST", "dist")
        .env("ENGINES", "chromium,firefox,webkit")
        .env("CHROMIUM", &browser)
        .env("CHROMEDRIVER", chromedriver()?)
        .env("GECKODRIVER", geckodriver))?;

    println!("\nAll checks passed in {:.0?}.", started.elapsed());
    Ok(())
}

fn bench() -> Result {
    dist()?;
    let browser = chromium()?;
    let server = serve::spawn("127.0.0.1:0", Path::new("dist"))?;
    step("Benchmark (headless Chromium, 4x CPU throttling)");
    run(Command::new("node")
        .arg("tests/e2e/bench.mjs")
        .env("BASE_URL", format!("http://{server}"))
        .env("CHROMIUM", browser))
}
