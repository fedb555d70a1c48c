//! Hugo's shortcodes, `{{< name args >}}` and `{{% name args %}}`, which
//! share Liquid's braces. The built-in ones that put something a reader
//! should see in the page become it: videos, gists and posts on X as
//! links, `figure` as a picture with its caption, `highlight` as code,
//! `ref` and `relref` as the path they name, `param` as the front matter's
//! value. Any other shortcode (a theme's `notice`, `details` …) shows
//! nothing itself, and what it encloses stays; `{{</* … */>}}` shows the
//! shortcode as written, as Hugo does.

use std::borrow::Cow;

use super::context::lookup;
use super::embed::{label_html, link_html, push_figure, video_url};
use super::finds::Finds;
use super::{Found, Item, LiquidContext};

/// Longest shortcode read as one (longer ones stay text).
const MAX_SHORTCODE: usize = 2048;

/// One shortcode tag: where it ends, its name (with a leading `/` when it
/// closes a pair) and its arguments.
struct Shortcode<'s> {
    end: usize,
    name: &'s str,
    args: Vec<(Option<&'s str>, &'s str)>,
}

impl Shortcode<'_> {
    /// The argument named `key`, else the one at `place`.
    fn arg(&self, key: &str, place: usize) -> Option<&str> {
        let named = self.args.iter().find(|(k, _)| *k == Some(key));
        let positional = || self.args.iter().filter(|(k, _)| k.is_none()).nth(place);
        named.or_else(positional).map(|(_, v)| *v)
    }
}

