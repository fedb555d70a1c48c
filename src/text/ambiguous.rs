//! East Asian Ambiguous characters (`… · ● ★ │ ─ “ ” ① ※ → ° ×`, Greek,
//! Cyrillic …) are one cell wide in most terminals and two in others
//! (PuTTY, iTerm2, GNOME Terminal, Korean-locale consoles can be set so).
//! Every measurement in [`crate::text`] follows the mode of the thread it
//! runs on: narrow unless a caller sets it for a while with
//! [`AmbiguousWidth::scope`] or [`AmbiguousWidth::enter`].

use std::cell::Cell;
use std::marker::PhantomData;

use unicode_width::UnicodeWidthChar;

/// How wide the terminal draws East Asian Ambiguous characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum AmbiguousWidth {
    /// One cell, as most terminals draw them (and as `unicode-width` counts).
    #[default]
    Narrow,
    /// Two cells, as terminals set to treat them as wide draw them.
    Wide,
}

thread_local! {
    static MODE: Cell<AmbiguousWidth> = const { Cell::new(AmbiguousWidth::Narrow) };
}

/// Puts the thread's previous mode back when dropped.
#[derive(Debug)]
#[must_use = "the mode lasts only while the guard lives"]
pub struct ModeGuard {
    previous: AmbiguousWidth,
    /// The guard belongs to the thread whose mode it changed.
    _thread: PhantomData<*const ()>,
}

impl Drop for ModeGuard {
    fn drop(&mut self) {
        MODE.with(|m| m.set(self.previous));
    }
}

impl AmbiguousWidth {
    /// The mode measurements on this thread follow now.
    pub fn current() -> AmbiguousWidth {
        MODE.with(Cell::get)
    }

    /// Measure in this mode on this thread until the guard is dropped.
    pub fn enter(self) -> ModeGuard {
        ModeGuard {
            previous: MODE.with(|m| m.replace(self)),
            _thread: PhantomData,
        }
    }

    /// Run `f` with measurements in this mode.
    pub fn scope<R>(self, f: impl FnOnce() -> R) -> R {
        let _mode = self.enter();
        f()
    }

    pub fn is_wide(self) -> bool {
        self == AmbiguousWidth::Wide
    }

    pub fn name(self) -> &'static str {
        match self {
            AmbiguousWidth::Narrow => "narrow",
            AmbiguousWidth::Wide => "wide",
        }
    }
}

/// Whether a terminal that treats ambiguous characters as wide draws `c`
/// over two cells where others draw it over one: East_Asian_Width=A.
///
/// `unicode-width`'s CJK widths give most of them; they count the
/// ambiguous letters (Latin-1 `é ø ß`, Greek, Cyrillic, `ℓ`) and spacing
/// accents (`´ ¨ ˇ`) as narrow, as UAX #11 allows, but the terminals that
/// have the setting (xterm's and PuTTY's CJK widths, iTerm2, VTE, vim's
/// `ambiwidth=double`) draw them wide, so they are added here. Private-use
/// characters stay narrow: the renderer uses some as placeholders, and
/// what an icon font draws there is anyone's guess.
pub fn is_ambiguous(c: char) -> bool {
    !c.is_ascii() && c.width() == Some(1) && is_ambiguous_narrow(c)
}

/// [`is_ambiguous`] for a character `unicode-width` counts one cell wide.
#[inline]
fn is_ambiguous_narrow(c: char) -> bool {
    is_ambiguous_letter(c) || (c.width_cjk() == Some(2) && !is_private_use(c))
}

