//! Fictional members for the dashboard demo, made with greenfit's own model so that they are
//! exactly what real members would share: dist/demo/members/*.json (share files and full
//! exports, to drop on the dashboard), dist/demo/fictional-members.txt (the same as share codes)
//! and dist/greenfit-benchmark.json (the benchmark the demo widget's config points to).
//! Deterministic: the same source gives the same files.

use std::fs;
use std::path::Path;

use greenfit::model::answers::Answer;
use greenfit::model::config::ClusterConfig;
use greenfit::model::content::Content;
use greenfit::model::dashboard::{benchmark, summarise, Filter, Loaded};
use greenfit::model::document::{Document, Profile};
use greenfit::model::share::{Scope, Share};

pub const MEMBERS: usize = 60;

/// A small linear congruential generator: enough to vary fictional answers reproducibly.
struct Dice(u64);

impl Dice {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

const SECTORS: [&str; 5] = [
    "Food processing",
    "Metalworking",
    "Plastics",
    "Wood and furniture",
    "Textiles",
];
const SIZES: [&str; 3] = ["micro", "small", "medium"];
const COUNTRIES: [&str; 3] = ["AT", "DE", "IT"];

/// The demo cluster's questions (www/greenfit.json applied to the English content).
fn demo_content() -> Result<Content, String> {
    let mut content = Content::english();
    let text = fs::read_to_string("www/greenfit.json").map_err(|e| e.to_string())?;
    let (config, problems) = ClusterConfig::parse(&text, &content);
    if !problems.is_empty() {
        return Err(format!("www/greenfit.json: {problems:?}"));
    }
    config.apply_to(&mut content);
    Ok(content)
}

/// One fictional member's answers: a general maturity, a strength per area, some noise, and a
/// few "don't know" and "not relevant".
fn answers(content: &Content, dice: &mut Dice, maturity: i64) -> Document {
    let mut doc = Document::default();
    for area in &content.areas {
        let strength = dice.next(3) as i64 - 1;
        for question in &area.questions {
            let roll = dice.next(100);
            let answer = if roll < 7 {
                Answer::DontKnow
            } else if roll < 11 {
                Answer::NotRelevant
            } else {
                let level = maturity + strength + dice.next(3) as i64 - 1;
                Answer::Level(level.clamp(0, 4) as u8)
            };
            doc.answers.insert(question.id.clone(), answer);
        }
    }
    doc
}

pub fn write(dist: &Path) -> Result<(), String> {
    let content = demo_content()?;
    let folder = dist.join("demo/members");
    fs::create_dir_all(&folder).map_err(|e| e.to_string())?;
    let mut dice = Dice(2026);
    let mut loaded = Loaded::new();
    let mut codes = String::from(
        "Fictional members of the demo cluster, made up for trying the dashboard.\n\n",
    );
    for n in 1..=MEMBERS {
        let profile = Profile {
            sector: SECTORS[dice.next(5) as usize].to_owned(),
            size: SIZES[dice.next(3) as usize].to_owned(),
            country: COUNTRIES[dice.next(3) as usize].to_owned(),
        };
        let maturity = dice.next(4) as i64;
        let name = format!("Fictional member {n:02}");
        // Every sixth member shared once before, half a year earlier and a step behind.
        let mut shares = Vec::new();
        if n % 6 == 0 {
            let mut before = answers(&content, &mut dice, (maturity - 1).max(0));
            before.profile = profile.clone();
            let at = format!("2026-0{}-1{}T09:00:00.000Z", 3 + n % 3, n % 10);
            shares.push(Share::new(&before, &content, &at, &name, Scope::ScoresOnly));
        }
        let mut doc = answers(&content, &mut dice, maturity);
        doc.profile = profile;
        let at = format!("2026-{:02}-{:02}T10:00:00.000Z", 9 + n % 3, 1 + n % 24);
        // Two in five share their answers too; the others scores only.
        let scope = if n % 5 < 2 {
            Scope::ScoresAndAnswers
        } else {
            Scope::ScoresOnly
        };
        shares.push(Share::new(&doc, &content, &at, &name, scope));
        for (i, share) in shares.into_iter().enumerate() {
            let file = folder.join(format!("member-{n:02}-{}.json", i + 1));
            fs::write(&file, share.to_json()).map_err(|e| e.to_string())?;
            codes.push_str(&share.to_code());
            codes.push_str("\n\n");
            loaded
                .add(share)
                .map_err(|e| format!("demo member {n}: {e:?}"))?;
        }
    }
    fs::write(dist.join("demo/fictional-members.txt"), codes).map_err(|e| e.to_string())?;
    let summary = summarise(loaded.shares(), &Filter::default(), &content)
        .map_err(|_| "the demo set is too small".to_owned())?;
    let bench = benchmark(&summary, "2026-11-25", "Fictional demo members")
        .ok_or("the demo set makes no benchmark")?;
    fs::write(dist.join("greenfit-benchmark.json"), bench.to_json()).map_err(|e| e.to_string())
}
