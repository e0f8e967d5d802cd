//! Puts wasm-bindgen's JavaScript snippets (`#[wasm_bindgen(module = "/src/embed/element.js")]`)
//! into the glue that imports them, so that an element is one script and one wasm.
//!
//! wasm-bindgen writes each snippet as its own module under `snippets/<crate>-<hash>/` and the
//! glue imports it statically. A browser can only run the glue once every module it imports
//! has arrived, so the snippet cost a round trip before the wasm was even asked for (150 ms on
//! a slow mobile network), and a web admin had one more folder to copy. Each snippet now runs
//! inside a function in the glue, so its own top-level names stay its own.

/// The glue with every import of a snippet (`import { a, b } from './snippets/...';` and
/// `import * as m from "./snippets/...";`) replaced by the snippet itself, read with
/// `read(path)` once per snippet; also returns the paths it inlined.
///
/// A snippet may export functions only (`export function`, `export async function`) and may
/// not import anything, and the glue may mention a snippet only in these two imports and as a
/// key of the wasm's imports: anything else is refused rather than inlined wrongly.
pub fn inline_snippets(
    glue: &str,
    read: impl Fn(&str) -> Result<String, String>,
) -> Result<(String, Vec<String>), String> {
    let mut out = String::with_capacity(glue.len());
    // Each inlined snippet's path and exported names, in order: snippet i is greenfit_snippet{i}.
    let mut inlined: Vec<(String, Vec<String>)> = Vec::new();
    for line in glue.split_inclusive('\n') {
        let Some(import) = snippet_import(line.trim_end()) else {
            // wasm-bindgen names each module in the wasm's imports object by its path.
            let key = line.trim_start().starts_with("\"./snippets/");
            if line.contains("./snippets/") && !key {
                return Err(format!(
                    "a mention of a snippet that cannot be inlined: {line:?}"
                ));
            }
            out.push_str(line);
            continue;
        };
        let path = import.path();
        let index = match inlined.iter().position(|(p, _)| p == path) {
            Some(index) => index,
            None => {
                let (body, exported) =
                    exports_removed(&read(path)?).map_err(|e| format!("{path}: {e}"))?;
                out.push_str(&format!(
                    "const greenfit_snippet{} = (() => {{\n{body}\nreturn {{ {} }};\n}})();\n",
                    inlined.len(),
                    exported.join(", ")
                ));
                inlined.push((path.to_owned(), exported));
                inlined.len() - 1
            }
        };
        match import {
            Import::Named { names, .. } => {
                let exported = &inlined[index].1;
                if let Some(missing) = names.iter().find(|n| !exported.iter().any(|e| e == *n)) {
                    return Err(format!(
                        "{path}: the glue imports {missing}, which the snippet does not export"
                    ));
                }
                out.push_str(&format!(
                    "const {{ {} }} = greenfit_snippet{index};\n",
                    names.join(", ")
                ));
            }
            Import::Namespace { name, .. } => {
                out.push_str(&format!("const {name} = greenfit_snippet{index};\n"));
            }
        }
    }
    Ok((out, inlined.into_iter().map(|(path, _)| path).collect()))
}

/// An import of a snippet, in one of the two forms wasm-bindgen writes.
enum Import<'a> {
    Named { names: Vec<&'a str>, path: &'a str },
    Namespace { name: &'a str, path: &'a str },
}

impl<'a> Import<'a> {
    fn path(&self) -> &'a str {
        match self {
            Import::Named { path, .. } | Import::Namespace { path, .. } => path,
        }
    }
}

/// `import { a, b } from './snippets/x.js';` or `import * as m from "./snippets/x.js"`.
fn snippet_import(line: &str) -> Option<Import<'_>> {
    let rest = line.strip_prefix("import ")?;
    let (what, from) = rest.split_once(" from ")?;
    let from = from.trim().trim_end_matches(';');
    let path = from
        .strip_prefix('\'')
        .and_then(|f| f.strip_suffix('\''))
        .or_else(|| from.strip_prefix('"').and_then(|f| f.strip_suffix('"')))?
        .strip_prefix("./")?;
    if !path.starts_with("snippets/") {
        return None;
    }
    if let Some(name) = what.strip_prefix("* as ") {
        let name = name.trim();
        let plain = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
        return plain.then_some(Import::Namespace { name, path });
    }
    let names = what.trim().strip_prefix('{')?.strip_suffix('}')?;
    let names = names
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect::<Vec<_>>();
    names
        .iter()
        .all(|n| !n.contains(' '))
        .then_some(Import::Named { names, path })
}