/// The shortcode starting at `start`, when one does. `unclosed` says
/// where searches for the end of a pair failed: later ones from further on
/// give up at once (a post of unclosed pairs costs one scan a name);
/// `finds`, where tags close.
pub(super) fn at(
    src: &str,
    start: usize,
    ctx: &LiquidContext,
    (unclosed, finds): (&mut Vec<(&'static str, usize)>, &mut Finds),
) -> Option<Found> {
    let rest = src.get(start..)?.strip_prefix("{{")?;
    let delimiter = rest.chars().next().filter(|c| matches!(c, '<' | '%'))?;
    if let Some((end, shown)) = comment_at(src, start, delimiter, finds) {
        return Some(Found {
            end,
            item: Item::Text(shown),
        });
    }
    let code = parse(src, start, delimiter, finds)?;
    // A link alone on its line is a paragraph of its own.
    let paragraph = crate::markdown::scan::alone_on_line(src, start, code.end);
    let link = |url: String| Item::Html(link_html(&url, &url, paragraph));
    let item = match code.name {
        "youtube" | "vimeo" => link(video_url(code.name, code.arg("id", 0)?)?),
        // Blowfish's lighter YouTube player.
        "youtubeLite" => link(video_url("youtube", code.arg("id", 0)?)?),
        "gist" => link(format!(
            "https://gist.github.com/{}/{}",
            code.arg("user", 0)?,
            code.arg("id", 1)?
        )),
        "x" | "tweet" | "twitter" => link(match (code.arg("user", 0), code.arg("id", 1)) {
            (Some(user), Some(id)) => format!("https://x.com/{user}/status/{id}"),
            // The old form names the post alone.
            (Some(id), None) | (None, Some(id)) => format!("https://x.com/i/status/{id}"),
            _ => return None,
        }),
        "instagram" => link(format!(
            "https://www.instagram.com/p/{}/",
            code.arg("id", 0)?
        )),
        "figure" => Item::Html(figure_html(&code)),
        // A folded block's summary (Hugo's `details`, hugo-book's,
        // PaperMod's `collapse`, Relearn's `expand`, Hugo Blox's
        // `spoiler`) and a tab's name: a title over the text they hold,
        // all shown.
        "details" | "collapse" | "expand" | "spoiler" | "tab" => {
            match ["summary", "title", "name", "header", "text"]
                .iter()
                .find_map(|key| code.arg(key, usize::MAX))
                .or_else(|| code.arg("", 0))
                .filter(|t| !t.trim().is_empty() && !matches!(*t, "open" | "true" | "false"))
            {
                Some(title) => Item::Html(super::embed::title_html(title.trim())),
                None => Item::Nothing,
            }
        }
        // Blowfish's slides of the bundle's pictures: the pictures.
        "carousel" => match (&ctx.bundle, code.arg("images", usize::MAX)) {
            (Some(bundle), Some(pattern)) => {
                Item::Html(super::bundle::pictures_html(bundle, pattern))
            }
            _ => Item::Nothing,
        },
        // A theme's table of contents of the article's headings.
        "toc" | "TOC" => Item::Toc,
        "ref" | "relref" => Item::Text(code.arg("path", 0).unwrap_or_default().to_string()),
        "param" => {
            let key = code.arg("name", 0).unwrap_or_default();
            Item::Text(lookup(&ctx.page, key).unwrap_or_default().to_string())
        }
        "highlight" | "mermaid" | "sequence" | "flowchart" | "chart" => {
            // Code, and diagrams and charts drawn from their source (a
            // Chart.js configuration for Blowfish's `chart`): the source.
            let (name, lang) = match code.name {
                "highlight" => ("highlight", code.arg("lang", 0).unwrap_or_default()),
                "mermaid" => ("mermaid", "mermaid"),
                "chart" => ("chart", "javascript"),
                "sequence" => ("sequence", ""),
                _ => ("flowchart", ""),
            };
            match code_pair(src, &code, (name, lang), (unclosed, finds)) {
                Some(found) => return Some(found),
                None => Item::Nothing,
            }
        }
        // A site's or theme's own picture shortcode (`{{< zimg src=… >}}`).
        _ if code.arg("src", usize::MAX).is_some_and(is_picture) => Item::Html(figure_html(&code)),
        // A theme's callout (`{{< hint warning >}}`, `{{% notice tip %}}`):
        // its label, where the theme shows its colour and icon.
        name => match callout_kind(name, &code).and_then(crate::markdown::callout::label) {
            Some(label) => Item::Html(label_html(label, callout_title(name, &code), paragraph)),
            None => Item::Nothing,
        },
    };
    Some(Found {
        end: code.end,
        item,
    })
}

/// `text` (code) with each `{{</* … */>}}` shown as the shortcode it
/// writes out, `{{< … >}}`, as Hugo shows it.
pub(crate) fn show_commented(text: &str) -> Cow<'_, str> {
    if !text.contains("{{<") && !text.contains("{{%") {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut finds = Finds::default();
    let mut copied = 0;
    let mut pos = 0;
    while let Some(off) = text[pos..].find("{{") {
        let at = pos + off;
        let delimiter = text[at + 2..].chars().next();
        let delimiter = delimiter.filter(|c| matches!(c, '<' | '%'));
        let Some((end, shown)) = delimiter.and_then(|d| comment_at(text, at, d, &mut finds)) else {
            pos = at + 2;
            continue;
        };
        out.push_str(&text[copied..at]);
        out.push_str(&shown);
        copied = end;
        pos = copied;
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// The character before `}}` that closes a shortcode opened by `delimiter`.
fn closing(delimiter: char) -> char {
    if delimiter == '<' { '>' } else { '%' }
}

/// The marks that close a shortcode opened by `delimiter`, and a comment
/// (`{{</* … */>}}`) in one.
fn closing_marks(delimiter: char) -> (&'static str, &'static str) {
    if delimiter == '<' {
        (">}}", "*/>}}")
    } else {
        ("%}}", "*/%}}")
    }
}

/// `{{</* … */>}}` at `start` in `src`: where it ends, and the shortcode
/// it shows (`{{< … >}}`).
fn comment_at(
    src: &str,
    start: usize,
    delimiter: char,
    finds: &mut Finds,
) -> Option<(usize, String)> {
    src.get(start + 3..)?.strip_prefix("/*")?;
    let from = start + 5;
    let mark = closing_marks(delimiter).1;
    let at = finds.close(src, (mark, "\n\n"), from, MAX_SHORTCODE)?;
    let end = closing(delimiter);
    let shown = format!("{{{{{delimiter}{}{end}}}}}", &src[from..at]);
    Some((at + mark.len(), shown))
}

/// The shortcode tag at `start` (its braces and delimiter known).
fn parse<'s>(
    src: &'s str,
    start: usize,
    delimiter: char,
    finds: &mut Finds,
) -> Option<Shortcode<'s>> {
    let from = start + 3;
    let mark = closing_marks(delimiter).0;
    let at = finds.close(src, (mark, "\n\n"), from, MAX_SHORTCODE)?;
    // Shortcode tags do not nest: an opening before the close is the one
    // (and each failed opening costs nothing).
    if finds.next(src, "{{", from).is_some_and(|next| next < at) {
        return None;
    }
    let inner = src[from..at].trim();
    let inner = inner.strip_suffix('/').unwrap_or(inner).trim_end();
    let name_len = inner
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'/'))
        .count();
    let (name, args) = inner.split_at(name_len);
    let plain = name.trim_start_matches('/');
    if plain.is_empty() || args.chars().next().is_some_and(|c| !c.is_whitespace()) {
        return None;
    }
    Some(Shortcode {
        end: at + mark.len(),
        name,
        args: arguments(args, &['"', '`']),
    })
}

