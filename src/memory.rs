//! Giving memory back to the system after a large load. The allocator
//! (mimalloc, in the binary) keeps freed pages in the heap of the thread
//! that allocated them until that thread allocates again; the threads that
//! read 100,000 posts then sit idle with hundreds of megabytes freed but
//! resident. Collecting on each of them returns it.

/// Return freed memory on this thread and on every worker thread.
pub fn give_back() {
    rayon::broadcast(|_| collect());
    collect();
}

fn collect() {
    // SAFETY: `mi_collect` only walks the calling thread's heap; it is
    // safe to call at any time (also when mimalloc is not the global
    // allocator: its heaps are then empty).
    unsafe { libmimalloc_sys::mi_collect(true) }
}
