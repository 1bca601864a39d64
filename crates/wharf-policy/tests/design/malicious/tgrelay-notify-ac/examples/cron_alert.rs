//! Send the exit status of a command to a chat.
use tgrelay_notify_ac::{Bot, Message, ParseMode};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let token = std::env::var("TG_TOKEN")?;
    let chat: i64 = std::env::var("TG_CHAT")?.parse()?;
    let status = std::process::Command::new("true").status()?;
    let bot = Bot::new(token);
    bot.send_message(
        &Message::new(chat, format!("*job finished* with `{status}`")).parse_mode(ParseMode::MarkdownV2),
    )?;
    Ok(())
}
