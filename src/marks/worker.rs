//! The thread that owns the marks database while the reader runs: it saves
//! each change the reader sends (a keypress never waits for the disk) and,
//! about once a second, looks for marks saved by other readers. Both are
//! answered with actions.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::{MarksDb, Save};
use crate::app::Action;

/// How often the worker looks for marks saved elsewhere.
pub const POLL_EVERY: Duration = Duration::from_secs(1);

pub struct MarksWorker {
    jobs: Option<Sender<Save>>,
    thread: Option<JoinHandle<()>>,
}

impl MarksWorker {
    /// Start the worker; its answers go to `answers`.
    pub fn spawn(db: MarksDb, answers: Sender<Action>) -> std::io::Result<MarksWorker> {
        let (jobs, queue) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("marks".into())
            .spawn(move || work(db, &queue, &answers))?;
        Ok(MarksWorker {
            jobs: Some(jobs),
            thread: Some(thread),
        })
    }

    /// Queue a change to save; answered with [`Action::MarksSaved`].
    pub fn save(&self, save: Save) {
        if let Some(jobs) = &self.jobs {
            // A send fails only when the thread has ended, which it does
            // only after `finish`.
            let _ = jobs.send(save);
        }
    }

    /// Save every queued change, then stop.
    pub fn finish(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        self.jobs.take();
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

fn work(mut db: MarksDb, queue: &Receiver<Save>, answers: &Sender<Action>) {
    let mut next_poll = Instant::now() + POLL_EVERY;
    loop {
        match queue.recv_timeout(next_poll.saturating_duration_since(Instant::now())) {
            Ok(save) => {
                let error = db.apply(&save.change).err().map(|e| e.to_string());
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
