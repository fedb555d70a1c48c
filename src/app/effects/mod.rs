//! The one effect loop: it applies actions with [`update`] and carries out
//! the effects it returns. Whatever is slow (reading and rendering
//! articles, indexing bodies, reading the folders again, saving marks) runs
//! on worker threads that answer with actions, so that a keypress never
//! waits behind it. The runner (`tui`), the tests, the benchmarks and the
//! screenshot example all drive the reader through this loop; what needs
//! the terminal comes back to the caller as [`Outside`].

mod editor;
mod files;
mod opener;
mod workers;

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, SystemTime};

use super::{Action, App, Effect, update};
pub use editor::Editor;
pub use files::{FileId, build_index, identities, index, index_with, read_body, read_checked};
pub use opener::{Opener, osc52};
use workers::{IndexJob, Workers};

/// What only the owner of the terminal can do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outside {
    Quit,
    Suspend,
    /// Clear the terminal and draw everything again.
    Redraw,
    SetMouse(bool),
    /// Run a program in the terminal (a text browser), the reader
    /// suspended meanwhile.
    RunInTerminal(Vec<String>),
    /// Run the editor on a post's file in the terminal, the reader
    /// suspended meanwhile; then the file is read again
    /// ([`Effects::edited`]).
    Edit {
        argv: Vec<std::ffi::OsString>,
        path: PathBuf,
    },
    /// Write this OSC 52 sequence (a copy to the clipboard).
    Write(String),
}

