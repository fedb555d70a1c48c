//! The title of a post whose front matter gives none: the first heading of
//! its body, HTML (`<h1>`…`<h6>`) or Markdown (ATX `# …` and setext
//! underlines), whatever the file's extension (Tistory exports are `.md`
//! files whose bodies start with `<h3>`); else its file name, as Jekyll
//! makes a title of the slug.

use crate::date;
use crate::html_text;

/// The first heading of `body`, outside code (Markdown fences, indented
/// code, Liquid `highlight`/`raw` blocks, HTML `<pre>`, `<script>`,
/// `<style>`, `<textarea>`).
pub(crate) fn first_heading(body: &str) -> Option<String> {
    let mut code = Code::None;
    // The paragraph the scan is in: an underline makes it a heading.
    let mut paragraph: Vec<&str> = Vec::new();
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let line = line.trim_end_matches(['\n', '\r']);
        let indented_code =
            paragraph.is_empty() && (line.starts_with("    ") || line.starts_with('\t'));
        if code.continues(line) || indented_code {
            paragraph.clear();
            continue;
        }
        if let Some(opened) = Code::opened_by(line) {
            code = opened;
            paragraph.clear();
            continue;
        }
        if let Some(text) = atx(line) {
            return Some(text);
        }
        if !paragraph.is_empty() && is_setext_underline(line) {
            return Some(paragraph.join(" "));
        }
        if has_html_heading(line)
            && let Some(text) = html_text::first_heading(&body[start..])
        {
            return Some(text);
        }
        match paragraph_line(line) {
            Some(text) => paragraph.push(text),
            None => paragraph.clear(),
        }
    }
    None
}

/// A title made of a post's name (its file name without extension, or a
/// page bundle's folder name): the date prefix dropped, `-` and `_` as
/// spaces.
pub(crate) fn from_name(stem: &str) -> String {
    let rest = date::undated(stem);
    let spaced: String = rest
        .chars()
        .map(|c| if c == '-' || c == '_' { ' ' } else { c })
        .collect();
    let words = spaced.split_whitespace().collect::<Vec<_>>().join(" ");
    if words.is_empty() {
        crate::text::one_line(stem)
    } else {
        crate::text::one_line(&words)
    }
}

