//! The cluster configuration: what is valid is used, what is wrong is reported with its field
//! and reason and falls back to the default.

use greenfit::model::answers::{Answer, Answers};
use greenfit::model::config::{
    contrast, is_colour, parse_colour, safe_link, ClusterConfig, Colors, Contact, ExtraQuestion,
    Languages, Offer, ShareSettings,
};
use greenfit::model::content::Content;
use greenfit::model::language::Language;
use greenfit::model::scoring::{self, Stage};

/// Parses as the widget does, against the built-in shape of the content (it loads English's
/// words as a bundle), and checks that the shape gives exactly what English itself gives.
fn parse(text: &str) -> (ClusterConfig, Vec<String>) {
    let (config, errors) = ClusterConfig::parse(text, &Language::shape().content);
    let (english_config, english_errors) = ClusterConfig::parse(text, &Content::english());
    assert_eq!(
        (&config, &errors),
        (&english_config, &english_errors),
        "the shape and English disagree on {text}"
    );
    (config, errors.iter().map(ToString::to_string).collect())
}

#[test]
fn the_example_configurations_in_www_are_valid() {
    for file in ["www/greenfit.json", "www/greenfit-south.json"] {
        let text = std::fs::read_to_string(file).unwrap();
        let (config, errors) = parse(&text);
        assert_eq!(errors, Vec::<String>::new(), "{file}");
        assert!(!config.name.is_empty(), "{file}");
        assert!(!config.offers.is_empty(), "{file}");
    }
}

#[test]
fn broken_json_gives_defaults_and_one_clear_error() {
    let (config, errors) = parse("{ \"name\": \"Cluster\", ");
    assert_eq!(config, ClusterConfig::default());
    assert_eq!(errors.len(), 1);
    assert!(errors[0].contains("EOF"), "{errors:?}");
}

