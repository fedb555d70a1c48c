//! Hexo's tag plugins (and the NexT theme's), as the page shows them:
//! quotes with their source, pictures, links to other posts with their
//! titles, code captions, embeds as links, notes and tabs under their
//! titles. Octopress, which Hexo's tags come from, wrote the same ones.

use super::embed::{label_html, link_html, push_figure, video_url};
use super::html::push_escaped;
use super::shortcode::quoted_arguments;
use super::tags::Tag;
use super::{Item, Liquid};

/// A tag's arguments as Hexo splits them: at spaces, quotes kept together
/// and taken off.
fn arguments(markup: &str) -> Vec<String> {
    quoted_arguments(markup, &['"', '\''])
        .into_iter()
        .map(|(key, value, _)| match key {
            Some(key) => format!("{key}={value}"),
            None => value.to_string(),
        })
        .collect()
}

/// What the Hexo tag `tag` shows, or `None` when it is not one of Hexo's.
pub(super) fn tag(liquid: &mut Liquid<'_>, src: &str, tag: &Tag<'_>) -> Option<Item> {
    let paragraph = crate::markdown::scan::alone_on_line(src, tag.start, tag.end);
    let args = arguments(tag.markup);
    let arg = |i: usize| args.get(i).map(String::as_str);
    let link = |url: String| Item::Html(link_html(&url, &url, paragraph));
    Some(match tag.name {
        "blockquote" | "quote" | "pullquote" | "centerquote" | "cq" => {
            let footer = match tag.name {
                "blockquote" | "quote" => footer_html(&args.join(" ")),
                _ => String::new(),
            };
            Item::QuoteOpen(liquid.quotes.open(tag.name, footer))
        }
        name if name.starts_with("end") && QUOTES.contains(&&name[3..]) => {
            match liquid.quotes.close(&name[3..]) {
                Some((id, footer)) => Item::QuoteClose(id, format!("{footer}</blockquote>")),
                None => Item::Nothing,
            }
        }
        "img" | "image" => {
            let at = args
                .iter()
                .position(|a| is_address(a))
                .or_else(|| args.iter().position(|a| a.contains('.')))?;
            picture(&args, at)
        }
        // The file's name alone: pictures are looked for beside the post,
        // then in its asset folder (the folder named as the post).
        "asset_img" | "asset_image" => picture(&args, asset_at(&args)?),
        "asset_link" => {
            let path = arg(0)?;
            let text = text_after(&args, 1).unwrap_or_else(|| path.to_string());
            Item::Html(link_html(path, &text, false))
        }
        "asset_path" => Item::Text(arg(0)?.to_string()),
        "post_link" => {
            // `slug#part`: a part of that post.
            let (name, part) = arg(0)?.split_once('#').unwrap_or((arg(0)?, ""));
            let (id, title) = liquid.ctx.titles.find(name).unwrap_or((name, name));
            let text = text_after(&args, 1).unwrap_or_else(|| title.to_string());
            let href = if part.is_empty() {
                id.to_string()
            } else {
                format!("{id}#{part}")
            };
            Item::Html(link_html(&href, &text, false))
        }
        "post_path" => Item::Text(arg(0)?.to_string()),
        // Hexo's `link text url [external] [title]`; Jekyll's `link` names
        // a file alone.
        "link" | "a" | "anchor" => {
            let at = args.iter().position(|a| is_address(a)).filter(|&i| i > 0)?;
            Item::Html(link_html(&args[at], &args[..at].join(" "), false))
        }
        "iframe" => link(arg(0)?.to_string()),
        "youtube" | "vimeo" => link(video_url(tag.name, arg(0)?)?),
        "gist" => link(format!("https://gist.github.com/{}", arg(0)?)),
        "jsfiddle" => link(format!("https://jsfiddle.net/{}/", arg(0)?)),
        "include_code" | "include-code" => {
            let path = args.iter().rev().find(|a| !a.contains(':'))?;
            Item::Text(format!("[include_code: {path}]"))
        }
        // NexT's `{% label primary@text %}`: its text; `{% button url,
        // text %}`: a link; `{% video url %}` and `{% pdf url %}`: links.
        "label" => {
            let text = tag.markup.split_once('@').map_or(tag.markup, |(_, t)| t);
            Item::Text(text.trim().to_string())
        }
        "button" | "btn" => {
            let mut parts = tag.markup.split(',').map(str::trim);
            let url = parts.next().filter(|u| !u.is_empty())?;
            let text = parts.next().filter(|t| !t.is_empty()).unwrap_or(url);
            Item::Html(link_html(url, text, paragraph))
        }
        "video" | "pdf" => link(arg(0)?.to_string()),
        // NexT's tabs show one after the other, each under its title
        // (`<!-- tab 제목 -->`, see [`tab_title`]).
        "tabs" => {
            liquid.tabs += 1;
            Item::Nothing
        }
        "endtabs" => {
            liquid.tabs = liquid.tabs.saturating_sub(1);
            Item::Nothing
        }
        // NexT's `{% note info %}`: its label, where the theme shows its
        // colour and icon.
        "note" => {
            // Its classes first, then a summary, which is its title.
            let label_of = crate::markdown::callout::label;
            let classes = args
                .iter()
                .take_while(|a| {
                    matches!(a.as_str(), "default" | "primary" | "no-icon") || label_of(a).is_some()
                })
                .count();
            let label = args[..classes]
                .iter()
                .find_map(|a| label_of(a))
                .unwrap_or("Note");
            let summary = args[classes..].join(" ");
            Item::Html(label_html(label, Some(&summary), paragraph))
        }
        // Icarus's `{% message color:info title:제목 %}`: its colour's
        // label (a colour that names no kind is a note) and its title.
        "message" => {
            let color = param(tag.markup, "color").unwrap_or_default();
            let label = crate::markdown::callout::label(color).unwrap_or("Note");
            Item::Html(label_html(label, param(tag.markup, "title"), paragraph))
        }
        // Fluid's `{% fold info @제목 %}` and Butterfly's `{% hideToggle
        // 제목 %}`: folded text under its title, all shown.
        "fold" | "hideToggle" => {
            let title = match tag.name {
                "fold" => tag.markup.split_once('@').map_or("", |(_, t)| t),
                _ => tag.markup.split(',').next().unwrap_or_default(),
            };
            match title.trim() {
                "" => Item::Nothing,
                title => Item::Html(super::embed::title_html(title)),
            }
        }
        _ => return None,
    })
}

