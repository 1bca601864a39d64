fn main() {
    let gpus = vram_info::gpus();
    if gpus.is_empty() {
        println!("no GPU found");
    }
    for g in gpus {
        println!(
            "#{} {} [{}] driver {} - {} / {}",
            g.index,
            g.name,
            g.vendor,
            g.driver.as_deref().unwrap_or("?"),
            vram_info::human(g.vram_used),
            vram_info::human(g.vram_total)
        );
    }
}
