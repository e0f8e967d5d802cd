//! Scores per area and overall, maturity stages and priorities. The method is explained for
//! cluster managers in docs/scoring.md; keep the two in step.

use super::answers::{Answer, Answers, MAX_LEVEL};
use super::content::{Area, Content};
use super::json::{DecodeError, FromJson, Json, ToJson, Writer};

/// Four named maturity stages, by score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    /// 0 to 24
    Starting,
    /// 25 to 49
    Progressing,
    /// 50 to 74
    Established,
    /// 75 to 100
    Leading,
}

impl Stage {
    pub const ALL: [Stage; 4] = [
        Stage::Starting,
        Stage::Progressing,
        Stage::Established,
        Stage::Leading,
    ];

    pub fn from_score(score: u8) -> Stage {
        match score {
            0..=24 => Stage::Starting,
            25..=49 => Stage::Progressing,
            50..=74 => Stage::Established,
            _ => Stage::Leading,
        }
    }

    /// The id used in content files, UI string keys and the export.
    pub fn id(self) -> &'static str {
        match self {
            Stage::Starting => "starting",
            Stage::Progressing => "progressing",
            Stage::Established => "established",
            Stage::Leading => "leading",
        }
    }
}

/// Areas scoring below this are candidates for the highlighted priorities.
pub const PRIORITY_BELOW: u8 = 75;
/// At most this many priorities are highlighted.
pub const MAX_PRIORITIES: usize = 3;

#[derive(Debug, Clone, PartialEq)]
pub struct AreaResult {
    pub area: String,
    /// 0 to 100; `None` when nothing scorable was answered.
    pub score: Option<u8>,
    pub stage: Option<Stage>,
    pub questions: usize,
    /// Questions with any answer, "not relevant" and "don't know" included.
    pub answered: usize,
    pub not_relevant: usize,
    /// Questions answered "don't know": worth finding out.
    pub dont_know: Vec<String>,
    /// The exact score as a fraction of the maximum, for ordering and the overall score.
    pub exact: Option<Fraction>,
}

impl AreaResult {
    /// Every answered question was "not relevant for us".
    pub fn is_not_relevant(&self) -> bool {
        self.answered > 0 && self.answered == self.not_relevant
    }

    pub fn is_complete(&self) -> bool {
        self.answered == self.questions
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    pub areas: Vec<AreaResult>,
    /// The mean of the scored areas, each area weighing the same.
    pub overall: Option<u8>,
    pub overall_stage: Option<Stage>,
    /// The weakest scored areas below [`PRIORITY_BELOW`], weakest first, at most three.
    pub priorities: Vec<String>,
    pub answered: usize,
    pub questions: usize,
}

impl Results {
    pub fn area(&self, id: &str) -> Option<&AreaResult> {
        self.areas.iter().find(|result| result.area == id)
    }
}

/// A non-negative fraction, kept exact: scores are computed without floating point, so that
/// exact halves always round up (a float makes 57.5 into 57.4999...).
#[derive(Debug, Clone, Copy)]
pub struct Fraction {
    num: u128,
    den: u128,
}

fn gcd(a: u128, b: u128) -> u128 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

impl Fraction {
    /// `num / den`; `den` must not be zero.
    pub fn new(num: u128, den: u128) -> Fraction {
        assert!(den > 0, "a fraction needs a denominator");
        let g = gcd(num, den).max(1);
        Fraction {
            num: num / g,
            den: den / g,
        }
    }

    fn add(self, other: Fraction) -> Fraction {
        let g = gcd(self.den, other.den).max(1);
        let den = self.den / g * other.den;
        Fraction::new(
            self.num * (den / self.den) + other.num * (den / other.den),
            den,
        )
    }

    fn divided_by(self, n: u128) -> Fraction {
        Fraction::new(self.num, self.den * n)
    }

    /// The fraction as a percentage, rounded half up: 0.575 gives 58.
    pub fn percent(self) -> u8 {
        let rounded = (200 * self.num + self.den) / (2 * self.den);
        rounded.min(100) as u8
    }
}

impl PartialEq for Fraction {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}

impl Eq for Fraction {}

impl PartialOrd for Fraction {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Fraction {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.num * other.den).cmp(&(other.num * self.den))
    }
}

