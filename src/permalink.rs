//! A post's address on the web, as its site's generator publishes it:
//! Jekyll's permalink styles and placeholders, Hugo's paths (and its
//! `permalinks` patterns), Hexo's `permalink`. `None` where the address
//! cannot be known for sure (no site `url`, a placeholder sinmun does not
//! know): a wrong address is worse than none.

use crate::date::PostDate;
use crate::post::Post;
use crate::site::{Engine, Site};

/// The post's page on the web: the address its front matter gives, else
/// where its site (if any) publishes it; readable (Hangul as written).
pub(crate) fn page_address(post: &Post, site: Option<&Site>) -> Option<String> {
    let own = ["url", "permalink", "canonical_url", "link"]
        .iter()
        .find_map(|key| post.front_text(key))
        .filter(|v| v.starts_with("http://") || v.starts_with("https://"));
    match own {
        Some(own) => Some(own.to_string()),
        None => web_address(post, site?),
    }
}

/// An address as browsers send it: non-ASCII characters, spaces and the
/// characters a URL may not hold percent-encoded.
pub(crate) fn as_sent(address: &str) -> String {
    const UNSAFE: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'<')
        .add(b'>')
        .add(b'`')
        .add(b'{')
        .add(b'}')
        .add(b'|')
        .add(b'\\')
        .add(b'^');
    percent_encoding::utf8_percent_encode(address, UNSAFE).to_string()
}

/// The web address of `post` on `site`, when the site says where it lives.
pub(crate) fn web_address(post: &Post, site: &Site) -> Option<String> {
    if site.url.is_empty() {
        return None;
    }
    let path = site_path(post, site)?;
    // `url: https://x.io/` and `baseurl: blog/` are written many ways.
    let url = site.url.trim_end_matches('/');
    let base = match site.baseurl.trim_matches('/') {
        "" => String::new(),
        base => format!("/{base}"),
    };
    let path = collapse_slashes(&format!("{base}/{}", path.trim_start_matches('/')));
    Some(format!("{url}{path}"))
}

/// Where `post` is published on `site`, from its root (`baseurl` not
/// included): Jekyll's `post.url`.
pub(crate) fn site_path(post: &Post, site: &Site) -> Option<String> {
    let path = match site.engine {
        Engine::Jekyll => jekyll_path(post, site),
        Engine::Hugo => hugo_path(post, site),
        Engine::Hexo => hexo_path(post, site),
    }?;
    Some(collapse_slashes(&format!(
        "/{}",
        path.trim_start_matches('/')
    )))
}

/// Jekyll's built-in styles, by name.
fn jekyll_style(name: &str) -> &str {
    match name {
        "" | "date" => "/:categories/:year/:month/:day/:title:output_ext",
        "pretty" => "/:categories/:year/:month/:day/:title/",
        "ordinal" => "/:categories/:year/:y_day/:title:output_ext",
        "none" => "/:categories/:title:output_ext",
        // Week dates sinmun does not work out: no address rather than a guess.
        "weekdate" => "/:week/",
        custom => custom,
    }
}

fn jekyll_path(post: &Post, site: &Site) -> Option<String> {
    let pattern = post
        .front_text("permalink")
        .map(str::to_string)
        .unwrap_or_else(|| site.permalink(""));
    let slug = post.jekyll_slug();
    let categories: Vec<String> = post.categories.iter().map(|c| c.to_lowercase()).collect();
    let mut categories_set: Vec<String> = Vec::new();
    for c in categories {
        if !categories_set.contains(&c) {
            categories_set.push(c);
        }
    }
    fill(jekyll_style(&pattern), |name| {
        Some(match name {
            "title" => jekyll_slugify(&slug, true),
            "slug" => jekyll_slugify(&slug, false),
            "categories" => categories_set.join("/"),
            "output_ext" => ".html".into(),
            _ => date_part(post.date?, name)?,
        })
    })
}

