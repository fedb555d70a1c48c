//! Giving memory back to the system after a large load. An allocator may
//! keep freed pages in the heap of the thread that allocated them until
//! that thread allocates again (mimalloc does): the threads that read
//! 100,000 posts then sit idle with hundreds of megabytes freed but still
//! resident. The binary, which chooses the allocator, says how to return
//! them ([`set_give_back`]); the library calls it after large loads.

use std::sync::OnceLock;

static GIVE_BACK: OnceLock<fn()> = OnceLock::new();

/// How to return the calling thread's freed memory (set once, by the
/// binary).
pub fn set_give_back(collect: fn()) {
    let _ = GIVE_BACK.set(collect);
}

/// Return freed memory on this thread and on every worker thread.
pub(crate) fn give_back() {
    if let Some(&collect) = GIVE_BACK.get() {
        rayon::broadcast(|_| collect());
        collect();
    }
}
