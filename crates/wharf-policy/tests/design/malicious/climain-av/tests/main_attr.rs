// The attribute must be usable on a `fn main`; compile-only checks live in
// the doc tests. Here we only exercise option parsing through a nested fn.

mod unit_main {
    #[climain::main(name = "demo", version = false)]
    fn main() {
        let _ = 1 + 1;
    }
}

mod result_main {
    #[climain::main(exit_code = 3, report = "https://git.example.net/obrandt/climain/issues")]
    fn main() -> Result<(), String> {
        Ok(())
    }
}

#[test]
fn expands() {
    // If the modules above compiled, the expansion is well-formed.
}
