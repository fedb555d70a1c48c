//! The limits that keep serde_yaml fast and small on hostile YAML (DESIGN
//! §2): its parse time grows quadratically with nesting, and aliases replay
//! nodes without bound. Front matter, the config and themes pass here
//! before serde_yaml sees them.

use super::census::census;
use crate::i18n::{Message, Msg};

/// Front matter larger than this is reported and not parsed.
pub(crate) const MAX_FRONT_MATTER: usize = 64 * 1024;
/// YAML nested deeper than this is reported and not parsed.
pub(crate) const MAX_DEPTH: usize = 64;
/// Aliases may replay this many nodes, or `ALIAS_FACTOR` times the nodes
/// the text itself holds, whichever is more.
pub(super) const ALIAS_FLOOR: u64 = 10_000;
pub(super) const ALIAS_FACTOR: u64 = 10;

/// Why a YAML text is not given to serde_yaml. The messages read after a
/// subject ("front matter …", "this file …").
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum Refusal {
    TooDeep,
    Aliases { limit: u64 },
    RecursiveAlias,
}

impl Refusal {
    pub(crate) fn message(&self) -> Message {
        match self {
            Refusal::TooDeep => Msg::TooDeep.with("depth", MAX_DEPTH),
            Refusal::Aliases { limit } => Msg::TooManyAliases.with("limit", limit),
            Refusal::RecursiveAlias => Msg::RecursiveAlias.into(),
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.message().fmt(f)
    }
}

/// Whether serde_yaml may parse `yaml`: not too deep, aliases bounded.
/// The nesting is measured by the same parser serde_yaml uses, so quotes,
/// escapes and comments cannot hide brackets from it.
pub(crate) fn check(yaml: &str) -> Result<(), Refusal> {
    let c = census(yaml, MAX_DEPTH);
    if c.depth > MAX_DEPTH {
        return Err(Refusal::TooDeep);
    }
    if c.recursive {
        return Err(Refusal::RecursiveAlias);
    }
    let limit = ALIAS_FLOOR.max(c.own.saturating_mul(ALIAS_FACTOR));
    if c.replayed > limit {
        return Err(Refusal::Aliases { limit });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(open: &str, close: &str, n: usize) -> String {
        format!("{}1{}", open.repeat(n), close.repeat(n))
    }

    #[test]
    fn ordinary_front_matter_passes() {
        assert_eq!(check("title: 제목\ntags: [a, b]\nx: {y: [1, 2]}\n"), Ok(()));
        assert_eq!(check("a: &a [1, 2]\nb: [*a, *a]\n"), Ok(()));
        let brackets_in_text = format!("title: \"{}\"\n", "[".repeat(500));
        assert_eq!(check(&brackets_in_text), Ok(()), "text, not nesting");
        let block = format!("excerpt: |\n  {}\n", "[".repeat(500));
        assert_eq!(check(&block), Ok(()));
    }

    #[test]
    fn deep_nesting_is_refused_however_it_is_written() {
        for yaml in [
            format!("a: {}\n", nested("[", "]", 65)),
            format!("a: {}\n", nested("{x: ", "}", 65)),
            format!("{}\n", nested("- ", "", 65)),
            (0..70)
                .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
                .collect(),
            // An escaped backslash before the closing quote: the string ends
            // there, and the brackets after it are structure.
            format!("a: [\"x\\\\\", {}]\n", nested("[", "]", 100)),
            format!("a: ['it''s', {}]\n", nested("[", "]", 100)),
            // A comment that ends in `|` opens no block scalar.
            format!(
                "a: #|\n{}",
                (0..70)
                    .map(|i| format!("{}- \n", "  ".repeat(i)))
                    .collect::<String>()
            ),
        ] {
            assert_eq!(check(&yaml), Err(Refusal::TooDeep), "{yaml}");
        }
        assert_eq!(check(&format!("a: {}\n", nested("[", "]", 63))), Ok(()));
    }

    #[test]
    fn deep_nesting_is_refused_quickly() {
        let yaml = format!("a: {}\n", nested("[", "]", 30_000));
        let start = std::time::Instant::now();
        assert_eq!(check(&yaml), Err(Refusal::TooDeep));
        assert!(start.elapsed().as_secs() < 2, "{:?}", start.elapsed());
    }

    #[test]
    fn alias_bombs_and_recursive_aliases_are_refused() {
        let bomb = super::super::alias_bomb(12);
        assert_eq!(check(&bomb), Err(Refusal::Aliases { limit: 10_000 }));
        assert_eq!(check("a: &a [1, *a]\n"), Err(Refusal::RecursiveAlias));
    }
}
