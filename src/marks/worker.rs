//! The thread that owns the marks database while the reader runs: it saves
//! each change the reader sends (a keypress never waits for the disk) and,
//! about once a second, looks for marks saved by other readers. Both are
//! answered with actions.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::{MarksDb, Save};
use crate::app::Action;

/// How often the worker looks for marks saved elsewhere.
pub const POLL_EVERY: Duration = Duration::from_secs(1);

pub struct MarksWorker {
    /// Shared with the flusher; taken (closing the queue) on stop.
    jobs: Arc<Mutex<Option<Sender<Job>>>>,
    thread: Option<JoinHandle<()>>,
}

enum Job {
    Save(Save),
    /// Answer once every change queued before this one is saved.
    Flush(Sender<()>),
}

impl MarksWorker {
    /// Start the worker; its answers go to `answers`.
    pub fn spawn(db: MarksDb, answers: Sender<Action>) -> std::io::Result<MarksWorker> {
        let (jobs, queue) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("marks".into())
            .spawn(move || work(db, &queue, &answers))?;
        Ok(MarksWorker {
            jobs: Arc::new(Mutex::new(Some(jobs))),
            thread: Some(thread),
        })
    }

    /// Queue a change to save; answered with [`Action::MarksSaved`].
    pub fn save(&self, save: Save) {
        if let Ok(jobs) = self.jobs.lock()
            && let Some(jobs) = jobs.as_ref()
        {
            // A send fails only when the thread has ended, which it does
            // only after `finish`.
            let _ = jobs.send(Job::Save(save));
        }
    }

    /// A function that waits (at most `wait`) until every change queued so
    /// far is saved: for the ways out that end the process from another
    /// thread (a signal), so that a mark made just before is not lost.
    pub fn flusher(&self) -> impl Fn(Duration) + Send + Sync + 'static {
        let jobs = Arc::clone(&self.jobs);
        move |wait| {
            let (done, answer) = mpsc::channel();
            let sent = jobs
                .lock()
                .ok()
                .and_then(|j| j.as_ref().map(|j| j.send(Job::Flush(done)).is_ok()));
            if sent == Some(true) {
                let _ = answer.recv_timeout(wait);
            }
        }
    }

    /// Save every queued change, then stop.
    pub fn finish(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        if let Ok(mut jobs) = self.jobs.lock() {
            jobs.take();
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for MarksWorker {
    fn drop(&mut self) {
        self.stop();
    }
}

fn work(mut db: MarksDb, queue: &Receiver<Job>, answers: &Sender<Action>) {
    let mut next_poll = Instant::now() + POLL_EVERY;
    loop {
        match queue.recv_timeout(next_poll.saturating_duration_since(Instant::now())) {
            Ok(Job::Flush(done)) => {
                let _ = done.send(());
            }
            Ok(Job::Save(save)) => {
                let error = db.apply(&save.change).err().map(|e| e.message());
                // The reader may have quit already; the saves still go on.
                let _ = answers.send(Action::MarksSaved {
                    seq: save.seq,
                    error,
                });
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
        if Instant::now() >= next_poll {
            next_poll = Instant::now() + POLL_EVERY;
            if let Ok(rows) = db.changed_elsewhere()
                && !rows.is_empty()
            {
                let _ = answers.send(Action::MarksChanged(rows));
            }
        }
    }
}
