//! The self-check content: areas, questions, answer levels, next steps and help resources.
//!
//! Content lives in JSON data files under `src/content/`; this module is their schema and the
//! checks a content file must pass before it ships.

use super::answers::MAX_LEVEL;
use super::json::{self, DecodeError, FromJson, Json, Object};
use super::scoring::Stage;
use super::sorted::SortedSet;

#[derive(Debug, Clone, PartialEq)]
pub struct Content {
    pub lang: String,
    pub areas: Vec<Area>,
    pub resources: Vec<Resource>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    pub id: String,
    pub title: String,
    /// A one- or two-word label for the chart.
    pub short: String,
    /// One or two sentences: what this area covers, for a busy SME owner.
    pub summary: String,
    pub questions: Vec<Question>,
    pub next_steps: NextSteps,
    /// Ids of the public resources (see [`Content::resources`]) that help most in this area.
    pub resources: Vec<String>,
    /// What the EU voluntary SME sustainability reporting standard (VSME, basic module)
    /// asks about this area, where it asks anything.
    pub vsme: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub id: String,
    pub text: String,
    /// One line: why this practice matters.
    pub why: String,
    /// Exactly five descriptions, for levels 0 to 4.
    pub levels: Vec<String>,
}

/// At least two concrete actions for each maturity stage.
#[derive(Debug, Clone, PartialEq)]
pub struct NextSteps {
    pub starting: Vec<String>,
    pub progressing: Vec<String>,
    pub established: Vec<String>,
    pub leading: Vec<String>,
}

impl NextSteps {
    pub fn for_stage(&self, stage: Stage) -> &[String] {
        match stage {
            Stage::Starting => &self.starting,
            Stage::Progressing => &self.progressing,
            Stage::Established => &self.established,
            Stage::Leading => &self.leading,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    pub id: String,
    pub name: String,
    pub description: String,
    pub url: String,
}

/// The English data file, for tests and tools; greenfit reads [`Content::english`].
pub const ENGLISH_JSON: &str = include_str!("../content/selfcheck.en.json");

/// Separates the fields of a flat table (src/content/flat.rs, which writes them).
pub(crate) const SEP: char = '\u{1e}';
/// Separates the items of a list of texts in one field (the next steps of a stage).
const ITEM: char = '\u{1f}';

/// Reads a flat table field by field.
pub(crate) struct Fields<'a>(std::str::Split<'a, char>);

impl<'a> Fields<'a> {
    pub(crate) fn new(flat: &'a str) -> Self {
        Fields(flat.split(SEP))
    }
    pub(crate) fn text(&mut self) -> Option<String> {
        self.0.next().map(str::to_owned)
    }
    fn count(&mut self) -> Option<usize> {
        self.0.next()?.parse().ok()
    }
    fn texts(&mut self) -> Option<Vec<String>> {
        (0..self.count()?).map(|_| self.text()).collect()
    }
    /// A list of texts in one field, separated by U+001F (none when the field is empty).
    fn items(&mut self) -> Option<Vec<String>> {
        let field = self.0.next()?;
        let items = field.split(ITEM).filter(|_| !field.is_empty());
        Some(items.map(str::to_owned).collect())
    }
}

impl Content {
    pub fn from_json(text: &str) -> Result<Content, String> {
        json::from_str(text).map_err(|e| e.to_string())
    }

    /// Decodes a flat table made by src/content/flat.rs. `None` if it is cut short.
    pub fn from_flat(flat: &str) -> Option<Content> {
        let mut f = Fields::new(flat);
        let lang = f.text()?;
        let resources = (0..f.count()?)
            .map(|_| {
                Some(Resource {
                    id: f.text()?,
                    name: f.text()?,
                    description: f.text()?,
                    url: f.text()?,
                })
            })
            .collect::<Option<_>>()?;
        let areas = (0..f.count()?)
            .map(|_| {
                let (id, title, short, summary) = (f.text()?, f.text()?, f.text()?, f.text()?);
                let vsme = Some(f.text()?).filter(|v| !v.is_empty());
                let resources = f.texts()?;
                let questions = (0..f.count()?)
                    .map(|_| {
                        Some(Question {
                            id: f.text()?,
                            text: f.text()?,
                            why: f.text()?,
                            levels: f.texts()?,
                        })
                    })
                    .collect::<Option<_>>()?;
                let next_steps = NextSteps {
                    starting: f.items()?,
                    progressing: f.items()?,
                    established: f.items()?,
                    leading: f.items()?,
                };
                Some(Area {
                    id,
                    title,
                    short,
                    summary,
                    questions,
                    next_steps,
                    resources,
                    vsme,
                })
            })
            .collect::<Option<_>>()?;
        Some(Content {
            lang,
            areas,
            resources,
        })
    }

    /// The built-in English content (see [`super::language::Language::english`]).
    pub fn english() -> Content {
        super::language::Language::english().content
    }

    pub fn area(&self, id: &str) -> Option<&Area> {
        self.areas.iter().find(|area| area.id == id)
    }

    /// The position of the area that asks question `id`.
    pub fn area_index_of(&self, id: &str) -> Option<usize> {
        self.areas
            .iter()
            .position(|area| area.questions.iter().any(|q| q.id == id))
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.areas
            .iter()
            .flat_map(|area| area.questions.iter())
            .find(|question| question.id == id)
    }

