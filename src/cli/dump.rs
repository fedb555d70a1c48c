//! `--dump ID-or-PATH`: one article as text, exactly the lines the
//! reader's article pane shows at that width.

use std::io::{self, IsTerminal, Write};
use std::path::Path;

use super::args::{Args, ColorChoice};
use super::settings::Settings;
use crate::error::AppError;
use crate::i18n::{Lang, Msg};
use crate::loader;
use crate::markdown::LiquidContext;
use crate::picture::painter::Painter;
use crate::picture::{Locator, Mode, PictureContext, Setting};
use crate::post::{Keep, Post};
use crate::render::{RenderOptions, article};
use crate::theme::{ColorDepth, no_color_env};

/// The page height pictures are fitted to when `--height` is not given
/// and stdout is not a terminal: a picture takes at most half of it.
const DEFAULT_HEIGHT: usize = 48;

/// A post found, with what its Liquid resolves against and where its
/// images are.
type Found = (Post, LiquidContext, Option<Locator>);

/// The post named by `wanted`, with its body, what its Liquid resolves
/// against and where its images are: a post's id (or its file name) among
/// the posts first, then a file path. `Err` says, in `lang`, what could not
/// be found and where it was looked for.
pub fn find_post(
    args: &Args,
    settings: &Settings,
    wanted: &str,
    lang: Lang,
) -> Result<Result<Found, String>, AppError> {
    let as_path = Path::new(wanted);
    // A post file named on the command line is read alone: no need to load
    // every post to find it.
    if is_post_file(as_path) {
        return Ok(read_file(as_path, settings.shows_drafts(args), lang));
    }
    let folders = settings.post_paths(args);
    let keep = if folders.is_empty() {
        Keep::ALL // the demo posts: in memory anyway
    } else {
        Keep::default()
    };
    let load = settings.load_posts(args, keep)?;
    let id = crate::sanitize::one_line(wanted);
    let id = id.trim_end_matches('/');
    let stem = Path::new(id).with_extension("");
    let found = load.posts.iter().position(|p| p.id == id).or_else(|| {
        load.posts
            .iter()
            .position(|p| Path::new(&p.id) == stem || p.path == as_path)
    });
    // Else the end of an id (`python-ray` for `_posts/2021-01-03-python-ray`),
    // when it names one post only.
    let named = if found.is_none() {
        named_by_end(&load.posts, id)
    } else {
        Vec::new()
    };
    if named.len() > 1 {
        let ids: Vec<&str> = named
            .iter()
            .take(5)
            .map(|&i| load.posts[i].id.as_str())
            .collect();
        let more = if named.len() > ids.len() { ", …" } else { "" };
        let why = Msg::DumpSeveral
            .with("wanted", crate::sanitize::quote(wanted))
            .with("n", named.len())
            .with(
                "ids",
                format!("{}{more}", crate::sanitize::one_line(&ids.join(", "))),
            );
        return Ok(Err(why.say(lang)));
    }
    let found = found.or_else(|| named.first().copied());
    if let Some(i) = found {
        let site = crate::store::site_of(&load.sites, &load.posts[i]);
        // Hexo's `post_link` shows the title of the post it links to.
        let titles = site
            .filter(|site| site.needs_post_titles())
            .map(|_| crate::markdown::PostTitles::of(&load.posts));
        // A Jekyll site's `site.posts`, for its Liquid.
        let drafts = settings.shows_drafts(args);
        let site_posts = site
            .and_then(|site| crate::site::posts_of_site(&load.sites, &load.posts, site, drafts));
        let sites = load.sites;
        let mut post = load.posts.into_iter().nth(i).expect("index from position");
        if post.body.is_none() {
            match crate::app::effects::read_body(&post) {
                Ok(body) => post.body = Some(body),
                Err(why) => {
                    return Ok(Err(format!("{}: {}", shown(&post.path), why.say(lang))));
                }
            }
        }
        let mut found = with_context(post, &sites, &folders);
        if let Some(titles) = titles {
            found.1.titles = titles;
        }
        if let Some(posts) = site_posts {
            found.1.site_posts = posts;
        }
        if folders.is_empty() {
            // The built-in demo posts: their images are named only.
            found.2 = None;
        }
        return Ok(Ok(found));
    }
    let quoted = crate::sanitize::quote(wanted);
    let why = match std::fs::metadata(as_path) {
        Ok(m) if m.is_dir() => Msg::DumpFolder.with("wanted", quoted),
        Ok(m) if m.is_file() => Msg::DumpNotPostFile.with("wanted", quoted),
        Ok(_) => Msg::DumpNotRegular.with("wanted", quoted),
        Err(_) => {
            let posts = match load.posts.len() {
                1 => Msg::ThePost.into(),
                n => Msg::ThePosts.with("n", n),
            };
            let why = Msg::DumpNoPost
                .with("wanted", quoted)
                .with_msg("posts", posts);
            match folders.as_slice() {
                [] => why.with_msg("place", Msg::TheDemoPosts),
                [one] => why.with("place", shown(one)),
                many => why.with_msg("place", Msg::Folders.with("n", many.len())),
            }
        }
    };
    Ok(Err(why.say(lang)))
}

/// The posts whose id ends with `end` as a whole part (`python-ray`,
/// `2021/python-ray`), or whose file name without its date is `end`.
fn named_by_end(posts: &[Post], end: &str) -> Vec<usize> {
    if end.is_empty() {
        return Vec::new();
    }
    let tail = format!("/{end}");
    (0..posts.len())
        .filter(|&i| {
            let id = posts[i].id.as_str();
            let name = id.rsplit('/').next().unwrap_or(id);
            id.ends_with(&tail) || crate::date::undated(name) == end
        })
        .collect()
}

