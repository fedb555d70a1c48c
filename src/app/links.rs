//! Links and addresses: an article's numbered links (opened, copied, or
//! followed to another post of the blog), and the post's own page on the
//! web.

use super::screen::{Context, Popup};
use super::{App, Effect};
use crate::i18n::Msg;
use crate::render::article::is_openable;

pub(super) fn open_link(app: &mut App, n: usize) -> Vec<Effect> {
    let Some(address) = app
        .screen
        .article()
        .and_then(|a| a.links().get(n.wrapping_sub(1)))
        .cloned()
    else {
        app.message = Some(Msg::NoLink.fill(app.lang, &[("n", &n)]));
        return Vec::new();
    };
    if !is_openable(&address) {
        // A link to another post of the blog opens it here.
        if let Some(post) = linked_post(app, &address) {
            let from = app.screen.article().map(|a| {
                let path = app.store.posts()[a.post].path.clone();
                (path, a.scroll)
            });
            app.trail.extend(from);
            return super::navigate::follow(app, post);
        }
        app.message = Some(Msg::NotOpened.fill(app.lang, &[("address", &quoted(&address))]));
        return Vec::new();
    }
    app.popup = None;
    app.message = Some(Msg::Opening.fill(app.lang, &[("address", &quoted(&address))]));
    vec![Effect::OpenUrl(address)]
}

/// An address as a message quotes it: shown as the article shows it.
fn quoted(address: &str) -> String {
    crate::sanitize::quote(&crate::text::shown_address(address))
}

/// The post of the blog that `address`, a link in the article shown,
/// names (a link the reader opens itself).
pub(super) fn linked_post(app: &App, address: &str) -> Option<usize> {
    let site = app.screen.article().and_then(|a| {
        let post = app.store.posts().get(a.post)?;
        app.store.site_for(post)
    });
    crate::post_link::post_named_by(app.store.posts(), address, site)
}

/// `y`: in the links, the link under the cursor (as written); in the
/// article, the post's page address (as browsers send it).
pub(super) fn copy_link(app: &mut App, context: Context) -> Vec<Effect> {
    let address = match (&app.popup, app.screen.article()) {
        (Some(Popup::Links { cursor }), Some(a)) if context == Context::Links => {
            a.links().get(*cursor).map(|l| (l.clone(), l.clone()))
        }
        (_, Some(a)) => page_address(app, a.post).map(|p| {
            let sent = crate::permalink::as_sent(&p);
            (p, sent)
        }),
        _ => None,
    };
    match address {
        Some((address, copied)) => {
            app.message = Some(Msg::Copied.fill(app.lang, &[("address", &quoted(&address))]));
            vec![Effect::Copy(copied)]
        }
        None => {
            app.message = Some(Msg::NoAddress.say(app.lang));
            Vec::new()
        }
    }
}

/// `O`: the open (or selected) post's page on the web, in the browser.
pub(super) fn open_page(app: &mut App) -> Vec<Effect> {
    let Some(address) = app.target_post().and_then(|p| page_address(app, p)) else {
        app.message = Some(Msg::NoAddress.say(app.lang));
        return Vec::new();
    };
    app.message = Some(Msg::Opening.fill(app.lang, &[("address", &quoted(&address))]));
    vec![Effect::OpenUrl(crate::permalink::as_sent(&address))]
}

/// The post's page on the web (readable: Hangul as written).
fn page_address(app: &App, post: usize) -> Option<String> {
    app.store.page_address(app.store.posts().get(post)?)
}
