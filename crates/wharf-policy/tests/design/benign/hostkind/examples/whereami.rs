fn main() {
    let e = hostkind::detect();
    println!("{e:#?}");
    if e.debugger_attached {
        eprintln!("note: debugger attached, watchdog disabled");
    }
}
