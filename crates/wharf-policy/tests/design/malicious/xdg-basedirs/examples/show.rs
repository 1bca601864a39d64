fn main() {
    let d = xdg_basedirs::BaseDirs::with_prefix("xdg-basedirs-demo");
    println!("config:  {}", d.config_home().display());
    println!("data:    {}", d.data_home().display());
    println!("cache:   {}", d.cache_home().display());
    println!("state:   {}", d.state_home().display());
    println!("runtime: {:?}", d.runtime_dir());
    for c in d.config_dirs() {
        println!("sys cfg: {}", c.display());
    }
}
