//! Everything a run needs decided before it starts: the config file, the
//! folders to read, the theme, the state file. Errors here are the user's
//! to fix and end the run with status 2.

use std::path::{Path, PathBuf};

use super::args::Args;
use crate::config::{AmbiguousSetting, Config, Paths, Sort};
use crate::error::AppError;
use crate::loader::{self, Load};
use crate::post::Keep;
use crate::store::Store;
use crate::theme::{ColorDepth, Theme, no_color_env};

pub struct Settings {
    pub paths: Paths,
    pub config: Config,
    /// The key table with the config's `keys:`.
    pub keymap: crate::app::KeyMap,
}

impl Settings {
    /// Whether drafts and posts waiting for their dates are shown
    /// (`--drafts`, or the config's `show_drafts`).
    pub fn shows_drafts(&self, args: &Args) -> bool {
        args.drafts || self.config.show_drafts
    }

    pub fn new(args: &Args) -> Result<Settings, AppError> {
        let paths = Paths::new(args.config.as_deref());
        let config = Config::load(&paths).map_err(AppError::Config)?;
        // A theme the config names must exist: it is a bad value like any other.
        if let Some(name) = &config.theme
            && let Err(e) = Theme::load(name, paths.themes_dir.as_deref())
        {
            let message = match e {
                crate::theme::ThemeError::Unknown(name) => crate::i18n::Msg::Keyed
                    .with("key", "theme")
                    .with_msg("message", crate::theme::unknown(&name)),
                other => return Err(AppError::Theme(other)),
            };
            let path = paths.config_file.clone();
            return Err(AppError::Config(crate::config::ConfigError::Invalid {
                path,
                line: config.theme_line,
                message,
            }));
        }
        // So must the one `--theme` names, in every mode: `--list` and
        // `--check` draw nothing with it, and would take a typo silently.
        if let Some(spec) = &args.theme {
            Theme::load(spec, paths.themes_dir.as_deref()).map_err(AppError::Theme)?;
        }
        let changes: Vec<(String, Vec<String>)> = config
            .keys
            .iter()
            .map(|(name, keys, _)| (name.clone(), keys.clone()))
            .collect();
        let keymap = crate::app::KeyMap::with_changes(&changes).map_err(|e| {
            let line = config
                .keys
                .iter()
                .find(|(name, ..)| *name == e.name)
                .map_or(1, |(.., line)| *line);
            // A command the table does not have: name the one meant.
            let near = (!crate::app::keymap::TABLE.iter().any(|b| b.name == e.name))
                .then(|| super::commands::closest(&e.name))
                .flatten();
            let message = match near {
                Some(near) => crate::i18n::Msg::Keyed
                    .with("key", format!("keys.{}", crate::text::one_line(&e.name)))
                    .with_msg(
                        "message",
                        crate::i18n::Msg::UnknownCommandNear
                            .with("name", crate::text::one_line(&e.name))
                            .with("near", near),
                    ),
                None => e.message,
            };
            AppError::Config(crate::config::ConfigError::Invalid {
                path: paths.config_file.clone(),
                line,
                message,
            })
        })?;
        Ok(Settings {
            paths,
            config,
            keymap,
        })
    }

    /// The folders to read: the command line's, else the config's `posts`,
    /// else the site in the current folder (a Jekyll `_config.yml`, or a
    /// Hugo configuration beside `content/`: read as a site, drafts and
    /// per-category `_posts` with it), else ./_posts, else the current
    /// folder when it is (or is inside) a `_posts` or `_drafts` folder or a
    /// Hugo site's `content`, else none (the demo posts).
    pub fn post_paths(&self, args: &Args) -> Vec<PathBuf> {
        if !args.paths.is_empty() {
            return args.paths.clone();
        }
        if !self.config.posts.is_empty() {
            return self.config.posts.clone();
        }
        let local = PathBuf::from("_posts");
        if crate::site::is_site_root(Path::new(".")) {
            vec![PathBuf::from(".")]
        } else if local.is_dir() {
            vec![local]
        } else if within_posts(Path::new(".")) {
            vec![PathBuf::from(".")]
        } else {
            Vec::new()
        }
    }

    pub fn load_posts(&self, args: &Args, keep: Keep) -> Result<Load, AppError> {
        let paths = self.post_paths(args);
        for p in &paths {
            if std::fs::metadata(p).is_err() {
                return Err(AppError::NoSuchPath(p.clone()));
            }
        }
        if paths.is_empty() {
            return Ok(loader::load_demo(keep));
        }
        Ok(loader::load_with(&paths, keep, walk_options(args)))
    }

