//! Short names for what the wasm and its JavaScript glue call each other by.
//!
//! wasm-bindgen names each import after its Rust function with a hash
//! (`__wbg_addEventListener_847fd86b8c33ec43`), each module after its file
//! (`./greenfit_bg.js`), and some exports after a closure's full type (over 200 characters).
//! Every one of these names is written twice, once in the wasm's import or export section and
//! once in the glue; the hashes do not compress. [`shorten`] renames them to names of one to
//! three letters in both: 6.1 KB gzip less for the widget, greenfit.js and its wasm together
//! (docs/performance.md).
//!
//! It renames only where it is certain: an import whose name is in the glue as a whole
//! identifier (one that is not is refused: the glue must provide it), an export whose name is
//! (one that is not keeps its name: nothing calls it by name), a module whose quoted name is
//! in the glue exactly once (the key of the wasm's imports object; otherwise refused). No name
//! is ever renamed in one of the two places only.

/// The wasm with its imports, their modules and its exports renamed, and the glue with the
/// same names replaced.
///
/// Only names with an underscore are renamed: wasm-bindgen's (`__wbg_...`, `__wbindgen_...`,
/// `wasm_bindgen_...`, `widgethandle_...`) and the snippets' functions (`early_style`). A
/// plain word (`memory`, `start`) could be some other property in the glue too, so it keeps
/// its name. In the glue, these names are keys of the imports object and properties of the
/// instance's exports (terser gives every local name a short name of its own).
pub fn shorten(wasm: &[u8], glue: &str) -> Result<(Vec<u8>, String), String> {
    let mut sections = Sections::read(wasm)?;
    let mentioned = identifiers(glue);
    let renamable = |name: &str| name.contains('_');
    // Old name to new, for imports and exports: the two are properties of different objects,
    // so each counts its short names from `a`, but one old name cannot be both.
    let mut renames: Vec<(String, String)> = Vec::new();
    let mut modules: Vec<(String, String)> = Vec::new();

    if let Some(imports) = sections.find(IMPORT) {
        let mut out = Vec::new();
        let mut at = Cursor::new(imports);
        let count = at.u32()?;
        out.extend(leb(count));
        let mut given = 0;
        for _ in 0..count {
            let module = at.name()?;
            let name = at.name()?;
            let start = at.at;
            at.import_description()?;
            let module = match modules.iter().find(|(old, _)| *old == module) {
                Some((_, short)) => short.clone(),
                None => {
                    let short = short_name(modules.len());
                    modules.push((module, short.clone()));
                    short
                }
            };
            // Names are unique per module only: the same name in two modules is one name in
            // the glue, and keeps one short name.
            let name = if !renamable(&name) {
                name
            } else if let Some((_, short)) = renames.iter().find(|(old, _)| *old == name) {
                short.clone()
            } else if mentioned.contains(name.as_str()) {
                let short = short_name(given);
                given += 1;
                renames.push((name, short.clone()));
                short
            } else {
                return Err(format!("the glue never names the wasm's import {name}"));
            };
            out.extend(encoded(&module));
            out.extend(encoded(&name));
            out.extend_from_slice(&imports[start..at.at]);
        }
        at.end()?;
        sections.replace(IMPORT, out);
    }

    if let Some(exports) = sections.find(EXPORT) {
        let imported = renames.len();
        let mut out = Vec::new();
        let mut at = Cursor::new(exports);
        let count = at.u32()?;
        out.extend(leb(count));
        let mut given = 0;
        for _ in 0..count {
            let mut name = at.name()?;
            let start = at.at;
            at.byte()?;
            at.u32()?;
            // An export the glue does not use (`__abort_handler`) keeps its name.
            if renamable(&name) && mentioned.contains(name.as_str()) {
                if renames[..imported].iter().any(|(old, _)| *old == name) {
                    return Err(format!("{name} is both an import and an export"));
                }
                let short = short_name(given);
                given += 1;
                renames.push((name, short.clone()));
                name = short;
            }
            out.extend(encoded(&name));
            out.extend_from_slice(&exports[start..at.at]);
        }
        at.end()?;
        sections.replace(EXPORT, out);
    }

    let mut glue = rename_identifiers(glue, &renames);
    // wasm-bindgen names each module by its file as the imports object's key. A snippet whose
    // functions the wasm imports in more than one way is a key twice (wasm-bindgen 0.2.130:
    // `"m": import1, "m": import2`), each the same module's namespace: one key is enough.
    for (module, short) in &modules {
        let quoted = format!("\"{module}\"");
        let times = glue.matches(&quoted).count();
        if times == 0 {
            return Err(format!("the glue never names the module {quoted}"));
        }
        glue = glue.replacen(&quoted, short, 1);
        for _ in 1..times {
            glue = drop_repeated_key(&glue, &quoted)
                .ok_or_else(|| format!("the glue names the module {quoted} {times} times, not only as a key of the imports"))?;
        }
    }
    Ok((sections.write(), glue))
}

