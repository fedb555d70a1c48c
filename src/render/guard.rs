//! html2text panics on some table inputs. A panic caught with
//! `catch_unwind` still runs the panic hook, and a TUI's hook leaves the
//! alternate screen; so the process has one hook, installed here, that stays
//! silent for panics inside [`quietly`] and hands every other panic to the
//! hook that was there before (or to the one the reader sets with
//! [`set_loud_hook`]).

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe, PanicHookInfo};
use std::sync::{Mutex, Once, OnceLock};

type Hook = Box<dyn Fn(&PanicHookInfo<'_>) + Send + Sync + 'static>;

thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

static INSTALL: Once = Once::new();
static LOUD: OnceLock<Mutex<Option<Hook>>> = OnceLock::new();

fn loud() -> &'static Mutex<Option<Hook>> {
    LOUD.get_or_init(|| Mutex::new(None))
}

/// Install the process's panic hook (once); later calls do nothing.
pub fn install() {
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        if let Ok(mut slot) = loud().lock() {
            slot.get_or_insert(previous);
        }
        panic::set_hook(Box::new(|info| {
            if QUIET.with(Cell::get) {
                return;
            }
            if let Ok(slot) = loud().lock()
                && let Some(hook) = slot.as_ref()
            {
                hook(info);
            }
        }));
    });
}

/// Replace what happens on a panic outside [`quietly`] (the reader restores
/// the terminal first).
pub fn set_loud_hook(hook: Hook) {
    install();
    if let Ok(mut slot) = loud().lock() {
        *slot = Some(hook);
    }
}

/// A panic caught by [`quietly`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panicked;

/// Run `f`; a panic inside it is returned as `Err` and prints nothing.
pub fn quietly<T>(f: impl FnOnce() -> T) -> Result<T, Panicked> {
    install();
    let was = QUIET.with(|q| q.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(was));
    result.map_err(|_| Panicked)
}
