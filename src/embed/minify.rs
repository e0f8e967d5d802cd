//! A careful CSS minifier for the widget's own stylesheet (xtask runs it and puts the result
//! into greenfit.js; the stylesheet in the repository keeps its comments and layout).
//!
//! It only drops what CSS ignores: comments, whitespace next to `{`, `}` and `;`, before `,`
//! and after `:`, and the last `;` of a block. Other whitespace becomes one space, so a
//! descendant combinator (`a :hover`), the spaces `calc()` needs around `+` and `-`, and the
//! space after a comma (a custom property keeps its value's text as written, so
//! `var(--a, red)` would otherwise read differently) stay. Strings are copied as they are.
//! The e2e test "the minified stylesheet says what style.css says" has Chromium parse both
//! and compares every rule.

/// `css` without comments and without the whitespace CSS ignores.
pub fn minify_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    // Whitespace (or a comment) was skipped and has not been written yet.
    let mut space = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
                space = true;
            }
            c if c.is_whitespace() => space = true,
            _ => {
                if space && !out.is_empty() && !ends_token(&out) && !"{};,".contains(c) {
                    out.push(' ');
                }
                space = false;
                if c == '}' && out.ends_with(';') {
                    out.pop();
                }
                out.push(c);
                if c == '"' || c == '\'' {
                    copy_string(c, &mut chars, &mut out);
                }
            }
        }
    }
    out
}

/// Whether whitespace after the output so far can go: after `{`, `}`, `;` and `:`.
fn ends_token(out: &str) -> bool {
    out.ends_with(['{', '}', ';', ':'])
}

/// Copies a string up to and including its closing `quote`, escapes included.
fn copy_string(quote: char, chars: &mut impl Iterator<Item = char>, out: &mut String) {
    let mut escaped = false;
    for c in chars {
        out.push(c);
        match c {
            '\\' if !escaped => escaped = true,
            c if c == quote && !escaped => return,
            _ => escaped = false,
        }
    }
}
