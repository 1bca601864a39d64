//! `wharf dump`: the database dump to a file, with a progress bar on a terminal and one line per
//! table otherwise.

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::Path;
use std::time::Duration;
use wharf_registry::Registry;

pub async fn write(registry: &Registry, output: &Path) -> anyhow::Result<()> {
    let bar = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(wharf_dump::table_count() as u64);
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg:24} [{bar:30}] {pos}/{len} tables")
                .expect("the template is valid")
                .progress_chars("=> "),
        );
        bar.set_message("reading the database");
        bar.enable_steady_tick(Duration::from_millis(100));
        Some(bar)
    } else {
        None
    };
    let progress = bar.clone();
    let dump = registry
        .dump(move |table, rows| match &progress {
            Some(bar) => {
                bar.set_message(format!("{table} ({rows} rows)"));
                bar.inc(1);
            }
            None => eprintln!("wrote {table}: {rows} rows"),
        })
        .await?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    // Written beside the target, then renamed over it: a reader never sees half a dump.
    let partial = output.with_extension("partial");
    std::fs::write(&partial, &dump).with_context(|| format!("writing {}", partial.display()))?;
    std::fs::rename(&partial, output)
        .with_context(|| format!("moving the dump to {}", output.display()))?;
    eprintln!("wrote {} ({} bytes)", output.display(), dump.len());
    Ok(())
}
