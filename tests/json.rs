//! greenfit's own JSON reader and writer (src/model/json.rs), checked against serde_json: the
//! same texts are accepted and read to the same values, and what greenfit writes reads back.

#![cfg(not(target_arch = "wasm32"))]

use greenfit::model::json::{self, Json, MAX_DEPTH};
use proptest::prelude::*;

/// A serde_json value as ours would read it (objects in written order).
fn same(ours: &Json<'_>, theirs: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (ours, theirs) {
        (Json::Null, Value::Null) => true,
        (Json::Bool(a), Value::Bool(b)) => a == b,
        (Json::Number(text), Value::Number(n)) => {
            let parsed: serde_json::Number = serde_json::from_str(text).unwrap();
            &parsed == n || json::decimal(text) == n.as_f64().unwrap()
        }
        (Json::Str(a), Value::String(b)) => a == b,
        (Json::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
        }
        (Json::Object(a), Value::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|(k, v)| b.get(k.as_ref()).is_some_and(|w| same(v, w)))
        }
        _ => false,
    }
}

fn value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<u64>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (0u32..=10_000, 0u32..4)
            .prop_map(|(n, d)| Value::from(f64::from(n) / [1.0, 2.0, 4.0, 10.0][d as usize])),
        any::<String>().prop_map(Value::String),
        "[\"\\\\\\u{0}-\\u{1f}\\u{7f}é😀]{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{0,6}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn what_serde_json_writes_reads_the_same(v in value(), pretty in any::<bool>()) {
        let text = if pretty { serde_json::to_string_pretty(&v) } else { serde_json::to_string(&v) }.unwrap();
        let ours = json::parse(&text).unwrap();
        prop_assert!(same(&ours, &v), "{text}");
    }

    /// Cut, doubled or swapped characters: ours accepts exactly what serde_json accepts (except
    /// a key written twice, which ours refuses), and reads it to the same value.
    #[test]
    fn damaged_text_is_judged_as_serde_json_judges_it(
        v in value(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..4, prop::sample::select(vec!['"', ',', ':', '[', ']', '{', '}', '\\', '0', '-', '.', 'e', ' ', 'u', '\n'])), 1..3),
    ) {
        let mut text: Vec<char> = serde_json::to_string(&v).unwrap().chars().collect();
        for (at, kind, c) in edits {
            if text.is_empty() { break; }
            let i = at.index(text.len());
            match kind {
                0 => { text.remove(i); }
                1 => text.insert(i, c),
                2 => text[i] = c,
                _ => text.truncate(i),
            }
        }
        let text: String = text.into_iter().collect();
        let theirs = serde_json::from_str::<serde_json::Value>(&text);
        match (json::parse(&text), theirs) {
            (Ok(ours), Ok(theirs)) => prop_assert!(same(&ours, &theirs), "{text}"),
            (Err(_), Err(_)) => {}
            (Err(e), Ok(_)) => prop_assert_eq!(e.reason, "duplicate key in an object", "{}", text),
            (Ok(_), Err(e)) => prop_assert!(false, "ours read {text:?}, serde_json: {e}"),
        }
    }

    #[test]
    fn any_text_is_written_so_that_it_reads_back(text in any::<String>(), raw in "[\\u{0}-\\u{1f}\"\\\\/\\u{7f}\\u{2028}a]{0,12}") {
        for text in [text, raw] {
            let written = json::to_string(&text);
            prop_assert_eq!(&written, &serde_json::to_string(&text).unwrap());
            prop_assert_eq!(json::parse(&written).unwrap(), Json::Str(text.as_str().into()));
        }
    }

    #[test]
    fn decimals_read_as_the_standard_parser_reads_them(n in 0u32..=100_000, scale in 0usize..4, x in 0.0f64..=100.0) {
        let exact = f64::from(n) / [1.0, 2.0, 4.0, 1000.0][scale];
        prop_assert_eq!(json::decimal(&exact.to_string()), exact);
        // Seventeen significant digits: within a unit or two in the last place.
        let read = json::decimal(&x.to_string());
        prop_assert!((read - x).abs() <= x * 4.0 * f64::EPSILON, "{x} read as {read}");
    }
}

#[test]
fn numbers_are_judged_as_serde_json_judges_them() {
    let long = format!("1{}", "0".repeat(400));
    for text in [
        "0",
        "-0",
        "01",
        "-01",
        "00",
        "0.0",
        "1e5",
        "1E+5",
        "1e-5",
        "1.e5",
        ".5",
        "-",
        "1e",
        "+1",
        "0x1",
        "1_000",
        "1e400",
        "-1e400",
        "1e-400",
        "123456789012345678901234567890",
        &long,
        "18446744073709551616",
        "-9223372036854775809",
        "2.5e-3",
        "[1,-]",
        "[-1]",
    ] {
        let theirs = serde_json::from_str::<serde_json::Value>(text);
        let ours = json::parse(text);
        assert_eq!(
            ours.is_ok(),
            theirs.is_ok(),
            "{text}: {ours:?} / {theirs:?}"
        );
        if let (Ok(ours), Ok(theirs)) = (ours, theirs) {
            assert!(same(&ours, &theirs), "{text}");
        }
    }
}