    pub fn resource(&self, id: &str) -> Option<&Resource> {
        self.resources.iter().find(|resource| resource.id == id)
    }

    pub fn question_count(&self) -> usize {
        self.areas.iter().map(|area| area.questions.len()).sum()
    }

    /// Every id in the content, in order: areas, questions, resources.
    /// Two content files for different languages must list the same ids.
    pub fn ids(&self) -> Vec<String> {
        let mut ids = Vec::new();
        for area in &self.areas {
            ids.push(area.id.clone());
            ids.extend(area.questions.iter().map(|q| q.id.clone()));
            ids.extend(area.resources.iter().map(|r| format!("{}->{}", area.id, r)));
        }
        ids.extend(self.resources.iter().map(|r| r.id.clone()));
        ids
    }

    /// Everything wrong with this content, in plain words. Empty means fit to ship.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut seen = SortedSet::new();
        let mut unique = |id: &str, problems: &mut Vec<String>| {
            if id.trim().is_empty() {
                problems.push("an id is empty".to_owned());
            } else if !seen.insert(id.to_owned()) {
                problems.push(format!("duplicate id \"{id}\""));
            }
        };
        for resource in &self.resources {
            unique(&resource.id, &mut problems);
            if !resource.url.starts_with("https://") {
                problems.push(format!("resource \"{}\" has no https link", resource.id));
            }
        }
        for area in &self.areas {
            unique(&area.id, &mut problems);
            if !(4..=6).contains(&area.questions.len()) {
                problems.push(format!(
                    "area \"{}\" has {} questions, not 4 to 6",
                    area.id,
                    area.questions.len()
                ));
            }
            for question in &area.questions {
                unique(&question.id, &mut problems);
                if question.levels.len() != usize::from(MAX_LEVEL) + 1 {
                    problems.push(format!(
                        "question \"{}\" has {} level texts, not 5",
                        question.id,
                        question.levels.len()
                    ));
                }
                let texts = [&question.text, &question.why]
                    .into_iter()
                    .chain(question.levels.iter());
                if texts.clone().any(|text| text.trim().is_empty()) {
                    problems.push(format!("question \"{}\" has an empty text", question.id));
                }
                let mut levels = SortedSet::new();
                if !question
                    .levels
                    .iter()
                    .all(|level| levels.insert(level.trim().to_lowercase()))
                {
                    problems.push(format!(
                        "question \"{}\" has two identical level texts",
                        question.id
                    ));
                }
            }
            for stage in Stage::ALL {
                let steps = area.next_steps.for_stage(stage);
                if steps.len() < 2 || steps.iter().any(|s| s.trim().is_empty()) {
                    problems.push(format!(
                        "area \"{}\" has fewer than two next steps for stage {}",
                        area.id,
                        stage.id()
                    ));
                }
            }
            if area.resources.is_empty() {
                problems.push(format!("area \"{}\" names no public resource", area.id));
            }
            for id in &area.resources {
                if self.resource(id).is_none() {
                    problems.push(format!(
                        "area \"{}\" names unknown resource \"{id}\"",
                        area.id
                    ));
                }
            }
        }
        problems
    }
}

impl FromJson for Content {
    fn from_json(value: &Json<'_>) -> Result<Self, DecodeError> {
        let o = Object::only(value, &["lang", "areas", "resources"])?;
        Ok(Content {
            lang: o.req("lang")?,
            areas: o.req("areas")?,
            resources: o.req("resources")?,
        })
    }
}

impl FromJson for Area {
    fn from_json(value: &Json<'_>) -> Result<Self, DecodeError> {
        let o = Object::only(
            value,
            &[
                "id",
                "title",
                "short",
                "summary",
                "questions",
                "next_steps",
                "resources",
                "vsme",
            ],
        )?;
        Ok(Area {
            id: o.req("id")?,
            title: o.req("title")?,
            short: o.req("short")?,
            summary: o.req("summary")?,
            questions: o.req("questions")?,
            next_steps: o.req("next_steps")?,
            resources: o.req("resources")?,
            vsme: o.or_default("vsme")?,
        })
    }
}

impl FromJson for Question {
    fn from_json(value: &Json<'_>) -> Result<Self, DecodeError> {
        let o = Object::only(value, &["id", "text", "why", "levels"])?;
        Ok(Question {
            id: o.req("id")?,
            text: o.req("text")?,
            why: o.req("why")?,
            levels: o.req("levels")?,
        })
    }
}

impl FromJson for NextSteps {
    fn from_json(value: &Json<'_>) -> Result<Self, DecodeError> {
        let o = Object::only(
            value,
            &["starting", "progressing", "established", "leading"],
        )?;
        Ok(NextSteps {
            starting: o.req("starting")?,
            progressing: o.req("progressing")?,
            established: o.req("established")?,
            leading: o.req("leading")?,
        })
    }
}

impl FromJson for Resource {
    fn from_json(value: &Json<'_>) -> Result<Self, DecodeError> {
        let o = Object::only(value, &["id", "name", "description", "url"])?;
        Ok(Resource {
            id: o.req("id")?,
            name: o.req("name")?,
            description: o.req("description")?,
            url: o.req("url")?,
        })
    }
}
