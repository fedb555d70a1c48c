//! What the user (or the runner) asks the reader to do, and what `update`
//! asks the runner to do in return.

use crate::marks::{MarkRow, Save};
use crate::search::SearchText;

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Move the selection, or scroll the article, by rows.
    Up,
    Down,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    Top,
    Bottom,
    /// Open the selected headline (or, in a popup, choose).
    Open,
    /// Back to the list; in the list, clear an active filter.
    Back,
    SwitchPane,
    NextArticle,
    PrevArticle,
    /// Search: start editing, edit, keep or cancel.
    StartSearch,
    SearchInput(char),
    SearchBackspace,
    SearchDeleteWord,
    SearchLeft,
    SearchRight,
    SearchHome,
    SearchEnd,
    SearchAccept,
    SearchCancel,
    /// Text pasted into the search field.
    Paste(String),
    OpenCategories,
    /// In the category picker: choose or unchoose the one under the cursor.
    ToggleCategory,
    OpenLinks,
    /// Open link `n` (1-based) of the article.
    OpenLink(usize),
    ToggleRead,
    ToggleStar,
    ToggleUnreadOnly,
    ShowProblems,
    ShowHelp,
    /// Close a popup.
    Close,
    Quit,
    Suspend,
    Resize(u16, u16),
    /// The wheel at a cell: positive scrolls down.
    Scroll {
        column: u16,
        row: u16,
        lines: i16,
    },
    Click {
        column: u16,
        row: u16,
    },
    /// The body of a post, read by the runner.
    BodyLoaded {
        post: usize,
        body: Result<String, String>,
    },
    /// The search index, built in the background.
    IndexReady(Vec<SearchText>),
    /// Nothing happened for a while: a moment to work ahead.
    Idle,
    /// A body read ahead, for [`Effect::Prefetch`].
    Prefetched {
        post: usize,
        body: Result<String, String>,
    },
    /// Problems found after loading (a file sinmun failed to index).
    Problems(Vec<crate::problem::Problem>),
    /// The marks worker saved every change numbered up to `seq` (or failed
    /// to save the one numbered `seq`).
    MarksSaved {
        seq: u64,
        error: Option<String>,
    },
    /// Marks saved by another reader.
    MarksChanged(Vec<MarkRow>),
}

impl Action {
    /// Whether the user did this (a key, the mouse, a paste), rather than
    /// the terminal or a background job. A message on the status line stays
    /// until the user does something.
    pub fn is_from_user(&self) -> bool {
        !matches!(
            self,
            Action::Resize(..)
                | Action::BodyLoaded { .. }
                | Action::IndexReady(_)
                | Action::Idle
                | Action::Prefetched { .. }
                | Action::Problems(_)
                | Action::MarksSaved { .. }
                | Action::MarksChanged(_)
        )
    }
}

/// What the runner does for `update`: everything with a side effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    Suspend,
    /// Read the body of this post and send [`Action::BodyLoaded`].
    LoadBody(usize),
    /// Read the body of this post, when there is time, and send
    /// [`Action::Prefetched`].
    Prefetch(usize),
    /// Open an address (http, https or mailto) in the browser.
    OpenUrl(String),
    /// Save a change of the read or starred marks (on the marks worker)
    /// and send [`Action::MarksSaved`].
    SaveMarks(Save),
}
