use std::io;
use std::process::Command;

#[cfg(windows)]
mod win;

pub struct Toast {
    title: String,
    body: String,
}

impl Toast {
    pub fn new(title: &str) -> Self {
        Toast { title: title.into(), body: String::new() }
    }

    pub fn body(mut self, b: &str) -> Self {
        self.body = b.into();
        self
    }

    pub fn show(&self) -> io::Result<()> {
        #[cfg(windows)]
        return win::show(&self.title, &self.body);
        #[cfg(target_os = "macos")]
        {
            let script = format!("display notification {:?} with title {:?}", self.body, self.title);
            Command::new("osascript").args(["-e", &script]).status()?;
            return Ok(());
        }
        #[cfg(all(unix, not(target_os = "macos")))]
        {
            Command::new("notify-send").arg(&self.title).arg(&self.body).status()?;
            Ok(())
        }
    }
}