/// The value of Icarus's parameter `key:value` in `markup` (`title:"두
/// 단어"` quoted, `"title: 두 단어"` quoted whole, or up to a space).
fn param<'m>(markup: &'m str, key: &str) -> Option<&'m str> {
    let mut from = 0;
    let at = loop {
        let at = from + markup[from..].find(key)?;
        let starts_word = at == 0 || markup[..at].ends_with([' ', '"', '\'']);
        if starts_word && markup[at + key.len()..].starts_with(':') {
            break at;
        }
        from = at + key.len();
    };
    let whole_quote = markup[..at]
        .ends_with(['"', '\''])
        .then(|| markup.as_bytes()[at - 1]);
    let rest = markup[at + key.len() + 1..].trim_start();
    let (quote, rest) = match (whole_quote, rest.as_bytes().first()) {
        (Some(q), _) => (Some(q), rest),
        (None, Some(q @ (b'"' | b'\''))) => (Some(*q), &rest[1..]),
        _ => (None, rest),
    };
    let end = match quote {
        Some(q) => rest.find(char::from(q)).unwrap_or(rest.len()),
        None => rest.find(char::is_whitespace).unwrap_or(rest.len()),
    };
    Some(rest[..end].trim()).filter(|v| !v.is_empty())
}

/// The title of a tab of NexT's `{% tabs %}` that `line` begins:
/// `<!-- tab 제목 -->` (an icon after `@` left out).
pub(crate) fn tab_title(line: &str) -> Option<&str> {
    let inner = line
        .trim()
        .strip_prefix("<!--")?
        .strip_suffix("-->")?
        .trim();
    let title = inner.strip_prefix("tab")?;
    if !title.starts_with(char::is_whitespace) {
        return None;
    }
    let title = title.split('@').next().unwrap_or_default().trim();
    (!title.is_empty()).then_some(title)
}

/// The quote tags that open a block.
const QUOTES: &[&str] = &["blockquote", "quote", "pullquote", "centerquote", "cq"];

