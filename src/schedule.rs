//! Posts dated in the future, as the site's generator treats them: Jekyll
//! leaves them out of the site until their date unless `_config.yml` says
//! `future: true`, Hugo unless its configuration says `buildFuture`; Hexo
//! publishes them unless `future: false`. A Jekyll `_posts` folder without
//! a configuration follows Jekyll's default; any other folder that is not
//! a site shows every post (a folder of news loses none to the clock).
//!
//! A post that waits for its date is hidden as a draft is. Whether it
//! waits is decided when posts are loaded, from its date and the clock,
//! and never kept: a post that waited yesterday may be out today.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::post::Post;
use crate::site::{Engine, Site};
use crate::store::site_of;

/// What tells the time: the system's clock, or a test's.
pub(crate) type Clock = fn() -> SystemTime;

/// `clock`'s time, in seconds since 1970.
pub(crate) fn now(clock: Clock) -> i64 {
    match clock().duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
    }
}

/// Mark each of `posts` that waits for its date at `now` (seconds since
/// 1970), by the rules of its site among `sites`.
pub(crate) fn mark(posts: &mut [Post], sites: &[Site], now: i64) {
    for post in posts {
        post.scheduled = waits(post, sites, now);
    }
}

/// Whether `post` waits for its date at `now`: dated after it, in a site
/// (or a Jekyll `_posts` folder) that does not publish such posts yet.
pub(crate) fn waits(post: &Post, sites: &[Site], now: i64) -> bool {
    // The clock first: the site is looked for only for the few posts
    // dated after it.
    let dated_after = |date: Option<crate::date::PostDate>| date.is_some_and(|d| d.instant() > now);
    if !dated_after(post.date) && !dated_after(post.publish_date) {
        return false;
    }
    match site_of(sites, post) {
        // Hugo publishes at the publish date, which is the date when the
        // front matter gives no other.
        Some(site) if site.engine == Engine::Hugo => {
            !site.future && dated_after(post.publish_date.or(post.date))
        }
        Some(site) if site.engine == Engine::Hexo => !site.future && dated_after(post.date),
        // Jekyll's rule is for its posts (a folder inside a site that is
        // no `_posts` holds pages).
        Some(site) => !site.future && dated_after(post.date) && in_posts_folder(&post.path),
        None => dated_after(post.date) && in_posts_folder(&post.path),
    }
}

/// Whether `path` is under a Jekyll `_posts` folder (as named, else as
/// resolved: a folder read as `.` names none).
fn in_posts_folder(path: &Path) -> bool {
    let named = |p: &Path| p.components().any(|c| c.as_os_str() == "_posts");
    named(path) || std::fs::canonicalize(path).is_ok_and(|p| named(&p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::post::{Format, Keep, Place};

    fn post(path: &str, front: &str) -> Post {
        let path = Path::new(path);
        let text = format!("---\n{front}---\n본문\n");
        match crate::post::read(
            path,
            &Place::plain(path, "글"),
            text.as_bytes(),
            Format::Markdown,
            Keep::default(),
        ) {
            crate::post::Outcome::Post(p) => *p,
            other => panic!("not a post: {other:?}"),
        }
    }

    fn site(engine: Engine, future: bool) -> Site {
        let mut site = Site::default();
        (site.root, site.engine, site.future) = ("/블로그".into(), engine, future);
        site
    }

    /// 2024-07-19 00:00 UTC.
    const NOW: i64 = 1_721_347_200;

    #[test]
    fn each_generator_by_its_rule() {
        let later = post(
            "/블로그/_posts/2024-07-20-a.md",
            "date: 2024-07-20T09:00:00+09:00\n",
        );
        let earlier = post("/블로그/_posts/2024-07-18-a.md", "date: 2024-07-18\n");
        for (engine, future, waits_) in [
            (Engine::Jekyll, false, true),
            (Engine::Jekyll, true, false),
            (Engine::Hugo, false, true),
            (Engine::Hugo, true, false),
            (Engine::Hexo, false, true),
            (Engine::Hexo, true, false),
        ] {
            let sites = [site(engine, future)];
            assert_eq!(waits(&later, &sites, NOW), waits_, "{engine:?} {future}");
            assert!(!waits(&earlier, &sites, NOW), "{engine:?}");
        }
        // The day after, it is out.
        assert!(!waits(&later, &[site(Engine::Jekyll, false)], NOW + 86_400));
    }

    #[test]
    fn hugo_publishes_at_its_publish_date() {
        let sites = [site(Engine::Hugo, false)];
        let dated_before = post(
            "/블로그/content/posts/a.md",
            "date: 2024-07-01\npublishDate: 2024-08-01\n",
        );
        assert!(waits(&dated_before, &sites, NOW));
        let published_before = post(
            "/블로그/content/posts/b.md",
            "date: 2024-08-01\npublishDate: 2024-07-01\n",
        );
        assert!(!waits(&published_before, &sites, NOW));
    }

    #[test]
    fn outside_a_site_only_a_posts_folder_waits() {
        let future = "date: 2999-01-01\n";
        assert!(waits(&post("/x/_posts/2999-01-01-a.md", future), &[], NOW));
        assert!(!waits(&post("/x/뉴스/2999-01-01-a.md", future), &[], NOW));
        // A page of a Jekyll site is not a post.
        let sites = [site(Engine::Jekyll, false)];
        assert!(!waits(&post("/블로그/소개/a.md", future), &sites, NOW));
    }
}
