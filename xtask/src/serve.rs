//! A small static file server for dist/, for the demo, the tests and the benchmark.
//! Loopback only; GET and HEAD; no directory listings; no path escapes the root.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::thread;

/// Serves `root` on `addr` until the process ends.
pub fn run(addr: &str, root: &Path) -> Result<(), String> {
    let listener = bind(addr)?;
    accept(listener, root.to_path_buf());
    Ok(())
}

/// Serves `root` on `addr` in the background and returns the address it listens on.
pub fn spawn(addr: &str, root: &Path) -> Result<SocketAddr, String> {
    let listener = bind(addr)?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    let root = root.to_path_buf();
    thread::spawn(move || accept(listener, root));
    Ok(local)
}

fn bind(addr: &str) -> Result<TcpListener, String> {
    TcpListener::bind(addr).map_err(|e| {
        format!("cannot listen on {addr}: {e} (is another server already running there?)")
    })
}

fn accept(listener: TcpListener, root: PathBuf) {
    for stream in listener.incoming().flatten() {
        let root = root.clone();
        thread::spawn(move || {
            let _ = handle(stream, &root);
        });
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "txt" => "text/plain; charset=utf-8",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

fn resolve(root: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next()?;
    let mut resolved = root.to_path_buf();
    for component in Path::new(path.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => resolved.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if resolved.is_dir() {
        resolved.push("index.html");
    }
    resolved.is_file().then_some(resolved)
}

fn handle(mut stream: TcpStream, root: &Path) -> std::io::Result<()> {
    loop {
        let mut reader = BufReader::new(&stream);
        let mut request_line = String::new();
        if reader.read_line(&mut request_line)? == 0 {
            return Ok(());
        }
        let mut keep_alive = true;
        let mut accepts = String::new();
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header)? == 0 {
                return Ok(());
            }
            let lower = header.to_ascii_lowercase();
            if lower.starts_with("connection: close") {
                keep_alive = false;
            }
            if let Some(value) = lower.strip_prefix("accept-encoding:") {
                accepts = value.trim().to_owned();
            }
            if header == "\r\n" || header == "\n" {
                break;
            }
        }
        let mut parts = request_line.split_whitespace();
        let method = parts.next().unwrap_or("");
        let target = parts.next().unwrap_or("/");
        let mut encoding = None;
        let (status, kind, body) = match (method, resolve(root, target)) {
            ("GET" | "HEAD", Some(path)) => {
                // Like a real server with precompressed files: the .br or .gz twin when the
                // browser accepts it (dist/ has them for the elements' files).
                let twin = [("br", "br"), ("gzip", "gz")]
                    .iter()
                    .find_map(|(name, ext)| {
                        let twin = PathBuf::from(format!("{}.{ext}", path.display()));
                        (accepts.split(',').any(|a| a.trim().starts_with(name)) && twin.is_file())
                            .then_some((*name, twin))
                    });
                let file = match &twin {
                    Some((name, twin)) => {
                        encoding = Some(*name);
                        twin.clone()
                    }
                    None => path.clone(),
                };
                match fs::read(&file) {
                    Ok(body) => ("200 OK", content_type(&path), body),
                    Err(_) => ("500 Internal Server Error", "text/plain", b"error".to_vec()),
                }
            }
            ("GET" | "HEAD", None) => ("404 Not Found", "text/plain", b"not found".to_vec()),
            _ => (
                "405 Method Not Allowed",
                "text/plain",
                b"method not allowed".to_vec(),
            ),
        };
        let head = format!(
            "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\
             Cache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\n\
             Vary: Accept-Encoding\r\n{}Connection: {}\r\n\r\n",
            body.len(),
            encoding
                .map(|e| format!("Content-Encoding: {e}\r\n"))
                .unwrap_or_default(),
            if keep_alive { "keep-alive" } else { "close" }
        );
        stream.write_all(head.as_bytes())?;
        if method != "HEAD" {
            stream.write_all(&body)?;
        }
        if !keep_alive {
            return Ok(());
        }
    }
}
