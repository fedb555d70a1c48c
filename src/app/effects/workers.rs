//! The worker threads of the effect loop and what they do: read and render
//! articles (two threads, so that a long article rendered ahead does not
//! hold up the one being opened), index bodies for search (a thread pool
//! of its own, leaving a core to the keys), read the folders again and
//! watch them, save the marks (the marks database's worker). Each answers
//! with an action. A post that makes sinmun panic while it is read,
//! indexed or rendered is contained and reported as a problem of that post.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use super::Setup;
use super::files::{self, FileId};
use crate::app::Action;
use crate::app::action::Shared;
use crate::i18n::{Lang, Msg};
use crate::marks::{MarksWorker, Save};
use crate::post::{Format, Post};
use crate::problem::Problem;
use crate::reload::Reloader;
use crate::render::cache::ArticleLines;
use crate::render::{RenderOptions, guard};
use crate::search::SearchText;

/// The identities of the posts' files as first seen, by path: a file
/// replaced since (by another file, a FIFO, a folder) is not shown as the
/// post that was loaded. Taken in the background at start; a file read
/// again by a reload starts anew.
pub(super) type Identities = Arc<Mutex<HashMap<PathBuf, FileId>>>;

/// Posts indexed per answer: small enough that search sees progress.
const INDEX_BATCH: usize = 256;
/// How long the folders must be quiet before a change is reported: a
/// burst of writes becomes one reload.
const WATCH_QUIET: Duration = Duration::from_millis(120);

/// How often the picture worker answers while it draws an article's
/// pictures (the first one drawn is answered at once).
const PICTURES_ANSWER_EVERY: Duration = Duration::from_millis(50);

/// Draw the pictures of an article (as rendered at `width`).
struct PictureJob {
    post: usize,
    /// The post's file, that the problems of its pictures name.
    path: PathBuf,
    width: usize,
    ambiguous: crate::text::AmbiguousWidth,
    generation: u64,
    lines: Arc<ArticleLines>,
    mode: crate::picture::Mode,
    paper: crate::render::Rgb,
    lang: crate::i18n::Lang,
}

struct RenderJob {
    post: Post,
    index: usize,
    generation: u64,
    options: RenderOptions,
}

enum ReloadJob {
    /// Stamp the files of the first load.
    Start(Vec<PathBuf>),
    /// Read again: everything, or these paths.
    Reload(Option<Vec<PathBuf>>),
}

pub(super) struct Workers {
    tx: Sender<Action>,
    render: Sender<RenderJob>,
    pictures: Sender<PictureJob>,
    index: Sender<IndexJob>,
    reload: Option<Sender<ReloadJob>>,
    marks: Option<MarksWorker>,
    pub identities: Identities,
    folders: Vec<PathBuf>,
    watch: bool,
    watcher: Option<RecommendedWatcher>,
    lang: Lang,
}

impl Workers {
    pub(super) fn new(setup: Setup, tx: Sender<Action>) -> Workers {
        let identities = Identities::default();
        let (render, jobs) = mpsc::channel::<RenderJob>();
        let jobs = Arc::new(Mutex::new(jobs));
        for _ in 0..2 {
            let (jobs, tx, ids) = (Arc::clone(&jobs), tx.clone(), Arc::clone(&identities));
            std::thread::spawn(move || render_loop(&jobs, &tx, &ids));
        }
        let (pictures, picture_jobs) = mpsc::channel::<PictureJob>();
        let picture_tx = tx.clone();
        std::thread::spawn(move || picture_loop(&picture_jobs, &picture_tx));
        let (index, index_jobs) = mpsc::channel();
        let (index_tx, ids) = (tx.clone(), Arc::clone(&identities));
        std::thread::spawn(move || index_loop(&index_jobs, &index_tx, &ids));
        let reload = (!setup.folders.is_empty()).then(|| {
            let (send, jobs) = mpsc::channel();
            let (tx, folders) = (tx.clone(), setup.folders.clone());
            let loaded_at = setup.loaded_at.unwrap_or(SystemTime::UNIX_EPOCH);
            let walk = setup.walk;
            std::thread::spawn(move || reload_loop(&jobs, &tx, (folders, walk), loaded_at));
            send
        });
        let marks = setup
            .marks
            .and_then(|db| match MarksWorker::spawn(db, tx.clone()) {
                Ok(worker) => Some(worker),
                Err(e) => {
                    let _ = tx.send(Action::Notice(
                        Msg::MarksNotSaved.fill(setup.lang, &[("error", &e)]),
                    ));
                    None
                }
            });
        Workers {
            tx,
            render,
            pictures,
            index,
            reload,
            marks,
            identities,
            folders: setup.folders.clone(),
            watch: setup.watch,
            watcher: None,
            lang: setup.lang,
        }
    }

