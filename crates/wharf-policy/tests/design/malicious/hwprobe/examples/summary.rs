fn main() {
    println!("{}", hwprobe::summary());
}
