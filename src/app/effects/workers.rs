//! The worker threads of the effect loop and what they do: read and render
//! articles (two threads, so that a long article rendered ahead does not
//! hold up the one being opened), index bodies for search (a thread pool
//! of its own, leaving a core to the keys), read the folders again and
//! watch them, save the marks. Each answers with an action.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use super::Setup;
use crate::app::Action;
use crate::app::action::Shared;
use crate::loader;
use crate::post::{Format, Keep, Post};
use crate::reload::Reloader;
use crate::render::cache::ArticleLines;
use crate::render::{RenderOptions, Rgb};
use crate::search::SearchText;
use crate::state::State;

/// Posts indexed per answer: small enough that search sees progress.
const INDEX_BATCH: usize = 256;
/// How long the folders must be quiet before a change is reported: a
/// burst of writes becomes one reload.
const WATCH_QUIET: Duration = Duration::from_millis(120);

struct RenderJob {
    post: Post,
    index: usize,
    width: usize,
    generation: u64,
    inline_colors: bool,
    paper: Rgb,
}

enum ReloadJob {
    /// Stamp the files of the first load.
    Start(Vec<PathBuf>),
    /// Read again: everything, or these paths.
    Reload(Option<Vec<PathBuf>>),
}

pub struct Workers {
    tx: Sender<Action>,
    render: Sender<RenderJob>,
    index: Sender<IndexJob>,
    reload: Option<Sender<ReloadJob>>,
    save: Option<Sender<State>>,
    saver: Option<std::thread::JoinHandle<()>>,
    folders: Vec<PathBuf>,
    watch: bool,
    watcher: Option<RecommendedWatcher>,
}

impl Workers {
    pub fn new(setup: &Setup, tx: Sender<Action>) -> Workers {
        let (render, jobs) = mpsc::channel::<RenderJob>();
        let jobs = Arc::new(Mutex::new(jobs));
        for _ in 0..2 {
            let (jobs, tx) = (Arc::clone(&jobs), tx.clone());
            std::thread::spawn(move || render_loop(&jobs, &tx));
        }
        let (index, index_jobs) = mpsc::channel();
        let index_tx = tx.clone();
        std::thread::spawn(move || index_loop(&index_jobs, &index_tx));
        let reload = (!setup.folders.is_empty()).then(|| {
            let (send, jobs) = mpsc::channel();
            let (tx, folders) = (tx.clone(), setup.folders.clone());
            let loaded_at = setup.loaded_at.unwrap_or(SystemTime::UNIX_EPOCH);
            let walk = setup.walk;
            std::thread::spawn(move || reload_loop(&jobs, &tx, (folders, walk), loaded_at));
            send
        });
        let (save, saver) = match setup.state_file.clone() {
            Some(path) => {
                let (send, states) = mpsc::channel();
                let tx = tx.clone();
                let handle = std::thread::spawn(move || save_loop(&states, &tx, &path));
                (Some(send), Some(handle))
            }
            None => (None, None),
        };
        Workers {
            tx,
            render,
            index,
            reload,
            save,
            saver,
            folders: setup.folders.clone(),
            watch: setup.watch,
            watcher: None,
        }
    }

    /// Read and render post `index` of `app` at `width`.
    pub fn render(&self, app: &crate::app::App, index: usize, width: usize) {
        let Some(post) = app.store.posts().get(index) else {
            return;
        };
        let mut post = post.clone();
        post.search = None;
        let job = RenderJob {
            post,
            index,
            width,
            generation: app.generation,
            inline_colors: app.theme.inline_colors,
            paper: app.theme.paper,
        };
        if self.render.send(job).is_err() {
            let _ = self
                .tx
                .send(Action::Notice("the rendering thread stopped".into()));
        }
    }

    pub fn index(&self, job: IndexJob) {
        let _ = self.index.send(job);
    }

    pub fn reload(&self, paths: Option<Vec<PathBuf>>) {
        match &self.reload {
            Some(r) => {
                let _ = r.send(ReloadJob::Reload(paths));
            }
            None => {
                let _ = self.tx.send(Action::Reloaded(Shared(Arc::default())));
            }
        }
    }

    pub fn save(&self, state: State) {
        if let Some(s) = &self.save {
            let _ = s.send(state);
        }
    }

    /// Wait for the last save to reach the disk.
    pub fn finish(&mut self) {
        self.save = None;
        if let Some(saver) = self.saver.take() {
            let _ = saver.join();
        }
    }