    /// Read and render post `index` of `app` at `width`.
    pub(super) fn render(&self, app: &crate::app::App, index: usize, width: usize) {
        let Some(post) = app.store.posts().get(index) else {
            return;
        };
        // The built-in demo posts have no folder: their images are named
        // only.
        let pictures = (!app.folders.is_empty()).then(|| {
            let folder = app.folders.iter().find(|f| post.path.starts_with(f));
            Arc::new(crate::picture::PictureContext {
                locator: crate::picture::Locator::new(
                    app.store.site_for(post),
                    &post.path,
                    folder.map(|f| f.as_path()),
                ),
                show: app.pictures.shows(),
                max_rows: app.picture_rows(),
                lang: self.lang,
            })
        });
        let options = RenderOptions {
            width,
            inline_colors: app.theme.inline_colors,
            paper: app.theme.paper,
            liquid: Some(Arc::new(app.store.liquid_context(post))),
            pictures,
            ambiguous: app.ambiguous,
            lang: self.lang,
        };
        let mut post = post.clone();
        post.search = None;
        let job = RenderJob {
            post,
            index,
            generation: app.generation,
            options,
        };
        if self.render.send(job).is_err() {
            let _ = self
                .tx
                .send(Action::Notice(Msg::RenderingStopped.say(self.lang)));
        }
    }

    /// Draw the pictures of `lines`, post `post`'s article at `width`
    /// (measured in the ambiguous-width mode `ambiguous`).
    pub(super) fn pictures(
        &self,
        app: &crate::app::App,
        (post, width, ambiguous): (usize, usize, crate::text::AmbiguousWidth),
        lines: Arc<ArticleLines>,
    ) {
        let Some(path) = app.store.posts().get(post).map(|p| p.path.clone()) else {
            return;
        };
        let job = PictureJob {
            post,
            path,
            width,
            ambiguous,
            generation: app.generation,
            lines,
            mode: app.pictures.clone(),
            paper: app.theme.paper,
            lang: self.lang,
        };
        let _ = self.pictures.send(job);
    }

    pub(super) fn index(&self, job: IndexJob) {
        let _ = self.index.send(job);
    }

    pub(super) fn reload(&self, paths: Option<Vec<PathBuf>>) {
        match &self.reload {
            Some(r) => {
                let _ = r.send(ReloadJob::Reload(paths));
            }
            None => {
                let _ = self.tx.send(Action::Reloaded(Shared(Arc::default())));
            }
        }
    }

    /// Send a change of the marks to the marks worker.
    pub(super) fn save(&self, save: Save) {
        if let Some(worker) = &self.marks {
            worker.save(save);
        }
    }

    /// What saves the marks still queued when a signal ends the process.
    pub(super) fn marks_flusher(&self) -> Option<impl Fn(Duration) + Send + Sync + 'static> {
        self.marks.as_ref().map(MarksWorker::flusher)
    }

    /// Wait for the marks still queued to be saved.
    pub(super) fn finish(&mut self) {
        if let Some(worker) = self.marks.take() {
            worker.finish();
        }
    }

    /// Stamp `known` (the loaded files) and watch the folders; whether
    /// the stamping was asked for (it answers [`Action::Stamped`]).
    pub(super) fn watch(&mut self, known: Vec<PathBuf>) -> bool {
        let stamping = self
            .reload
            .as_ref()
            .is_some_and(|r| r.send(ReloadJob::Start(known)).is_ok());
        if !self.watch || self.folders.is_empty() {
            return stamping;
        }
        // The watcher's events go to a thread that waits for the folders
        // to be quiet: a burst of writes becomes one reload.
        let (events, changes) = mpsc::channel::<Vec<PathBuf>>();
        let tx = self.tx.clone();
        std::thread::spawn(move || debounce_loop(&changes, &tx));
        let watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
            if let Ok(event) = result
                // Reading a file (the index, an article) is no change.
                && !matches!(event.kind, EventKind::Access(_))
                && event.paths.iter().any(|p| concerns_posts(p))
            {
                let _ = events.send(event.paths);
            }
        });
        match watcher {
            Ok(mut w) => {
                for folder in &self.folders {
                    if let Err(e) = w.watch(folder, RecursiveMode::Recursive) {
                        let folder = crate::text::one_line(&folder.to_string_lossy());
                        let _ = self.tx.send(Action::Notice(
                            Msg::NotWatching.fill(self.lang, &[("folder", &folder), ("error", &e)]),
                        ));
                    }
                }
                self.watcher = Some(w);
            }
            Err(e) => {
                let _ = self.tx.send(Action::Notice(
                    Msg::NotWatchingFolders.fill(self.lang, &[("error", &e)]),
                ));
            }
        }
        stamping
    }
}

