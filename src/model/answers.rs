//! A visitor's answers to the self-check, keyed by question id.

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;

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
}

impl Serialize for Answer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Answer::Level(level) => serializer.serialize_u8(*level),
            Answer::NotRelevant => serializer.serialize_str(Self::NOT_RELEVANT),
            Answer::DontKnow => serializer.serialize_str(Self::DONT_KNOW),
        }
    }
}

impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AnswerVisitor;
        impl Visitor<'_> for AnswerVisitor {
            type Value = Answer;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a level from 0 to 4, \"not_relevant\" or \"dont_know\"")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Answer, E> {
                u8::try_from(v)
                    .ok()
                    .filter(|level| *level <= MAX_LEVEL)
                    .map(Answer::Level)
                    .ok_or_else(|| E::custom(format!("level {v} is out of range 0 to 4")))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Answer, E> {
                Err(E::custom(format!("level {v} is out of range 0 to 4")))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Answer, E> {
                match v {
                    Answer::NOT_RELEVANT => Ok(Answer::NotRelevant),
                    Answer::DONT_KNOW => Ok(Answer::DontKnow),
                    other => Err(E::custom(format!("unknown answer \"{other}\""))),
                }
            }
        }
        deserializer.deserialize_any(AnswerVisitor)
    }
}

/// Answers by question id. A BTreeMap keeps exports stable and diffable.
pub type Answers = BTreeMap<String, Answer>;
