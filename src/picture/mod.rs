//! Pictures in an article (DESIGN §6): the image files a post names,
//! found under its site or folder and never outside it, fitted to the
//! text's width, decoded off the key path within limits, and drawn as
//! Unicode half blocks (any terminal, and the `--dump` text) or through a
//! graphics protocol (kitty, sixel, iTerm2) where the terminal has one.
//! Remote images are never fetched.

pub mod decode;
pub mod fit;
pub mod graphic;
pub mod halfblocks;
pub mod locate;
pub mod painter;
pub mod slot;

use std::sync::Arc;

use serde::Deserialize;

pub use graphic::Graphic;
pub use locate::{Found, Locator};

/// Image files larger than this are not read.
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;
/// Images with more pixels than this (as their header says) are not decoded.
pub const MAX_PIXELS: u64 = 40_000_000;

/// `images:` in the config and `--images` on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Setting {
    /// A graphics protocol when the terminal answers that it has one,
    /// half blocks otherwise (and inside tmux).
    #[default]
    Auto,
    /// Unicode half blocks, whatever the terminal.
    Halfblocks,
    /// Placeholder lines only.
    Off,
}

/// How pictures are shown in this run.
#[derive(Debug, Clone, Default)]
pub enum Mode {
    /// Placeholder lines (`[image: alt] address (file present)`).
    #[default]
    Off,
    /// Half-block rows in the article's lines.
    Halfblocks,
    /// Half-block rows in the lines, and a graphics protocol drawn over
    /// them when nothing covers them.
    Graphics(Arc<ratatui_image::picker::Picker>),
}

impl Mode {
    /// Whether rows are reserved for pictures.
    pub fn shows(&self) -> bool {
        !matches!(self, Mode::Off)
    }

    pub fn picker(&self) -> Option<&ratatui_image::picker::Picker> {
        match self {
            Mode::Graphics(p) => Some(p),
            _ => None,
        }
    }

    /// The name of the protocol, for `--help`-like reports and tests.
    pub fn name(&self) -> &'static str {
        use ratatui_image::picker::ProtocolType;
        match self {
            Mode::Off => "off",
            Mode::Halfblocks => "halfblocks",
            Mode::Graphics(p) => match p.protocol_type() {
                ProtocolType::Halfblocks => "halfblocks",
                ProtocolType::Sixel => "sixel",
                ProtocolType::Kitty => "kitty",
                ProtocolType::Iterm2 => "iterm2",
            },
        }
    }
}

/// What the renderer needs to place a post's pictures: where its
/// addresses lead, whether rows are reserved for them, and how many rows
/// one may take at most.
#[derive(Debug, Clone)]
pub struct PictureContext {
    pub locator: Locator,
    pub show: bool,
    pub max_rows: usize,
    /// The language a placeholder says why in.
    pub lang: crate::i18n::Lang,
}

impl PartialEq for PictureContext {
    fn eq(&self, other: &Self) -> bool {
        self.show == other.show
            && self.max_rows == other.max_rows
            && self.lang == other.lang
            && self.locator.same_place(&other.locator)
    }
}

impl Eq for PictureContext {}

/// The most rows a picture takes in a pane of `rows` rows: about half.
pub fn max_rows_for(rows: usize) -> usize {
    (rows / 2).max(1)
}
