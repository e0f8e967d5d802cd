//! A visitor's answers to the self-check, keyed by question id.

use super::json::{self, DecodeError, FromJson, Json, ToJson, Writer};
use super::sorted::SortedMap;

/// The highest maturity level a question offers (levels run from 0 to this).
pub const MAX_LEVEL: u8 = 4;

/// One answer. In JSON a level is a number from 0 to 4; the two other choices are strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Level(u8),
    /// "Not relevant for us": left out of the score.
    NotRelevant,
    /// "Don't know": counts as level 0 and is flagged in the results.
    DontKnow,
}

impl Answer {
    pub const NOT_RELEVANT: &'static str = "not_relevant";
    pub const DONT_KNOW: &'static str = "dont_know";

    /// A stable token for form values and tests: "0".."4", "not_relevant", "dont_know".
    pub fn token(self) -> String {
        match self {
            Answer::Level(level) => level.to_string(),
            Answer::NotRelevant => Self::NOT_RELEVANT.to_owned(),
            Answer::DontKnow => Self::DONT_KNOW.to_owned(),
        }
    }

    /// The answer a [`token`](Self::token) stands for; `None` for anything else.
    pub fn from_token(token: &str) -> Option<Answer> {
        match token {
            Self::NOT_RELEVANT => Some(Answer::NotRelevant),
            Self::DONT_KNOW => Some(Answer::DontKnow),
            _ => {
                let level = token.parse::<u8>().ok().filter(|l| *l <= MAX_LEVEL)?;
                // "01" or "+1" are not tokens greenfit writes.
                (level.to_string() == token).then_some(Answer::Level(level))
            }
        }
    }
}

impl ToJson for Answer {
    fn write_json(&self, out: &mut Writer) {
        match self {
            Answer::Level(level) => level.write_json(out),
            Answer::NotRelevant => out.string(Self::NOT_RELEVANT),
            Answer::DontKnow => out.string(Self::DONT_KNOW),
        }
    }
}

impl FromJson for Answer {
    fn from_json(value: &Json<'_>) -> Result<Self, DecodeError> {
        match value {
            Json::Number(number) => json::whole(value, MAX_LEVEL.into())
                .map(|level| Answer::Level(level as u8))
                .map_err(|_| {
                    let number: String = number.chars().take(20).collect();
                    DecodeError::new(format!("level {number} is out of range 0 to 4"))
                }),
            Json::Str(text) => match text.as_ref() {
                Answer::NOT_RELEVANT => Ok(Answer::NotRelevant),
                Answer::DONT_KNOW => Ok(Answer::DontKnow),
                other => {
                    let other: String = other.chars().take(40).collect();
                    Err(DecodeError::new(format!("unknown answer \"{other}\"")))
                }
            },
            other => Err(DecodeError::new(format!(
                "expected a level from 0 to 4, \"not_relevant\" or \"dont_know\", found {}",
                other.kind()
            ))),
        }
    }
}

/// Answers by question id, in id order: exports stay stable and diffable.
pub type Answers = SortedMap<String, Answer>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_answer_comes_back_from_its_token_and_nothing_else_does() {
        let all = (0..=MAX_LEVEL)
            .map(Answer::Level)
            .chain([Answer::NotRelevant, Answer::DontKnow]);
        for answer in all {
            assert_eq!(Answer::from_token(&answer.token()), Some(answer));
        }
        for bad in [
            "",
            "5",
            "-1",
            "01",
            "+1",
            "1.0",
            "Not_relevant",
            "dont know",
            "255",
            "256",
        ] {
            assert_eq!(Answer::from_token(bad), None, "{bad:?}");
        }
    }
}
