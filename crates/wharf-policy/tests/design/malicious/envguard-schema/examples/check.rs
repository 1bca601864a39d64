fn main() {
    match envguard_schema::Schema::load("env.schema.toml").and_then(|s| s.validate()) {
        Ok(env) => println!("ok, PORT={:?}", env.raw("PORT")),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
