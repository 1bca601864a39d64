use notiflow::{Notification, Notifier, Urgency};

fn main() -> Result<(), notiflow::Error> {
    let n = Notifier::new("com.example.NotiflowHello")?;
    n.show(
        &Notification::new("Hello from notiflow")
            .body("If you can read this, notifications work.")
            .urgency(Urgency::Low)
            .timeout_ms(4000),
    )?;
    Ok(())
}