/// The glue without its next `,"module":name` (an imports object's repeated key), or `None`
/// where `quoted` is next named otherwise.
fn drop_repeated_key(glue: &str, quoted: &str) -> Option<String> {
    let at = glue.find(quoted)?;
    let before = glue[..at].trim_end();
    let after = glue[at + quoted.len()..]
        .trim_start()
        .strip_prefix(':')?
        .trim_start();
    let name_end = after
        .find(|c: char| !identifier_char(c))
        .unwrap_or(after.len());
    let rest = after[name_end..].trim_start();
    if name_end == 0 || !before.ends_with(',') || !(rest.starts_with(',') || rest.starts_with('}'))
    {
        return None;
    }
    Some(format!(
        "{}{}",
        &before[..before.len() - 1],
        &after[name_end..]
    ))
}

const IMPORT: u8 = 2;
const EXPORT: u8 = 7;

/// `a` to `z`, `A` to `Z`, then `aa`, `ab`, ...: the `index`th shortest name. None of them
/// is a keyword or `__proto__`, and as a property any of them means only itself.
fn short_name(index: usize) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut left = index;
    let mut name = Vec::new();
    loop {
        name.push(LETTERS[left % LETTERS.len()]);
        left /= LETTERS.len();
        if left == 0 {
            break;
        }
        left -= 1;
    }
    name.reverse();
    String::from_utf8(name).expect("ASCII letters")
}

fn identifier_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
}

/// Every identifier-like word in `text` (letters, digits, `_` and `$`).
fn identifiers(text: &str) -> std::collections::HashSet<&str> {
    text.split(|c: char| !identifier_char(c))
        .filter(|w| !w.is_empty())
        .collect()
}

/// `text` with every identifier-like word that `renames` names replaced, in one pass (a new
/// name is never renamed again).
fn rename_identifiers(text: &str, renames: &[(String, String)]) -> String {
    let map: std::collections::HashMap<&str, &str> = renames
        .iter()
        .map(|(old, new)| (old.as_str(), new.as_str()))
        .collect();
    let mut out = String::with_capacity(text.len());
    let mut word_start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (identifier_char(c), word_start) {
            (true, None) => word_start = Some(i),
            (false, Some(start)) => {
                let word = &text[start..i];
                out.push_str(map.get(word).copied().unwrap_or(word));
                word_start = None;
                if i < text.len() {
                    out.push(c);
                }
            }
            (false, None) if i < text.len() => out.push(c),
            _ => {}
        }
    }
    out
}

/// A wasm module as its sections, in order: (id, contents).
struct Sections(Vec<(u8, Vec<u8>)>);

impl Sections {
    fn read(wasm: &[u8]) -> Result<Self, String> {
        if wasm.get(..8) != Some(b"\0asm\x01\0\0\0".as_slice()) {
            return Err("not a WebAssembly module (version 1)".to_owned());
        }
        let mut at = Cursor::new(&wasm[8..]);
        let mut sections = Vec::new();
        while !at.done() {
            let id = at.byte()?;
            let size = at.u32()? as usize;
            sections.push((id, at.take(size)?.to_vec()));
        }
        Ok(Self(sections))
    }

    fn find(&self, id: u8) -> Option<&[u8]> {
        self.0
            .iter()
            .find(|(i, _)| *i == id)
            .map(|(_, s)| s.as_slice())
    }

    fn replace(&mut self, id: u8, contents: Vec<u8>) {
        if let Some(section) = self.0.iter_mut().find(|(i, _)| *i == id) {
            section.1 = contents;
        }
    }

