//! Which post a link in an article names, when it points into the same
//! blog: a root-relative or relative address (`/posts/jeju-trip/`,
//! `../2021/08/02/setup.html`), the site's own URL, or what Jekyll's
//! `post_url` gives. Such a link opens that post in the reader, as the
//! blog would open its page.

use crate::date::{PostDate, undated};
use crate::post::Post;
use crate::site::{Site, path_on_site};

/// The post of `posts` that `address` names, if one does and only one.
pub(crate) fn post_named_by(posts: &[Post], address: &str, site: Option<&Site>) -> Option<usize> {
    let site = site.map(|s| (s.url.as_str(), s.baseurl.as_str()));
    named_by(posts, |p| (p.id.as_str(), p.date), address, site)
}

/// [`post_named_by`] over posts whose ids and dates `of` gives (the links
/// list asks at every frame: no copy of them is made); `site` is the
/// site's URL and base URL.
fn named_by<T>(
    posts: &[T],
    of: impl Fn(&T) -> (&str, Option<PostDate>),
    address: &str,
    site: Option<(&str, &str)>,
) -> Option<usize> {
    let parts = path_parts(address, site)?;
    let joined = parts.join("/");
    if let Some(i) = posts.iter().position(|p| of(p).0 == joined) {
        return Some(i);
    }
    // Else by the last part, its date prefix aside (Jekyll's URLs drop it
    // and put the date in folders), one post only.
    let slug = undated(parts.last()?);
    let same: Vec<usize> = (0..posts.len())
        .filter(|&i| slug_of_id(of(&posts[i]).0) == slug)
        .collect();
    match same[..] {
        [one] => Some(one),
        [] => None,
        _ => {
            let dated: Vec<usize> = same
                .into_iter()
                .filter(|&i| of(&posts[i]).1.is_some_and(|d| in_parts(&parts, d)))
                .collect();
            (dated.len() == 1).then(|| dated[0])
        }
    }
}

/// The parts of the path `address` names on the site, without the base
/// URL, extension or `index`; `None` for another site's address, a mail
/// address, or one with nothing in it.
fn path_parts(address: &str, site: Option<(&str, &str)>) -> Option<Vec<String>> {
    let (url, baseurl) = site.unwrap_or_default();
    let path = path_on_site(address, url, baseurl)?;
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    let mut parts: Vec<String> = decoded
        .split('/')
        .filter(|p| !p.is_empty() && *p != "." && *p != "..")
        .map(str::to_string)
        .collect();
    if let Some(last) = parts.last_mut() {
        for ext in [".html", ".htm", ".md", ".markdown"] {
            if let Some(stem) = last.strip_suffix(ext) {
                *last = stem.to_string();
                break;
            }
        }
    }
    if parts.last().is_some_and(|p| p == "index") {
        parts.pop();
    }
    (!parts.is_empty()).then_some(parts)
}

fn slug_of_id(id: &str) -> &str {
    undated(id.rsplit('/').next().unwrap_or(id))
}

/// Whether the address's folders hold `date` (`/2021/08/02/…`).
fn in_parts(parts: &[String], date: PostDate) -> bool {
    let number = |p: &String| p.parse::<u32>().ok();
    parts.windows(3).any(|w| {
        (number(&w[0]), number(&w[1]), number(&w[2]))
            == (
                u32::try_from(date.year).ok(),
                Some(u32::from(date.month)),
                Some(u32::from(date.day)),
            )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posts() -> Vec<(&'static str, Option<PostDate>)> {
        vec![
            ("2021-08-02-jekyll-setup", PostDate::parse("2021-08-02")),
            ("posts/jeju-trip", None),
            ("travel/2023-01-05-jeju-trip", PostDate::parse("2023-01-05")),
            ("2024-03-01-회고", PostDate::parse("2024-03-01")),
            ("2022-01-01-notes", PostDate::parse("2022-01-01")),
            ("2023-01-01-notes", PostDate::parse("2023-01-01")),
        ]
    }

    #[test]
    fn addresses_into_the_blog_name_its_posts() {
        let site = Some(("https://dev.example.kr", "/blog"));
        let find = |a: &str| named_by(&posts(), |p| *p, a, site);
        // Hugo's path, and an id as `post_url` gives it.
        assert_eq!(find("/posts/jeju-trip/"), Some(1));
        assert_eq!(find("2021-08-02-jekyll-setup"), Some(0));
        // Jekyll's URL: categories and date in folders, `.html`.
        assert_eq!(find("/blog/jekyll/2021/08/02/jekyll-setup.html"), Some(0));
        assert_eq!(
            find("https://dev.example.kr/blog/2021/08/02/jekyll-setup/#intro"),
            Some(0)
        );
        assert_eq!(find("../2024/03/01/%ED%9A%8C%EA%B3%A0/"), Some(3));
        // Two posts named so: the date in the address decides.
        assert_eq!(find("/2023/01/01/notes/"), Some(5));
        assert_eq!(find("/notes/"), None);
        // Two named jeju-trip: the whole path decides, else nothing.
        assert_eq!(find("/travel/2023-01-05-jeju-trip"), Some(2));
        assert_eq!(find("/jeju-trip/"), None);
        for other in [
            "https://elsewhere.example.com/posts/jeju-trip/",
            "mailto:a@b.kr",
            "/",
            "/about/",
            "",
        ] {
            assert_eq!(find(other), None, "{other}");
        }
        // Without a site, absolute addresses name nothing.
        assert_eq!(
            named_by(
                &posts(),
                |p| *p,
                "https://dev.example.kr/posts/jeju-trip/",
                None
            ),
            None
        );
    }
}
