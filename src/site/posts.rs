//! What a Jekyll site's Liquid knows of its posts (`site.posts`): each
//! published post's title, path on the site, date, categories and tags.

use crate::markdown::{SitePost, SitePosts};
use crate::post::Post;

use super::{Engine, Site};

/// The posts of each of `sites` (in their order) among `posts`: a Jekyll
/// site's published ones, nothing for another site's.
pub(crate) fn posts_of_sites(sites: &[Site], posts: &[Post]) -> Vec<SitePosts> {
    let mut lists: Vec<Vec<SitePost>> = vec![Vec::new(); sites.len()];
    for post in posts.iter().filter(|p| !p.is_hidden()) {
        let Some(site) = crate::store::site_of(sites, post) else {
            continue;
        };
        if site.engine != Engine::Jekyll {
            continue;
        }
        if let Some(i) = sites.iter().position(|s| std::ptr::eq(s, site)) {
            lists[i].push(site_post(post, site));
        }
    }
    lists.into_iter().map(SitePosts::new).collect()
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
