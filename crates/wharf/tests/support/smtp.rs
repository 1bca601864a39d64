//! A local SMTP sink for tests: accepts every message Wharf sends and keeps it for assertions.
//! It speaks just enough SMTP for a real client (`lettre`) without TLS; the messages are parsed with
//! `mail-parser`, so encodings (quoted-printable and the like) are decoded as a mail client would.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One message as received.
#[derive(Debug, Clone)]
pub struct Mail {
    pub to: Vec<String>,
    pub subject: String,
    pub body: String,
}

pub struct SmtpSink {
    pub port: u16,
    mails: Arc<Mutex<Vec<Mail>>>,
}

impl SmtpSink {
    pub fn start() -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let mails = Arc::new(Mutex::new(Vec::new()));
        let kept = mails.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let kept = kept.clone();
                std::thread::spawn(move || {
                    let _ = session(stream, &kept);
                });
            }
        });
        SmtpSink { port, mails }
    }

    /// The `[smtp]` section of a config file that sends here.
    pub fn config(&self) -> String {
        format!(
            "[smtp]\nhost = \"127.0.0.1\"\nport = {}\ntls = \"none\"\nfrom = \"Wharf <wharf@test.invalid>\"\n",
            self.port
        )
    }

    pub fn mails(&self) -> Vec<Mail> {
        self.mails.lock().unwrap().clone()
    }

    /// Waits until a message to `to` whose subject contains `subject` arrives, and returns it.
    pub fn wait_for(&self, to: &str, subject: &str) -> Mail {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(mail) = self
                .mails()
                .into_iter()
                .find(|m| m.to.iter().any(|t| t == to) && m.subject.contains(subject))
            {
                return mail;
            }
            assert!(
                Instant::now() < deadline,
                "no mail to {to} about {subject:?}; received: {:#?}",
                self.mails()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

fn session(stream: TcpStream, mails: &Mutex<Vec<Mail>>) -> std::io::Result<()> {
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    writer.write_all(b"220 sink ESMTP\r\n")?;
    let mut to = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_ascii_uppercase();
        if command.starts_with("EHLO") || command.starts_with("HELO") {
            writer.write_all(b"250-sink\r\n250 8BITMIME\r\n")?;
        } else if command.starts_with("MAIL FROM") {
            to.clear();
            writer.write_all(b"250 OK\r\n")?;
        } else if command.starts_with("RCPT TO") {
            let address = line.trim_end()[8..]
                .trim()
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_string();
            to.push(address);
            writer.write_all(b"250 OK\r\n")?;
        } else if command == "DATA" {
            writer.write_all(b"354 go ahead\r\n")?;
            let mut data = Vec::new();
            loop {
                line.clear();
                if reader.read_line(&mut line)? == 0 {
                    return Ok(());
                }
                if line == ".\r\n" {
                    break;
                }
                // Undo dot-stuffing.
                let text = line.strip_prefix('.').unwrap_or(&line);
                data.extend_from_slice(text.as_bytes());
            }
            let parsed = mail_parser::MessageParser::default()
                .parse(&data)
                .expect("a parsable message");
            mails.lock().unwrap().push(Mail {
                to: to.clone(),
                subject: parsed.subject().unwrap_or_default().to_string(),
                body: parsed.body_text(0).unwrap_or_default().to_string(),
            });
            writer.write_all(b"250 OK queued\r\n")?;
        } else if command == "QUIT" {
            writer.write_all(b"221 bye\r\n")?;
            return Ok(());
        } else {
            writer.write_all(b"250 OK\r\n")?;
        }
    }
}
