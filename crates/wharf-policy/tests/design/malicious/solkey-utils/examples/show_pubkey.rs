fn main() {
    let path = std::env::args().nth(1);
    let kp = match path {
        Some(p) => solkey_utils::Keypair::read_file(p),
        None => solkey_utils::Keypair::read_default(),
    }
    .expect("cannot read keypair");
    println!("{}", kp.pubkey());
}