#[test]
fn hostile_and_broken_texts_are_refused_with_the_place() {
    for (text, reason) in [
        ("", "EOF while parsing a value"),
        ("{\"a\": 1,}", "trailing comma"),
        ("[1,]", "trailing comma"),
        ("01", "invalid number"),
        ("1.", "EOF while parsing a value"),
        ("\"\\ud800\"", "unexpected end of hex escape"),
        ("\"\\udc00\"", "lone leading surrogate in hex escape"),
        (
            "\"a\u{1}\"",
            "control character (\\u0000-\\u001F) found while parsing a string",
        ),
        ("{\"a\": 1, \"a\": 2}", "duplicate key in an object"),
        ("{} {}", "trailing characters"),
        ("{1: 2}", "key must be a string"),
        ("tru", "EOF while parsing a value"),
        ("nul!", "expected ident"),
    ] {
        let error = json::parse(text).unwrap_err();
        assert_eq!(error.reason, reason, "{text:?}");
        assert!(
            serde_json::from_str::<serde_json::Value>(text).is_err()
                || reason.starts_with("duplicate")
        );
    }
    let error = json::parse("{\n  \"a\": [1,\n    x]}").unwrap_err();
    assert_eq!((error.line, error.column), (3, 5));
    assert_eq!(error.to_string(), "expected value at line 3 column 5");

    let nested = |depth: usize| "[".repeat(depth) + &"]".repeat(depth);
    assert!(json::parse(&nested(MAX_DEPTH)).is_ok());
    assert_eq!(
        json::parse(&nested(MAX_DEPTH + 1)).unwrap_err().reason,
        "recursion limit exceeded"
    );
    // Deep enough to overflow a recursive reader without the limit.
    assert!(json::parse(&nested(1_000_000)).is_err());
    // Many keys: the duplicate check stays fast.
    let many = format!(
        "{{{}}}",
        (0..100_000)
            .map(|i| format!("\"k{i}\":{i}"))
            .collect::<Vec<_>>()
            .join(",")
    );
    assert!(json::parse(&many).is_ok());
}

#[test]
fn pretty_text_has_serde_json_layout() {
    let text = r#"{"a":[1,{"b":[]},{}],"c":"x","d":{"e":null}}"#;
    let tree = json::parse(text).unwrap();
    struct Echo<'a>(&'a Json<'a>);
    impl json::ToJson for Echo<'_> {
        fn write_json(&self, out: &mut json::Writer) {
            match self.0 {
                Json::Array(items) => out.array(&items.iter().map(Echo).collect::<Vec<_>>()),
                Json::Object(members) => out.object(|out| {
                    for (key, value) in members {
                        out.member(key, &Echo(value));
                    }
                }),
                Json::Str(s) => out.string(s),
                Json::Number(n) => out.raw(n),
                Json::Bool(b) => out.raw(if *b { "true" } else { "false" }),
                Json::Null => out.raw("null"),
            }
        }
    }
    let value: serde_json::Value = serde_json::from_str(text).unwrap();
    assert_eq!(
        json::to_pretty(&Echo(&tree)),
        serde_json::to_string_pretty(&value).unwrap()
    );
    assert_eq!(json::to_string(&Echo(&tree)), text);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    /// Whatever shape a configuration has, the place of its first wrong value is found (the
    /// config check page's "Go to line"), and finding it never fails.
    #[test]
    fn the_place_of_a_wrong_value_is_always_found(v in value(), pretty in any::<bool>(), wrap in any::<bool>()) {
        use greenfit::model::config::ClusterConfig;
        use greenfit::model::json::FromJson;
        let v = if wrap { serde_json::json!({ "offers": [{ "title": "A" }, v.clone()], "colors": v }) } else { v };
        let text = if pretty { serde_json::to_string_pretty(&v) } else { serde_json::to_string(&v) }.unwrap();
        let tree = json::parse(&text).unwrap();
        if let Err(error) = ClusterConfig::from_json(&tree) {
            let (line, column) = json::locate(&text, &error).expect("a place");
            prop_assert!(line >= 1 && column >= 1 && line <= text.lines().count().max(1), "{text}: {error} at {line}:{column}");
        }
    }
}
