//! The stylesheet minifier build.rs runs (the e2e suite also has Chromium compare the result
//! with style.css rule by rule).

#[path = "../src/embed/minify.rs"]
mod minify;

use minify::minify_css;

#[test]
fn drops_comments_and_the_whitespace_css_ignores() {
    let css =
        "/* a comment */\n.gf {\n  color: red;\n  margin: 0 auto;\n}\n\n.a ,\n.b > .c { x: y }\n";
    assert_eq!(
        minify_css(css),
        ".gf{color:red;margin:0 auto}.a, .b > .c{x:y}"
    );
}

#[test]
fn keeps_what_changes_meaning() {
    // A descendant combinator before a pseudo-class, the spaces calc() needs, media queries.
    assert_eq!(minify_css(".a :focus { }"), ".a :focus{}");
    assert_eq!(
        minify_css("p { width: calc(100% - 2 * var(--x)); }"),
        "p{width:calc(100% - 2 * var(--x))}"
    );
    assert_eq!(
        minify_css("@media (min-width: 40em) and (max-width: 60em) { p { a: b } }"),
        "@media (min-width:40em) and (max-width:60em){p{a:b}}"
    );
    assert_eq!(minify_css("a/**/b { }"), "a b{}");
    assert_eq!(
        minify_css("p { c: red !important; }"),
        "p{c:red !important}"
    );
    // A custom property's value is kept as written, so the space after a comma stays.
    assert_eq!(
        minify_css(":host { --a: var(--b,  #fff); }"),
        ":host{--a:var(--b, #fff)}"
    );
}

#[test]
fn copies_strings_as_they_are() {
    assert_eq!(
        minify_css(r#"p::before { content: "  a ;  /* not a comment */ \" } "; }"#),
        r#"p::before{content:"  a ;  /* not a comment */ \" } "}"#
    );
    assert_eq!(
        minify_css("p { grid-template-areas: 'a  b'\n  'c  d'; }"),
        "p{grid-template-areas:'a  b' 'c  d'}"
    );
}

#[test]
fn the_widget_stylesheet_gets_smaller_and_keeps_its_rules() {
    let css = std::fs::read_to_string("src/embed/style.css").expect("style.css");
    let min = minify_css(&css);
    assert!(
        min.len() < css.len() * 85 / 100,
        "{} of {}",
        min.len(),
        css.len()
    );
    let braces = |s: &str, c: char| s.chars().filter(|&x| x == c).count();
    let outside_comments: String = {
        let mut s = String::new();
        let mut rest = css.as_str();
        while let Some(start) = rest.find("/*") {
            s.push_str(&rest[..start]);
            rest = &rest[start + 2..];
            rest = &rest[rest.find("*/").expect("closed comment") + 2..];
        }
        s + rest
    };
    for c in ['{', '}', '(', ')', '"', '\''] {
        assert_eq!(braces(&min, c), braces(&outside_comments, c), "{c}");
    }
}
