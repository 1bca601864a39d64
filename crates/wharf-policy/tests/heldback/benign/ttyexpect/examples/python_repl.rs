//! Drive the Python REPL: `cargo run --example python_repl`
use ttyexpect::{spawn, Command};

fn main() -> Result<(), ttyexpect::Error> {
    let mut py = spawn(Command::new("python3").arg("-q"), 5_000)?;
    py.expect(">>> ")?;
    py.send_line("print(6 * 7)")?;
    let (_, answer) = py.expect_regex(r"\d+")?;
    println!("python says {answer}");
    py.send_line("exit()")?;
    py.expect_eof()?;
    Ok(())
}