    fn write(&self) -> Vec<u8> {
        let mut out = b"\0asm\x01\0\0\0".to_vec();
        for (id, contents) in &self.0 {
            out.push(*id);
            out.extend(leb(contents.len() as u32));
            out.extend_from_slice(contents);
        }
        out
    }
}

struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Self { bytes, at: 0 }
    }

    fn done(&self) -> bool {
        self.at == self.bytes.len()
    }

    fn end(&self) -> Result<(), String> {
        if self.done() {
            Ok(())
        } else {
            Err("a wasm section is longer than its entries".to_owned())
        }
    }

    fn byte(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or("the wasm ends in the middle of a section")?;
        let taken = &self.bytes[self.at..end];
        self.at = end;
        Ok(taken)
    }

    /// An unsigned LEB128 number of at most 32 bits.
    fn u32(&mut self) -> Result<u32, String> {
        let mut value = 0u32;
        for shift in (0..35).step_by(7) {
            let byte = self.byte()?;
            value |= u32::from(byte & 0x7f)
                .checked_shl(shift)
                .ok_or("a number too large")?;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err("a number longer than 32 bits".to_owned())
    }

    fn name(&mut self) -> Result<String, String> {
        let n = self.u32()? as usize;
        String::from_utf8(self.take(n)?.to_vec()).map_err(|_| "a name that is not UTF-8".into())
    }

    fn limits(&mut self) -> Result<(), String> {
        let flags = self.byte()?;
        self.u32()?;
        if flags & 1 == 1 {
            self.u32()?;
        }
        Ok(())
    }

    /// Skips what an import is: a function, table, memory, global or tag and its type.
    fn import_description(&mut self) -> Result<(), String> {
        match self.byte()? {
            0 => self.u32().map(drop),
            1 => {
                self.byte()?;
                self.limits()
            }
            2 => self.limits(),
            3 => self.take(2).map(drop),
            4 => {
                self.byte()?;
                self.u32().map(drop)
            }
            kind => Err(format!("an import of an unknown kind {kind}")),
        }
    }
}

fn leb(mut n: u32) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return out;
        }
        out.push(byte | 0x80);
    }
}