pub fn score_area(area: &Area, answers: &Answers) -> AreaResult {
    let mut result = AreaResult {
        area: area.id.clone(),
        score: None,
        stage: None,
        questions: area.questions.len(),
        answered: 0,
        not_relevant: 0,
        dont_know: Vec::new(),
        exact: None,
    };
    let (mut points, mut counted) = (0u32, 0u32);
    for question in &area.questions {
        let Some(answer) = answers.get(&question.id) else {
            continue;
        };
        result.answered += 1;
        match answer {
            Answer::Level(level) => {
                points += u32::from(*level);
                counted += 1;
            }
            Answer::DontKnow => {
                result.dont_know.push(question.id.clone());
                counted += 1;
            }
            Answer::NotRelevant => result.not_relevant += 1,
        }
    }
    if counted > 0 {
        let exact = Fraction::new(
            u128::from(points),
            u128::from(counted * u32::from(MAX_LEVEL)),
        );
        let score = exact.percent();
        result.exact = Some(exact);
        result.score = Some(score);
        result.stage = Some(Stage::from_score(score));
    }
    result
}

/// Scores every area of `content` from `answers`. Answers to unknown questions are ignored.
pub fn score(content: &Content, answers: &Answers) -> Results {
    let areas: Vec<AreaResult> = content
        .areas
        .iter()
        .map(|area| score_area(area, answers))
        .collect();
    let exacts: Vec<Fraction> = areas.iter().filter_map(|a| a.exact).collect();
    let overall = exacts
        .iter()
        .copied()
        .reduce(Fraction::add)
        .map(|sum| sum.divided_by(exacts.len() as u128).percent());

    let mut candidates: Vec<&AreaResult> = areas
        .iter()
        .filter(|a| a.score.is_some_and(|s| s < PRIORITY_BELOW))
        .collect();
    // Stable sort: equal scores keep the content's order.
    super::sort_by(&mut candidates, |a, b| a.exact < b.exact);
    let priorities = candidates
        .into_iter()
        .take(MAX_PRIORITIES)
        .map(|a| a.area.clone())
        .collect();

    Results {
        answered: areas.iter().map(|a| a.answered).sum(),
        questions: areas.iter().map(|a| a.questions).sum(),
        overall,
        overall_stage: overall.map(Stage::from_score),
        priorities,
        areas,
    }
}

/// The change of each area's score between an earlier and a later result.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaChange {
    pub area: String,
    pub before: Option<u8>,
    pub now: Option<u8>,
}

impl AreaChange {
    pub fn delta(&self) -> Option<i16> {
        Some(i16::from(self.now?) - i16::from(self.before?))
    }
}

pub fn compare(before: &Results, now: &Results) -> Vec<AreaChange> {
    now.areas
        .iter()
        .map(|area| AreaChange {
            area: area.area.clone(),
            before: before.area(&area.area).and_then(|a| a.score),
            now: area.score,
        })
        .collect()
}

impl ToJson for Stage {
    fn write_json(&self, out: &mut Writer) {
        out.string(self.id());
    }
}

impl FromJson for Stage {
    fn from_json(value: &Json<'_>) -> Result<Self, DecodeError> {
        let id = String::from_json(value)?;
        Stage::ALL
            .into_iter()
            .find(|stage| stage.id() == id)
            .ok_or_else(|| {
                DecodeError::new(
                    "expected \"starting\", \"progressing\", \"established\" or \"leading\"",
                )
            })
    }
}

impl ToJson for AreaResult {
    fn write_json(&self, out: &mut Writer) {
        out.object(|out| {
            out.member("area", &self.area);
            out.member("score", &self.score);
            out.member("stage", &self.stage);
            out.member("questions", &self.questions);
            out.member("answered", &self.answered);
            out.member("not_relevant", &self.not_relevant);
            out.member("dont_know", &self.dont_know);
        });
    }
}

impl ToJson for Results {
    fn write_json(&self, out: &mut Writer) {
        out.object(|out| {
            out.member("areas", &self.areas);
            out.member("overall", &self.overall);
            out.member("overall_stage", &self.overall_stage);
            out.member("priorities", &self.priorities);
            out.member("answered", &self.answered);
            out.member("questions", &self.questions);
        });
    }
}
