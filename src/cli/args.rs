//! The command line (DESIGN §3).

use std::path::PathBuf;

use clap::{Parser, ValueEnum};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is unset.
    #[default]
    Auto,
    Always,
    Never,
}

/// sinmun (신문) — a terminal reader for folders of Jekyll-style posts.
#[derive(Debug, Parser, Default)]
#[command(name = "sinmun", version, about, long_about = None)]
// `--width` is for the modes that print posts (clap does not hold a
// `requires` whose target conflicts with an argument given).
#[command(group(clap::ArgGroup::new("printing").args(["list", "dump"]).multiple(true)))]
pub struct Args {
    /// Folders (or files) of posts. Default: the config's `posts`, else
    /// ./_posts when it exists, else the built-in demo posts.
    pub paths: Vec<PathBuf>,

    /// Print one line per post: DATE  CATEGORIES  ID  TITLE.
    #[arg(long, conflicts_with_all = ["check", "dump"])]
    pub list: bool,

    /// With --list: print a JSON array instead.
    #[arg(long, requires = "list")]
    pub json: bool,

    /// Keep posts in this category (repeatable: any of them).
    #[arg(long = "category", value_name = "NAME")]
    pub categories: Vec<String>,

    /// Keep posts matching QUERY (all terms; 초성 like ㅈㅈㅎㄱ; #category).
    #[arg(long, value_name = "QUERY")]
    pub search: Option<String>,

    /// Include drafts (`published: false`, `draft: true`, files under `_drafts`).
    #[arg(long)]
    pub drafts: bool,

    /// Validate the posts: one line per problem, exit status 1 if any.
    #[arg(long, conflicts_with = "dump")]
    pub check: bool,

    /// Print one rendered article: header, body, numbered link list.
    #[arg(long, value_name = "ID-or-PATH")]
    pub dump: Option<String>,

    /// With --dump: wrap at N cells (default: the terminal's width, else
    /// 80). With --list: fit the lines to N cells, as on a terminal that
    /// wide (default: the terminal's width; piped, lines are whole).
    #[arg(long, value_name = "N", requires = "printing", value_parser = clap::value_parser!(u16).range(1..))]
    pub width: Option<u16>,

    /// With --dump: the page height that pictures take at most half of
    /// (default: the terminal's height, else 48).
    #[arg(long, value_name = "N", requires = "dump", value_parser = clap::value_parser!(u16).range(1..))]
    pub height: Option<u16>,

    /// When to colour --dump output.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Theme by name (built-in or in the themes folder) or path to a .yaml file.
    #[arg(long, value_name = "NAME-or-PATH")]
    pub theme: Option<String>,

    /// List the available themes with a line about each.
    #[arg(long)]
    pub list_themes: bool,

    /// Follow symlinked folders that lead outside the folders given.
    #[arg(long)]
    pub follow_symlinks: bool,

    /// Read every file, without the index kept in the cache folder (and
    /// without updating it).
    #[arg(long)]
    pub no_cache: bool,

    /// Pictures in articles: auto (a graphics protocol when the terminal
    /// has one, else half blocks), halfblocks, or off (placeholder lines).
    /// With --dump, auto draws them only on a colour terminal.
    #[arg(long, value_enum, value_name = "HOW")]
    pub images: Option<crate::picture::Setting>,

    /// How wide the terminal draws ambiguous characters (… · ● ★ ① “ ”):
    /// auto asks it; wide for terminals set to draw them two cells wide.
    #[arg(long, value_enum, value_name = "WIDTH")]
    pub ambiguous_width: Option<crate::config::AmbiguousSetting>,

    /// Read this config file instead of the default one.
    #[arg(long, value_name = "PATH")]
    pub config: Option<std::path::PathBuf>,
}

pub const AFTER_HELP: &str = "\
Exit status: 0 success, 1 problems found (--check), 2 usage or configuration error.

Examples:
  sinmun --list                     list the posts in ./_posts (or the demo posts)
  sinmun --list --search ㅈㅈㅎㄱ     posts that mention 제주항공 (초성 search)
  sinmun --list --json site/_posts  the same as JSON, for scripts
  sinmun --check site/_posts        report every problem in a Jekyll site's posts
  sinmun --dump 2024-07-19-jeju-air --width 60   read one post as text";
