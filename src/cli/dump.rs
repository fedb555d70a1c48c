//! `--dump ID-or-PATH`: one article as text, exactly the lines the
//! reader's article pane shows at that width.

use std::io::{self, IsTerminal, Write};
use std::path::Path;

use super::args::{Args, ColorChoice};
use super::settings::Settings;
use crate::error::AppError;
use crate::loader;
use crate::post::{Keep, Post};
use crate::render::{self, RenderOptions, article};
use crate::theme::{ColorDepth, no_color_env};

/// The post named by `wanted`: a file path, or an id among the posts.
pub fn find_post(args: &Args, settings: &Settings, wanted: &str) -> Result<Option<Post>, AppError> {
    let keep = Keep {
        body: true,
        search_text: false,
    };
    let as_path = Path::new(wanted);
    if as_path.is_file() {
        let load = loader::load(&[as_path.to_path_buf()], keep);
        if let Some(post) = load.posts.into_iter().next() {
            return Ok(Some(post));
        }
        return Err(AppError::Unreadable(
            load.problems
                .into_iter()
                .next()
                .map(|p| p.to_string())
                .unwrap_or_default(),
        ));
    }
    let load = settings.load_posts(args, keep)?;
    let id = crate::text::one_line(wanted);
    let id = id.trim_end_matches(['/']);
    let stem = Path::new(id).with_extension("");
    Ok(load
        .posts
        .into_iter()
        .find(|p| p.id == id || Path::new(&p.id) == stem || p.path == as_path))
}

pub fn dump(args: &Args, settings: &Settings, wanted: &str) -> Result<i32, AppError> {
    let Some(post) = find_post(args, settings, wanted)? else {
        eprintln!(
            "sinmun: no post with the id or path \"{}\"",
            crate::text::one_line(wanted)
        );
        return Ok(super::EXIT_PROBLEMS);
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
    let opts = RenderOptions {
        width,
        inline_colors: theme.inline_colors,
        paper: theme.paper,
        liquid: Some(std::sync::Arc::new(
            crate::markdown::LiquidContext::for_post(&post),
        )),
    };
    let body = render::render(post.body.as_deref().unwrap_or(""), post.format, &opts);
    let mut text = String::new();
    for line in article::lines(&post, body, width) {
        for span in &line.spans {
            if colour {
                crate::ansi::push_styled(&mut text, &span.text, theme.span(&span.style));
            } else {
                text.push_str(&span.text);
            }
        }
        text.push('\n');
    }
    let mut out = stdout.lock();
    super::finish_output(out.write_all(text.as_bytes()).and_then(|()| out.flush()))?;
    Ok(super::EXIT_OK)
}