/// One `FolderChanged` per burst of changes: sent once the folders were
/// quiet for a moment (or a burst went on too long to wait for).
fn debounce_loop(changes: &Receiver<Vec<PathBuf>>, tx: &Sender<Action>) {
    while let Ok(mut paths) = changes.recv() {
        let start = Instant::now();
        loop {
            match changes.recv_timeout(WATCH_QUIET) {
                Ok(more) => {
                    paths.extend(more);
                    if start.elapsed() >= WATCH_QUIET * 3 {
                        break;
                    }
                }
                Err(mpsc::RecvTimeoutError::Timeout) => break,
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            }
        }
        paths.sort();
        paths.dedup();
        if tx.send(Action::FolderChanged(paths)).is_err() {
            return;
        }
    }
}

/// A change worth a reload: a post file, or a folder (no extension).
/// Hidden files (editors' swap files) are not.
fn concerns_posts(path: &std::path::Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if name.starts_with('.') || name.ends_with('~') {
        return false;
    }
    match path.extension().and_then(|e| e.to_str()) {
        Some(ext) => Format::from_extension(ext).is_some(),
        None => true,
    }
}

fn render_loop(jobs: &Mutex<Receiver<RenderJob>>, tx: &Sender<Action>, ids: &Identities) {
    loop {
        let job = match jobs.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok(job) = job else {
            return;
        };
        let path = job.post.path.clone();
        let expected = ids.lock().ok().and_then(|ids| ids.get(&path).copied());
        let (body, seen) = files::read_checked(&job.post, expected);
        if let (None, Some(seen)) = (expected, seen)
            && let Ok(mut ids) = ids.lock()
        {
            ids.insert(path.clone(), seen);
        }
        let result = body.and_then(|body| {
            guard::quietly(|| crate::render::article::render(&job.post, &body, &job.options))
                .map_err(|_| {
                    let problem = Problem::new(&path, 1, Msg::FailedRendering);
                    let _ = tx.send(Action::Problems(vec![problem]));
                    Msg::FailedRendering.into()
                })
        });
        // What is wrong with its pictures, as problems of the post (the
        // reader keeps each once, whatever width it was rendered at).
        if let Ok(lines) = &result
            && !lines.problems.is_empty()
        {
            let problems = lines.problems.iter();
            let problems = problems
                .map(|m| Problem::new(&path, 1, m.clone()))
                .collect();
            let _ = tx.send(Action::Problems(problems));
        }
        let answer = Action::Rendered {
            post: job.index,
            width: job.options.width,
            ambiguous: job.options.ambiguous,
            generation: job.generation,
            result: result.map(Arc::new),
        };
        if tx.send(answer).is_err() {
            return;
        }
    }
}

/// Draw each article's pictures one by one, answering after each with
/// the article as it is now, the last answer `done`. The reader shows one
/// article at a time, so a job asked for later (another article, this one
/// at another width) stops the one under way between two pictures, and
/// jobs queued behind a newer one are not drawn: their answer is `done`
/// with pictures still waiting, which the reader asks for again if it
/// shows that article again.
fn picture_loop(jobs: &Receiver<PictureJob>, tx: &Sender<Action>) {
    let mut painter: Option<crate::picture::painter::Painter> = None;
    let mut next = None;
    while let Some(mut job) = next.take().or_else(|| jobs.recv().ok()) {
        while let Ok(newer) = jobs.try_recv() {
            if !answer_pictures(tx, &job, Arc::clone(&job.lines), true) {
                return;
            }
            job = newer;
        }
        let painter = painter.get_or_insert_with(|| {
            crate::picture::painter::Painter::new(job.mode.clone(), job.paper, job.lang)
        });
        let mut article = (*job.lines).clone();
        let count = article.pictures.len();
        let mut drawn = 0;
        // Each answer is a copy of the article: for an article of many
        // pictures, one answer every so often, not one a picture.
        let mut answered: Option<Instant> = None;
        loop {
            if drawn < count {
                let failed = job.ambiguous.scope(|| painter.paint(&mut article, drawn));
                if let Some(why) = failed {
                    let problem = Problem::new(&job.path, 1, why);
                    let _ = tx.send(Action::Problems(vec![problem]));
                }
                drawn += 1;
            }
            if drawn < count && next.is_none() {
                next = jobs.try_recv().ok();
            }
            let done = drawn == count || next.is_some();
            if !done && answered.is_some_and(|at| at.elapsed() < PICTURES_ANSWER_EVERY) {
                continue;
            }
            answered = Some(Instant::now());
            if !answer_pictures(tx, &job, Arc::new(article.clone()), done) {
                return;
            }
            if done {
                break;
            }
        }
    }
}