/// A path whose extension is a post format's, naming an existing file.
fn is_post_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .and_then(crate::post::Format::from_extension)
        .is_some()
        && path.is_file()
}

/// The post in the file at `path`, or why there is none (in `lang`).
fn read_file(path: &Path, drafts: bool, lang: Lang) -> Result<Found, String> {
    let keep = Keep {
        body: true,
        search_text: false,
    };
    let load = loader::load(&[path.to_path_buf()], keep);
    let sites = load.sites;
    match load.posts.into_iter().next() {
        Some(post) => {
            let mut found = with_context(post, &sites, &[]);
            if let Some(posts) = crate::store::site_of(&sites, &found.0)
                .and_then(|site| site_posts_for_one(site, &found.0, drafts))
            {
                found.1.site_posts = posts;
            }
            Ok(found)
        }
        None => Err(load.problems.first().map_or_else(
            || Msg::NotAPost.with("path", shown(path)).say(lang),
            |p| p.say(lang),
        )),
    }
}

/// The posts of a Jekyll site that a post read alone lists (its text, or
/// an include it takes in, may loop over `site.posts`): its site's posts
/// read, without their bodies.
fn site_posts_for_one(
    site: &crate::site::Site,
    post: &Post,
    drafts: bool,
) -> Option<crate::markdown::SitePosts> {
    let body = post.body.as_deref()?;
    let uses = [
        "site.posts",
        "site.tags",
        "site.categories",
        "{% include",
        "{%- include",
    ];
    if site.engine != crate::site::Engine::Jekyll || !uses.iter().any(|u| body.contains(u)) {
        return None;
    }
    let load = loader::load(std::slice::from_ref(&site.root), Keep::default());
    let read = load.sites.iter().find(|s| s.root == site.root)?;
    crate::site::posts_of_site(&load.sites, &load.posts, read, drafts)
}

/// A post with its Liquid context (its site's `url`, `baseurl` and
/// title) and where its images are (under its site, else the folder it
/// was found in, else its own folder).
fn with_context(
    mut post: Post,
    sites: &[crate::site::Site],
    folders: &[std::path::PathBuf],
) -> Found {
    let now = crate::schedule::now(std::time::SystemTime::now);
    crate::schedule::mark(std::slice::from_mut(&mut post), sites, now);
    let site = crate::store::site_of(sites, &post);
    let context = match site {
        Some(site) => site.liquid_context(&post),
        None => LiquidContext::for_post(&post),
    };
    let folder = folders.iter().find(|f| post.path.starts_with(f));
    let locator = Locator::new(site, &post.path, folder.map(|f| f.as_path()));
    (post, context, Some(locator))
}

fn shown(path: &Path) -> String {
    crate::sanitize::quote(&path.to_string_lossy())
}

pub fn dump(args: &Args, settings: &Settings, wanted: &str, lang: Lang) -> Result<i32, AppError> {
    let (post, context, locator) = match find_post(args, settings, wanted, lang)? {
        Ok(found) => found,
        Err(why) => {
            super::say(&why);
            return Ok(super::EXIT_PROBLEMS);
        }
    };
    let stdout = io::stdout();
    let terminal = stdout.is_terminal();
    let width = match args.width {
        Some(w) => usize::from(w),
        None if terminal => crossterm::terminal::size()
            .map(|(w, _)| usize::from(w))
            .unwrap_or(80),
        None => 80,
    };
    let colour = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && !no_color_env(),
    };
    let depth = if colour {
        ColorDepth::from_env()
    } else {
        ColorDepth::None
    };
    let theme = settings.theme(args, depth)?;
    let mode = match settings.image_setting(args, &theme) {
        Setting::Off => Mode::Off,
        Setting::Halfblocks => Mode::Halfblocks,
        Setting::Auto if colour => Mode::Halfblocks,
        Setting::Auto => Mode::Off,
    };
    let height = match args.height {
        Some(h) => usize::from(h),
        None if terminal => crossterm::terminal::size()
            .map(|(_, h)| usize::from(h))
            .unwrap_or(DEFAULT_HEIGHT),
        None => DEFAULT_HEIGHT,
    };
    let opts = RenderOptions {
        width,
        inline_colors: theme.inline_colors,
        paper: theme.paper,
        liquid: Some(std::sync::Arc::new(context)),
        pictures: locator.map(|locator| {
            std::sync::Arc::new(PictureContext {
                locator,
                show: mode.shows(),
                max_rows: crate::picture::max_rows_for(height),
                lang,
            })
        }),
        ambiguous: crate::probe::resolve(settings.ambiguous_setting(args)),
        lang,
    };
    let mut lines = article::render(&post, post.body.as_deref().unwrap_or(""), &opts);
    Painter::new(mode, theme.paper, lang).paint_all(&mut lines);
    let mut text = String::new();
    for line in lines.lines {
        for span in &line.spans {
            if colour {
                crate::ansi::push_styled(&mut text, &span.text, theme.span(&span.style));
            } else {
                text.push_str(&span.text);
            }
        }
        text.push('\n');
    }
    // Styled text was cleaned span by span (around its own SGR codes).
    let text = if colour {
        std::borrow::Cow::Borrowed(text.as_str())
    } else {
        crate::sanitize::terminal_text(&text)
    };
    let mut out = stdout.lock();
    super::finish_output(out.write_all(text.as_bytes()).and_then(|()| out.flush()))?;
    Ok(super::EXIT_OK)
}