/// Hexo's quotes opened in a body and not yet closed, by name (a quote
/// closes with its own name's end, as Liquid nests blocks).
#[derive(Debug, Default)]
pub(super) struct OpenQuotes {
    /// For each of [`QUOTES`], its quotes open: their numbers and sources.
    open: [Vec<(usize, String)>; QUOTES.len()],
    opened: usize,
}

impl OpenQuotes {
    /// A quote `name` opens, showing `footer` at its end: its number.
    fn open(&mut self, name: &str, footer: String) -> usize {
        let id = self.opened;
        self.opened += 1;
        if let Some(i) = QUOTES.iter().position(|&q| q == name) {
            self.open[i].push((id, footer));
        }
        id
    }

    /// The number and source of the last quote `name` opened, which this
    /// ends.
    fn close(&mut self, name: &str) -> Option<(usize, String)> {
        let i = QUOTES.iter().position(|&q| q == name)?;
        self.open[i].pop()
    }

    /// The numbers of the quotes never closed.
    pub(super) fn unclosed(&self) -> impl Iterator<Item = usize> + '_ {
        self.open.iter().flatten().map(|(id, _)| *id)
    }
}

/// Whether an argument is an address rather than a class name or text,
/// as Hexo tells them: a root-relative path or a URL.
fn is_address(arg: &str) -> bool {
    arg.starts_with('/') || arg.contains("://") || arg.starts_with("www.")
}

/// Which argument of `asset_img` names the picture: Hexo takes the first
/// that names one of the post's files; the first with an extension.
fn asset_at(args: &[String]) -> Option<usize> {
    args.iter()
        .position(|a| a.rsplit_once('.').is_some_and(|(_, ext)| !ext.is_empty()))
        .or((!args.is_empty()).then_some(0))
}

/// The words from `from` on, joined, when there are any (a trailing
/// `true`/`false`, Hexo's escape switch, left out).
fn text_after(args: &[String], from: usize) -> Option<String> {
    let mut words = args.get(from..)?;
    if let [rest @ .., last] = words
        && (last == "true" || last == "false")
    {
        words = rest;
    }
    (!words.is_empty()).then(|| words.join(" "))
}

/// `img`'s `[class] src [width] [height] [title [alt]]`, the source at
/// `at`.
fn picture(args: &[String], at: usize) -> Item {
    let mut rest = &args[at + 1..];
    for _ in 0..2 {
        if rest
            .first()
            .is_some_and(|a| a.bytes().all(|b| b.is_ascii_digit()))
        {
            rest = &rest[1..];
        }
    }
    // `"title" "alt"` arrive as one quoted argument or as two.
    let meta = rest.join(" ");
    let quoted: Vec<&str> = meta
        .split('"')
        .enumerate()
        .filter(|(i, part)| i % 2 == 1 && !part.is_empty())
        .map(|(_, part)| part)
        .collect();
    let (title, alt) = match quoted[..] {
        [title, alt, ..] => (title.to_string(), alt.to_string()),
        [title] => (title.to_string(), String::new()),
        [] => (meta.trim().to_string(), String::new()),
    };
    let mut html = String::new();
    let alt = if alt.is_empty() { &title } else { &alt };
    push_figure(&mut html, &args[at], alt, None);
    Item::Html(html)
}

/// Words, an address and words after it, as Hexo's `blockquote` and
/// `codeblock` find them: the last `http(s)://` word after the first word.
fn at_address(written: &str) -> Option<(String, &str, String)> {
    let words: Vec<&str> = written.split_whitespace().collect();
    let is_url = |w: &str| w.starts_with("http://") || w.starts_with("https://");
    let i = (1..words.len()).rev().find(|&i| is_url(words[i]))?;
    Some((words[..i].join(" "), words[i], words[i + 1..].join(" ")))
}

/// The caption `{% codeblock %}`'s arguments give its code (what is not
/// an option: a title, a source address and its link's text), shown above
/// it as Hexo shows it; `None` when it has none.
pub(super) fn code_caption(markup: &str) -> Option<String> {
    const OPTIONS: &[&str] = &[
        "lang",
        "line_number",
        "line_threshold",
        "first_line",
        "wrap",
        "mark",
        "language_attr",
        "highlight",
    ];
    let args = arguments(markup);
    let caption = args
        .iter()
        .filter(|a| {
            !a.split_once(':')
                .is_some_and(|(key, _)| OPTIONS.contains(&key))
        })
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ");
    if caption.trim().is_empty() {
        return None;
    }
    let mut out = String::from("<p><em>");
    match at_address(&caption) {
        Some((title, url, text)) => {
            push_escaped(&mut out, &title);
            out.push_str("</em> ");
            let text = if text.is_empty() { "link" } else { &text };
            out.push_str(&link_html(url, text, false));
        }
        None => {
            push_escaped(&mut out, caption.trim());
            out.push_str("</em>");
        }
    }
    out.push_str("</p>");
    Some(out)
}