/// The snippet as a function body, `export` taken off its functions, and their names.
fn exports_removed(source: &str) -> Result<(String, Vec<String>), String> {
    let mut body = String::with_capacity(source.len());
    let mut exported = Vec::new();
    for line in source.split_inclusive('\n') {
        if line.starts_with("import ") || line.starts_with("import{") {
            return Err("a snippet that imports another module cannot be inlined".into());
        }
        // Any other form of export (`export { a }`, `export default`) leaves an imported name
        // unexported (refused by the caller) or the word `export` in a function body, which
        // terser refuses as a syntax error when it minifies the glue.
        match line.strip_prefix("export ") {
            None => body.push_str(line),
            Some(declaration) => {
                let name = declaration
                    .strip_prefix("async ")
                    .unwrap_or(declaration)
                    .strip_prefix("function ")
                    .and_then(|d| d.split(['(', ' ']).next())
                    .filter(|n| !n.is_empty())
                    .ok_or_else(|| format!("only functions may be exported: {line:?}"))?;
                exported.push(name.to_owned());
                body.push_str(declaration);
            }
        }
    }
    Ok((body, exported))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    const PATH: &str = "snippets/greenfit-dashboard-4273/src/element.js";

    /// What wasm-bindgen 0.2.130 writes for the dashboard: a named import for the functions the
    /// glue calls, a namespace import for those the wasm imports itself, and the namespace as a
    /// key of the wasm's imports.
    const GLUE: &str = "import { asset_base, define_dashboard } from './snippets/greenfit-dashboard-4273/src/element.js';\n\
import * as import1 from \"./snippets/greenfit-dashboard-4273/src/element.js\"\n\
\n\
let wasm;\n\
function imports() {\n\
    return {\n\
        \"./snippets/greenfit-dashboard-4273/src/element.js\": import1,\n\
    };\n\
}\n";

    const SNIPPET: &str = "// The element.\n\
export function define_dashboard(mount) {\n  helper();\n}\n\
function helper() {}\n\
export function asset_base() {\n  return new URL('./', import.meta.url).href;\n}\n\
export async function dropped_files(event) {\n  return [];\n}\n";

    #[test]
    fn both_imports_of_a_snippet_become_one_copy_of_it_in_its_own_scope() {
        let reads = Cell::new(0);
        let (glue, inlined) = inline_snippets(GLUE, |path| {
            assert_eq!(path, PATH);
            reads.set(reads.get() + 1);
            Ok(SNIPPET.into())
        })
        .unwrap();
        assert_eq!(inlined, [PATH]);
        assert_eq!(reads.get(), 1, "read once");
        assert!(!glue.contains("import "), "{glue}");
        assert!(!glue.contains("export "), "{glue}");
        let expected = "const greenfit_snippet0 = (() => {\n// The element.\n\
function define_dashboard(mount) {\n  helper();\n}\n\
function helper() {}\n\
function asset_base() {\n  return new URL('./', import.meta.url).href;\n}\n\
async function dropped_files(event) {\n  return [];\n}\n\
\nreturn { define_dashboard, asset_base, dropped_files };\n})();\n\
const { asset_base, define_dashboard } = greenfit_snippet0;\n\
const import1 = greenfit_snippet0;\n\
\nlet wasm;\n";
        assert!(glue.starts_with(expected), "{glue}");
        // The wasm's imports still name the module by its path, now an object of the glue.
        assert!(glue.contains("\"./snippets/greenfit-dashboard-4273/src/element.js\": import1,"));
    }

    #[test]
    fn glue_without_snippets_is_unchanged() {
        let glue = "let wasm;\nimport * as x from './other.js';\n";
        let (out, inlined) = inline_snippets(glue, |_| unreachable!()).unwrap();
        assert_eq!(out, glue);
        assert!(inlined.is_empty());
    }

    #[test]
    fn a_snippet_that_cannot_be_inlined_safely_is_refused() {
        let cases = [
            (
                "import { x } from './y.js';\nexport function a() {}\n",
                "imports another module",
            ),
            ("export const a = 1;\n", "only functions"),
            ("export function b() {}\n", "does not export"),
            ("function a() {}\nexport { a };\n", "only functions"),
            ("function a() {} export { a };\n", "does not export"),
        ];
        for (source, reason) in cases {
            let error = inline_snippets("import { a } from './snippets/s.js';\n", |_| {
                Ok(source.into())
            })
            .unwrap_err();
            assert!(error.contains(reason), "{source:?}: {error}");
            assert!(error.starts_with("snippets/s.js: "), "{error}");
        }
    }

    #[test]
    fn any_other_mention_of_a_snippet_in_the_glue_is_refused() {
        for glue in [
            "const m = await import('./snippets/s.js');\n",
            "import d from './snippets/s.js';\n",
            "export { a } from './snippets/s.js';\n",
        ] {
            let error =
                inline_snippets(glue, |_| Ok("export function a() {}\n".into())).unwrap_err();
            assert!(error.contains("cannot be inlined"), "{glue:?}: {error}");
        }
    }
}
