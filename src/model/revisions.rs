//! Questions greenfit has replaced, and how answers to them carry over.
//!
//! A question keeps its id only while old answers to it still mean the same. When a question is
//! changed so that they would not (its levels describe other steps, or "no claims" moved from a
//! level to "not relevant"), it gets a new id and an entry here. Stored and imported documents
//! are moved onto the new question by a format migration: an old answer that still tells the new
//! level is carried over; one that does not is kept in the document's `earlier_answers`, never
//! dropped, and the visitor is asked the new question again.

use super::answers::{Answer, Answers};

/// A question that replaced an older one.
#[derive(Debug)]
pub struct Replaced {
    pub old: &'static str,
    pub new: &'static str,
    /// What each old level (0 to 4) means on the new question: the same level or another, or
    /// `None` when the old answer does not tell. "Not relevant" and "don't know" always carry.
    pub levels: [Option<u8>; 5],
}

/// The questions reworked with the content review of November 2026 (format version 2).
pub const REPLACED_IN_V2: &[Replaced] = &[
    // Old 0 and 1 both said "claims not checked". Old 2 mixed "no claims" (now "not relevant")
    // with "checked a few"; old 3 and 4 spoke of evidence, which no longer makes a generic claim
    // lawful. The law changed, so those are asked again.
    Replaced {
        old: "efp-claims",
        new: "efp-green-claims",
        levels: [Some(0), Some(0), None, None, None],
    },
    // Old levels mixed knowing, assuming and testing; only "reduced beyond the rules" matches.
    Replaced {
        old: "wc-discharge",
        new: "wc-wastewater",
        levels: [None, None, None, None, Some(4)],
    },
    // Old 2 and 3 (stored and handed over, records incomplete or complete) are the new 2 and 3;
    // old 0 ("not sure"), 1 ("partly") and 4 (replacing substances, another topic) do not tell.
    Replaced {
        old: "wm-hazardous",
        new: "wm-hazardous-waste",
        levels: [None, None, Some(2), Some(3), None],
    },
    // Old 3 ("working towards certification") may be a partial or a complete system.
    Replaced {
        old: "gbp-ems",
        new: "gbp-management-system",
        levels: [Some(0), Some(1), Some(2), None, Some(4)],
    },
    // The old levels counted electricity only; the new ones count all energy in quarters.
    Replaced {
        old: "ee-renewable",
        new: "ee-renewable-share",
        levels: [None, None, None, None, None],
    },
    // Old 2 ("a simple check") does not say whether any measure was carried out.
    Replaced {
        old: "ee-audit",
        new: "ee-energy-audit",
        levels: [Some(0), Some(1), None, Some(3), Some(4)],
    },
];

impl Replaced {
    /// What `answer` to the old question means on the new one, if it tells.
    pub fn carry(&self, answer: Answer) -> Option<Answer> {
        match answer {
            Answer::Level(level) => self
                .levels
                .get(usize::from(level))
                .copied()
                .flatten()
                .map(Answer::Level),
            other => Some(other),
        }
    }
}

/// The replacement of the question `old`, if greenfit replaced it.
pub fn replaced(old: &str) -> Option<&'static Replaced> {
    REPLACED_IN_V2.iter().find(|r| r.old == old)
}

/// Moves the answers to replaced questions in `answers` onto their successors. An answer that
/// does not tell the new level, or whose successor is answered already, goes to `earlier`.
pub fn carry_over(steps: &[Replaced], answers: &mut Answers, earlier: &mut Answers) {
    for step in steps {
        let Some(answer) = answers.remove(step.old) else {
            continue;
        };
        match step.carry(answer) {
            Some(new) if !answers.contains_key(step.new) => {
                answers.insert(step.new.to_owned(), new);
            }
            _ => {
                earlier.insert(step.old.to_owned(), answer);
            }
        }
    }
}
