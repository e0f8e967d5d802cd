//! The content check: every content file must pass before it ships.

#[path = "../src/content/flat.rs"]
#[allow(dead_code)]
mod flat;

use greenfit::model::canvas::{self, Block, Checklist};
use greenfit::model::content::Content;
use greenfit::model::scoring::Stage;
use greenfit::model::strings::Strings;

#[test]
fn english_content_has_no_problems() {
    let content = Content::english();
    assert_eq!(content.problems(), Vec::<String>::new());
}

#[test]
fn the_ten_areas_of_the_guide_in_its_order() {
    let ids: Vec<_> = Content::english()
        .areas
        .iter()
        .map(|a| a.id.clone())
        .collect();
    assert_eq!(
        ids,
        [
            "resilient-business-models",
            "greening-business-processes",
            "circular-economy",
            "environmentally-friendly-products",
            "sustainable-investment",
            "sustainable-innovation",
            "energy-efficiency",
            "carbon-footprint",
            "waste-management",
            "water-consumption",
        ]
    );
    let total = Content::english().question_count();
    assert!((40..=60).contains(&total), "{total} questions");
}

#[test]
fn vsme_hints_cover_the_areas_the_basic_module_asks_about() {
    let content = Content::english();
    for id in [
        "energy-efficiency",
        "carbon-footprint",
        "waste-management",
        "water-consumption",
        "circular-economy",
    ] {
        assert!(
            content.area(id).unwrap().vsme.is_some(),
            "{id} lacks a VSME hint"
        );
    }
}

#[test]
fn the_check_catches_broken_content() {
    let mut content = Content::english();
    content.areas[0].questions[1].id = content.areas[0].questions[0].id.clone();
    content.areas[1].questions[0].levels.pop();
    content.areas[2].next_steps.leading.truncate(1);
    content.areas[3].resources.push("nowhere".into());
    content.areas[4].questions.truncate(3);
    content.areas[5].questions[0].levels[1] = content.areas[5].questions[0].levels[0].clone();
    let problems = content.problems();
    assert!(
        problems
            .iter()
            .any(|p| p.contains("two identical level texts")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("duplicate id \"rbm-risks\"")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("has 4 level texts")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("stage leading")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("unknown resource \"nowhere\"")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("has 3 questions")),
        "{problems:?}"
    );
    assert_eq!(problems.len(), 6);
}

#[test]
fn ui_strings_cover_every_key_the_code_and_content_use() {
    let strings = Strings::english();
    let mut keys: Vec<String> = Stage::ALL
        .iter()
        .map(|s| format!("stage.{}", s.id()))
        .collect();
    keys.extend(["micro", "small", "medium", "large"].map(|b| format!("profile.size_{b}")));
    keys.extend(["service", "event", "expert", "funding"].map(|k| format!("offer.{k}")));
    // Keys the UI builds at run time with format!.
    for block in Block::ALL {
        keys.push(format!("canvas.block.{}", block.id()));
        keys.push(format!("canvas.help.{}", block.id()));
    }
    keys.extend(canvas::IMPORTANCE.map(|level| format!("canvas.importance_{level}")));
    keys.extend(Checklist::FIELDS.map(|field| format!("canvas.check.{field}")));
    // Every pattern of a key built at run time must be one of those listed above: a new one
    // makes this test fail until its keys are listed too.
    const BUILT: [&str; 7] = [
        "stage.",
        "profile.size_",
        "offer.",
        "canvas.block.",
        "canvas.help.",
        "canvas.importance_",
        "canvas.check.",
    ];
    // Every key that Rust code names literally.
    for file in walk("src") {
        let text = std::fs::read_to_string(&file).unwrap();
        for key in quoted_keys(&text) {
            keys.push(key);
        }
        let is_ui = file.starts_with("src/ui");
        for built in text.split("format!(\"").skip(1).filter(|_| is_ui) {
            let pattern = built.split('{').next().unwrap_or_default();
            if pattern.contains('.') && !pattern.starts_with('.') && !pattern.contains(' ') {
                assert!(
                    BUILT.contains(&pattern),
                    "{}: the key pattern \"{pattern}{{..}}\" is not covered by this test",
                    file.display()
                );
            }
        }
    }
    let missing: Vec<_> = keys.iter().filter(|k| !strings.has(k)).collect();
    assert!(missing.is_empty(), "missing UI strings: {missing:?}");
}

fn walk(dir: &str) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(path.to_str().unwrap()));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// String literals that look like UI keys: `"area.name"` with a known prefix.
fn quoted_keys(text: &str) -> Vec<String> {
    const PREFIXES: [&str; 14] = [
        "app.",
        "nav.",
        "status.",
        "storage.",
        "notice.",
        "selfcheck.",
        "answer.",
        "profile.",
        "results.",
        "data.",
        "error.",
        "canvas.",
        "config.",
        "lang.",
    ];
    text.split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| {
            PREFIXES.iter().any(|p| s.starts_with(p))
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || c == '.' || c == '_')
                && !s.ends_with('.')
                && !s.ends_with('_')
        })
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_flat_tables_the_widget_reads_equal_the_data_files() {
    use greenfit::model::{content, strings};
    let content_flat = flat::encode_content(content::ENGLISH_JSON).unwrap();
    assert_eq!(
        Content::from_flat(&content_flat),
        Some(Content::from_json(content::ENGLISH_JSON).unwrap())
    );
    assert_eq!(
        Strings::from_flat(&flat::encode_strings(strings::ENGLISH_JSON).unwrap()),
        Some(Strings::from_json(strings::ENGLISH_JSON).unwrap())
    );
    // A table cut short is refused, not half read.
    let cut = &content_flat[..content_flat.len() / 2];
    assert_eq!(Content::from_flat(cut), None);
    // A string table with a key twice is refused too: which text would be shown is unclear.
    let twice = "nav.data\u{1e}Your data\u{1e}nav.data\u{1e}Data";
    assert_eq!(Strings::from_flat(twice), None);
    let once = Strings::from_flat("nav.data\u{1e}Your data").unwrap();
    assert_eq!(once.get("nav.data"), "Your data");
}

#[test]
fn questions_are_found_by_id() {
    let content = Content::english();
    assert_eq!(content.question("ee-use").unwrap().levels.len(), 5);
    assert!(content.question("no-such-question").is_none());
}
