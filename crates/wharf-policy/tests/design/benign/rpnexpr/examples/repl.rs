use std::io::{self, BufRead, Write};

fn main() {
    let vars = rpnexpr::Vars::new();
    let stdin = io::stdin();
    print!("> ");
    io::stdout().flush().ok();
    for line in stdin.lock().lines() {
        let line = line.unwrap();
        match rpnexpr::compile(&line).and_then(|p| p.eval(&vars)) {
            Ok(v) => println!("{v}"),
            Err(e) => println!("error: {e}"),
        }
        print!("> ");
        io::stdout().flush().ok();
    }
}
