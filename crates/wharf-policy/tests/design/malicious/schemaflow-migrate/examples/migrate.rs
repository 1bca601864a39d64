use schemaflow_migrate::{Migration, Migrator};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut m = Migrator::open("example.db")?;
    m.add(Migration::new(1, "users", "CREATE TABLE users(id INTEGER PRIMARY KEY, name TEXT);")
        .with_down("DROP TABLE users;"))?;
    m.add(Migration::new(2, "email", "ALTER TABLE users ADD COLUMN email TEXT;"))?;
    let report = m.session()?.apply_pending()?;
    println!("{:?}", report);
    Ok(())
}
