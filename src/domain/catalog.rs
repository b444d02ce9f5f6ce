use serde::{Deserialize, Serialize};

/// A Partner Central catalog. The config file, the command line (`--catalog`) and the service
/// all spell it `AWS` or `Sandbox`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, clap::ValueEnum,
)]
pub enum Catalog {
    #[default]
    #[serde(rename = "AWS")]
    #[value(name = "AWS")]
    Aws,
    #[value(name = "Sandbox")]
    Sandbox,
}

impl Catalog {
    /// Every catalog there is.
    pub const ALL: [Catalog; 2] = [Catalog::Aws, Catalog::Sandbox];

    /// The service's `Catalog` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Catalog::Aws => "AWS",
            Catalog::Sandbox => "Sandbox",
        }
    }

    /// Parses the service's value.
    pub fn from_wire(s: &str) -> Option<Self> {
        Catalog::ALL.into_iter().find(|c| c.as_str() == s)
    }
}