    /// Stamp `known` (the loaded files) and watch the folders.
    pub fn watch(&mut self, known: Vec<PathBuf>) {
        if let Some(r) = &self.reload {
            let _ = r.send(ReloadJob::Start(known));
        }
        if !self.watch || self.folders.is_empty() {
            return;
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
                        let _ = self.tx.send(Action::Notice(format!(
                            "not watching {}: {e}",
                            crate::text::one_line(&folder.to_string_lossy())
                        )));
                    }
                }
                self.watcher = Some(w);
            }
            Err(e) => {
                let _ = self
                    .tx
                    .send(Action::Notice(format!("not watching the folders: {e}")));
            }
        }
    }
}

/// One `FolderChanged` per burst of changes: sent once the folders were
/// quiet for a moment (or a burst went on too long to wait for).
fn debounce_loop(changes: &Receiver<Vec<PathBuf>>, tx: &Sender<Action>) {
    while let Ok(mut paths) = changes.recv() {
        let start = std::time::Instant::now();
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

fn render_loop(jobs: &Mutex<Receiver<RenderJob>>, tx: &Sender<Action>) {
    loop {
        let job = match jobs.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok(job) = job else {
            return;
        };
        let result = read_body(&job.post).map(|body| {
            Arc::new(render_lines(
                &job.post,
                &body,
                job.width,
                job.inline_colors,
                job.paper,
            ))
        });
        let answer = Action::Rendered {
            post: job.index,
            width: job.width,
            generation: job.generation,
            result,
        };
        if tx.send(answer).is_err() {
            return;
        }
    }
}

/// An article's lines at `width`: header, rendered body, links.
pub fn render_lines(
    post: &Post,
    body: &str,
    width: usize,
    inline_colors: bool,
    paper: Rgb,
) -> ArticleLines {
    let rendered = crate::render::render(
        body,
        post.format,
        &RenderOptions {
            width,
            inline_colors,
            paper,
            liquid: Some(Arc::new(crate::markdown::LiquidContext::for_post(post))),
        },
    );
    let links = rendered.links.clone();
    ArticleLines {
        lines: crate::render::article::lines(post, rendered, width),
        links,
    }
}

/// The body of a post: kept in memory, or read again from its file.
pub fn read_body(post: &Post) -> Result<String, String> {
    if let Some(body) = &post.body {
        return Ok(body.clone());
    }
    let load = loader::load(
        std::slice::from_ref(&post.path),
        Keep {
            body: true,
            search_text: false,
        },
    );
    match load.posts.into_iter().next() {
        Some(p) => Ok(p.body.unwrap_or_default()),
        None => Err(load
            .problems
            .first()
            .map_or_else(|| "the file is gone".to_string(), |p| p.message.clone())),
    }
}

/// What the index thread is asked: the front matter's search text of
/// posts (fast, first), or their bodies'.
pub enum IndexJob {
    /// (path, title, categories, tags, excerpt) of each post.
    FrontMatter(Vec<(PathBuf, [String; 4])>),
    Bodies(Vec<PathBuf>),
}

fn index_loop(jobs: &Receiver<IndexJob>, tx: &Sender<Action>) {
    let threads =
        std::thread::available_parallelism().map_or(1, |n| n.get().saturating_sub(1).max(1));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .ok();
    for job in jobs {
        let paths = match job {
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
            let texts = match &pool {
                Some(pool) => pool.install(|| build_index(chunk)),
                None => chunk
                    .iter()
                    .map(|p| build_index(std::slice::from_ref(p)).remove(0))
                    .collect(),
            };
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

/// The search text of the posts read from `paths`, in order (bodies read
/// again from disk), in parallel on the current rayon pool.
pub fn build_index(paths: &[PathBuf]) -> Vec<SearchText> {
    use rayon::prelude::*;
    paths
        .par_iter()
        .map(|path| {
            let load = loader::load(
                std::slice::from_ref(path),
                Keep {
                    body: false,
                    search_text: true,
                },
            );
            load.posts
                .into_iter()
                .next()
                .and_then(|p| p.search)
                .unwrap_or_default()
        })
        .collect()
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
                let changed_meanwhile = r.stamped() < known.len();
                reloader = Some(r);
                if changed_meanwhile && tx.send(Action::FolderChanged(Vec::new())).is_err() {
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

/// Save the latest marks; saves asked for meanwhile are folded into one.
fn save_loop(states: &Receiver<State>, tx: &Sender<Action>, path: &std::path::Path) {
    while let Ok(mut state) = states.recv() {
        while let Ok(newer) = states.try_recv() {
            state = newer;
        }
        if let Err(e) = state.save(path) {
            let _ = tx.send(Action::Notice(format!(
                "cannot save marks to {}: {e}",
                crate::text::one_line(&path.to_string_lossy())
            )));
        }
    }
}
