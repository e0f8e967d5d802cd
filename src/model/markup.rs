//! Parts of the screen written as HTML that the widget (src/ui) and the dashboard share or that
//! are tested here: a question's radio group, the results' chart (SVG), the dashboard's strips,
//! and the helpers every screen writes with (`Html` and its parts sent once). Everything here is escaped: content and
//! translations are text, never markup.

use super::answers::{Answer, MAX_LEVEL};
use super::content::Question;

/// Appends `text` with the characters that mean something in HTML text or in a quoted
/// attribute value written as entities.
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// Appends `open`, then `text` escaped, then `close`: an element of text, written out.
pub fn put(out: &mut String, open: &str, text: &str, close: &str) {
    out.push_str(open);
    escape_into(out, text);
    out.push_str(close);
}

/// A link when `link` is a safe http(s), mailto or tel link (a web link opens in a new tab),
/// else the text alone.
pub fn link_or_text(out: &mut String, text: &str, link: &str) {
    match super::config::safe_link(link) {
        Some(href) => {
            put(out, "<a href=\"", href, "\"");
            if href.starts_with("http") {
                out.push_str(" target=\"_blank\" rel=\"noopener noreferrer\"");
            }
            put(out, ">", text, "</a>");
        }
        None => escape_into(out, text),
    }
}

/// Writes ` name="value"`, the value escaped.
pub fn attr(h: &mut String, name: &str, value: &str) {
    h.push(' ');
    h.push_str(name);
    put(h, "=\"", value, "\"");
}