/// Arguments: words or values between `quotes`, each maybe named
/// (`key=value`). Hugo quotes with `"` and `` ` ``, Liquid with `"` and `'`.
fn arguments<'s>(s: &'s str, quotes: &[char]) -> Vec<(Option<&'s str>, &'s str)> {
    quoted_arguments(s, quotes)
        .into_iter()
        .map(|(key, value, _)| (key, value))
        .collect()
}

/// [`arguments`], each saying whether its value was quoted (Liquid reads
/// a value that was not as a variable).
pub(super) fn quoted_arguments<'s>(
    s: &'s str,
    quotes: &[char],
) -> Vec<(Option<&'s str>, &'s str, bool)> {
    let mut args = Vec::new();
    let mut rest = s.trim_start();
    while !rest.is_empty() {
        let key_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(rest.len());
        let key = rest[key_len..]
            .starts_with('=')
            .then(|| &rest[..key_len])
            .filter(|k| !k.is_empty());
        if key.is_some() {
            rest = &rest[key_len + 1..];
        }
        let (value, after, quoted) = match rest.chars().next() {
            Some(q) if quotes.contains(&q) => match rest[1..].find(q) {
                Some(end) => (&rest[1..1 + end], &rest[end + 2..], true),
                None => (&rest[1..], "", false),
            },
            _ => {
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                (&rest[..end], &rest[end..], false)
            }
        };
        args.push((key, value, quoted));
        rest = after.trim_start();
    }
    args
}

