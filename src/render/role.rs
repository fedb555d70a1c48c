//! What a span of an article is, for the theme to style. html2text
//! annotates emphasis, strong, strikeout, code and preformatted text itself;
//! the other roles travel through it as reserved colours (see prepare.rs).

use super::color::Rgb;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Heading,
    Link,
    LinkNumber,
    Image,
    Rule,
    Quote,
    Underline,
    Mark,
}

const ROLES: [Role; 8] = [
    Role::Heading,
    Role::Link,
    Role::LinkNumber,
    Role::Image,
    Role::Rule,
    Role::Quote,
    Role::Underline,
    Role::Mark,
];

/// Reserved colours are `#0102xx`; a post's own colour that lands there is
/// moved one step of green, which no eye can tell apart.
const MARK_R: u8 = 0x01;
const MARK_G: u8 = 0x02;

impl Role {
    pub fn marker(self) -> Rgb {
        let i = ROLES.iter().position(|r| *r == self).unwrap_or(0) as u8;
        Rgb(MARK_R, MARK_G, i + 1)
    }

    /// The role a reserved colour stands for.
    pub fn from_marker(c: Rgb) -> Option<Role> {
        if c.0 != MARK_R || c.1 != MARK_G || c.2 == 0 {
            return None;
        }
        ROLES.get(usize::from(c.2) - 1).copied()
    }

    /// A post's colour, moved off the reserved ones.
    pub fn avoid_markers(c: Rgb) -> Rgb {
        if c.0 == MARK_R && c.1 == MARK_G {
            Rgb(c.0, c.1 + 1, c.2)
        } else {
            c
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_round_trip_and_post_colours_never_collide() {
        for role in ROLES {
            assert_eq!(Role::from_marker(role.marker()), Some(role));
            assert_eq!(Role::from_marker(Role::avoid_markers(role.marker())), None);
        }
        assert_eq!(Role::from_marker(Rgb(0xee, 0x23, 0x23)), None);
    }
}