/// `value` as a quoted CSS string, for an attribute selector (`[data-item="…"]`).
pub fn css_string(value: &str) -> String {
    let mut quoted = String::from("\"");
    for c in value.chars() {
        match c {
            '"' | '\\' => {
                quoted.push('\\');
                quoted.push(c);
            }
            '\n' => quoted.push_str("\\a "),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// A screen being written as HTML, with the parts it wrote the last time: a part written the
/// same again is sent as an empty placeholder, which `patch` leaves alone on screen (neither
/// parsed nor compared). An answer changes one question of five: the other four, the header
/// and the rest are not sent again.
pub struct Html {
    text: String,
    /// Each part's key and HTML, as written the last time and this time.
    last: Vec<(String, String)>,
    next: Vec<(String, String)>,
}

impl Html {
    pub fn new(last: Vec<(String, String)>) -> Html {
        Html {
            text: String::with_capacity(16 * 1024),
            last,
            next: Vec::new(),
        }
    }

    /// Writes a part: `write` writes one `<tag>` element, to which this adds `data-key="key"`
    /// (keys are unique on a screen).
    pub fn part(&mut self, tag: &str, key: &str, write: &mut dyn FnMut(&mut Html)) {
        let start = self.text.len();
        write(self);
        debug_assert!(self.text[start..].starts_with(&format!("<{tag}")));
        let mut keyed = String::new();
        attr(&mut keyed, "data-key", key);
        let at = (start + 1 + tag.len()).min(self.text.len());
        self.text.insert_str(at, &keyed);
        let part = self.text[start..].to_owned();
        if self.last.iter().any(|(k, html)| k == key && *html == part) {
            self.text.truncate(start);
            put(&mut self.text, "<", tag, &keyed);
            put(&mut self.text, " data-same></", tag, ">");
        }
        self.next.push((key.to_owned(), part));
    }

    /// The HTML, and the parts to compare the next screen with.
    pub fn finish(self) -> (String, Vec<(String, String)>) {
        (self.text, self.next)
    }
}

impl std::ops::Deref for Html {
    type Target = String;
    fn deref(&self) -> &String {
        &self.text
    }
}

impl std::ops::DerefMut for Html {
    fn deref_mut(&mut self) -> &mut String {
        &mut self.text
    }
}

/// The id of a question's explanation, which its `<fieldset>` is described by.
pub fn why_id(question: &str) -> String {
    format!("gf-why-{question}")
}

/// A question's legend, then (in `.1`) its explanation and its radio group: the parts of a
/// question's `<fieldset>` before and after the note that asks a question again. `other` are
/// the labels of "not relevant" and "don't know"; the radio of `answer` is checked.
pub fn question(question: &Question, other: [&str; 2], answer: Option<Answer>) -> (String, String) {
    let mut legend = String::from("<legend>");
    escape_into(&mut legend, &question.text);
    legend.push_str("</legend>");

    let mut body = String::with_capacity(1024);
    body.push_str("<p class=\"gf-hint\" id=\"");
    escape_into(&mut body, &why_id(&question.id));
    body.push_str("\">");
    escape_into(&mut body, &question.why);
    body.push_str("</p><div class=\"gf-choices\">");
    let levels = (0..=MAX_LEVEL).map(|level| {
        let label = question.levels[usize::from(level)].as_str();
        (Answer::Level(level), label)
    });
    let others = [Answer::NotRelevant, Answer::DontKnow]
        .into_iter()
        .zip(other);
    let choices = levels.chain(others);
    for (choice, label) in choices {
        // The label holds its radio: one element less per choice, and no id to make.
        body.push_str("<label class=\"gf-choice\"><input type=\"radio\" name=\"");
        escape_into(&mut body, &question.id);
        body.push_str("\" value=\"");
        body.push_str(&choice.token());
        body.push_str(if answer == Some(choice) {
            "\" checked>"
        } else {
            "\">"
        });
        escape_into(&mut body, label);
        body.push_str("</label>");
    }
    body.push_str("</div>");
    (legend, body)
}

/// What the results' chart shows. Decorative for screen readers: the results table beside it
/// carries the same numbers.
pub struct Chart<'a> {
    /// Label and score (0 to 100) per axis; `None` is drawn at the centre and marked.
    pub axes: &'a [(String, Option<u8>)],
    /// Scores of an earlier result, drawn as a dashed outline.
    pub before: Option<&'a [Option<u8>]>,
    /// The cluster's median per area, drawn as a dotted outline.
    pub benchmark: Option<&'a [Option<u8>]>,
    /// The chart's accessible name.
    pub label: &'a str,
}

/// A mark drawn on the chart: the outline of the scores, an earlier result, the median.
const SHAPE: &str = "gf-radar-shape";
const BEFORE: &str = "gf-radar-before";
const BENCHMARK: &str = "gf-radar-benchmark";

/// The chart as SVG: a radar, or with fewer than three axes (a cluster turned the other areas
/// off, and a radar needs three to be a shape) one bar per area with the same marks.
pub fn chart(chart: &Chart) -> String {
    use super::geometry::{point, polygon};
    use std::fmt::Write;
    let count = chart.axes.len();
    let label = |(label, score): &(String, Option<u8>)| {
        let mut text = String::new();
        escape_into(&mut text, label);
        match score {
            Some(score) => write!(text, " {score}"),
            None => write!(text, " –"),
        }
        .map(|()| text)
        .unwrap_or_default()
    };
    let mut svg = String::with_capacity(2048);
    let open = |svg: &mut String, class: &str, view_box: &str| {
        let _ = write!(
            svg,
            "<svg class=\"{class}\" viewBox=\"{view_box}\" role=\"img\" aria-label=\""
        );
        escape_into(svg, chart.label);
        svg.push_str("\">");
    };
    let outline = |svg: &mut String, class: &str, points: String| {
        let _ = write!(
            svg,
            "<polygon class=\"{class}\" points=\"{points}\"></polygon>"
        );
    };
    if count < 3 {
        const ROW: usize = 56;
        open(
            &mut svg,
            "gf-radar gf-bars",
            &format!("-2 0 404 {}", count * ROW + 4),
        );
        for (i, axis) in chart.axes.iter().enumerate() {
            let top = i * ROW;
            let width = u32::from(axis.1.unwrap_or(0)) * 4;
            let _ = write!(
                svg,
                "<g><text class=\"gf-radar-label\" x=\"0\" y=\"{}\">{}</text>\
                 <rect class=\"gf-bar-track\" x=\"0\" y=\"{y}\" width=\"400\" height=\"20\"></rect>\
                 <rect class=\"{SHAPE}\" x=\"0\" y=\"{y}\" width=\"{width}\" height=\"20\"></rect>",
                top + 14,
                label(axis),
                y = top + 22,
            );
            for (class, scores) in [(BEFORE, chart.before), (BENCHMARK, chart.benchmark)] {
                if let Some(score) = scores.and_then(|s| s.get(i).copied().flatten()) {
                    let x = u32::from(score) * 4;
                    let _ = write!(
                        svg,
                        "<line class=\"{class}\" x1=\"{x}\" x2=\"{x}\" y1=\"{}\" y2=\"{}\"></line>",
                        top + 18,
                        top + 46
                    );
                }
            }
            svg.push_str("</g>");
        }
    } else {
        // The view box leaves room for the labels around the circle, in any language.
        open(&mut svg, "gf-radar", "-110 30 620 345");
        for ring in [25, 50, 75, 100] {
            let ring = polygon((0..count).map(|_| Some(ring)), count);
            outline(&mut svg, "gf-radar-ring", ring);
        }
        for i in 0..count {
            let (x, y) = point(i, count, 1.0);
            let _ = write!(
                svg,
                "<line class=\"gf-radar-axis\" x1=\"200\" y1=\"200\" x2=\"{x}\" y2=\"{y}\"></line>"
            );
        }
        for (class, scores) in [(BEFORE, chart.before), (BENCHMARK, chart.benchmark)] {
            if let Some(scores) = scores {
                outline(&mut svg, class, polygon(scores.iter().copied(), count));
            }
        }
        let scores = polygon(chart.axes.iter().map(|(_, s)| *s), count);
        outline(&mut svg, SHAPE, scores);
        for (i, axis) in chart.axes.iter().enumerate() {
            let (x, y) = point(i, count, 1.18);
            let anchor = match x - 200 {
                -19..=19 => "middle",
                d if d > 0 => "start",
                _ => "end",
            };
            let _ = write!(
                svg,
                "<text class=\"gf-radar-label\" x=\"{x}\" y=\"{}\" text-anchor=\"{anchor}\">{}</text>",
                y + 4,
                label(axis)
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

/// Above this many members a dot per member would be a blur (and slow): the dashboard's strip
/// chart shows the range as a line instead.
pub const MAX_DOTS: usize = 150;

/// The dashboard's strip chart: per area (label, the members' scores, their spread), a dot
/// for each member over a box from the lower to the upper quartile with a bar at the median;
/// above [`MAX_DOTS`] members, a line over the range instead of the dots.
pub fn strip(rows: &[(String, Vec<u8>, Option<super::dashboard::Spread>)], label: &str) -> String {
    use std::fmt::Write;
    const LEFT: i32 = 190;
    const WIDTH: i32 = 400;
    const ROW: i32 = 30;
    // The x of a score (0 to 100), in quarter points so that quartiles land exactly.
    let x = |score: f64| LEFT + (score * 4.0).round() as i32 * WIDTH / 400;
    let height = ROW * rows.len() as i32 + 30;
    let mut svg = String::with_capacity(4096 + rows.len() * 64 * 40);
    put(
        &mut svg,
        &format!(
            "<svg class=\"gd-strip\" viewBox=\"0 0 {} {height}\" role=\"img\" aria-label=\"",
            LEFT + WIDTH + 20
        ),
        label,
        "\">",
    );
    for tick in [0, 25, 50, 75, 100] {
        let at = x(f64::from(tick));
        let _ = write!(
            svg,
            "<line class=\"gd-grid\" x1=\"{at}\" x2=\"{at}\" y1=\"0\" y2=\"{}\"></line>\
             <text class=\"gd-tick\" x=\"{at}\" y=\"{}\" text-anchor=\"middle\">{tick}</text>",
            height - 20,
            height - 5
        );
    }
    for (i, (label, scores, spread)) in rows.iter().enumerate() {
        let middle = ROW * i as i32 + ROW / 2;
        let _ = write!(
            svg,
            "<g><text class=\"gd-row-label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">",
            LEFT - 10,
            middle + 5
        );
        put(&mut svg, "", label, "</text>");
        if let Some(s) = spread {
            let width = ((s.q3 - s.q1) * f64::from(WIDTH) / 100.0).round().max(1.0);
            let _ = write!(
                svg,
                "<rect class=\"gd-box\" x=\"{}\" y=\"{}\" width=\"{width}\" height=\"18\"></rect>\
                 <line class=\"gd-median\" x1=\"{m}\" x2=\"{m}\" y1=\"{}\" y2=\"{}\"></line>",
                x(s.q1),
                middle - 9,
                middle - 12,
                middle + 12,
                m = x(s.median),
            );
        }
        if scores.len() > MAX_DOTS {
            if let Some(s) = spread {
                let _ = write!(
                    svg,
                    "<line class=\"gd-range\" x1=\"{}\" x2=\"{}\" y1=\"{middle}\" y2=\"{middle}\"></line>",
                    x(s.min),
                    x(s.max)
                );
            }
        } else {
            for (j, score) in scores.iter().enumerate() {
                // Three lanes, so that equal scores stay visible as several dots.
                let lane = (j % 3) as i32 * 5 - 5;
                let _ = write!(
                    svg,
                    "<circle class=\"gd-dot\" cx=\"{}\" cy=\"{}\" r=\"3\"></circle>",
                    x(f64::from(*score)),
                    middle + lane
                );
            }
        }
        svg.push_str("</g>");
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_html_would_read_as_markup() {
        let mut out = String::new();
        escape_into(&mut out, r#"<b>Fish & "chips"</b> 'n' more"#);
        assert_eq!(
            out,
            "&lt;b&gt;Fish &amp; &quot;chips&quot;&lt;/b&gt; &#39;n&#39; more"
        );
    }

    #[test]
    fn writes_a_question_with_seven_choices_and_escaped_text() {
        let question = Question {
            id: "energy-1".into(),
            text: "Do you know your energy use & costs?".into(),
            why: "You can't cut what you <don't> measure.".into(),
            levels: (0..5).map(|l| format!("Level \"{l}\"")).collect(),
        };
        let (legend, body) = super::question(&question, ["Not relevant", "Don't know"], None);
        assert_eq!(
            legend,
            "<legend>Do you know your energy use &amp; costs?</legend>"
        );
        assert!(body.starts_with(
            "<p class=\"gf-hint\" id=\"gf-why-energy-1\">You can&#39;t cut what you &lt;don&#39;t&gt; measure.</p><div class=\"gf-choices\">"
        ));
        assert_eq!(
            body.matches("<input type=\"radio\" name=\"energy-1\"")
                .count(),
            7
        );
        assert!(body.contains("value=\"0\">Level &quot;0&quot;</label>"));
        assert!(body.contains("value=\"4\">Level &quot;4&quot;</label>"));
        assert!(body.contains("value=\"not_relevant\">Not relevant</label>"));
        assert!(body.contains("value=\"dont_know\">Don&#39;t know</label></div>"));
        assert!(!body.contains("checked"));
        let (_, answered) = super::question(
            &question,
            ["Not relevant", "Don't know"],
            Some(Answer::DontKnow),
        );
        assert_eq!(answered.matches("checked").count(), 1);
        assert!(answered.contains("value=\"dont_know\" checked>Don&#39;t know</label>"));
    }

    /// Writes a screen of two parts, `a` and `b`, after the parts written last time.
    fn screen(last: Vec<(String, String)>, a: &str, b: &str) -> (String, Vec<(String, String)>) {
        let mut h = Html::new(last);
        h.push_str("<div>");
        for (key, text) in [("a", a), ("b", b)] {
            h.part("p", key, &mut |h| put(h, "<p class=\"x\">", text, "</p>"));
        }
        h.push_str("</div>");
        h.finish()
    }

    #[test]
    fn a_part_written_as_last_time_is_sent_as_a_placeholder() {
        let (first, parts) = screen(Vec::new(), "one", "two");
        assert_eq!(
            first,
            "<div><p data-key=\"a\" class=\"x\">one</p><p data-key=\"b\" class=\"x\">two</p></div>"
        );
        let (second, parts) = screen(parts, "one", "2 & 3");
        assert_eq!(
            second,
            "<div><p data-key=\"a\" data-same></p><p data-key=\"b\" class=\"x\">2 &amp; 3</p></div>",
            "the unchanged part is a placeholder, the changed one whole"
        );
        // What is compared is what was written, never a placeholder: both are the same again.
        let (third, _) = screen(parts, "one", "2 & 3");
        assert_eq!(
            third,
            "<div><p data-key=\"a\" data-same></p><p data-key=\"b\" data-same></p></div>"
        );
        // Without the parts of last time (a new screen, or a part missing on screen), whole.
        assert_eq!(
            screen(Vec::new(), "one", "2 & 3").0,
            "<div><p data-key=\"a\" class=\"x\">one</p><p data-key=\"b\" class=\"x\">2 &amp; 3</p></div>"
        );
    }

    #[test]
    fn css_strings_quote_and_escape() {
        assert_eq!(css_string("i1"), "\"i1\"");
        assert_eq!(css_string("a\"b\\c\nd"), "\"a\\\"b\\\\c\\a d\"");
    }

    fn axes(scores: &[Option<u8>]) -> Vec<(String, Option<u8>)> {
        let names = ["Energy & <water>", "Waste", "Carbon", "Products"];
        names
            .iter()
            .zip(scores)
            .map(|(n, s)| ((*n).to_owned(), *s))
            .collect()
    }

    #[test]
    fn draws_a_radar_with_rings_axes_outlines_and_escaped_labels() {
        let axes = axes(&[Some(100), None, Some(50), Some(0)]);
        let svg = chart(&Chart {
            axes: &axes,
            before: Some(&[Some(50), Some(50), Some(50), Some(50)]),
            benchmark: None,
            label: "Scores \"by area\"",
        });
        assert!(svg.starts_with(
            "<svg class=\"gf-radar\" viewBox=\"-110 30 620 345\" role=\"img\" aria-label=\"Scores &quot;by area&quot;\">"
        ));
        assert!(svg.ends_with("</text></svg>"));
        assert_eq!(svg.matches("class=\"gf-radar-ring\"").count(), 4);
        assert_eq!(svg.matches("class=\"gf-radar-axis\"").count(), 4);
        // The first axis points up from the centre (200, 200), its full length 125 units.
        assert!(svg.contains(
            "<line class=\"gf-radar-axis\" x1=\"200\" y1=\"200\" x2=\"200\" y2=\"75\"></line>"
        ));
        // 100 on the top axis, nothing (the centre) on the right, 50 below, 0 on the left.
        assert!(svg.contains("<polygon class=\"gf-radar-shape\" points=\"200,75 200,200 200,263 200,200\"></polygon>"));
        assert!(svg.contains("<polygon class=\"gf-radar-before\" points=\"200,137 263,200 200,263 138,200\"></polygon>"));
        assert!(!svg.contains("gf-radar-benchmark"));
        assert!(svg.contains(">Energy &amp; &lt;water&gt; 100</text>"));
        assert!(svg.contains(">Waste –</text>"));
        // Labels sit beyond the ends of the axes, anchored away from the centre.
        assert!(svg
            .contains("<text class=\"gf-radar-label\" x=\"200\" y=\"56\" text-anchor=\"middle\">"));
        assert!(svg.contains("x=\"348\" y=\"204\" text-anchor=\"start\">Waste –</text>"));
        assert!(svg.contains("x=\"53\" y=\"204\" text-anchor=\"end\">Products 0</text>"));
    }

    #[test]
    fn writes_safe_links_and_anything_else_as_text() {
        let mut out = String::new();
        link_or_text(&mut out, "EEN & co", " https://een.example/?a=1&b=\"2\" ");
        assert_eq!(
            out,
            "<a href=\"https://een.example/?a=1&amp;b=&quot;2&quot;\" target=\"_blank\" \
             rel=\"noopener noreferrer\">EEN &amp; co</a>"
        );
        out.clear();
        link_or_text(&mut out, "Call us", "tel:+4312345");
        assert_eq!(out, "<a href=\"tel:+4312345\">Call us</a>");
        out.clear();
        link_or_text(&mut out, "<Click>", "javascript:alert(1)");
        assert_eq!(out, "&lt;Click&gt;");
    }

    #[test]
    fn draws_bars_when_fewer_than_three_areas_are_shown() {
        let axes = axes(&[Some(75), None]);
        let svg = chart(&Chart {
            axes: &axes,
            before: Some(&[Some(50), Some(25)]),
            benchmark: Some(&[None, Some(60)]),
            label: "Scores",
        });
        assert!(svg.starts_with(
            "<svg class=\"gf-radar gf-bars\" viewBox=\"-2 0 404 116\" role=\"img\" aria-label=\"Scores\"><g>"
        ));
        assert!(!svg.contains("polygon"));
        assert_eq!(svg.matches("<g>").count(), 2);
        // Bars as long as the scores (4 units a point); an unanswered area has an empty bar.
        assert!(svg.contains(
            "<rect class=\"gf-radar-shape\" x=\"0\" y=\"22\" width=\"300\" height=\"20\"></rect>"
        ));
        assert!(svg.contains(
            "<rect class=\"gf-radar-shape\" x=\"0\" y=\"78\" width=\"0\" height=\"20\"></rect>"
        ));
        assert!(svg.contains(
            "<line class=\"gf-radar-before\" x1=\"200\" x2=\"200\" y1=\"18\" y2=\"46\"></line>"
        ));
        assert!(svg.contains(
            "<line class=\"gf-radar-before\" x1=\"100\" x2=\"100\" y1=\"74\" y2=\"102\"></line>"
        ));
        // A median only where the cluster has one.
        assert_eq!(svg.matches("gf-radar-benchmark").count(), 1);
        assert!(svg.contains("<line class=\"gf-radar-benchmark\" x1=\"240\" x2=\"240\" y1=\"74\""));
        assert!(svg.contains("<text class=\"gf-radar-label\" x=\"0\" y=\"70\">Waste –</text>"));
    }

    #[test]
    fn draws_the_dashboards_strips_with_dots_or_a_range() {
        use crate::model::dashboard::spread;
        let few = vec![50, 50, 75];
        let many: Vec<u8> = (0..=MAX_DOTS as u8).map(|i| i % 101).collect();
        let rows = vec![
            ("A & B".to_owned(), few.clone(), spread(&few)),
            ("Many".to_owned(), many.clone(), spread(&many)),
            ("None".to_owned(), Vec::new(), None),
        ];
        let svg = strip(&rows, "Scores");
        assert!(svg.starts_with(
            "<svg class=\"gd-strip\" viewBox=\"0 0 610 120\" role=\"img\" aria-label=\"Scores\">"
        ));
        // Ticks at 0, 25, 50, 75 and 100: x = 190 + 4 per point.
        assert!(svg.contains("<line class=\"gd-grid\" x1=\"290\" x2=\"290\" y1=\"0\" y2=\"100\"></line><text class=\"gd-tick\" x=\"290\" y=\"115\" text-anchor=\"middle\">25</text>"));
        assert!(svg.contains(
            "<text class=\"gd-row-label\" x=\"180\" y=\"20\" text-anchor=\"end\">A &amp; B</text>"
        ));
        // Three dots in three lanes; equal scores stay apart.
        assert!(svg.contains("<circle class=\"gd-dot\" cx=\"390\" cy=\"10\" r=\"3\"></circle><circle class=\"gd-dot\" cx=\"390\" cy=\"15\" r=\"3\"></circle><circle class=\"gd-dot\" cx=\"490\" cy=\"20\" r=\"3\"></circle>"));
        assert_eq!(svg.matches("gd-dot").count(), 3, "no dots for the many");
        assert_eq!(svg.matches("gd-range").count(), 1);
        assert!(svg.contains(
            "<line class=\"gd-range\" x1=\"190\" x2=\"590\" y1=\"45\" y2=\"45\"></line>"
        ));
        assert_eq!(svg.matches("gd-box").count(), 2, "no box without a spread");
        assert!(svg.ends_with("<text class=\"gd-row-label\" x=\"180\" y=\"80\" text-anchor=\"end\">None</text></g></svg>"));
    }
}
