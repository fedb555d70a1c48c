//! sinmun (신문): a terminal reader for folders of Jekyll-style posts.
//!
//! The library holds every code path; the binary only calls [`cli::main`].

pub mod ansi;
pub mod app;
pub mod cli;
pub mod config;
pub mod date;
pub mod decode;
pub mod demo;
pub mod error;
pub mod frontmatter;
pub mod fsread;
pub mod html_text;
pub mod i18n;
pub mod loader;
pub mod markdown;
pub mod marks;
pub mod post;
pub mod problem;
pub mod reload;
pub mod render;
pub mod sanitize;
pub mod search;
pub mod site;
pub mod store;
pub mod text;
pub mod theme;
pub mod title;
pub mod tui;
mod walk;