/// A pair such as `{{< highlight LANG >}}code{{< /highlight >}}`: what
/// it encloses, as code in `lang`.
fn code_pair(
    src: &str,
    open: &Shortcode<'_>,
    (name, lang): (&'static str, &str),
    (unclosed, finds): (&mut Vec<(&'static str, usize)>, &mut Finds),
) -> Option<Found> {
    if unclosed
        .iter()
        .any(|&(n, from)| n == name && from <= open.end)
    {
        return None;
    }
    let mut pos = open.end;
    let close = loop {
        let Some(at) = src.get(pos..).and_then(|r| r.find("{{")) else {
            unclosed.push((name, open.end));
            return None;
        };
        let at = pos + at;
        let delimiter = src[at + 2..].chars().next();
        match delimiter.filter(|c| matches!(c, '<' | '%')) {
            Some(d) => match parse(src, at, d, finds) {
                Some(code) if code.name.strip_prefix('/') == Some(name) => break (at, code.end),
                _ => pos = at + 2,
            },
            None => pos = at + 2,
        }
    };
    let code = src[open.end..close.0]
        .trim_start_matches(['\n', '\r'])
        .trim_end_matches(['\n', '\r']);
    Some(Found {
        end: close.1,
        item: Item::Highlight {
            lang: super::clean_lang(lang),
            code: code.to_string(),
        },
    })
}

/// The kind of a theme's callout shortcode: hugo-book's `hint`, `notice`,
/// `alert`, `callout`, `admonition` by their first argument (or `type`),
/// or one named by its kind (`{{< warning >}}`). Blowfish's and Congo's
/// `alert` names an icon instead (a warning sign unless told): the
/// icons that say a kind give it, any other is a note.
fn callout_kind<'c>(name: &'c str, code: &'c Shortcode<'_>) -> Option<&'c str> {
    let kind = || {
        code.arg("type", 0)
            .or_else(|| code.arg("context", usize::MAX))
            .or_else(|| code.arg("color", usize::MAX))
    };
    match name {
        "alert" => Some(match kind().or_else(|| code.arg("icon", usize::MAX)) {
            // Docsy's, titled, is a note unless its colour says more.
            None if code.arg("title", usize::MAX).is_some() => "note",
            None => "warning",
            Some(k) if crate::markdown::callout::label(k).is_some() => k,
            Some(icon) => icon_kind(icon),
        }),
        // LoveIt's (and DoIt's, FixIt's) is a note unless told.
        "admonition" => Some(kind().unwrap_or("note")),
        "hint" | "notice" | "callout" => kind(),
        "note" | "tip" | "info" | "warning" | "danger" | "caution" | "important" => Some(name),
        _ => None,
    }
}

/// A callout's title: `title`, or the argument after the kind of
/// LoveIt's `admonition` and Relearn's `notice` (`{{< admonition tip
/// "제목" >}}`).
fn callout_title<'c>(name: &str, code: &'c Shortcode<'_>) -> Option<&'c str> {
    let place = match name {
        "admonition" | "notice" => 1,
        _ => usize::MAX,
    };
    code.arg("title", place)
}

/// The kind of callout a Font Awesome icon's name says.
fn icon_kind(icon: &str) -> &'static str {
    match icon.to_ascii_lowercase().as_str() {
        "circle-info" | "info-circle" | "info" => "info",
        "triangle-exclamation"
        | "exclamation-triangle"
        | "circle-exclamation"
        | "exclamation-circle"
        | "exclamation" => "warning",
        "lightbulb" => "tip",
        "fire" | "skull-crossbones" | "ban" | "circle-xmark" => "danger",
        _ => "note",
    }
}

/// Whether `src` names a picture file, by its extension.
pub(super) fn is_picture(src: &str) -> bool {
    let path = src.split(['?', '#']).next().unwrap_or_default();
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    matches!(
        ext.as_deref(),
        Some("png" | "jpg" | "jpeg" | "gif" | "webp" | "svg" | "avif" | "bmp")
    )
}

