//! What a config's setting must be, said in the user's terms when
//! serde's words would name Rust's types ("expected usize", "expected
//! struct ConfigFile", "expected a YAML tag starting with '!'"). The
//! config is read again as plain YAML, and its first setting in the
//! file's order that does not fit is the one serde stopped at.

use serde::de::DeserializeOwned;
use serde_yaml::Value;

use super::{AmbiguousSetting, Sort};
use crate::i18n::{Message, Msg};

/// A setting: its key, what it must be (`None`: its own deserializer says
/// so already), and whether a value fits it.
struct Setting {
    key: &'static str,
    what: Option<Msg>,
    fits: fn(&Value) -> bool,
}

/// Whether `value` reads as the setting's type (an empty value is unset).
fn fits<T: DeserializeOwned>(value: &Value) -> bool {
    serde_yaml::from_value::<Option<T>>(value.clone()).is_ok()
}

/// Every setting of `ConfigFile`, with what its value must be.
const SETTINGS: &[Setting] = &[
    Setting {
        key: "posts",
        what: None,
        fits: |v| v.is_null() || super::folders_of(v).is_some(),
    },
    Setting {
        key: "theme",
        what: Some(Msg::WhatThemeName),
        fits: fits::<String>,
    },
    Setting {
        key: "sort",
        what: Some(Msg::WhatSort),
        fits: fits::<Sort>,
    },
    Setting {
        key: "show_drafts",
        what: Some(Msg::WhatBool),
        fits: fits::<bool>,
    },
    Setting {
        key: "inline_colors",
        what: Some(Msg::WhatBool),
        fits: fits::<bool>,
    },
    Setting {
        key: "keys",
        what: Some(Msg::WhatKeys),
        fits: fits::<serde_yaml::Mapping>,
    },
    Setting {
        key: "text_width",
        what: Some(Msg::WhatCells),
        fits: fits::<usize>,
    },
    Setting {
        key: "mouse",
        what: Some(Msg::WhatBool),
        fits: fits::<bool>,
    },
    Setting {
        key: "watch",
        what: Some(Msg::WhatBool),
        fits: fits::<bool>,
    },
    Setting {
        key: "browser_in_terminal",
        what: Some(Msg::WhatBool),
        fits: fits::<bool>,
    },
    Setting {
        key: "language",
        what: Some(Msg::WhatLanguage),
        fits: fits::<crate::i18n::Lang>,
    },
    Setting {
        key: "images",
        what: Some(Msg::WhatImages),
        fits: fits::<crate::picture::Setting>,
    },
    Setting {
        key: "ambiguous_width",
        what: Some(Msg::WhatAmbiguous),
        fits: fits::<AmbiguousSetting>,
    },
];

/// What to say of `error`, serde's reading of the config `text`: the line
/// it names, and what the setting there must be with the value found;
/// serde's own words when no setting of ours is to blame (an unknown key,
/// a YAML slip) or the setting says it itself.
pub(super) fn explain(error: &serde_yaml::Error, text: &str) -> (usize, Message) {
    let frames = (Msg::ConfigSays, Msg::ConfigNotMapping);
    crate::frontmatter::explain_settings(error, text, frames, |settings| {
        for (key, value) in settings {
            let setting = key
                .as_str()
                .and_then(|k| SETTINGS.iter().find(|s| s.key == k))?;
            if !(setting.fits)(value) {
                return Some((setting.key.to_string(), setting.what?.into(), value));
            }
        }
        None
    })
}

/// `text_width:` read as a whole number of cells. Beyond 64 bits, YAML's
/// numbers are no plain value (the config cannot be read again as one):
/// this says what was expected there itself. Other mistakes are serde's,
/// said in [`explain`].
pub(super) fn cells<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<usize>, D::Error> {
    use serde::de::{Error, Unexpected, Visitor};
    struct Cells;
    fn too_large<E: Error>(value: impl std::fmt::Display) -> E {
        crate::frontmatter::own_error(
            Msg::ConfigExpected
                .with_msg("what", Msg::WhatCells)
                .with("value", crate::frontmatter::quote(&value.to_string())),
        )
    }
    impl<'de> Visitor<'de> for Cells {
        type Value = Option<usize>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a whole number of cells")
        }
        fn visit_none<E: Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
        fn visit_u64<E: Error>(self, v: u64) -> Result<Self::Value, E> {
            usize::try_from(v).map(Some).map_err(|_| too_large(v))
        }
        fn visit_i64<E: Error>(self, v: i64) -> Result<Self::Value, E> {
            usize::try_from(v)
                .map(Some)
                .map_err(|_| E::invalid_value(Unexpected::Signed(v), &self))
        }
        fn visit_u128<E: Error>(self, v: u128) -> Result<Self::Value, E> {
            Err(too_large(v))
        }
        fn visit_i128<E: Error>(self, v: i128) -> Result<Self::Value, E> {
            Err(too_large(v))
        }
    }
    d.deserialize_option(Cells)
}
