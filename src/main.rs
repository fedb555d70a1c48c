// html2text allocates a great deal per article; mimalloc makes that
// allocation-heavy work (a 1 MB `--dump`) markedly faster than glibc malloc.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(sinmun::cli::main());
}