fn hugo_path(post: &Post, site: &Site) -> Option<String> {
    if let Some(url) = post.front_text("url").map(str::to_string) {
        return Some(url);
    }
    let content = site.content.as_deref()?;
    let (language, rel) = site.languages.place(content, &post.path)?;
    let mut language = language.to_string();
    let mut parts: Vec<String> = rel
        .with_extension("")
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    // `x.ko.md`: the translation into a language of the site, published
    // under that language's path. Hugo would read a language it is not
    // told of as part of the name: too unsure to say.
    if let Some(last) = parts.last_mut()
        && let Some((name, code)) = last.rsplit_once('.')
        && crate::walk::is_language(code)
    {
        let code = code.to_lowercase();
        if !site.languages.knows(&code) {
            return None;
        }
        (language, *last) = (code, name.to_string());
    }
    let prefix = site.languages.prefix(&language);
    if parts.last().is_some_and(|p| p == "index") {
        parts.pop(); // a page bundle: the folder's name
    }
    let section = if parts.len() > 1 {
        parts[0].clone()
    } else {
        String::new()
    };
    let slug = post.front_text("slug").map(str::to_string);
    let pattern = site.permalink(&section);
    if pattern.is_empty() {
        if let (Some(slug), Some(last)) = (slug, parts.last_mut()) {
            *last = slug;
        }
        let parts: Vec<String> = parts.iter().map(|p| hugo_urlize(p)).collect();
        return Some(format!("{prefix}/{}/", parts.join("/")));
    }
    let file = parts.last()?.clone();
    let title = hugo_urlize(&post.title);
    fill(&pattern, |name| {
        Some(match name {
            "title" => title.clone(),
            "slug" => slug
                .clone()
                .map_or_else(|| title.clone(), |s| hugo_urlize(&s)),
            "filename" | "contentbasename" => hugo_urlize(&file),
            "slugorfilename" | "slugorcontentbasename" => {
                slug.clone().unwrap_or_else(|| hugo_urlize(&file))
            }
            "section" => section.clone(),
            _ => date_part(post.date?, name)?,
        })
    })
    .map(|path| format!("{prefix}/{}", path.trim_start_matches('/')))
}

fn hexo_path(post: &Post, site: &Site) -> Option<String> {
    if let Some(own) = post.front_text("permalink").map(str::to_string) {
        return Some(own);
    }
    let pattern = match site.permalink("") {
        p if p.is_empty() => ":year/:month/:day/:title/".to_string(),
        p => p,
    };
    let posts = site.content.as_deref()?.join("_posts");
    let title = crate::site::below(&post.path, &posts)?.with_extension("");
    let title = title.to_string_lossy().replace('\\', "/");
    // Named `:year-:month-:day-:title.md` (`new_post_name`), a file's
    // date is no part of its title.
    let title = match title.rsplit_once('/') {
        Some((dir, name)) => format!("{dir}/{}", crate::date::undated(name)),
        None => crate::date::undated(&title).to_string(),
    };
    let name = post.path.file_stem()?.to_string_lossy().into_owned();
    fill(&pattern, |placeholder| {
        Some(match placeholder {
            "title" => title.clone(),
            "name" => name.clone(),
            _ => date_part(post.date?, placeholder)?,
        })
    })
}

/// A date placeholder's value, the names Jekyll, Hugo and Hexo share.
fn date_part(d: PostDate, name: &str) -> Option<String> {
    let (h, mi, s) = d.time.unwrap_or((0, 0, 0));
    Some(match name {
        "year" => format!("{:04}", d.year),
        "short_year" => format!("{:02}", d.year.rem_euclid(100)),
        "month" => format!("{:02}", d.month),
        "i_month" => d.month.to_string(),
        "day" => format!("{:02}", d.day),
        "i_day" => d.day.to_string(),
        "hour" => format!("{h:02}"),
        "minute" => format!("{mi:02}"),
        "second" => format!("{s:02}"),
        _ => return None,
    })
}

/// `pattern` with each `:name` replaced by `value(name)`; `None` when a
/// placeholder is unknown.
fn fill(pattern: &str, value: impl Fn(&str) -> Option<String>) -> Option<String> {
    let mut out = String::with_capacity(pattern.len() + 32);
    let mut rest = pattern;
    while let Some(at) = rest.find(':') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        if len == 0 {
            out.push(':');
        } else {
            out.push_str(&value(&after[..len])?);
        }
        rest = &after[len..];
    }
    out.push_str(rest);
    Some(out)
}

