fn main() {
    std::process::exit(sinmun::cli::main());
}
