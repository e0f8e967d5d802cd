//! The value-proposition canvas (format by Strategyzer, strategyzer.com): a customer profile
//! (jobs, pains, gains) facing a value map (products and services, pain relievers, gain
//! creators), its edits, and the fit check explained in docs/canvas.md.

use super::json::{DecodeError, FromJson, Json, Object, ToJson, Writer};
use super::sorted::SortedSet;

pub const MAX_CANVASES: usize = 30;
pub const MAX_ITEMS: usize = 40;
pub const MAX_ITEM_CHARS: usize = 200;
pub const MAX_NAME_CHARS: usize = 60;
pub const MAX_NOTE_CHARS: usize = 500;
/// Importance of a pain or gain: 1 low, 2 medium, 3 high.
pub const IMPORTANCE: std::ops::RangeInclusive<u8> = 1..=3;
pub const DEFAULT_IMPORTANCE: u8 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Block {
    Jobs,
    Pains,
    Gains,
    Products,
    Relievers,
    Creators,
}

impl Block {
    pub const ALL: [Block; 6] = [
        Block::Jobs,
        Block::Pains,
        Block::Gains,
        Block::Products,
        Block::Relievers,
        Block::Creators,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Block::Jobs => "jobs",
            Block::Pains => "pains",
            Block::Gains => "gains",
            Block::Products => "products",
            Block::Relievers => "relievers",
            Block::Creators => "creators",
        }
    }

    /// Pains and gains are rated by importance.
    pub fn is_rated(self) -> bool {
        matches!(self, Block::Pains | Block::Gains)
    }

    /// Relievers link to pains, creators to gains.
    pub fn links_to(self) -> Option<Block> {
        match self {
            Block::Relievers => Some(Block::Pains),
            Block::Creators => Some(Block::Gains),
            _ => None,
        }
    }

    fn prefix(self) -> char {
        match self {
            Block::Jobs => 'j',
            Block::Pains => 'p',
            Block::Gains => 'g',
            Block::Products => 's',
            Block::Relievers => 'r',
            Block::Creators => 'c',
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub id: String,
    pub text: String,
    /// 1 to 3 for pains and gains; 0 elsewhere.
    pub importance: u8,
    /// For relievers: ids of pains; for creators: ids of gains.
    pub links: Vec<String>,
}

/// The questions the guide asks of a new cluster service before it launches.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Checklist {
    pub demand: String,
    pub tested: String,
    pub payer: String,
    pub partners: String,
}