#[test]
fn unknown_fields_and_wrong_types_name_the_field() {
    let (config, errors) = parse(r#"{"name": "C", "colours": {}}"#);
    assert_eq!(config, ClusterConfig::default());
    assert_eq!(
        errors,
        ["colours (line 1, column 26): is not a name greenfit knows (mistyped?)"]
    );
    let (_, errors) = parse("{\n  \"offers\": [{\"title\": \"A\"},\n    {\"title\": 5}]}");
    assert_eq!(
        errors,
        ["offers[1].title (line 3, column 15): expected text, found a number"]
    );
    let (_, errors) = parse(r#"{"contact": {"email": ["x"]}}"#);
    assert_eq!(
        errors,
        ["contact.email (line 1, column 23): expected text, found a list"]
    );
    // A missing field points at the object that lacks it.
    let (_, errors) = parse("{\"offers\": [\n {\"kind\": \"event\"}]}");
    assert_eq!(errors, ["offers[0].title (line 2, column 2): is missing"]);
    let (_, errors) = parse("[1, 2]");
    assert_eq!(
        errors,
        ["(config) (line 1, column 1): expected an object, found a list"]
    );
}

#[test]
fn dangerous_links_are_refused_and_the_rest_is_kept() {
    let (config, errors) = parse(
        r#"{"name": "Green Cluster",
            "offers": [{"title": "Audit", "link": "javascript:alert(1)"},
                       {"title": "Call us", "link": "tel:+43 1 234"}],
            "contact": {"web": "javascript:alert(1)", "email": "info@example.org"}}"#,
    );
    assert_eq!(
        errors,
        [
            "contact.web: must be an http(s) link",
            "offers[0].link: must be an http(s), mailto: or tel: link",
        ]
    );
    assert_eq!(config.name, "Green Cluster");
    assert_eq!(config.offers.len(), 2);
    assert_eq!(config.offers[0].link, "");
    assert_eq!(config.offers[1].link, "tel:+43 1 234");
    assert_eq!(config.contact.email, "info@example.org");
    assert_eq!(config.contact.web, "");
}

#[test]
fn only_colours_pass_as_colours() {
    for good in [
        "#1f6f43",
        "#fff",
        "#1f6f43cc",
        "rgb(31, 111, 67)",
        "hsl(145deg 56% 28%)",
        "rgba(0,0,0,.5)",
    ] {
        assert!(is_colour(good), "{good}");
    }
    for bad in [
        "red; } * { display: none",
        "url(https://evil.example/x.png)",
        "#12345",
        "#ggg",
        "rgb()",
        "expression(alert(1))",
        "",
    ] {
        assert!(!is_colour(bad), "{bad}");
    }
    let (config, errors) =
        parse(r##"{"colors": {"accent": "#8a1538", "text": "black; background: url(x)"}}"##);
    assert_eq!(
        errors,
        ["colors.text: is not a colour (use #rrggbb, #rgb or rgb(...))"]
    );
    assert_eq!(
        config.colors.properties(),
        [("--greenfit-accent", "#8a1538")]
    );
}

#[test]
fn logos_come_from_the_cluster_site_only() {
    let (config, errors) = parse(r#"{"logo": "https://tracker.example/pixel.gif"}"#);
    assert_eq!(config.logo, "");
    assert!(errors[0].starts_with("logo:"), "{errors:?}");
    let (config, errors) = parse(r#"{"logo": "/assets/logo.svg"}"#);
    assert!(errors.is_empty());
    assert_eq!(config.logo, "/assets/logo.svg");
    assert!(parse(r#"{"logo": "//cdn.example/logo.svg"}"#).1[0].starts_with("logo:"));
    // Browsers read a backslash as a slash and drop tabs and line breaks inside a URL: each
    // of these would ask another server.
    for sneaky in [
        r#"/\\tracker.example/p.gif"#,
        r#"/\t/tracker2.example/p.gif"#,
        r#"/\n/tracker3.example/p.gif"#,
        r#"\\/tracker4.example/p.gif"#,
        r#"./\\tracker5.example/p.gif"#,
        r#" //tracker6.example/p.gif"#,
        r#"/ /tracker7.example/p.gif"#,
    ] {
        let (config, errors) = parse(&format!(r#"{{"logo": "{sneaky}"}}"#));
        assert_eq!(config.logo, "", "{sneaky} passed");
        assert!(errors[0].starts_with("logo:"), "{sneaky}: {errors:?}");
    }
    for fine in [
        "./logo.png",
        "/img/cluster%20logo.svg",
        "data:image/png;base64,AAAA",
    ] {
        let (config, errors) = parse(&format!(r#"{{"logo": "{fine}"}}"#));
        assert!(errors.is_empty(), "{fine}: {errors:?}");
        assert_eq!(config.logo, fine);
    }
}

#[test]
fn safe_links_are_http_mailto_and_tel() {
    assert_eq!(
        safe_link(" https://een.ec.europa.eu/ "),
        Some("https://een.ec.europa.eu/")
    );
    assert_eq!(safe_link("mailto:a@b.eu"), Some("mailto:a@b.eu"));
    assert_eq!(safe_link("JavaScript:alert(1)"), None);
    assert_eq!(safe_link("data:text/html,<script>"), None);
    assert_eq!(safe_link("/relative"), None);
}

#[test]
fn unknown_languages_modules_and_areas_are_reported_and_dropped() {
    let (config, errors) = parse(
        r#"{"languages": {"default": "xx", "offered": ["de", "tlh"]},
            "modules": ["selfcheck", "chat"],
            "areas_off": ["water-consumption", "space-travel"]}"#,
    );
    assert_eq!(
        errors,
        [
            "languages.default: is not one of en, de, fr, es, it, pl",
            "languages.offered[1]: is not one of en, de, fr, es, it, pl",
            "modules[1]: is not \"selfcheck\" or \"canvas\"",
            "areas_off[1]: is not an area id (see docs/config.md)",
        ]
    );
    assert_eq!(config.languages.offered, ["de"]);
    assert!(config.shows("selfcheck") && !config.shows("canvas"));
    let mut content = Content::english();
    config.apply_to(&mut content);
    assert_eq!(content.areas.len(), 9);
    assert!(content.area("water-consumption").is_none());
}

#[test]
fn extra_questions_score_like_built_in_ones() {
    let (config, errors) = parse(
        r#"{"extra_questions": [
            {"area": "energy-efficiency", "id": "x-heat", "text": "Do you reuse waste heat?",
             "why": "Heat is energy you paid for.", "levels": ["No", "Ideas", "One", "Several", "All"]},
            {"area": "energy-efficiency", "id": "ee-use", "text": "Clash", "why": "w",
             "levels": ["a", "b", "c", "d", "e"]},
            {"area": "energy-efficiency", "id": "x-short", "text": "Too few levels", "why": "w",
             "levels": ["a", "b"]},
            {"area": "energy-efficiency", "id": "ee-audit", "text": "Old id", "why": "w",
             "levels": ["a", "b", "c", "d", "e"]},
            {"area": "energy-efficiency", "id": "my heat", "text": "Space", "why": "w",
             "levels": ["a", "b", "c", "d", "e"]}]}"#,
    );
    assert_eq!(
        errors,
        [
            "extra_questions[1].id: is empty or used by another question",
            "extra_questions[2].levels: must be five texts, for levels 0 to 4",
            "extra_questions[3].id: was the id of a built-in question greenfit has replaced; choose another",
            "extra_questions[4].id: must be up to 40 letters, digits, - or _ (it names the question in the page)",
        ]
    );
    let mut content = Content::english();
    config.apply_to(&mut content);
    assert_eq!(
        content.area("energy-efficiency").unwrap().questions.len(),
        6
    );
    assert!(content.problems().is_empty(), "{:?}", content.problems());
    // ee-use 4 and x-heat 2: (4 + 2) / 8 = 75.
    let answers: Answers = [("ee-use", Answer::Level(4)), ("x-heat", Answer::Level(2))]
        .into_iter()
        .map(|(q, a)| (q.to_string(), a))
        .collect();
    let results = scoring::score(&content, &answers);
    assert_eq!(results.area("energy-efficiency").unwrap().score, Some(75));
}

#[test]
fn offers_are_matched_to_areas_and_stages() {
    let (config, errors) = parse(
        r#"{"offers": [
            {"kind": "service", "title": "Energy check-up", "areas": ["energy-efficiency"], "stages": ["starting", "progressing"]},
            {"kind": "event", "title": "Green breakfast"},
            {"kind": "expert", "title": "Circularity advisor", "areas": ["circular-economy"]},
            {"kind": "party", "title": "Summer fest"}]}"#,
    );
    assert_eq!(
        errors,
        ["offers[3].kind: is not service, event, expert or funding"]
    );
    let titles = |area, stage| {
        config
            .offers_for(area, Some(stage))
            .iter()
            .map(|o| o.title.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        titles("energy-efficiency", Stage::Starting),
        ["Energy check-up", "Green breakfast", "Summer fest"]
    );
    assert_eq!(
        titles("energy-efficiency", Stage::Leading),
        ["Green breakfast", "Summer fest"]
    );
    assert_eq!(
        titles("circular-economy", Stage::Leading),
        ["Green breakfast", "Circularity advisor", "Summer fest"]
    );
    assert_eq!(config.offers[3].kind, "service");
}

#[test]
fn the_published_schema_lists_every_field_the_parser_accepts() {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../docs/config.schema.json")).unwrap();
    let example: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("www/greenfit.json").unwrap()).unwrap();
    let properties = schema["properties"].as_object().unwrap();
    for key in example.as_object().unwrap().keys() {
        assert!(
            properties.contains_key(key),
            "{key} is missing from docs/config.schema.json"
        );
    }
    // And the parser knows every field the schema documents.
    for key in properties.keys() {
        let text = format!(
            "{{\"{key}\": {}}}",
            if key == "name" || key == "logo" || key == "intro" {
                "\"\""
            } else if key == "benchmark" {
                "null"
            } else if ["modules", "areas_off", "extra_questions", "offers"].contains(&key.as_str())
            {
                "[]"
            } else {
                "{}"
            }
        );
        assert!(parse(&text).1.is_empty(), "{key}: {:?}", parse(&text).1);
    }
    let areas: Vec<_> = schema["$defs"]["area"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    let ids: Vec<_> = Content::english()
        .areas
        .iter()
        .map(|a| a.id.clone())
        .collect();
    assert_eq!(areas, ids);
}

#[test]
fn the_language_is_the_first_wish_on_offer() {
    use greenfit::model::config::choose_language;
    let all: Vec<String> = ["en", "de", "fr", "es", "it", "pl"]
        .map(String::from)
        .to_vec();
    let wishes = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(choose_language(&wishes(&["de-AT", "en"]), &all), "de");
    assert_eq!(choose_language(&wishes(&["", "PL"]), &all), "pl");
    assert_eq!(choose_language(&wishes(&["nl-BE", "fr"]), &all), "fr");
    assert_eq!(choose_language(&wishes(&["nl"]), &all), "en");
    let offered: Vec<String> = ["de", "en"].map(String::from).to_vec();
    assert_eq!(choose_language(&wishes(&["fr", "en-GB"]), &offered), "en");
    assert_eq!(choose_language(&wishes(&["sv"]), &offered), "de");
}

/// The schema node `node` points to, following a local `$ref`.
fn resolve<'a>(
    schema: &'a serde_json::Value,
    node: &'a serde_json::Value,
) -> &'a serde_json::Value {
    match node["$ref"]
        .as_str()
        .and_then(|r| r.strip_prefix("#/$defs/"))
    {
        Some(name) => &schema["$defs"][name],
        None => node,
    }
}

/// The fields the schema documents for the object at `path` (member names; a list stands for
/// its items).
fn documented(schema: &serde_json::Value, path: &[&str]) -> Vec<String> {
    let mut node = schema;
    for key in path {
        node = resolve(schema, &node["properties"][*key]);
        if node.get("items").is_some() {
            node = resolve(schema, &node["items"]);
        }
    }
    let mut fields: Vec<String> = node["properties"]
        .as_object()
        .unwrap_or_else(|| panic!("{path:?}: the schema documents no fields"))
        .keys()
        .cloned()
        .collect();
    fields.sort();
    fields
}

#[test]
fn the_schema_and_the_parser_know_the_same_fields_in_both_directions() {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../docs/config.schema.json")).unwrap();
    let parts: [(&[&str], &[&str]); 7] = [
        (&[], &ClusterConfig::FIELDS),
        (&["contact"], &Contact::FIELDS),
        (&["colors"], &Colors::FIELDS),
        (&["languages"], &Languages::FIELDS),
        (&["extra_questions"], &ExtraQuestion::FIELDS),
        (&["offers"], &Offer::FIELDS),
        (&["share"], &ShareSettings::FIELDS),
    ];
    for (path, fields) in parts {
        let mut known: Vec<String> = fields.iter().map(|f| f.to_string()).collect();
        known.sort();
        assert_eq!(
            documented(&schema, path),
            known,
            "{path:?}: schema vs parser"
        );
    }
    // The parser reads every one of those fields: `true` is the wrong kind of value for each,
    // and is reported at that field (a field it accepted but never read would pass silently).
    use serde_json::{json, Value};
    let question = json!({"area": "energy-efficiency", "id": "x-own", "text": "t", "why": "w",
        "levels": ["0", "1", "2", "3", "4"]});
    let holders: [(&str, &[&str], Value); 7] = [
        ("", &ClusterConfig::FIELDS, json!({})),
        ("contact.", &Contact::FIELDS, json!({})),
        ("colors.", &Colors::FIELDS, json!({})),
        ("languages.", &Languages::FIELDS, json!({})),
        ("share.", &ShareSettings::FIELDS, json!({})),
        ("offers[0].", &Offer::FIELDS, json!({"title": "A"})),
        ("extra_questions[0].", &ExtraQuestion::FIELDS, question),
    ];
    for (prefix, fields, valid) in holders {
        for field in fields {
            let mut part = valid.clone();
            part[*field] = Value::Bool(true);
            let config = match prefix {
                "" => part,
                "offers[0]." => json!({ "offers": [part] }),
                "extra_questions[0]." => json!({ "extra_questions": [part] }),
                holder => json!({ holder.trim_end_matches('.'): part }),
            };
            let (_, wrong) = ClusterConfig::parse(&config.to_string(), &Content::english());
            let at = format!("{prefix}{field}");
            assert!(
                wrong.len() == 1
                    && wrong[0].field.starts_with(&at)
                    && !wrong[0].reason.contains("knows"),
                "{at}: {wrong:?}"
            );
        }
    }
    let (_, wrong) = ClusterConfig::parse(r#"{"colors": {"accnt": "red"}}"#, &Content::english());
    assert_eq!(
        wrong[0].to_string(),
        "colors.accnt (line 1, column 22): is not a name greenfit knows (mistyped?)"
    );
}

#[test]
fn share_settings_are_checked_field_by_field() {
    let (config, errors) = parse(
        r#"{"name": "C", "share": {"email": "green@cluster.example", "purpose": "We use it to plan services."}}"#,
    );
    assert_eq!(errors, Vec::<String>::new());
    assert_eq!(config.share.unwrap().email, "green@cluster.example");
    let (config, errors) = parse(r#"{"name": "C", "share": {"email": "x?cc=evil@example.org"}}"#);
    assert_eq!(
        errors,
        vec!["share.email: is not an email address".to_owned()]
    );
    assert_eq!(config.name, "C");
    assert_eq!(config.share.unwrap().email, "");
}

#[test]
fn a_benchmark_inline_or_by_path_is_read_and_a_wrong_one_drops_only_itself() {
    let bench = r#"{"format":"greenfit-benchmark","version":1,"created_at":"2026-11-25","members":6,
        "areas":{"energy-efficiency":{"n":6,"q1":22.5,"median":35,"q3":47.5}}}"#;
    let (config, errors) = parse(&format!(r#"{{"name":"C","benchmark":{bench}}}"#));
    assert_eq!(errors, Vec::<String>::new());
    let read = config.benchmark_data.unwrap();
    assert_eq!(read.members, 6);
    assert_eq!(read.areas["energy-efficiency"].median, 35.0);

    let (config, errors) = parse(r#"{"name":"C","benchmark":"/greenfit-benchmark.json"}"#);
    assert_eq!(errors, Vec::<String>::new());
    assert_eq!(config.benchmark_url, "/greenfit-benchmark.json");

    for (value, why) in [
        (
            r#""https://tracker.example/b.json""#,
            "must be a path on your own site",
        ),
        (
            r#""/\tracker.example/b.json""#,
            "must be a path on your own site",
        ),
        (
            &bench.replace("\"members\":6", "\"members\":4"),
            "fewer than 5 members",
        ),
        (&bench.replace("\"n\":6", "\"n\":2"), "fewer than 5 members"),
        (&bench.replace("\"q1\":22.5", "\"q1\":80"), "out of order"),
        (r#"{"format":"greenfit-benchmark"}"#, "version: is missing"),
        ("42", "expected an object, found a number"),
        (
            &bench.replace("\"q1\":22.5", "\"q1\":\"22.5\""),
            "q1: expected a number, found text",
        ),
    ] {
        let (config, errors) = parse(&format!(r#"{{"name":"C","benchmark":{value}}}"#));
        assert_eq!(config.name, "C", "{value}");
        assert_eq!(config.benchmark_data, None, "{value}");
        assert_eq!(config.benchmark_url, "", "{value}");
        assert_eq!(errors.len(), 1, "{value}: {errors:?}");
        assert!(
            errors[0].starts_with("benchmark: ") && errors[0].contains(why),
            "{value}: {errors:?}"
        );
    }
}

#[test]
fn one_unknown_stage_drops_only_itself() {
    let (config, errors) = parse(
        r##"{"name": "C", "colors": {"accent": "#8a1538"},
            "offers": [{"title": "T", "stages": ["Starting", "established"]}]}"##,
    );
    assert_eq!(
        errors,
        vec!["offers[0].stages[0]: is not starting, progressing, established or leading"]
    );
    assert_eq!(config.name, "C");
    assert_eq!(config.colors.accent, "#8a1538");
    assert_eq!(config.offers[0].stages, vec!["established".to_owned()]);
    assert_eq!(
        config
            .offers_for("energy-efficiency", Some(Stage::Established))
            .len(),
        1
    );
    assert_eq!(
        config
            .offers_for("energy-efficiency", Some(Stage::Starting))
            .len(),
        0
    );
}

#[test]
fn an_offer_for_misspelled_areas_appears_nowhere_rather_than_everywhere() {
    let (config, errors) = parse(
        r#"{"offers": [{"title": "Water audit", "areas": ["water"]},
                       {"title": "Energy", "areas": ["energy-efficiency", "enrgy"]}]}"#,
    );
    assert_eq!(
        errors,
        vec![
            "offers[0].areas: names no known area id, so the offer is left out",
            "offers[1].areas: names an unknown area id",
        ]
    );
    assert_eq!(config.offers.len(), 1);
    assert!(config.offers_for("water-consumption", None).is_empty());
}

#[test]
fn colours_are_parsed_not_pattern_matched() {
    for bad in [
        "rgb(31, 111)",
        "rgb(,,,)",
        "hsl(deg)",
        "rgb(300, 0, 0)",
        "#12345",
        "rgb(1, 2, 3, 4, 5)",
        "hsl(120, 50, 50)",
    ] {
        assert!(!is_colour(bad), "{bad} accepted");
    }
    for good in [
        "#1f6f43",
        "#fff",
        "#1f6f43cc",
        "rgb(31, 111, 67)",
        "rgb(31 111 67 / 50%)",
        "rgba(31, 111, 67, 0.5)",
        "rgb(12%, 43%, 26%)",
        "hsl(145, 56%, 28%)",
        "hsl(145deg 56% 28%)",
    ] {
        assert!(is_colour(good), "{good} refused");
    }
    let hsl = parse_colour("hsl(120, 100%, 25%)").unwrap();
    assert!((hsl[0] - 0.0).abs() < 0.5 && (hsl[1] - 127.5).abs() < 0.5 && hsl[2].abs() < 0.5);
}

#[test]
fn text_colours_need_wcag_aa_contrast_with_their_background() {
    let white = parse_colour("#ffffff").unwrap();
    assert!((contrast(white, parse_colour("#000").unwrap()) - 21.0).abs() < 0.01);
    // #767676 on white is the classic 4.54:1.
    let grey = contrast(white, parse_colour("#767676").unwrap());
    assert!((grey - 4.54).abs() < 0.01, "{grey}");

    // A yellow accent under greenfit's white button text: 1.4:1, refused, defaults used.
    let (config, errors) = parse(r##"{"name": "C", "colors": {"accent": "#ffd500"}}"##);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("colors.accent: gives a contrast of 1.")
            && errors[0].contains("between colors.on_accent and colors.accent"),
        "{errors:?}"
    );
    assert_eq!(config.colors.accent, "");
    // With dark text on it, the same yellow is fine.
    let (config, errors) = parse(r##"{"colors": {"accent": "#ffd500", "on_accent": "#1b1f23"}}"##);
    assert_eq!(errors, Vec::<String>::new());
    assert_eq!(config.colors.accent, "#ffd500");
}

#[test]
fn the_check_reports_what_it_used_to_let_pass() {
    let (config, errors) = parse(
        r#"{"languages": {"default": "fr", "offered": ["de", "en", "de"]},
            "areas_off": ["water-consumption"],
            "extra_questions": [{"area": "water-consumption", "id": "x-water", "text": "t",
              "why": "w", "levels": ["a", "b", "c", "d", "e"]}]}"#,
    );
    assert_eq!(
        errors,
        vec![
            "languages.offered[2]: is listed twice",
            "languages.default: is not one of languages.offered, so the first offered language is the default",
            "extra_questions[0].area: is turned off in areas_off, so the question is not shown",
        ]
    );
    assert_eq!(config.languages.offered, vec!["de", "en"]);
    assert!(config.extra_questions.is_empty());

    let all: Vec<String> = Content::english()
        .areas
        .iter()
        .map(|a| format!("\"{}\"", a.id))
        .collect();
    let (config, errors) = parse(&format!(r#"{{"areas_off": [{}]}}"#, all.join(",")));
    assert_eq!(
        errors,
        vec!["areas_off: turns off every area, which would leave an empty self-check; all areas are shown"]
    );
    assert!(config.areas_off.is_empty());
}
