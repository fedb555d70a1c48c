//! What the user (or a worker) asks the reader to do, and what `update`
//! asks the effect loop to do in return.

use std::sync::Arc;

use crate::render::cache::ArticleLines;
use crate::search::SearchText;

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Move the selection, or scroll the article or a popup, by rows.
    Up,
    Down,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    Top,
    Bottom,
    /// Open the selected headline (in the links popup: the link).
    Open,
    /// Back to the list; in the list, clear an active filter.
    Back,
    SwitchPane,
    NextArticle,
    PrevArticle,
    /// Open the next unread post of the list (from the top after the
    /// last).
    NextUnread,
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
    /// Text pasted (into the search field, when it is open).
    Paste(String),
    /// Scroll the article to the next / previous line the search matches.
    NextMatch,
    PrevMatch,
    /// Scroll the article to the next / previous heading.
    NextHeading,
    PrevHeading,
    /// Open the category picker (in the picker: close it).
    OpenCategories,
    /// In the category picker: choose or unchoose the one under the cursor.
    ToggleCategory,
    ApplyCategories,
    /// In the category picker: choose none (all posts).
    ClearCategories,
    OpenLinks,
    /// Open link `n` (1-based) of the article.
    OpenLink(usize),
    /// Copy the selected link (or the post's address) to the clipboard.
    CopyLink,
    /// Open the post's page on the web.
    OpenPage,
    ToggleRead,
    ToggleStar,
    ToggleUnreadOnly,
    ToggleStarredOnly,
    /// Mark every post of the list read; `Undo` takes it back.
    MarkAllRead,
    Undo,
    CycleSort,
    Reload,
    /// Edit the selected (or open) post's file in the user's editor.
    Edit,
    /// Show or hide the drafts.
    ToggleDrafts,
    WidenList,
    NarrowList,
    ToggleList,
    ToggleMouse,
    ShowProblems,
    ShowHelp,
    /// Close a popup.
    Close,
    /// Quit (in the article: back to the list).
    Quit,
    Suspend,
    /// Repaint the whole screen.
    Redraw,
    /// A key typed with the 한글 input mode on that is no command here.
    HangulKey,
    /// A letter, digit or sign that is no command where it was typed
    /// (`article`: one of an open article's, typed in the list).
    Unbound {
        key: char,
        article: bool,
    },
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
    /// Nothing happened for a while: a moment to work ahead.
    Idle,
    /// A worker rendered post `post` at `width` (or could not read it).
    Rendered {
        post: usize,
        width: usize,
        ambiguous: crate::text::AmbiguousWidth,
        generation: u64,
        result: Result<Arc<ArticleLines>, crate::i18n::Message>,
    },
    /// The picture worker drew (another of) the pictures of post `post`'s
    /// article at `width`: the article as it is now; `done` after the last.
    Pictured {
        post: usize,
        width: usize,
        ambiguous: crate::text::AmbiguousWidth,
        generation: u64,
        lines: Shared<ArticleLines>,
        done: bool,
    },
    /// Search text of posts (by path), from the background index.
    Indexed {
        texts: Vec<(std::path::PathBuf, SearchText)>,
        /// Whether the job that sent it is finished.
        done: bool,
    },
    /// Posts read in the background on a first start (no index yet):
    /// shown after those there are; files looked at so far, of how many.
    PostsArrived {
        posts: Handoff<Vec<crate::post::Post>>,
        done: usize,
        total: usize,
    },
    /// Files looked at so far, of how many (a start from the index).
    Reading {
        done: usize,
        total: usize,
    },
    /// The complete load through the index: every post, in order.
    Loaded(Handoff<crate::loader::Load>),
    /// Bodies in the persistent index so far, of how many.
    BodiesIndexed {
        done: usize,
        total: usize,
    },
    /// The watched folders changed: these paths (a burst of changes).
    FolderChanged(Vec<std::path::PathBuf>),
    /// The files as loaded were stamped, to tell later changes by;
    /// `changed`: some changed while they were being loaded.
    Stamped {
        changed: bool,
    },
    /// A reload finished.
    Reloaded(Shared<crate::reload::Reloaded>),
    /// Something an effect has to say (a failed save, a link opened).
    Notice(String),
    /// Problems found after loading (a file sinmun failed to index or
    /// render).
    Problems(Vec<crate::problem::Problem>),
    /// The marks worker saved every change numbered up to `seq` (or failed
    /// to save the one numbered `seq`).
    MarksSaved {
        seq: u64,
        error: Option<crate::i18n::Message>,
    },
    /// Marks saved by another reader.
    MarksChanged(Vec<crate::marks::MarkRow>),
}

/// A payload too large to compare; equal only to itself.
/// A value a worker hands to `update`, taken once (actions are cloned and
/// compared; the value is not).
#[derive(Debug)]
pub struct Handoff<T>(Arc<std::sync::Mutex<Option<T>>>);

impl<T> Handoff<T> {
    pub fn new(value: T) -> Handoff<T> {
        Handoff(Arc::new(std::sync::Mutex::new(Some(value))))
    }

    /// The value, the first time.
    pub fn take(&self) -> Option<T> {
        self.0.lock().ok()?.take()
    }
}

impl<T> Clone for Handoff<T> {
    fn clone(&self) -> Self {
        Handoff(Arc::clone(&self.0))
    }
}

impl<T> PartialEq for Handoff<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Debug)]
pub struct Shared<T>(pub Arc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Arc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Eq for Shared<T> {}

/// What the effect loop does for `update`: everything with a side effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    Suspend,
    /// Clear the terminal and draw everything again.
    Redraw,
    /// Turn mouse capture on or off.
    SetMouse(bool),
    /// Read the body of post `post` and render it at `width`, off the key
    /// path; answered with [`Action::Rendered`].
    Render {
        post: usize,
        width: usize,
    },
    /// Decode and draw the pictures of post `post`'s article as rendered
    /// at `width`, off the key path; answered with [`Action::Pictured`].
    Pictures {
        post: usize,
        width: usize,
        ambiguous: crate::text::AmbiguousWidth,
        lines: Shared<ArticleLines>,
    },
    /// Save a change of the read or starred marks (on the marks worker),
    /// answered with [`Action::MarksSaved`].
    SaveMarks(crate::marks::Save),
    /// Open an address (http, https or mailto) in a browser.
    OpenUrl(String),
    /// Put text on the clipboard (OSC 52).
    Copy(String),
    /// Read the folders again (all of them, or only these paths, as the
    /// watcher reported them); answered with [`Action::Reloaded`].
    Reload(Option<Vec<std::path::PathBuf>>),
    /// Index the bodies of these files, in the background; answered with
    /// [`Action::Indexed`].
    Index(Vec<std::path::PathBuf>),
    /// Open this file in the user's editor (at this line), in the
    /// terminal; when the editor is closed the file is read again.
    Edit {
        path: std::path::PathBuf,
        line: Option<usize>,
    },
}