fn encoded(name: &str) -> Vec<u8> {
    let mut out = leb(name.len() as u32);
    out.extend_from_slice(name.as_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module the way wasm-bindgen writes one: a type, imports (module, name and what
    /// they are), a memory, exports (name, kind), and a custom section.
    fn module(imports: &[(&str, &str, &[u8])], exports: &[(&str, u8)]) -> Vec<u8> {
        let mut out = b"\0asm\x01\0\0\0".to_vec();
        let section = |out: &mut Vec<u8>, id: u8, contents: Vec<u8>| {
            out.push(id);
            out.extend(leb(contents.len() as u32));
            out.extend(contents);
        };
        section(&mut out, 1, vec![1, 0x60, 0, 0]); // one type: () -> ()
        let mut import = leb(imports.len() as u32);
        for (module, name, what) in imports {
            import.extend(encoded(module));
            import.extend(encoded(name));
            import.extend_from_slice(what);
        }
        section(&mut out, 2, import);
        section(&mut out, 5, vec![1, 0, 17]); // a memory of 17 pages
        let mut export = leb(exports.len() as u32);
        for (i, (name, kind)) in exports.iter().enumerate() {
            export.extend(encoded(name));
            export.extend([*kind, i as u8]);
        }
        section(&mut out, 7, export);
        section(&mut out, 0, [encoded("producers"), vec![0]].concat());
        out
    }

    const FUNCTION: &[u8] = &[0, 0]; // a function of type 0
    const TABLE: &[u8] = &[1, 0x6f, 1, 1, 0xac, 0x02]; // externrefs, 1 to 300 (two bytes)
    const GLUE_JS: &str = "./greenfit_bg.js";
    const SNIPPET: &str = "./snippets/greenfit-3be8/src/embed/element.js";

    /// wasm-bindgen's glue after terser, cut down: the imports object (one name the prefix of
    /// another), a snippet's functions, calls of exports, and a `start` of its own.
    const GLUE: &str = r#"function i(){const e={__proto__:null,__wbg_call_a410eb4b59ed5965:function(e,t){return e.call(t)},__wbg_call_a410eb4b59ed5965_2:function(){},__wbindgen_init_externref_table:function(){L.__wbindgen_externrefs.set(0,void 0)}};const a={early_style:function(){return s.start}};return{__proto__:null,"./greenfit_bg.js":e,"./snippets/greenfit-3be8/src/embed/element.js":a}}
function f(e){L.__wbindgen_malloc(e);L.start();return L.memory}"#;

    #[test]
    fn renames_in_both_places_and_keeps_the_rest() {
        let wasm = module(
            &[
                (GLUE_JS, "__wbg_call_a410eb4b59ed5965", FUNCTION),
                (GLUE_JS, "__wbg_call_a410eb4b59ed5965_2", FUNCTION),
                (SNIPPET, "early_style", FUNCTION),
                (GLUE_JS, "__wbindgen_init_externref_table", TABLE),
            ],
            &[
                ("memory", 2),
                ("__wbindgen_malloc", 0),
                ("start", 0),
                ("__abort_handler", 3),
                ("__wbindgen_externrefs", 1),
            ],
        );
        let (out, glue) = shorten(&wasm, GLUE).unwrap();
        assert_eq!(
            glue,
            r#"function i(){const e={__proto__:null,a:function(e,t){return e.call(t)},b:function(){},d:function(){L.b.set(0,void 0)}};const a={c:function(){return s.start}};return{__proto__:null,a:e,b:a}}
function f(e){L.a(e);L.start();return L.memory}"#
        );
        // The same sections in the same order, the new names, the rest byte for byte.
        let expected = module(
            &[
                ("a", "a", FUNCTION),
                ("a", "b", FUNCTION),
                ("b", "c", FUNCTION),
                ("a", "d", TABLE),
            ],
            &[
                ("memory", 2),
                ("a", 0),
                ("start", 0),
                ("__abort_handler", 3),
                ("b", 1),
            ],
        );
        assert_eq!(out, expected);
    }

    #[test]
    fn refuses_an_import_the_glue_does_not_name() {
        let wasm = module(&[(GLUE_JS, "__wbg_gone_0123", FUNCTION)], &[]);
        assert!(shorten(&wasm, GLUE)
            .unwrap_err()
            .contains("__wbg_gone_0123"));
        // A name found only as the start of a longer identifier is not found.
        let wasm = module(&[(GLUE_JS, "__wbg_call", FUNCTION)], &[]);
        assert!(shorten(&wasm, GLUE).unwrap_err().contains("__wbg_call"));
    }

    #[test]
    fn a_module_named_twice_as_a_key_is_named_once() {
        let glue = "const i=s,o=s;function f(){return{\"./m.js\":i,\"./m.js\":o}}";
        assert_eq!(
            drop_repeated_key("{a:i,\"./m.js\":o}", "\"./m.js\"").as_deref(),
            Some("{a:i}")
        );
        assert_eq!(
            drop_repeated_key(glue, "\"./m.js\""),
            None,
            "the first is no repeat"
        );
        assert_eq!(drop_repeated_key("f(\"./m.js\")", "\"./m.js\""), None);
    }

    #[test]
    fn refuses_a_module_named_other_than_once() {
        let wasm = module(&[(GLUE_JS, "__wbg_call_a410eb4b59ed5965", FUNCTION)], &[]);
        let glue = GLUE.replace("function f(e){", "function f(e){m=\"./greenfit_bg.js\";");
        assert!(shorten(&wasm, &glue).unwrap_err().contains("2 times"));
    }

    #[test]
    fn refuses_a_name_both_imported_and_exported() {
        let wasm = module(
            &[(GLUE_JS, "__wbindgen_malloc", FUNCTION)],
            &[("__wbindgen_malloc", 0)],
        );
        assert!(shorten(&wasm, GLUE).unwrap_err().contains("both"));
    }

    #[test]
    fn refuses_a_damaged_module() {
        let wasm = module(&[(GLUE_JS, "__wbg_call_a410eb4b59ed5965", FUNCTION)], &[]);
        for cut in [1, 3, 9] {
            assert!(shorten(&wasm[..wasm.len() - cut], GLUE).is_err());
        }
        assert!(shorten(b"not wasm", GLUE).is_err());
    }

    #[test]
    fn short_names_are_unique_and_short() {
        let names: Vec<String> = (0..52 * 53 + 5).map(short_name).collect();
        assert_eq!(&names[..3], ["a", "b", "c"]);
        assert_eq!(names[52], "aa");
        assert_eq!(names[52 * 53], "aaa");
        let mut sorted = names.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len());
    }
}
