//! The cluster's configuration: name, contact, colours, languages, modules, areas, extra
//! questions and the cluster's own offers mapped to areas and stages. Documented field by
//! field in docs/config.md. Parsing reports every problem with its field and reason, and the
//! widget runs on defaults for anything that is wrong.

use serde::{Deserialize, Serialize};

use super::scoring::Stage;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub web: String,
}

/// One thing the cluster offers: a service, an event, an expert or a funding call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Offer {
    /// "service", "event", "expert" or "funding".
    #[serde(default = "default_kind")]
    pub kind: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// An http(s), mailto: or tel: link.
    #[serde(default)]
    pub link: String,
    /// Area ids this offer helps with; empty means every area.
    #[serde(default)]
    pub areas: Vec<String>,
    /// Stages this offer suits; empty means every stage.
    #[serde(default)]
    pub stages: Vec<Stage>,
}

fn default_kind() -> String {
    "service".to_owned()
}

pub const OFFER_KINDS: [&str; 4] = ["service", "event", "expert", "funding"];

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ClusterConfig {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub contact: Contact,
    #[serde(default)]
    pub offers: Vec<Offer>,
}

impl ClusterConfig {
    /// The cluster's offers for an area at a stage, in the order the cluster listed them.
    pub fn offers_for(&self, area: &str, stage: Option<Stage>) -> Vec<&Offer> {
        self.offers
            .iter()
            .filter(|offer| offer.areas.is_empty() || offer.areas.iter().any(|a| a == area))
            .filter(|offer| match stage {
                Some(stage) => offer.stages.is_empty() || offer.stages.contains(&stage),
                None => true,
            })
            .collect()
    }
}

/// A link the widget may show: http(s), mailto: or tel:, nothing else.
pub fn safe_link(link: &str) -> Option<&str> {
    let lower = link.trim().to_ascii_lowercase();
    ["https://", "http://", "mailto:", "tel:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
        .then_some(link.trim())
}