/// The ambiguous characters that `unicode-width`'s CJK widths leave
/// narrow: letters and modifier symbols with East_Asian_Width=A.
fn is_ambiguous_letter(c: char) -> bool {
    matches!(c,
        '\u{a8}' | '\u{aa}' | '\u{b4}' | '\u{b8}' | '\u{ba}' | '\u{c6}' | '\u{d0}' | '\u{d8}'
        | '\u{de}'..='\u{e1}' | '\u{e6}' | '\u{e8}'..='\u{ea}' | '\u{ec}'..='\u{ed}' | '\u{f0}'
        | '\u{f2}'..='\u{f3}' | '\u{f8}'..='\u{fa}' | '\u{fc}' | '\u{fe}' | '\u{101}' | '\u{111}'
        | '\u{113}' | '\u{11b}' | '\u{126}'..='\u{127}' | '\u{12b}' | '\u{131}'..='\u{133}'
        | '\u{138}' | '\u{13f}'..='\u{142}' | '\u{144}' | '\u{148}'..='\u{14b}' | '\u{14d}'
        | '\u{152}'..='\u{153}' | '\u{166}'..='\u{167}' | '\u{16b}' | '\u{1ce}' | '\u{1d0}'
        | '\u{1d2}' | '\u{1d4}' | '\u{1d6}' | '\u{1d8}' | '\u{1da}' | '\u{1dc}' | '\u{251}'
        | '\u{261}' | '\u{2c4}' | '\u{2c7}' | '\u{2c9}'..='\u{2cb}' | '\u{2cd}' | '\u{2d0}'
        | '\u{2d8}'..='\u{2db}' | '\u{2dd}' | '\u{2df}' | '\u{391}'..='\u{3a1}'
        | '\u{3a3}'..='\u{3a9}' | '\u{3b1}'..='\u{3c1}' | '\u{3c3}'..='\u{3c9}' | '\u{401}'
        | '\u{410}'..='\u{44f}' | '\u{451}' | '\u{207f}' | '\u{2113}' | '\u{2126}' | '\u{212b}')
}

fn is_private_use(c: char) -> bool {
    matches!(c, '\u{e000}'..='\u{f8ff}' | '\u{f0000}'..='\u{10ffff}')
}

/// The width of one character in cells when `wide` counts ambiguous ones
/// as two. The ambiguous table is looked at only for characters
/// `unicode-width` makes one cell wide and that are not ASCII: never for
/// ASCII or Hangul syllables.
#[inline]
pub fn char_width(c: char, wide: bool) -> usize {
    let w = c.width().unwrap_or(0);
    if wide && w == 1 && !c.is_ascii() && is_ambiguous_narrow(c) {
        2
    } else {
        w
    }
}

/// Whether `wide` makes `c` wider than `unicode-width` (and so Ratatui and
/// html2text) counts it.
#[inline]
pub fn widens(c: char, wide: bool) -> bool {
    wide && is_ambiguous(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_korean_posts_and_the_interface_use_is_ambiguous() {
        for c in "…·●★│─┌┐└┘┬┼┴↑↓←→—“”‘’※①°×■□▲○◆é α Ωя§±".chars()
        {
            if c != ' ' {
                assert!(is_ambiguous(c), "{c:?} U+{:04X}", c as u32);
            }
        }
        for c in "aZ~ 가힣ㄱㅎ漢字テ©↪⦁∙ｱ\u{f0000}\u{e000}".chars() {
            assert!(!is_ambiguous(c), "{c:?} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn wide_counts_ambiguous_characters_as_two_cells() {
        assert_eq!(char_width('●', false), 1);
        assert_eq!(char_width('●', true), 2);
        assert_eq!(char_width('é', true), 2);
        assert_eq!(char_width('a', true), 1);
        assert_eq!(char_width('한', true), 2);
        assert_eq!(char_width('\u{301}', true), 0);
    }

    #[test]
    fn the_mode_is_per_thread_and_scoped() {
        assert_eq!(AmbiguousWidth::current(), AmbiguousWidth::Narrow);
        AmbiguousWidth::Wide.scope(|| {
            assert_eq!(AmbiguousWidth::current(), AmbiguousWidth::Wide);
            let other = std::thread::spawn(AmbiguousWidth::current).join().unwrap();
            assert_eq!(
                other,
                AmbiguousWidth::Narrow,
                "another thread keeps its own"
            );
            {
                let _inner = AmbiguousWidth::Narrow.enter();
                assert_eq!(AmbiguousWidth::current(), AmbiguousWidth::Narrow);
            }
            assert_eq!(AmbiguousWidth::current(), AmbiguousWidth::Wide);
        });
        assert_eq!(AmbiguousWidth::current(), AmbiguousWidth::Narrow);
    }
}