/// `figure`: its picture and its title and caption below.
fn figure_html(code: &Shortcode<'_>) -> String {
    let text = |key: &str| code.arg(key, usize::MAX).unwrap_or_default();
    let caption: Vec<&str> = [text("title"), text("caption")]
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect();
    let caption = caption.join(" — ");
    let mut out = String::new();
    push_figure(
        &mut out,
        text("src"),
        text("alt"),
        Some(&caption).filter(|c| !c.is_empty()).map(String::as_str),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(src: &str) -> Option<(usize, Item)> {
        let ctx = LiquidContext {
            page: vec![("subtitle".into(), "봄 모임".into())],
            ..LiquidContext::default()
        };
        let state = (&mut Vec::new(), &mut Finds::default());
        at(src, 0, &ctx, state).map(|f| (f.end, f.item))
    }

    fn html(src: &str) -> String {
        match item(src) {
            Some((_, Item::Html(h))) => h,
            other => panic!("{src}: {other:?}"),
        }
    }

    #[test]
    fn arguments_positional_named_and_quoted() {
        assert_eq!(
            arguments(
                r#"go "linenos=table" id="a b" raw=`x "y"` last"#,
                &['"', '`']
            ),
            [
                (None, "go"),
                (None, "linenos=table"),
                (Some("id"), "a b"),
                (Some("raw"), r#"x "y""#),
                (None, "last"),
            ]
        );
        assert_eq!(arguments(r#"src="열린"#, &['"']), [(Some("src"), "열린")]);
        assert_eq!(arguments("id='a b'", &['\'']), [(Some("id"), "a b")]);
    }

    #[test]
    fn videos_and_posts_become_links_escaped() {
        assert_eq!(
            html("{{< youtube 8ZhBYoCVVqM >}}"),
            r#"<p><a href="https://www.youtube.com/watch?v=8ZhBYoCVVqM">https://www.youtube.com/watch?v=8ZhBYoCVVqM</a></p>"#
        );
        assert!(html(r#"{{< vimeo id="55073825" >}}"#).contains("https://vimeo.com/55073825"));
        assert!(html("{{< gist user 12ab >}}").contains("https://gist.github.com/user/12ab"));
        assert!(html(r#"{{< x user="kr" id="17" />}}"#).contains("https://x.com/kr/status/17"));
        assert!(
            html("{{< tweet 877500564405444608 >}}")
                .contains("https://x.com/i/status/877500564405444608")
        );
        assert!(html(r#"{{< youtube "a<b" >}}"#).contains("a&lt;b"));
        assert!(
            html(r#"{{< youtubeLite id="SgXhGb-7QbU" label="데모" >}}"#)
                .contains("https://www.youtube.com/watch?v=SgXhGb-7QbU")
        );
        // Without the id it names, a video shortcode is left as text.
        assert_eq!(item("{{< youtube >}}"), None);
    }

    #[test]
    fn figures_params_refs_comments_and_others() {
        let figure = html(r#"{{< figure src="a.png" alt="무대" title="봄" caption="발표" >}}"#);
        assert_eq!(
            figure,
            r#"<figure><img src="a.png" alt="무대"><figcaption>봄 — 발표</figcaption></figure>"#
        );
        let text = |src: &str| match item(src) {
            Some((_, Item::Text(t))) => t,
            other => panic!("{src}: {other:?}"),
        };
        assert_eq!(text(r#"{{< param "subtitle" >}}"#), "봄 모임");
        assert_eq!(text(r#"{{< relref "/post/가" >}}"#), "/post/가");
        assert_eq!(text("{{</* youtube abc */>}}"), "{{< youtube abc >}}");
        assert_eq!(text("{{%/* notice */%}}"), "{{% notice %}}");
        assert_eq!(
            item("{{% notice info %}}"),
            Some((19, Item::Html("<p><strong>Info:</strong></p>".into())))
        );
        assert_eq!(
            item(r#"{{< hint type="WARNING" >}}"#).map(|f| f.1),
            Some(Item::Html("<p><strong>Warning:</strong></p>".into()))
        );
        // Blowfish's alerts name icons.
        let label = |src: &str| match item(src) {
            Some((_, Item::Html(h))) => h,
            other => panic!("{src}: {other:?}"),
        };
        assert_eq!(label("{{< alert >}}"), "<p><strong>Warning:</strong></p>");
        assert_eq!(
            label(r#"{{< alert "circle-info" >}}"#),
            "<p><strong>Info:</strong></p>"
        );
        assert_eq!(
            label(r#"{{< alert "lightbulb" >}}"#),
            "<p><strong>Tip:</strong></p>"
        );
        assert_eq!(
            label(r#"{{< alert icon="fire" >}}"#),
            "<p><strong>Danger:</strong></p>"
        );
        assert_eq!(
            label(r#"{{< alert "tag" >}}"#),
            "<p><strong>Note:</strong></p>"
        );
        // Docsy's names its colour, or only its title.
        assert_eq!(
            label(r#"{{< alert title="참고" >}}"#),
            "<p><strong>Note: 참고</strong></p>"
        );
        assert_eq!(
            label(r#"{{< alert color="warning" >}}"#),
            "<p><strong>Warning:</strong></p>"
        );
        let title = |src: &str| match item(src) {
            Some((_, Item::Html(h))) => h,
            other => panic!("{src}: {other:?}"),
        };
        assert_eq!(
            title("{{< details 요약 >}}"),
            "<p><strong>요약</strong></p>"
        );
        assert_eq!(
            title(r#"{{< details summary="설치 방법" open=true >}}"#),
            "<p><strong>설치 방법</strong></p>"
        );
        assert_eq!(
            title(r#"{{% tab header="맥 <OS>" %}}"#),
            "<p><strong>맥 &lt;OS&gt;</strong></p>"
        );
        assert!(matches!(
            item("{{< details open >}}"),
            Some((_, Item::Nothing))
        ));
        assert!(matches!(item("{{< /details >}}"), Some((_, Item::Nothing))));
        assert_eq!(
            title(r#"{{< collapse summary="접힌 내용" >}}"#),
            "<p><strong>접힌 내용</strong></p>"
        );
        assert_eq!(
            title(r#"{{% expand "더 보기" %}}"#),
            "<p><strong>더 보기</strong></p>"
        );
        assert_eq!(
            title(r#"{{< spoiler text="정답 보기" >}}"#),
            "<p><strong>정답 보기</strong></p>"
        );
        assert!(matches!(
            item("{{< toc mobile_only=true is_open=true >}}"),
            Some((_, Item::Toc))
        ));
        // A theme's own picture shortcode, told by its `src`.
        assert_eq!(
            html(r#"{{< zimg src="/posts/오븐.JPG" width="480" caption="완성" >}}"#),
            r#"<figure><img src="/posts/오븐.JPG" alt=""><figcaption>완성</figcaption></figure>"#
        );
        assert!(matches!(
            item(r#"{{< embed src="/a/b.html" >}}"#),
            Some((_, Item::Nothing))
        ));
        assert!(matches!(item("{{< /notice >}}"), Some((_, Item::Nothing))));
        // Not shortcodes: stay text.
        for src in [
            "{{< >}}",
            "{{< a\n\nb >}}",
            "{{< 한글 >}}",
            "{{< open",
            "{{ x }}",
        ] {
            assert_eq!(item(src), None, "{src}");
        }
        assert_eq!(
            show_commented("`{{</* x */>}}` {{< y >}}"),
            "`{{< x >}}` {{< y >}}"
        );
    }

    #[test]
    fn highlight_pairs_and_unclosed_ones_cost_one_scan() {
        let src = "{{< highlight rust >}}\nfn main() {}\n{{< /highlight >}}끝";
        let (end, got) = item(src).unwrap();
        assert_eq!(&src[end..], "끝");
        assert_eq!(
            got,
            Item::Highlight {
                lang: "rust".into(),
                code: "fn main() {}".into()
            }
        );
        let src = "{{< mermaid >}}\ngraph TD;\n  가-->나;\n{{< /mermaid >}}";
        let (end, got) = item(src).unwrap();
        assert_eq!(end, src.len());
        assert_eq!(
            got,
            Item::Highlight {
                lang: "mermaid".into(),
                code: "graph TD;\n  가-->나;".into()
            }
        );
        let src = "{{< chart >}}\ntype: 'bar',\ndata: { labels: ['감귤'] }\n{{< /chart >}}";
        assert_eq!(
            item(src).map(|f| f.1),
            Some(Item::Highlight {
                lang: "javascript".into(),
                code: "type: 'bar',\ndata: { labels: ['감귤'] }".into()
            })
        );
        // Many openings and no end: each is nothing, found in linear time.
        let src = "{{< highlight go >}}\n{{ x }}\n".repeat(20_000);
        let ctx = LiquidContext::default();
        let mut unclosed = Vec::new();
        let mut finds = Finds::default();
        let mut pos = 0;
        let mut nothing = 0;
        while let Some(off) = src[pos..].find("{{<") {
            let found = at(&src, pos + off, &ctx, (&mut unclosed, &mut finds)).unwrap();
            nothing += usize::from(found.item == Item::Nothing);
            pos = found.end;
        }
        assert_eq!(nothing, 20_000);
    }
}
