use crashcourier::{Consent, CrashReporter};

fn main() {
    let dir = std::env::temp_dir().join("crashcourier-demo");
    let r = CrashReporter::builder("demo", "0.1.0")
        .database_dir(&dir)
        .consent(Consent::Denied) // write locally only
        .install()
        .unwrap();
    println!("reports go to {}", dir.display());
    println!("pending: {:?}", r.pending().unwrap());
    let v: Vec<u8> = Vec::new();
    let _ = v[3];
}
