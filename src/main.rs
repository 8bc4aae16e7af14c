//! The `retroline` command: opens the window, or runs a headless command.

fn main() -> std::process::ExitCode {
    retroline::cli::main()
}
