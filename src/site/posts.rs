//! What a Jekyll site's Liquid knows of its posts (`site.posts`): each
//! post's title, path on the site, date, categories and tags; drafts and
//! posts waiting for their dates only when they are shown (as `jekyll
//! serve --drafts --future` lists them).

use crate::markdown::{SitePost, SitePosts};
use crate::post::Post;

use super::{Engine, Site};

/// The posts of each of `sites` (in their order) among `posts`, for a
/// reader holding them all: a Jekyll site's, nothing for another's.
pub(crate) fn posts_of_sites(sites: &[Site], posts: &[Post], drafts: bool) -> Vec<SitePosts> {
    let mut lists: Vec<Vec<SitePost>> = vec![Vec::new(); sites.len()];
    for (place, post) in members(sites, posts, drafts) {
        lists[place].push(site_post(post, &sites[place]));
    }
    lists.into_iter().map(SitePosts::new).collect()
}

/// The posts of `site` (one of `sites`) among `posts`; `None` unless it
/// is a Jekyll site.
pub(crate) fn posts_of_site(
    sites: &[Site],
    posts: &[Post],
    site: &Site,
    drafts: bool,
) -> Option<SitePosts> {
    let wanted = sites.iter().position(|s| std::ptr::eq(s, site))?;
    if site.engine != Engine::Jekyll {
        return None;
    }
    let list = members(sites, posts, drafts)
        .filter(|&(place, _)| place == wanted)
        .map(|(_, post)| site_post(post, site))
        .collect();
    Some(SitePosts::new(list))
}

/// Each post listed by a Jekyll site, with its site's place in `sites`.
fn members<'p>(
    sites: &'p [Site],
    posts: &'p [Post],
    drafts: bool,
) -> impl Iterator<Item = (usize, &'p Post)> {
    posts
        .iter()
        .filter(move |p| drafts || !p.is_hidden())
        .filter_map(|post| {
            let site = crate::store::site_of(sites, post)?;
            let place = sites.iter().position(|s| std::ptr::eq(s, site))?;
            (site.engine == Engine::Jekyll).then_some((place, post))
        })
}

fn site_post(post: &Post, site: &Site) -> SitePost {
    SitePost {
        title: post.title.clone(),
        url: crate::permalink::site_path(post, site).unwrap_or_default(),
        date: post.date.map(|d| d.liquid_string()).unwrap_or_default(),
        categories: post.categories.clone(),
        tags: post.tags.clone(),
    }
}
