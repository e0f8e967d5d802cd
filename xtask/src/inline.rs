//! Puts wasm-bindgen's JavaScript snippets (`#[wasm_bindgen(module = "/src/embed/element.js")]`)
//! into the glue that imports them, so that an element is one script and one wasm.
//!
//! wasm-bindgen writes each snippet as its own module under `snippets/<crate>-<hash>/` and the
//! glue imports it statically. A browser can only run the glue once every module it imports
//! has arrived, so the snippet cost a round trip before the wasm was even asked for (150 ms on
//! a slow mobile network), and a web admin had one more folder to copy. Each snippet now runs
//! inside a function in the glue, so its own top-level names stay its own.

/// The glue with every `import { a, b } from './snippets/...';` line replaced by the snippet
/// it names, read with `read(path)`; also returns the paths it inlined.
///
/// A snippet may export functions only (`export function`, `export async function`) and may
/// not import anything: anything else is refused rather than inlined wrongly.
pub fn inline_snippets(
    glue: &str,
    read: impl Fn(&str) -> Result<String, String>,
) -> Result<(String, Vec<String>), String> {
    let mut out = String::with_capacity(glue.len());
    let mut inlined = Vec::new();
    for line in glue.split_inclusive('\n') {
        let Some((names, path)) = snippet_import(line.trim_end()) else {
            out.push_str(line);
            continue;
        };
        let source = read(path)?;
        let body = exports_removed(&source, &names).map_err(|e| format!("{path}: {e}"))?;
        let list = names.join(", ");
        out.push_str(&format!(
            "const {{ {list} }} = (() => {{\n{body}\nreturn {{ {list} }};\n}})();\n"
        ));
        inlined.push(path.to_owned());
    }
    Ok((out, inlined))
}

/// The names and path of an import of a snippet: `import { a, b } from './snippets/x.js';`.
fn snippet_import(line: &str) -> Option<(Vec<&str>, &str)> {
    let rest = line.strip_prefix("import {")?;
    let (names, rest) = rest.split_once('}')?;
    let path = rest
        .trim()
        .strip_prefix("from '")?
        .strip_suffix("';")
        .or_else(|| rest.trim().strip_prefix("from '")?.strip_suffix('\''))?;
    let path = path.strip_prefix("./")?;
    path.starts_with("snippets/").then(|| {
        let names = names
            .split(',')
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .collect();
        (names, path)
    })
}

/// The snippet as a function body: `export` taken off its functions, every imported name
/// checked to be one of them.
fn exports_removed(source: &str, imported: &[&str]) -> Result<String, String> {
    let mut body = String::with_capacity(source.len());
    let mut exported = Vec::new();
    for line in source.split_inclusive('\n') {
        if line.starts_with("import ") || line.starts_with("import{") {
            return Err("a snippet that imports another module cannot be inlined".into());
        }
        // Any other form of export (`export { a }`, `export default`) leaves an imported name
        // unexported (refused below) or the word `export` in a function body, which terser
        // refuses as a syntax error when it minifies the glue.
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
    match imported.iter().find(|n| !exported.iter().any(|e| e == *n)) {
        Some(missing) => Err(format!(
            "the glue imports {missing}, which the snippet does not export"
        )),
        None => Ok(body),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GLUE: &str = "import { asset_base, define_element } from './snippets/greenfit-3be8/src/embed/element.js';\n\nlet wasm;\nfunction f() { return define_element; }\n";

    fn snippet(path: &str) -> Result<String, String> {
        assert_eq!(path, "snippets/greenfit-3be8/src/embed/element.js");
        Ok("// The element.\nexport function define_element(mount) {\n  helper();\n}\nfunction helper() {}\nexport async function asset_base() {\n  return new URL('./', import.meta.url).href;\n}\n".into())
    }

    #[test]
    fn a_snippet_import_becomes_the_snippet_in_its_own_scope() {
        let (glue, inlined) = inline_snippets(GLUE, snippet).unwrap();
        assert_eq!(inlined, ["snippets/greenfit-3be8/src/embed/element.js"]);
        assert!(!glue.contains("import "), "{glue}");
        assert!(!glue.contains("export "), "{glue}");
        assert!(glue.starts_with("const { asset_base, define_element } = (() => {\n// The element.\nfunction define_element(mount) {"), "{glue}");
        assert!(glue.contains("async function asset_base() {\n  return new URL('./', import.meta.url).href;\n}\n\nreturn { asset_base, define_element };\n})();\n\nlet wasm;\n"), "{glue}");
        // The snippet's own helper stays inside its function.
        assert!(glue.contains("function helper() {}"));
    }

    #[test]
    fn glue_without_snippets_is_unchanged() {
        let glue = "let wasm;\nimport * as x from './other.js';\n";
        let (out, inlined) = inline_snippets(glue, |_| unreachable!()).unwrap();
        assert_eq!(out, glue);
        assert!(inlined.is_empty());
    }

    #[test]
    fn what_cannot_be_inlined_safely_is_refused() {
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
}