/// A program's name without its folder (`/usr/bin/nvim` is `nvim`): what
/// tells which kind of browser or editor it is.
fn program_name(program: &str) -> String {
    std::path::Path::new(program)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

impl Outside {
    /// Whether it gives the terminal to another program for a while.
    pub fn lends_terminal(&self) -> bool {
        matches!(self, Outside::RunInTerminal(_) | Outside::Edit { .. })
    }
}

/// How the loop is set up.
#[derive(Default)]
pub struct Setup {
    /// The marks database (none: marks are not saved).
    pub marks: Option<crate::marks::MarksDb>,
    /// The folders the posts come from (none: the demo posts).
    pub folders: Vec<PathBuf>,
    /// Watch the folders for changes.
    pub watch: bool,
    /// How the folders are walked (as for the first load).
    pub walk: crate::loader::WalkOptions,
    /// When the first load began (files changed after it are read again).
    pub loaded_at: Option<SystemTime>,
    /// How links are opened.
    pub opener: Opener,
    /// The editor `e` runs.
    pub editor: Editor,
    /// The language of what the workers say.
    pub lang: crate::i18n::Lang,
    /// The persistent index the posts are loaded through, in the
    /// background (the reader starts with its first posts, or none).
    pub index: Option<IndexStart>,
}

/// A start from the persistent index.
pub struct IndexStart {
    pub index: crate::index::Index,
    /// The index knew the folders: the reader shows its first posts while
    /// the files are checked. Otherwise posts are shown as they are read.
    pub warm: bool,
}

/// How many posts a start from the index shows before the files are
/// checked: more than a screen, few enough to read at once.
const FIRST_POSTS: usize = 2000;

impl IndexStart {
    /// The posts of the reader's first frame, from `index` (of
    /// `folders`): the newest it knew (none when it is new), searched
    /// through it; and the start. Their sites are read at once: they say
    /// which posts wait for their dates.
    pub fn new(
        index: crate::index::Index,
        drafts: bool,
        folders: &[PathBuf],
    ) -> (crate::store::Store, IndexStart) {
        let warm = index.count().unwrap_or(0) > 0;
        let first = index.first_posts(FIRST_POSTS).unwrap_or_default();
        let sites = folders
            .iter()
            .filter_map(|f| crate::site::Site::of_path(f))
            .map(|(site, _)| site)
            .collect();
        let load = crate::loader::Load {
            posts: first,
            sites,
            ..Default::default()
        };
        let mut store = crate::store::Store::new(load, drafts);
        if let Ok(searcher) = index.searcher() {
            store.set_searcher(searcher);
        }
        (store, IndexStart { index, warm })
    }
}

pub struct Effects {
    tx: Sender<Action>,
    rx: Receiver<Action>,
    workers: Workers,
    /// Jobs sent to workers and not answered yet.
    outstanding: usize,
    opener: Opener,
    editor: Editor,
    /// The load through the persistent index, until it is started.
    index: Option<(IndexStart, Vec<PathBuf>, crate::loader::WalkOptions)>,
}

impl Effects {
    pub fn new(mut setup: Setup) -> Effects {
        let (tx, rx) = mpsc::channel();
        let opener = setup.opener.clone();
        let editor = setup.editor.clone();
        let index = setup
            .index
            .take()
            .map(|start| (start, setup.folders.clone(), setup.walk));
        let workers = Workers::new(setup, tx.clone());
        Effects {
            tx,
            rx,
            workers,
            outstanding: 0,
            opener,
            editor,
            index,
        }
    }

    /// A loop with no folders, no saving and no watching (tests, examples).
    pub fn quiet() -> Effects {
        Effects::new(Setup {
            opener: Opener::off(),
            ..Setup::default()
        })
    }

    /// Start what the reader needs in the background: the index of the
    /// bodies (when the posts do not carry it) and the watch of the
    /// folders, which first stamps the files as loaded.
    pub fn start(&mut self, app: &App) {
        if let Some((start, folders, walk)) = self.index.take() {
            // The posts come from the index's load; the files are stamped
            // and watched once it is complete (see `apply`).
            self.outstanding += 1;
            let tx = self.tx.clone();
            let spawned = std::thread::Builder::new()
                .name("index".into())
                .spawn(move || files::load_and_index(start, &folders, walk, &tx));
            if spawned.is_ok() {
                return;
            }
            self.outstanding -= 1;
        }
        let posts = app.store.posts();
        let paths: Vec<PathBuf> = posts.iter().map(|p| p.path.clone()).collect();
        self.workers.index(IndexJob::Identities(app.store.files()));
        if !app.indexed() {
            // First what search needs at once (the front matter's text, so
            // that a keystroke never makes it post by post), then bodies.
            let fields = posts
                .iter()
                .map(|p| {
                    let f = [
                        p.title.clone(),
                        p.categories.join(" "),
                        p.tags.join(" "),
                        p.excerpt.clone(),
                    ];
                    (p.path.clone(), f)
                })
                .collect();
            self.outstanding += 2;
            self.workers.index(IndexJob::FrontMatter(fields));
            self.workers.index(IndexJob::Bodies(paths.clone()));
        }
        self.stamp(app.store.files());
    }

    /// Stamp the loaded files and watch the folders; the stamping answers.
    fn stamp(&mut self, files: Vec<PathBuf>) {
        if self.workers.watch(files) {
            self.outstanding += 1;
        }
    }

    /// Apply `action` and carry out its effects; returns what needs the
    /// terminal.
    pub fn apply(&mut self, app: &mut App, action: Action) -> Vec<Outside> {
        if matches!(
            action,
            Action::Rendered { .. }
                | Action::Reloaded(_)
                | Action::Stamped { .. }
                | Action::Indexed { done: true, .. }
                | Action::Pictured { done: true, .. }
        ) || matches!(action, Action::BodiesIndexed { done, total } if done >= total)
        {
            self.outstanding = self.outstanding.saturating_sub(1);
        }
        let loaded = matches!(action, Action::Loaded(_));
        if let Action::Reloaded(reloaded) = &action
            && let Ok(mut ids) = self.workers.identities.lock()
        {
            // Files read again are new files: their identity starts anew.
            for path in reloaded.0.reread.iter().chain(&reloaded.0.removed) {
                ids.remove(path);
            }
        }
        let mut outside = Vec::new();
        for effect in update(app, action) {
            match effect {
                Effect::Quit => outside.push(Outside::Quit),
                Effect::Suspend => outside.push(Outside::Suspend),
                Effect::Redraw => outside.push(Outside::Redraw),
                Effect::SetMouse(on) => outside.push(Outside::SetMouse(on)),
                Effect::Render { post, width } => {
                    self.outstanding += 1;
                    self.workers.render(app, post, width);
                }
                Effect::Pictures {
                    post,
                    width,
                    ambiguous,
                    lines,
                } => {
                    self.outstanding += 1;
                    self.workers
                        .pictures(app, (post, width, ambiguous), lines.0);
                }
                Effect::SaveMarks(save) => self.workers.save(save),
                Effect::Index(paths) => {
                    self.outstanding += 1;
                    self.workers.index(IndexJob::Bodies(paths));
                }
                Effect::Reload(paths) => {
                    self.outstanding += 1;
                    self.workers.reload(paths);
                }
                Effect::OpenUrl(url) => match self.opener.open(&url) {
                    Ok(Some(argv)) => outside.push(Outside::RunInTerminal(argv)),
                    Ok(None) => {}
                    Err(message) => app.message = Some(message),
                },
                Effect::Copy(text) => outside.push(Outside::Write(osc52(&text))),
                Effect::Edit { path, line } => outside.push(Outside::Edit {
                    argv: self.editor.argv(&path, line),
                    path,
                }),
            }
        }
        if loaded {
            // Every post is known now: their files are stamped and watched.
            let paths = app.store.files();
            self.workers.index(IndexJob::Identities(paths.clone()));
            self.stamp(paths);
            crate::memory::give_back();
        }
        outside
    }

    /// The editor on `path` was closed: the file is read again, as if the
    /// watcher had seen it change (it may be watched, or not).
    pub fn edited(&mut self, app: &mut App, path: PathBuf) -> Vec<Outside> {
        self.apply(app, Action::FolderChanged(vec![path]))
    }

    /// Apply every answer that has arrived; returns what needs the
    /// terminal, and whether anything was applied.
    pub fn apply_answers(&mut self, app: &mut App) -> (Vec<Outside>, bool) {
        let answers: Vec<Action> = self.rx.try_iter().collect();
        let any = !answers.is_empty();
        let mut outside = Vec::new();
        for action in answers {
            outside.extend(self.apply(app, action));
        }
        (outside, any)
    }

    /// Whether workers owe answers.
    pub fn busy(&self) -> bool {
        self.outstanding > 0
    }

    /// Wait (at most `timeout`) for every answer owed, applying them as
    /// they come: for tests and benchmarks, which need a settled reader.
    pub fn settle(&mut self, app: &mut App, timeout: Duration) -> Vec<Outside> {
        let deadline = std::time::Instant::now() + timeout;
        let mut outside = Vec::new();
        while self.outstanding > 0 {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(action) => outside.extend(self.apply(app, action)),
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => break,
            }
        }
        outside.extend(self.apply_answers(app).0);
        outside
    }

    /// Stop: the marks still queued are saved first.
    pub fn finish(mut self) {
        self.workers.finish();
    }

    /// What saves the marks still queued, for a signal that ends the
    /// process ([`crate::tui`] runs it before exiting).
    pub fn marks_flusher(&self) -> Option<impl Fn(Duration) + Send + Sync + 'static> {
        self.workers.marks_flusher()
    }

    /// A sender of actions into the loop (signals, tests).
    pub fn sender(&self) -> Sender<Action> {
        self.tx.clone()
    }
}