impl Checklist {
    pub const FIELDS: [&'static str; 4] = ["demand", "tested", "payer", "partners"];

    pub fn get(&self, field: &str) -> &str {
        match field {
            "demand" => &self.demand,
            "tested" => &self.tested,
            "payer" => &self.payer,
            "partners" => &self.partners,
            _ => "",
        }
    }

    pub fn set(&mut self, field: &str, text: &str) {
        let text = limit(text, MAX_NOTE_CHARS);
        match field {
            "demand" => self.demand = text,
            "tested" => self.tested = text,
            "payer" => self.payer = text,
            "partners" => self.partners = text,
            _ => {}
        }
    }

    pub fn answered(&self) -> usize {
        Self::FIELDS
            .iter()
            .filter(|f| !self.get(f).trim().is_empty())
            .count()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Canvas {
    pub id: String,
    pub name: String,
    /// A canvas for a cluster service shows the validation checklist.
    pub service: bool,
    pub jobs: Vec<Item>,
    pub pains: Vec<Item>,
    pub gains: Vec<Item>,
    pub products: Vec<Item>,
    pub relievers: Vec<Item>,
    pub creators: Vec<Item>,
    pub checklist: Checklist,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditError {
    Empty,
    TooLong,
    Full,
    /// The document holds the most canvases it may.
    TooMany,
    NotFound,
}

/// Trims `text` and cuts it to `max` characters.
pub fn limit(text: &str, max: usize) -> String {
    text.trim().chars().take(max).collect()
}

fn clean_text(text: &str, max: usize) -> Result<String, EditError> {
    let text = text.trim();
    if text.is_empty() {
        Err(EditError::Empty)
    } else if text.chars().count() > max {
        Err(EditError::TooLong)
    } else {
        Ok(text.to_owned())
    }
}

impl Canvas {
    pub fn new(id: String, name: &str) -> Canvas {
        Canvas {
            id,
            name: limit(name, MAX_NAME_CHARS),
            ..Canvas::default()
        }
    }

    /// A canvas whose pains are given, each of high importance (id assigned when added).
    pub fn with_pains(name: &str, pains: &[String]) -> Canvas {
        let mut canvas = Canvas::new(String::new(), name);
        for pain in pains {
            if let Ok(id) = canvas.add(Block::Pains, pain) {
                let _ = canvas.set_importance(Block::Pains, &id, 3);
            }
        }
        canvas
    }

    pub fn items(&self, block: Block) -> &[Item] {
        match block {
            Block::Jobs => &self.jobs,
            Block::Pains => &self.pains,
            Block::Gains => &self.gains,
            Block::Products => &self.products,
            Block::Relievers => &self.relievers,
            Block::Creators => &self.creators,
        }
    }

    pub fn items_mut(&mut self, block: Block) -> &mut Vec<Item> {
        match block {
            Block::Jobs => &mut self.jobs,
            Block::Pains => &mut self.pains,
            Block::Gains => &mut self.gains,
            Block::Products => &mut self.products,
            Block::Relievers => &mut self.relievers,
            Block::Creators => &mut self.creators,
        }
    }

    pub fn item(&self, block: Block, id: &str) -> Option<&Item> {
        self.items(block).iter().find(|item| item.id == id)
    }

    fn fresh_id(&self, block: Block) -> String {
        let taken = self.items(block).iter().map(|i| i.id.as_str()).collect();
        fresh(block.prefix(), &taken)
    }

    /// Adds an item at the end of `block` and returns its id.
    pub fn add(&mut self, block: Block, text: &str) -> Result<String, EditError> {
        let text = clean_text(text, MAX_ITEM_CHARS)?;
        if self.items(block).len() >= MAX_ITEMS {
            return Err(EditError::Full);
        }
        let id = self.fresh_id(block);
        let importance = if block.is_rated() {
            DEFAULT_IMPORTANCE
        } else {
            0
        };
        self.items_mut(block).push(Item {
            id: id.clone(),
            text,
            importance,
            links: Vec::new(),
        });
        Ok(id)
    }

    pub fn edit(&mut self, block: Block, id: &str, text: &str) -> Result<(), EditError> {
        let text = clean_text(text, MAX_ITEM_CHARS)?;
        let item = self.item_mut(block, id)?;
        item.text = text;
        Ok(())
    }

    fn item_mut(&mut self, block: Block, id: &str) -> Result<&mut Item, EditError> {
        self.items_mut(block)
            .iter_mut()
            .find(|item| item.id == id)
            .ok_or(EditError::NotFound)
    }

    /// Removes an item, and every link that pointed at it.
    pub fn remove(&mut self, block: Block, id: &str) -> Result<Item, EditError> {
        let items = self.items_mut(block);
        let index = items
            .iter()
            .position(|item| item.id == id)
            .ok_or(EditError::NotFound)?;
        let removed = items.remove(index);
        for linking in [Block::Relievers, Block::Creators] {
            if linking.links_to() == Some(block) {
                for item in self.items_mut(linking) {
                    item.links.retain(|link| link != id);
                }
            }
        }
        Ok(removed)
    }

    /// Moves an item up (negative) or down (positive) within its block, clamped to the ends.
    pub fn shift(&mut self, block: Block, id: &str, by: isize) -> Result<(), EditError> {
        let items = self.items_mut(block);
        let from = items
            .iter()
            .position(|item| item.id == id)
            .ok_or(EditError::NotFound)?;
        let to = from.saturating_add_signed(by).min(items.len() - 1);
        let item = items.remove(from);
        items.insert(to, item);
        Ok(())
    }

    pub fn set_importance(
        &mut self,
        block: Block,
        id: &str,
        importance: u8,
    ) -> Result<(), EditError> {
        if !block.is_rated() || !IMPORTANCE.contains(&importance) {
            return Err(EditError::NotFound);
        }
        self.item_mut(block, id)?.importance = importance;
        Ok(())
    }

    /// Links or unlinks a reliever to a pain (or a creator to a gain).
    pub fn set_link(
        &mut self,
        block: Block,
        id: &str,
        target: &str,
        on: bool,
    ) -> Result<(), EditError> {
        let target_block = block.links_to().ok_or(EditError::NotFound)?;
        if self.item(target_block, target).is_none() {
            return Err(EditError::NotFound);
        }
        let item = self.item_mut(block, id)?;
        let linked = item.links.iter().any(|link| link == target);
        if on && !linked {
            item.links.push(target.to_owned());
        } else if !on && linked {
            item.links.retain(|link| link != target);
        }
        Ok(())
    }

    /// A copy with a new id and name; item ids stay, so links stay intact.
    pub fn duplicate(&self, id: String, name: &str) -> Canvas {
        Canvas {
            id,
            name: limit(name, MAX_NAME_CHARS),
            ..self.clone()
        }
    }

    /// Drops links to items that do not exist (an imported file may have them).
    pub fn prune_links(&mut self) {
        // A crafted file may hold any number of items and links (its limits are checked
        // after this): sets built in one sort, and repeats found by a link's place among the
        // targets, keep this O(n log n).
        for block in [Block::Relievers, Block::Creators] {
            let linked = self.items(block.links_to().expect("linking block"));
            let targets: SortedSet<String> = linked.iter().map(|item| item.id.clone()).collect();
            for item in self.items_mut(block) {
                let mut seen = vec![false; targets.len()];
                item.links
                    .retain(|link| match targets.position(link.as_str()) {
                        Some(i) => !std::mem::replace(&mut seen[i], true),
                        None => false,
                    });
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        Block::ALL.iter().all(|block| self.items(*block).is_empty())
    }
}

/// A fresh canvas id: unique among `canvases` and every id in `reserved` (such as a deleted
/// canvas that Undo may bring back).
pub fn fresh_canvas_id<'a>(
    canvases: &'a [Canvas],
    reserved: impl IntoIterator<Item = &'a str>,
) -> String {
    let taken = canvases
        .iter()
        .map(|c| c.id.as_str())
        .chain(reserved)
        .collect();
    fresh("canvas-", &taken)
}

/// `<prefix><n>` for the number after the highest one taken, or, when that would overflow
/// (ids in a crafted file can be anything), the lowest number that is free. Never an id in
/// `taken`.
fn fresh(prefix: impl std::fmt::Display, taken: &SortedSet<&str>) -> String {
    let prefix = prefix.to_string();
    let highest = taken
        .iter()
        .filter_map(|id| id.strip_prefix(prefix.as_str())?.parse::<u64>().ok())
        .max()
        .unwrap_or(0);
    let candidate = highest
        .checked_add(1)
        .map(|n| format!("{prefix}{n}"))
        .filter(|id| !taken.contains(id.as_str()));
    candidate.unwrap_or_else(|| {
        (1u64..)
            .map(|n| format!("{prefix}{n}"))
            .find(|id| !taken.contains(id.as_str()))
            .expect("fewer ids are taken than there are numbers")
    })
}

/// Checks the limits of imported canvases.
pub fn check_all(canvases: &[Canvas]) -> Result<(), String> {
    if canvases.len() > MAX_CANVASES {
        return Err(format!("it has more than {MAX_CANVASES} canvases"));
    }
    let mut canvas_ids = SortedSet::new();
    for canvas in canvases {
        if canvas.id.is_empty() || !canvas_ids.insert(&canvas.id) {
            return Err("two canvases share an id".to_owned());
        }
        if canvas.name.chars().count() > MAX_NAME_CHARS {
            return Err(format!(
                "a canvas name is longer than {MAX_NAME_CHARS} characters"
            ));
        }
        if Checklist::FIELDS
            .iter()
            .any(|f| canvas.checklist.get(f).chars().count() > MAX_NOTE_CHARS)
        {
            return Err(format!(
                "a checklist note is longer than {MAX_NOTE_CHARS} characters"
            ));
        }
        for block in Block::ALL {
            let items = canvas.items(block);
            if items.len() > MAX_ITEMS {
                return Err(format!("a canvas block has more than {MAX_ITEMS} items"));
            }
            let mut ids = SortedSet::new();
            for item in items {
                if item.id.is_empty() || !ids.insert(&item.id) {
                    return Err(format!("two items in \"{}\" share an id", canvas.name));
                }
                if item.text.trim().is_empty() || item.text.chars().count() > MAX_ITEM_CHARS {
                    return Err(format!(
                        "an item in \"{}\" is empty or longer than {MAX_ITEM_CHARS} characters",
                        canvas.name
                    ));
                }
                let importance_ok = if block.is_rated() {
                    IMPORTANCE.contains(&item.importance)
                } else {
                    item.importance == 0
                };
                if !importance_ok {
                    return Err(format!(
                        "an item in \"{}\" has a wrong importance",
                        canvas.name
                    ));
                }
                if block.links_to().is_none() && !item.links.is_empty() {
                    return Err(format!(
                        "an item in \"{}\" has links it cannot have",
                        canvas.name
                    ));
                }
            }
        }
    }
    Ok(())
}

/// Something the fit check wants the visitor to look at, naming the item's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// The most important pain has no reliever.
    TopPainUnrelieved(String),
    /// The most important gain has no creator.
    TopGainUncreated(String),
    /// Another high-importance pain with no reliever.
    PainUnrelieved(String),
    /// Another high-importance gain with no creator.
    GainUncreated(String),
    /// A reliever that relieves no pain listed.
    IdleReliever(String),
    /// A gain creator that creates no gain listed.
    IdleCreator(String),
    NoJobs,
    NoProducts,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Fit {
    /// 0 to 100: the share of pain and gain importance that the value map addresses.
    pub score: Option<u8>,
    pub addressed: Vec<String>,
    pub unaddressed: Vec<String>,
    pub idle: Vec<String>,
    pub warnings: Vec<Warning>,
}

/// The fit check: which pains and gains the value map addresses, weighted by importance.
pub fn fit(canvas: &Canvas) -> Fit {
    let mut result = Fit::default();
    let (mut total, mut covered) = (0u32, 0u32);
    for (needs, answers) in [
        (Block::Pains, Block::Relievers),
        (Block::Gains, Block::Creators),
    ] {
        let linked: SortedSet<&str> = canvas
            .items(answers)
            .iter()
            .flat_map(|item| item.links.iter().map(String::as_str))
            .collect();
        let mut unaddressed = Vec::new();
        for need in canvas.items(needs) {
            let weight = u32::from(need.importance.max(1));
            total += weight;
            if linked.contains(need.id.as_str()) {
                covered += weight;
                result.addressed.push(need.id.clone());
            } else {
                result.unaddressed.push(need.id.clone());
                unaddressed.push(need);
            }
        }
        // The top need is the first of the highest importance (the visitor's own order).
        let top = canvas
            .items(needs)
            .iter()
            .rev()
            .max_by_key(|need| need.importance);
        for need in unaddressed {
            let is_top = top.is_some_and(|top| top.id == need.id);
            let text = need.text.clone();
            match (needs, is_top) {
                (Block::Pains, true) => result.warnings.push(Warning::TopPainUnrelieved(text)),
                (Block::Gains, true) => result.warnings.push(Warning::TopGainUncreated(text)),
                (Block::Pains, false) if need.importance == 3 => {
                    result.warnings.push(Warning::PainUnrelieved(text))
                }
                (Block::Gains, false) if need.importance == 3 => {
                    result.warnings.push(Warning::GainUncreated(text))
                }
                _ => {}
            }
        }
        for item in canvas.items(answers) {
            if item.links.is_empty() {
                result.idle.push(item.id.clone());
                result.warnings.push(match answers {
                    Block::Relievers => Warning::IdleReliever(item.text.clone()),
                    _ => Warning::IdleCreator(item.text.clone()),
                });
            }
        }
    }
    if canvas.jobs.is_empty() {
        result.warnings.push(Warning::NoJobs);
    }
    if canvas.products.is_empty() {
        result.warnings.push(Warning::NoProducts);
    }
    if total > 0 {
        result.score = Some((f64::from(covered) * 100.0 / f64::from(total)).round() as u8);
    }
    result
}

impl FromJson for Item {
    fn from_json(value: &Json<'_>) -> Result<Self, DecodeError> {
        let o = Object::new(value)?;
        Ok(Item {
            id: o.req("id")?,
            text: o.req("text")?,
            importance: o.or_default("importance")?,
            links: o.or_default("links")?,
        })
    }
}

impl ToJson for Item {
    fn write_json(&self, out: &mut Writer) {
        out.object(|out| {
            out.member("id", &self.id);
            out.member("text", &self.text);
            if self.importance != 0 {
                out.member("importance", &self.importance);
            }
            if !self.links.is_empty() {
                out.member("links", &self.links);
            }
        });
    }
}

impl FromJson for Checklist {
    fn from_json(value: &Json<'_>) -> Result<Self, DecodeError> {
        let o = Object::new(value)?;
        Ok(Checklist {
            demand: o.or_default("demand")?,
            tested: o.or_default("tested")?,
            payer: o.or_default("payer")?,
            partners: o.or_default("partners")?,
        })
    }
}

impl ToJson for Checklist {
    fn write_json(&self, out: &mut Writer) {
        out.object(|out| {
            for field in Checklist::FIELDS {
                let text = self.get(field);
                if !text.is_empty() {
                    out.member(field, text);
                }
            }
        });
    }
}

impl FromJson for Canvas {
    fn from_json(value: &Json<'_>) -> Result<Self, DecodeError> {
        let o = Object::new(value)?;
        Ok(Canvas {
            id: o.req("id")?,
            name: o.req("name")?,
            service: o.or_default("service")?,
            jobs: o.or_default("jobs")?,
            pains: o.or_default("pains")?,
            gains: o.or_default("gains")?,
            products: o.or_default("products")?,
            relievers: o.or_default("relievers")?,
            creators: o.or_default("creators")?,
            checklist: o.or_default("checklist")?,
        })
    }
}

impl ToJson for Canvas {
    fn write_json(&self, out: &mut Writer) {
        out.object(|out| {
            out.member("id", &self.id);
            out.member("name", &self.name);
            out.member("service", &self.service);
            for block in Block::ALL {
                out.member(block.id(), self.items(block));
            }
            out.member("checklist", &self.checklist);
        });
    }
}
