mod throttle;
mod thermal;
mod workload;

use clap::Parser;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use workload::Workload;

/// CPU burn-in and stability tester.
#[derive(Parser, Debug)]
#[command(name = "warmcores", version, about)]
struct Args {
    /// How long to run, e.g. `30m`, `2h`. Required.
    #[arg(long, value_parser = humantime::parse_duration)]
    duration: Duration,

    /// Worker threads (default: all logical CPUs).
    #[arg(long)]
    threads: Option<usize>,

    /// Duty cycle in percent (1-100).
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u8).range(1..=100))]
    load: u8,

    /// Workload to run.
    #[arg(long, value_enum, default_value_t = Workload::Sha256)]
    workload: Workload,

    /// Stop if any temperature sensor exceeds this (°C).
    #[arg(long, default_value_t = 95.0)]
    max_temp: f64,

    /// Progress interval.
    #[arg(long, default_value = "30s", value_parser = humantime::parse_duration)]
    interval: Duration,

    /// Pin each worker to its own core.
    #[arg(long)]
    pin: bool,
}

struct Counters {
    hashes: AtomicU64,
    errors: AtomicU64,
}

fn main() {
    let args = Args::parse();
    let threads = args.threads.unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)).max(1);
    println!(
        "warmcores {}: {threads} threads, {:?}, {}% load, {}",
        env!("CARGO_PKG_VERSION"),
        args.workload,
        args.load,
        humantime::format_duration(args.duration)
    );

    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = Arc::clone(&stop);
        ctrlc::set_handler(move || stop.store(true, Ordering::SeqCst)).expect("install Ctrl-C handler");
    }
    let counters: Arc<Vec<Counters>> =
        Arc::new((0..threads).map(|_| Counters { hashes: AtomicU64::new(0), errors: AtomicU64::new(0) }).collect());
    let cores = if args.pin { core_affinity::get_core_ids().unwrap_or_default() } else { Vec::new() };

    let workers: Vec<_> = (0..threads)
        .map(|i| {
            let stop = Arc::clone(&stop);
            let counters = Arc::clone(&counters);
            let core = cores.get(i % cores.len().max(1)).copied();
            let (wl, load) = (args.workload, args.load);
            std::thread::Builder::new()
                .name(format!("warm-{i}"))
                .spawn(move || {
                    if let Some(c) = core {
                        core_affinity::set_for_current(c);
                    }
                    let mut duty = throttle::DutyCycle::new(load);
                    let mut unit = workload::Unit::new(wl, i as u64);
                    while !stop.load(Ordering::Relaxed) {
                        duty.run(|| {
                            let (n, ok) = unit.step();
                            counters[i].hashes.fetch_add(n, Ordering::Relaxed);
                            if !ok {
                                counters[i].errors.fetch_add(1, Ordering::Relaxed);
                            }
                        });
                    }
                })
                .expect("spawn worker")
        })
        .collect();

    let start = Instant::now();
    let mut last_total = 0u64;
    let mut max_seen = f64::MIN;
    while !stop.load(Ordering::SeqCst) && start.elapsed() < args.duration {
        std::thread::sleep(args.interval.min(args.duration.saturating_sub(start.elapsed())).max(Duration::from_millis(100)));
        let total: u64 = counters.iter().map(|c| c.hashes.load(Ordering::Relaxed)).sum();
        let errors: u64 = counters.iter().map(|c| c.errors.load(Ordering::Relaxed)).sum();
        let rate = (total - last_total) as f64 / args.interval.as_secs_f64();
        last_total = total;
        let hottest = thermal::hottest();
        if let Some(h) = &hottest {
            max_seen = max_seen.max(h.celsius);
        }
        println!(
            "[{:>9}] {threads} threads {:>10} total  hottest {}  errors {errors}",
            humantime::format_duration(Duration::from_secs(start.elapsed().as_secs())).to_string(),
            workload::human_rate(rate),
            hottest.as_ref().map(|h| format!("{:.1} °C ({})", h.celsius, h.label)).unwrap_or_else(|| "n/a".into()),
        );
        if let Some(h) = hottest {
            if h.celsius > args.max_temp {
                eprintln!("stopping: {} at {:.1} °C exceeds --max-temp {}", h.label, h.celsius, args.max_temp);
                break;
            }
        }
    }
    stop.store(true, Ordering::SeqCst);
    for w in workers {
        let _ = w.join();
    }
    let total: u64 = counters.iter().map(|c| c.hashes.load(Ordering::Relaxed)).sum();
    let errors: u64 = counters.iter().map(|c| c.errors.load(Ordering::Relaxed)).sum();
    println!("done: {errors} errors in {total:.1e} hashes; max {:.1} °C", if max_seen.is_finite() { max_seen } else { 0.0 });
    std::process::exit(if errors == 0 { 0 } else { 1 });
}
