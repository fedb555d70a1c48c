// html2text allocates a great deal per article; mimalloc makes that
// allocation-heavy work (a 1 MB `--dump`) markedly faster than glibc malloc.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc keeps the pages freed on a thread until it allocates again:
/// after the reader loads 100,000 posts, hundreds of megabytes would stay
/// resident in idle worker threads. `mi_collect` returns them.
fn collect() {
    // SAFETY: `mi_collect` only walks the calling thread's mimalloc heap,
    // the global allocator's; it is safe to call at any time.
    unsafe { libmimalloc_sys::mi_collect(true) }
}

fn main() {
    sinmun::memory::set_give_back(collect);
    std::process::exit(sinmun::cli::main());
}
