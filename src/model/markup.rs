//! Parts of the screen written as one string of HTML, which the browser turns into elements in
//! one step. Yew builds its elements one call at a time, which for an area's questions (five
//! radio groups of seven choices) was most of the first screen's rendering; a radio group's
//! markup also never changes, since which radio is checked is set on the radios themselves.
//! Everything here is escaped: content and translations are text, never markup.

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

/// The id of a question's explanation, which its `<fieldset>` is described by.
pub fn why_id(question: &str) -> String {
    format!("gf-why-{question}")
}

/// A question's legend, then (in `.1`) its explanation and its radio group: the parts of a
/// question's `<fieldset>` before and after the note that asks a question again. `other` are
/// the labels of "not relevant" and "don't know". No radio is checked: which one is, is set on
/// the radios after they are made (it changes without the markup changing).
pub fn question(question: &Question, other: [&str; 2]) -> (String, String) {
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
    for (answer, label) in choices {
        // The label holds its radio: one element less per choice, and no id to make.
        body.push_str("<label class=\"gf-choice\"><input type=\"radio\" name=\"");
        escape_into(&mut body, &question.id);
        body.push_str("\" value=\"");
        body.push_str(&answer.token());
        body.push_str("\">");
        escape_into(&mut body, label);
        body.push_str("</label>");
    }
    body.push_str("</div>");
    (legend, body)
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
        let (legend, body) = super::question(&question, ["Not relevant", "Don't know"]);
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
    }
}