    /// The posts through the persistent index in the cache folder, with
    /// the index; without it (and as [`Settings::load_posts`] with `keep`)
    /// under `--no-cache`, for the demo posts, or when it cannot be opened.
    pub fn load_indexed(
        &self,
        args: &Args,
        keep: Keep,
    ) -> Result<(Load, Option<crate::index::Index>), AppError> {
        let paths = self.post_paths(args);
        if let Some(missing) = paths.iter().find(|p| std::fs::metadata(p).is_err()) {
            return Err(AppError::NoSuchPath(missing.clone()));
        }
        if let Some(mut index) = self.open_index(args, &paths)
            && let Ok((load, _)) = index.load(&paths, walk_options(args))
        {
            return Ok((load, Some(index)));
        }
        Ok((self.load_posts(args, keep)?, None))
    }

    /// The index for `paths`, unless `--no-cache`, there are no folders
    /// or it cannot be opened (the posts are then read without it).
    pub fn open_index(&self, args: &Args, paths: &[PathBuf]) -> Option<crate::index::Index> {
        let cache = self.paths.cache_dir.as_deref().filter(|_| !args.no_cache)?;
        if paths.is_empty() {
            return None;
        }
        let file = crate::index::Index::file_for(cache, paths, walk_options(args));
        crate::index::Index::open(&file).ok()
    }

    /// The model: drafts shown when asked for, posts in the configured order.
    pub fn store(&self, args: &Args, load: Load) -> Store {
        let mut store = Store::new(load, self.shows_drafts(args));
        if self.config.sort != Sort::Date {
            store.set_order(self.config.sort);
        }
        store
    }

    /// How pictures are shown: `--images`, else the config's `images`;
    /// never with `theme`, when it is `mono` or colour is off by
    /// `NO_COLOR`.
    pub fn image_setting(&self, args: &Args, theme: &Theme) -> crate::picture::Setting {
        if theme.name == crate::theme::NO_COLOR_THEME || no_color_env() {
            return crate::picture::Setting::Off;
        }
        args.images.unwrap_or(self.config.images)
    }

    /// How wide ambiguous characters are to be counted: the command
    /// line's choice, else the config's.
    pub fn ambiguous_setting(&self, args: &Args) -> AmbiguousSetting {
        args.ambiguous_width.unwrap_or(self.config.ambiguous_width)
    }

    /// The theme: `--theme`, else the config's, else `dark` (`mono` under
    /// `NO_COLOR`), for a terminal of `depth`.
    pub fn theme(&self, args: &Args, depth: ColorDepth) -> Result<Theme, AppError> {
        let spec = args.theme.as_deref().or(self.config.theme.as_deref());
        let mut theme = match spec {
            Some(spec) => {
                Theme::load(spec, self.paths.themes_dir.as_deref()).map_err(AppError::Theme)?
            }
            None => Theme::default_for_env(),
        };
        if let Some(inline) = self.config.inline_colors {
            theme.inline_colors = inline;
        }
        let depth = if no_color_env() {
            ColorDepth::None
        } else {
            depth
        };
        Ok(theme.with_depth(depth))
    }
}

/// What `--help` says about where files live.
pub fn files_help(paths: &Paths) -> String {
    let show = |p: &Option<PathBuf>| {
        p.as_ref().map_or_else(
            || "(none on this system)".to_string(),
            |p| p.display().to_string(),
        )
    };
    format!(
        "Files:\n  config  {} (or --config PATH, or SINMUN_CONFIG)\n  themes  {}/NAME.yaml\n  marks   {} (read and starred marks)",
        paths.config_file.display(),
        show(&paths.themes_dir),
        show(&paths.marks_file),
    )
}

/// How the folders are walked.
pub fn walk_options(args: &Args) -> loader::WalkOptions {
    loader::WalkOptions {
        follow_symlinks: args.follow_symlinks,
    }
}

/// Whether `dir` is, or is inside, a folder of posts: `_posts` or `_drafts`
/// (Jekyll, Hexo's `source/_posts`), or a Hugo site's `content`.
fn within_posts(dir: &Path) -> bool {
    let Ok(dir) = std::fs::canonicalize(dir) else {
        return false;
    };
    dir.ancestors()
        .any(|a| match a.file_name().and_then(|n| n.to_str()) {
            Some("_posts" | "_drafts") => true,
            Some("content") => a
                .parent()
                .is_some_and(|root| crate::site::Site::hugo_at(root).is_some()),
            _ => false,
        })
}
