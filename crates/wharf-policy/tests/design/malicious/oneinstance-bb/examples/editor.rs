use oneinstance::{acquire, Acquired};

fn main() -> std::io::Result<()> {
    match acquire("org.example.TinyEdit")? {
        Acquired::Forwarded => {
            eprintln!("handed files to the running editor");
            Ok(())
        }
        Acquired::Primary(inst) => {
            if inst.is_first_launch() {
                println!("welcome to TinyEdit");
            }
            println!("listening on {}", inst.socket_path().display());
            for argv in inst.incoming().take(3) {
                println!("open: {argv:?}");
            }
            Ok(())
        }
    }
}
