//! The runner of the interactive reader: the terminal, the event loop, and
//! the effects `update` asks for (reading bodies, opening links). The
//! terminal is restored on every way out ([`terminal`]), signals and a
//! vanished terminal are watched on threads of their own ([`signals`]).

mod effects;
mod signals;
pub mod terminal;

use std::io::{self, Stdout};
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use crossterm::event::{self, Event};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::{Position, Rect};

use crate::app::keys::{KeyContext, action_for, mouse_action};
use crate::app::{Action, App, Effect, update, view};
use crate::marks::{MarksDb, MarksWorker};
use effects::Identities;
pub use effects::{
    FAILED, FileId, build_index, identities, index, index_with, open_url, read_body, read_checked,
};

type Term = Terminal<CrosstermBackend<Stdout>>;

/// Run the reader until the user quits.
pub fn run(
    mut app: App,
    index_job: Option<Vec<PathBuf>>,
    marks: Option<MarksDb>,
) -> io::Result<()> {
    terminal::install_panic_hook();
    signals::watch_signals()?;
    signals::watch_hangup()?;
    let files = Identities::default();
    let (tx, rx) = mpsc::channel();
    let marks = marks
        .map(|db| MarksWorker::spawn(db, tx.clone()))
        .transpose()?;
    if let Some(worker) = &marks {
        terminal::before_exit(worker.flusher());
    }
    if let Some(paths) = index_job {
        let at_start = files.at_start();
        std::thread::Builder::new()
            .name("index".into())
            .spawn(move || {
                let _ = at_start.set(identities(&paths));
                let (texts, problems) = index(&paths);
                let _ = tx.send(Action::IndexReady(texts));
                if !problems.is_empty() {
                    let _ = tx.send(Action::Problems(problems));
                }
            })?;
    }
    terminal::enter()?;
    app.ambiguous = crate::probe::resolve(app.ambiguous_setting);
    let mut runner = Runner {
        app,
        files,
        marks: marks.as_ref(),
    };
    let result = Terminal::new(CrosstermBackend::new(io::stdout()))
        .and_then(|mut term| runner.event_loop(&mut term, &rx));
    terminal::leave();
    // Marks still queued are saved before the process ends.
    if let Some(worker) = marks {
        worker.finish();
    }
    result
}

struct Runner<'a> {
    app: App,
    /// The identities of the posts' files, to notice one replaced.
    files: Identities,
    /// Saves marks off the key path, and brings other readers' marks.
    marks: Option<&'a MarksWorker>,
}

impl Runner<'_> {
    fn event_loop(&mut self, term: &mut Term, rx: &Receiver<Action>) -> io::Result<()> {
        let size = term.size()?;
        update(&mut self.app, Action::Resize(size.width, size.height));
        // Drawn again only after something happened: an idle tick changes
        // nothing on screen.
        let mut changed = true;
        loop {
            if terminal::take_redraw() {
                redraw_all(term)?;
                changed = true;
            }
            if changed {
                // Holding stdout: a signal restoring the terminal waits for
                // the frame to be complete.
                let stdout = io::stdout();
                let _lock = stdout.lock();
                term.draw(|frame| view::draw(&self.app, frame))?;
            }
            // Wait for something to happen, then take everything that is
            // waiting: a burst of resizes becomes one. Each event is mapped
            // to an action only after the previous one was applied (Enter
            // that ends a search and Enter that opens must not be read the
            // same way).
            let mut events = Vec::new();
            if event::poll(Duration::from_millis(100))? {
                loop {
                    let e = event::read()?;
                    if matches!(e, Event::Resize(..)) {
                        events.retain(|old| !matches!(old, Event::Resize(..)));
                    }
                    events.push(e);
                    if !event::poll(Duration::ZERO)? {
                        break;
                    }
                }
            }
            let background: Vec<Action> = rx.try_iter().collect();
            changed = !events.is_empty() || !background.is_empty();
            for action in background {
                if self.apply(term, action)? {
                    return Ok(());
                }
            }
            // A quiet moment: read and render the selected article ahead.
            if events.is_empty() && self.apply(term, Action::Idle)? {
                return Ok(());
            }
            for e in events {
                if let Some(action) = to_action(&self.app, e)
                    && self.apply(term, action)?
                {
                    return Ok(());
                }
            }
        }
    }

    /// Update with `action` and carry out the effects; true when it is time
    /// to quit.
    fn apply(&mut self, term: &mut Term, action: Action) -> io::Result<bool> {
        let mut queue = std::collections::VecDeque::from([action]);
        while let Some(action) = queue.pop_front() {
            for effect in update(&mut self.app, action) {
                match effect {
                    Effect::Quit => return Ok(true),
                    Effect::Suspend => {
                        terminal::suspend()?;
                        redraw_all(term)?;
                    }
                    Effect::LoadBody(post) => {
                        let body = self.files.read(post, &self.app.store.posts()[post]);
                        queue.push_back(Action::BodyLoaded { post, body });
                    }
                    Effect::Prefetch(post) => {
                        let body = self.files.read(post, &self.app.store.posts()[post]);
                        queue.push_back(Action::Prefetched { post, body });
                    }
                    Effect::SaveMarks(save) => {
                        if let Some(worker) = self.marks {
                            worker.save(save);
                        }
                    }
                    Effect::OpenUrl(url) => {
                        if let Err(e) = open_url(&url) {
                            self.app.message = Some(format!("cannot open the link: {e}"));
                        }
                    }
                }
            }
        }
        Ok(false)
    }
}

/// Clear the screen and draw every cell on the next frame, without asking
/// the terminal anything (`Terminal::clear` would wait for a cursor report).
fn redraw_all(term: &mut Term) -> io::Result<()> {
    let size = term.size()?;
    term.resize(Rect::from((Position::ORIGIN, size)))
}

fn to_action(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) => action_for(KeyContext::of(app), key),
        Event::Mouse(m) => mouse_action(m),
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        Event::Paste(text) => Some(Action::Paste(text)),
        _ => None,
    }
}