/// Send `job`'s article as it is now; false when the reader is gone.
fn answer_pictures(
    tx: &Sender<Action>,
    job: &PictureJob,
    lines: Arc<ArticleLines>,
    done: bool,
) -> bool {
    let answer = Action::Pictured {
        post: job.post,
        width: job.width,
        ambiguous: job.ambiguous,
        generation: job.generation,
        lines: crate::app::action::Shared(lines),
        done,
    };
    tx.send(answer).is_ok()
}

/// What the index thread is asked: the identities of the loaded files,
/// the front matter's search text of posts (fast, first), or their
/// bodies'.
pub(super) enum IndexJob {
    Identities(Vec<PathBuf>),
    /// (path, title, categories, tags, excerpt) of each post.
    FrontMatter(Vec<(PathBuf, [String; 4])>),
    Bodies(Vec<PathBuf>),
}

fn index_loop(jobs: &Receiver<IndexJob>, tx: &Sender<Action>, ids: &Identities) {
    let threads =
        std::thread::available_parallelism().map_or(1, |n| n.get().saturating_sub(1).max(1));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .ok();
    for job in jobs {
        let paths = match job {
            IndexJob::Identities(paths) => {
                let seen = files::identities(&paths);
                if let Ok(mut ids) = ids.lock() {
                    for (path, id) in paths.into_iter().zip(seen) {
                        if let Some(id) = id {
                            ids.entry(path).or_insert(id);
                        }
                    }
                }
                continue;
            }
            IndexJob::FrontMatter(fields) => {
                use rayon::prelude::*;
                let make = || {
                    fields
                        .into_par_iter()
                        .map(|(path, [title, categories, tags, excerpt])| {
                            (
                                path,
                                SearchText::of_front_matter(&title, &categories, &tags, &excerpt),
                            )
                        })
                        .collect()
                };
                let texts = match &pool {
                    Some(pool) => pool.install(make),
                    None => make(),
                };
                if tx.send(Action::Indexed { texts, done: true }).is_err() {
                    return;
                }
                continue;
            }
            IndexJob::Bodies(paths) => paths,
        };
        let chunks: Vec<&[PathBuf]> = paths.chunks(INDEX_BATCH).collect();
        if chunks.is_empty() {
            let _ = tx.send(Action::Indexed {
                texts: Vec::new(),
                done: true,
            });
        }
        for (i, chunk) in chunks.iter().enumerate() {
            let (texts, problems) = match &pool {
                Some(pool) => pool.install(|| files::index(chunk)),
                None => files::index(chunk),
            };
            if !problems.is_empty() && tx.send(Action::Problems(problems)).is_err() {
                return;
            }
            let answer = Action::Indexed {
                texts: chunk.iter().cloned().zip(texts).collect(),
                done: i + 1 == chunks.len(),
            };
            if tx.send(answer).is_err() {
                return;
            }
        }
    }
}

fn reload_loop(
    jobs: &Receiver<ReloadJob>,
    tx: &Sender<Action>,
    (folders, walk): (Vec<PathBuf>, crate::loader::WalkOptions),
    loaded_at: SystemTime,
) {
    let mut reloader: Option<Reloader> = None;
    for job in jobs {
        match job {
            ReloadJob::Start(known) => {
                let r = Reloader::new(folders.clone(), walk, &known, loaded_at);
                // Files changed while they were being loaded: read them again.
                let changed = r.stamped() < known.len();
                reloader = Some(r);
                if tx.send(Action::Stamped { changed }).is_err() {
                    return;
                }
            }
            ReloadJob::Reload(paths) => {
                let r = reloader
                    .get_or_insert_with(|| Reloader::new(folders.clone(), walk, &[], loaded_at));
                let found = match paths {
                    Some(paths) if !paths.is_empty() => r.reload_paths(&paths),
                    _ => r.reload(),
                };
                if tx.send(Action::Reloaded(Shared(Arc::new(found)))).is_err() {
                    return;
                }
            }
        }
    }
}