/// Jekyll's `slugify`: runs of characters other than letters, marks and
/// digits become one `-`. Its "pretty" mode (`:title`) also keeps
/// `._~!$&'()+,;=@` and the case; its default mode (`:slug`) lowers it.
fn jekyll_slugify(s: &str, pretty: bool) -> String {
    let kept = |c: char| c.is_alphanumeric() || (pretty && "._~!$&'()+,;=@".contains(c));
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if kept(c) {
            if pretty {
                out.push(c);
            } else {
                out.extend(c.to_lowercase());
            }
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// Hugo's path sanitising (`paths.Sanitize`, then lower case): letters,
/// digits, marks and `.` `/` `\\` `_` `#` `+` `~` `-` `@` kept, `%XX`
/// escapes kept, a run of spaces one `-` before the next kept character
/// (none at the start, none beside a `-`), the rest dropped.
fn hugo_urlize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let (mut pending, mut was_hyphen) = (false, false);
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let escape = c == '%'
            && chars
                .get(i + 1..i + 3)
                .is_some_and(|h| h.iter().all(char::is_ascii_hexdigit));
        let kept = c != ' '
            && (escape
                || c.is_alphanumeric()
                || unicode_normalization::char::is_combining_mark(c)
                || "./\\_#+~-@".contains(c));
        if kept {
            was_hyphen = c == '-';
            if pending && !was_hyphen {
                out.push('-');
            }
            pending = false;
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !was_hyphen && c.is_whitespace() {
            pending = true;
        }
    }
    out
}

fn collapse_slashes(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        if !(c == '/' && out.ends_with('/')) {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::post::{Format, Keep, Outcome, Place};
    use std::path::Path;

    fn post(path: &str, front: &str) -> Post {
        let path = Path::new(path);
        let text = format!("---\n{front}---\n본문\n");
        let place = Place::plain(path, "글");
        match crate::post::read(
            path,
            &place,
            text.as_bytes(),
            Format::Markdown,
            Keep::default(),
        ) {
            Outcome::Post(p) => *p,
            other => panic!("not a post: {other:?}"),
        }
    }

    #[test]
    fn paths_are_sanitised_as_hugo_does() {
        assert_eq!(hugo_urlize("Rust - 소유권"), "rust-소유권");
        assert_eq!(hugo_urlize("제주 여행 !"), "제주-여행");
        assert_eq!(hugo_urlize("  앞 공백"), "앞-공백");
        assert_eq!(hugo_urlize("Jeju Trip (2024, 봄)"), "jeju-trip-2024-봄");
        assert_eq!(hugo_urlize("a%20b c"), "a%20b-c");
    }

    #[test]
    fn a_site_read_as_dot_has_addresses() {
        // `sinmun .` in a site: its folders keep the `./`, its files not.
        let site = |engine, content: &str| {
            let mut site = Site::default();
            site.engine = engine;
            site.url = "https://blog.example.kr".into();
            site.content = Some(content.into());
            site
        };
        let mut hugo = site(Engine::Hugo, "./content");
        let trip = post("content/posts/jeju-trip.md", "title: 제주 여행\n");
        assert_eq!(
            web_address(&trip, &hugo).as_deref(),
            Some("https://blog.example.kr/posts/jeju-trip/")
        );
        hugo.content = Some("content".into());
        let dotted = post("./content/posts/jeju-trip.md", "title: 제주 여행\n");
        assert_eq!(
            web_address(&dotted, &hugo).as_deref(),
            Some("https://blog.example.kr/posts/jeju-trip/")
        );
        let hexo = site(Engine::Hexo, "./source");
        let note = post(
            "source/_posts/hallasan.md",
            "title: 한라산\ndate: 2024-05-01\n",
        );
        assert_eq!(
            web_address(&note, &hexo).as_deref(),
            Some("https://blog.example.kr/2024/05/01/hallasan/")
        );
    }
}
