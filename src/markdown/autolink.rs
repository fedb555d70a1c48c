//! Bare addresses that Korean text runs straight into.

use comrak::Arena;
use comrak::nodes::{AstNode, NodeValue};

type Node<'a> = &'a AstNode<'a>;

/// A bare address written straight before a Korean particle
/// (`https://example.com에서`) ends where the Hangul starts, unless the
/// Hangul follows a `/`, `=`, `#` or the like, as a path or query would.
pub(super) fn keep_particles_out_of_autolink<'a>(arena: &'a Arena<'a>, link: Node<'a>) {
    let Some(text_node) = link.first_child().filter(|c| c.next_sibling().is_none()) else {
        return;
    };
    let text = match &text_node.data().value {
        NodeValue::Text(t) => t.to_string(),
        _ => return,
    };
    let Some(cut) = particle_cut(&text) else {
        return;
    };
    {
        let mut data = link.data_mut();
        let NodeValue::Link(l) = &mut data.value else {
            return;
        };
        // An autolink's address is its text, after any scheme comrak added.
        let Some(scheme) = l.url.strip_suffix(text.as_str()) else {
            return;
        };
        l.url = format!("{scheme}{}", &text[..cut]);
    }
    text_node.data_mut().value = NodeValue::Text(text[..cut].to_string().into());
    let particle = NodeValue::Text(text[cut..].to_string().into());
    link.insert_after(arena.alloc(AstNode::from(particle)));
}

/// Korean particles and endings written straight after an address.
const PARTICLES: &[&str] = &[
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "에",
    "에서",
    "에서는",
    "에서도",
    "에게",
    "에는",
    "로",
    "으로",
    "로는",
    "와",
    "과",
    "도",
    "만",
    "까지",
    "부터",
    "처럼",
    "보다",
    "이나",
    "나",
    "이다",
    "입니다",
    "이고",
    "이며",
    "참고",
    "참조",
];

/// Where the Hangul that is not part of an address starts: Hangul after
/// an ASCII letter, digit, `.` or `)`; or a particle alone after a `/`.
fn particle_cut(text: &str) -> Option<usize> {
    let i = text.find(|c: char| ('\u{ac00}'..='\u{d7a3}').contains(&c))?;
    let prev = text[..i].chars().next_back()?;
    if prev.is_ascii_alphanumeric() || prev == '.' || prev == ')' {
        return Some(i);
    }
    (prev == '/' && PARTICLES.contains(&&text[i..])).then_some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn particles_after_addresses() {
        assert_eq!(particle_cut("https://example.com에서"), Some(19));
        assert_eq!(particle_cut("https://ko.wikipedia.org/wiki/서울"), None);
        assert_eq!(particle_cut("https://a.kr/?q=한글"), None);
        assert_eq!(particle_cut("https://a.kr/docs/에서"), Some(18));
        assert_eq!(particle_cut("https://a.kr/wiki/마크다운"), None);
    }
}