/// Code the scan is inside, and what ends it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Code {
    None,
    /// A Markdown fence: its character and length.
    Fence(u8, usize),
    /// `{% highlight %}` or `{% raw %}`, ended by its `end` tag.
    Liquid(&'static str),
    /// An HTML element whose content is not headings.
    Html(&'static str),
}

impl Code {
    /// Whether `line` is inside the code (the closing line included);
    /// the code ends after its closing line.
    fn continues(&mut self, line: &str) -> bool {
        let ended = match *self {
            Code::None => return false,
            Code::Fence(c, n) => {
                let t = line.trim_start_matches(' ');
                let run = t.bytes().take_while(|&b| b == c).count();
                line.len() - t.len() <= 3 && run >= n && t[run..].trim().is_empty()
            }
            Code::Liquid(end) => liquid_tag(line).is_some_and(|tag| tag == end),
            Code::Html(name) => {
                let lower = line.to_ascii_lowercase();
                lower.contains(&format!("</{name}"))
            }
        };
        if ended {
            *self = Code::None;
        }
        true
    }

    /// The code `line` opens, if any (a one-line `<pre>…</pre>` opens none).
    fn opened_by(line: &str) -> Option<Code> {
        let t = line.trim_start_matches(' ');
        if line.len() - t.len() > 3 {
            return None;
        }
        for c in [b'`', b'~'] {
            let run = t.bytes().take_while(|&b| b == c).count();
            if run >= 3 && !(c == b'`' && t[run..].contains('`')) {
                return Some(Code::Fence(c, run));
            }
        }
        match liquid_tag(line) {
            Some("highlight") => return Some(Code::Liquid("endhighlight")),
            Some("raw") => return Some(Code::Liquid("endraw")),
            _ => {}
        }
        let lower = line.to_ascii_lowercase();
        for name in ["pre", "script", "style", "textarea"] {
            if let Some(at) = lower.find(&format!("<{name}"))
                && lower[at + 1 + name.len()..].starts_with(['>', ' ', '\t'])
                && !lower[at..].contains(&format!("</{name}"))
            {
                return Some(Code::Html(name));
            }
        }
        None
    }
}

/// The name of the Liquid tag a line starts with (`{% highlight py %}`
/// -> `highlight`), `{%-` and `-%}` allowed.
fn liquid_tag(line: &str) -> Option<&str> {
    let rest = line.trim().strip_prefix("{%")?;
    let rest = rest.strip_prefix('-').unwrap_or(rest).trim_start();
    let end = rest
        .find(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .unwrap_or(rest.len());
    Some(&rest[..end])
}

/// An ATX heading's text: `# 제목`, up to three spaces before it, closing
/// `#`s and a kramdown `{#id}` or `{: …}` after it removed.
fn atx(line: &str) -> Option<String> {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return None;
    }
    let hashes = t.bytes().take_while(|&b| b == b'#').count();
    let rest = &t[hashes..];
    if !(1..=6).contains(&hashes) || !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let mut text = rest.trim();
    if let Some(open) = text.rfind('{')
        && text.ends_with('}')
        && text[open + 1..].starts_with(['#', ':'])
    {
        text = text[..open].trim_end();
    }
    // Closing hashes count only after a space (`# C#` keeps its `#`).
    let without = text.trim_end_matches('#');
    if without.is_empty() || without.ends_with([' ', '\t']) {
        text = without.trim_end();
    }
    let text = text.replace("**", "").replace('`', "");
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// `===` or `---` (any length, up to three spaces before, spaces after).
fn is_setext_underline(line: &str) -> bool {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return false;
    }
    let t = t.trim_end();
    !t.is_empty() && (t.bytes().all(|b| b == b'=') || t.bytes().all(|b| b == b'-'))
}

/// A line that can be a one-line paragraph (and so a setext heading's
/// text): not blank, not a list item, quote, table row, tag or heading.
fn paragraph_line(line: &str) -> Option<&str> {
    let t = line.trim();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let list_item = t.starts_with(['-', '*', '+'])
        && (t.len() == 1 || t[1..].starts_with([' ', '\t']))
        || (1..=9).contains(&digits)
            && t[digits..].starts_with(['.', ')'])
            && (t.len() == digits + 1 || t[digits + 1..].starts_with([' ', '\t']));
    let not_text = t.is_empty()
        || list_item
        || t.starts_with(['>', '|', '<', '#', '{'])
        || line.starts_with("    ")
        || is_setext_underline(line);
    (!not_text).then_some(t)
}

/// Whether `line` holds the start of an `<h1>`…`<h6>` tag.
fn has_html_heading(line: &str) -> bool {
    let b = line.as_bytes();
    memchr::memchr_iter(b'<', b).any(|i| {
        b.len() > i + 3
            && b[i + 1].eq_ignore_ascii_case(&b'h')
            && (b'1'..=b'6').contains(&b[i + 2])
            && matches!(b[i + 3], b'>' | b' ' | b'\t' | b'/' | b'\n' | b'\r')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atx_and_setext_headings() {
        assert_eq!(
            first_heading("본문\n\n## 둘째 제목 ##\n").as_deref(),
            Some("둘째 제목")
        );
        assert_eq!(first_heading("설명\n\n# C#\n").as_deref(), Some("C#"));
        assert_eq!(
            first_heading("# 머리말 {#intro}\n").as_deref(),
            Some("머리말")
        );
        assert_eq!(
            first_heading("# **굵은** `제목`\n").as_deref(),
            Some("굵은 제목")
        );
        assert_eq!(
            first_heading("밑줄 제목\n=====\n본문\n").as_deref(),
            Some("밑줄 제목")
        );
        assert_eq!(first_heading("\n소제목\n---\n").as_deref(), Some("소제목"));
        assert_eq!(first_heading("#해시태그\n").as_deref(), None);
        assert_eq!(
            first_heading("첫 줄\n둘째 줄\n---\n").as_deref(),
            Some("첫 줄 둘째 줄")
        );
    }

    #[test]
    fn not_a_setext_heading() {
        for body in [
            "- 목록\n---\n",
            "| a | b |\n|---|---|\n",
            "\n---\n",
            "> 인용\n===\n",
        ] {
            assert_eq!(first_heading(body), None, "{body:?}");
        }
    }

    #[test]
    fn html_headings_in_any_body() {
        let tistory = "<p data-ke-size=\"size16\">&nbsp;</p>\n<h3 data-ke-size=\"size23\"><b>파이썬 &amp; 판다스</b></h3>\n<p>본문</p>\n";
        assert_eq!(first_heading(tistory).as_deref(), Some("파이썬 & 판다스"));
        assert_eq!(
            first_heading("<p>앞</p><H2 class=\"x\">한 줄 HTML</H2>").as_deref(),
            Some("한 줄 HTML")
        );
        assert_eq!(
            first_heading("<h2></h2>\n# 다음\n").as_deref(),
            Some("다음")
        );
    }

    #[test]
    fn code_is_never_a_title() {
        for body in [
            "```python\n# 주석\n```\n",
            "~~~~\n# 주석\n~~~~\n",
            "    # 들여쓴 코드\n",
            "{% highlight bash %}\n# 설치\n{% endhighlight %}\n",
            "{% raw %}\n<h1>{{ page.title }}</h1>\n{% endraw %}\n",
            "<pre>\n# 셸 주석\n</pre>\n",
            "<pre class=\"code\">\n<h1>예제</h1>\n</pre>\n",
        ] {
            assert_eq!(first_heading(body), None, "{body:?}");
        }
        assert_eq!(
            first_heading("```\n# 코드\n```\n\n# 진짜 제목\n").as_deref(),
            Some("진짜 제목")
        );
        assert_eq!(
            first_heading("<pre>한 줄</pre>\n# 제목\n").as_deref(),
            Some("제목")
        );
    }

    #[test]
    fn titles_from_names() {
        assert_eq!(from_name("2018-05-9-hello-world"), "hello world");
        assert_eq!(from_name("2024-07-19-제주_항공-속보"), "제주 항공 속보");
        assert_eq!(from_name("그냥-이름"), "그냥 이름");
        assert_eq!(from_name("2024-07-19-"), "2024-07-19-");
        assert_eq!(from_name("000_630acf5f"), "000 630acf5f");
    }

    #[test]
    fn multi_byte_text_at_every_offset_never_panics() {
        let seed = "# 제목 {#x}\n밑줄\n===\n```\n코드\n```\n<h2>가</h2>\n{% raw %}\n<pre>";
        for c in ['가', '#', '`', '<', '\n', ' ', '=', '{', 'é'] {
            for text in crate::frontmatter::tests::every_offset(seed, c) {
                let _ = first_heading(&text);
                let _ = from_name(&text);
            }
        }
    }
}