/// A quote's source, from `blockquote`'s arguments as Hexo reads them:
/// `author`, `author, title`, `author URL` or `author URL title`.
fn footer_html(written: &str) -> String {
    if written.trim().is_empty() {
        return String::new();
    }
    let (author, source, title) = match at_address(written) {
        Some((author, url, title)) => (author, Some(url), title),
        None => match written.split_once(',') {
            Some((author, title)) => {
                let title = title.split(',').next().unwrap_or_default();
                (author.trim().to_string(), None, title.trim().to_string())
            }
            None => (written.trim().to_string(), None, String::new()),
        },
    };
    let mut out = String::from("<p>— <strong>");
    push_escaped(&mut out, &author);
    out.push_str("</strong>");
    match source {
        Some(url) => {
            let shown = if title.is_empty() {
                url.trim_start_matches("https://")
                    .trim_start_matches("http://")
                    .trim_end_matches('/')
                    .to_string()
            } else {
                title
            };
            out.push_str(", <cite>");
            out.push_str(&link_html(url, &shown, false));
            out.push_str("</cite>");
        }
        None if !title.is_empty() => {
            out.push_str(", <cite>");
            push_escaped(&mut out, &title);
            out.push_str("</cite>");
        }
        None => {}
    }
    out.push_str("</p>");
    out
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::markdown::LiquidContext;

    /// What each tag of `src` is, and the numbers of its quotes never
    /// closed.
    fn tags_of(src: &str, ctx: &LiquidContext) -> (Vec<Item>, HashSet<usize>) {
        let mut liquid = Liquid::new(ctx);
        let mut out = Vec::new();
        let mut pos = 0;
        while let Some(off) = src[pos..].find("{%") {
            match liquid.at(src, pos + off) {
                Some(found) => {
                    out.push(found.item);
                    pos = found.end;
                }
                None => pos += off + 2,
            }
        }
        (out, liquid.unclosed_quotes())
    }

    fn items(src: &str, ctx: &LiquidContext) -> Vec<Item> {
        tags_of(src, ctx).0
    }

    fn html(src: &str) -> String {
        // What the scans do at the end: quotes never closed show nothing.
        let (out, unclosed) = tags_of(src, &LiquidContext::default());
        out.into_iter()
            .map(|item| match item {
                Item::Html(h) | Item::QuoteClose(_, h) => h,
                Item::QuoteOpen(id) if unclosed.contains(&id) => "nothing".into(),
                Item::QuoteOpen(_) => "<blockquote>".into(),
                Item::Text(t) => format!("text:{t}"),
                Item::Nothing => "nothing".into(),
                other => format!("{other:?}"),
            })
            .collect::<Vec<_>>()
            .join("|")
    }

    #[test]
    fn quotes_keep_their_source() {
        assert_eq!(
            html("{% blockquote 한강, 소년이 온다 %}\n본문\n{% endblockquote %}"),
            "<blockquote>|<p>— <strong>한강</strong>, <cite>소년이 온다</cite></p></blockquote>"
        );
        assert_eq!(
            html("{% quote 공식 문서 https://hexo.io/ko/docs/ 태그 플러그인 %}x{% endquote %}"),
            "<blockquote>|<p>— <strong>공식 문서</strong>, <cite><a href=\"https://hexo.io/ko/docs/\">\
             태그 플러그인</a></cite></p></blockquote>"
        );
        assert_eq!(
            html("{% blockquote 기자 https://news.example.kr/a/ %}x{% endblockquote %}"),
            "<blockquote>|<p>— <strong>기자</strong>, <cite><a href=\"https://news.example.kr/a/\">\
             news.example.kr/a</a></cite></p></blockquote>"
        );
        assert_eq!(
            html("{% pullquote %}x{% endpullquote %}{% blockquote %}y{% endblockquote %}"),
            "<blockquote>|</blockquote>|<blockquote>|</blockquote>"
        );
        // Left open, or closed without opening: nothing.
        assert_eq!(
            html("{% blockquote 누군가 %} 끝없이"),
            "nothing",
            "an open quote takes nothing in"
        );
        assert_eq!(html("{% endblockquote %}"), "nothing");
    }

    #[test]
    fn quotes_nested_deep_pair_with_their_own_ends() {
        let depth = 50_000;
        let src = format!(
            "{}본문{}{}",
            "{% blockquote %}".repeat(depth),
            "{% endblockquote %}".repeat(depth),
            "{% quote 닫히지 않음 %}".repeat(depth)
        );
        let all = html(&src);
        assert_eq!(all.matches("<blockquote>").count(), depth);
        assert_eq!(all.matches("</blockquote>").count(), depth);
        assert_eq!(all.matches("nothing").count(), depth);
        // Each name pairs with its own end, as Liquid nests blocks.
        assert_eq!(
            html("{% quote %}{% blockquote %}{% endquote %}{% endblockquote %}{% endquote %}"),
            "<blockquote>|<blockquote>|</blockquote>|</blockquote>|nothing"
        );
    }

    #[test]
    fn pictures_from_the_site_and_from_the_posts_folder() {
        assert_eq!(
            html(r#"{% img left /images/성산.jpg 640 480 '"성산 일출봉" "새벽의 분화구"' %}"#),
            "<figure><img src=\"/images/성산.jpg\" alt=\"새벽의 분화구\"></figure>"
        );
        assert_eq!(
            html("{% img https://cdn.example.kr/a.png 제목 %}"),
            "<figure><img src=\"https://cdn.example.kr/a.png\" alt=\"제목\"></figure>"
        );
        assert_eq!(
            html("{% asset_img 바다.JPG 협재 해변 %}"),
            "<figure><img src=\"바다.JPG\" alt=\"협재 해변\"></figure>"
        );
        assert_eq!(
            html("{% asset_link 일정.pdf 여행 일정 %} {% asset_path 지도.png %}"),
            "<a href=\"일정.pdf\">여행 일정</a>|text:지도.png"
        );
        assert_eq!(html("{% asset_img %}"), "nothing");
    }

    #[test]
    fn links_to_posts_show_their_titles() {
        let ctx = LiquidContext {
            titles: crate::markdown::PostTitles::from_pairs([(
                "hello-hexo".to_string(),
                "헥소 시작하기".to_string(),
            )]),
            ..LiquidContext::default()
        };
        let link = |src: &str| items(src, &ctx);
        let html = |h: &str| vec![Item::Html(h.to_string())];
        assert_eq!(
            link("{% post_link hello-hexo %}"),
            html("<a href=\"hello-hexo\">헥소 시작하기</a>")
        );
        assert_eq!(
            link("{% post_link hello-hexo '처음 글' false %}"),
            html("<a href=\"hello-hexo\">처음 글</a>")
        );
        // Looked up by title too, as Hexo does; an unknown one by its name.
        assert_eq!(
            link("{% post_link 헥소 시작하기 %}"),
            html("<a href=\"헥소\">시작하기</a>")
        );
        assert_eq!(
            link("{% post_link '헥소 시작하기' %}"),
            html("<a href=\"hello-hexo\">헥소 시작하기</a>")
        );
        // A part of a post.
        assert_eq!(
            link("{% post_link hello-hexo#설치 %}"),
            html("<a href=\"hello-hexo#설치\">헥소 시작하기</a>")
        );
        assert_eq!(
            link("{% post_link no-such %}"),
            html("<a href=\"no-such\">no-such</a>")
        );
        assert_eq!(
            link("{% post_path hello-hexo %}"),
            vec![Item::Text("hello-hexo".into())]
        );
    }

    #[test]
    fn tab_titles() {
        assert_eq!(tab_title("<!-- tab 설치 방법 -->"), Some("설치 방법"));
        assert_eq!(tab_title("  <!-- tab 윈도우@windows -->\r"), Some("윈도우"));
        for line in [
            "<!-- tab -->",
            "<!-- endtab -->",
            "<!-- table -->",
            "<!-- tab 열림",
        ] {
            assert_eq!(tab_title(line), None, "{line}");
        }
    }

    #[test]
    fn code_captions_leave_options_out() {
        assert_eq!(
            code_caption("lang:rust line_number:false 예제 코드"),
            Some("<p><em>예제 코드</em></p>".into())
        );
        assert_eq!(
            code_caption("main.rs lang:rust https://code.example.kr/main.rs 원본 보기"),
            Some(
                "<p><em>main.rs</em> <a href=\"https://code.example.kr/main.rs\">원본 보기</a></p>"
                    .into()
            )
        );
        assert_eq!(
            code_caption("설정 https://code.example.kr/a mark:1,3"),
            Some("<p><em>설정</em> <a href=\"https://code.example.kr/a\">link</a></p>".into())
        );
        assert_eq!(code_caption("lang:python highlight:true"), None);
        assert_eq!(code_caption(""), None);
    }

    #[test]
    fn links_embeds_and_notes() {
        assert_eq!(
            html("{% link 한국어 문서 https://hexo.io/ko/ true 공식 %}"),
            "<a href=\"https://hexo.io/ko/\">한국어 문서</a>"
        );
        // Jekyll's `link` names a file: not Hexo's.
        assert_eq!(
            html("{% link _posts/2024-01-01-a.md %}"),
            "text:/_posts/2024-01-01-a.md"
        );
        assert_eq!(
            html("{% youtube dQw4w9WgXcQ %}"),
            "<p><a href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\">\
             https://www.youtube.com/watch?v=dQw4w9WgXcQ</a></p>"
        );
        assert_eq!(
            html("본문 {% iframe https://example.kr/map 600 400 %}"),
            "<a href=\"https://example.kr/map\">https://example.kr/map</a>"
        );
        assert_eq!(
            html("{% include_code 예제 lang:python from:2 hello.py %}"),
            "text:[include_code: hello.py]"
        );
        assert_eq!(
            html("{% note warning %}\n조심\n{% endnote %}"),
            "<p><strong>Warning:</strong></p>|nothing"
        );
        assert_eq!(
            html("{% note %}\n메모\n{% endnote %}"),
            "<p><strong>Note:</strong></p>|nothing"
        );
        // A summary is the note's title, after its label.
        assert_eq!(
            html("{% note info no-icon 설치 전에 <확인> %}\n내용\n{% endnote %}"),
            "<p><strong>Info: 설치 전에 &lt;확인&gt;</strong></p>|nothing"
        );
        assert_eq!(
            html(
                "{% message color:warning title:\"두 단어\" size:small %}\n본문\n{% endmessage %}"
            ),
            "<p><strong>Warning: 두 단어</strong></p>|nothing"
        );
        assert_eq!(
            html("{% message color:primary \"title: 스트림 정리\"%}\n본문\n{% endmessage %}"),
            "<p><strong>Note: 스트림 정리</strong></p>|nothing"
        );
        assert_eq!(
            html("{% message color:danger %}\n본문\n{% endmessage %}"),
            "<p><strong>Danger:</strong></p>|nothing"
        );
        assert_eq!(
            html("{% fold info @접힌 설명 %}\n본문\n{% endfold %}"),
            "<p><strong>접힌 설명</strong></p>|nothing"
        );
        assert_eq!(
            html("{% hideToggle 정답 보기,bg,color %}\n본문\n{% endhideToggle %}"),
            "<p><strong>정답 보기</strong></p>|nothing"
        );
        assert_eq!(
            html("{% note warning \"아직 고치는 중\" %}\n내용\n{% endnote %}"),
            "<p><strong>Warning: 아직 고치는 중</strong></p>|nothing"
        );
        assert_eq!(
            html("{% note warn %}\n내용\n{% endnote %}"),
            "<p><strong>Warning:</strong></p>|nothing"
        );
        // NexT's own tags keep their text.
        assert_eq!(html("{% label warning@주의 %}"), "text:주의");
        assert_eq!(html("{% label 그냥 %}"), "text:그냥");
        assert_eq!(
            html("{% button https://hexo.io/ko/, 한국어 문서, home %}"),
            "<p><a href=\"https://hexo.io/ko/\">한국어 문서</a></p>"
        );
        assert_eq!(
            html("{% cq %}\n가운데 인용\n{% endcq %}"),
            "<blockquote>|</blockquote>"
        );
        assert_eq!(
            html("{% pdf /files/안내.pdf %}"),
            "<p><a href=\"/files/안내.pdf\">/files/안내.pdf</a></p>"
        );
    }
}
