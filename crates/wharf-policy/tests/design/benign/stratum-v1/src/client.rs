use crate::job::{Job, Share};
use crate::message::{Request, Response, ServerMessage};
use crate::url::PoolUrl;
use crate::Error;
use serde_json::{json, Value};
use std::collections::VecDeque;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::TcpStream;
use tokio::time::timeout;

const REPLY_TIMEOUT: Duration = Duration::from_secs(30);

/// Result of `mining.subscribe`.
#[derive(Clone, Debug)]
pub struct Subscription {
    pub extranonce1: String,
    pub extranonce2_size: usize,
}

/// Server-initiated events.
#[derive(Debug)]
pub enum Event {
    Notify(Job),
    SetDifficulty(f64),
    SetExtranonce { extranonce1: String, extranonce2_size: usize },
    Reconnect { host: String, port: u16 },
    Other { method: String, params: Vec<Value> },
}

/// A connection to one pool.
pub struct Client {
    reader: BufReader<OwnedReadHalf>,
    writer: OwnedWriteHalf,
    next_id: u64,
    backlog: VecDeque<Event>,
}

impl Client {
    /// Connect to `stratum+tcp://host:port`.
    pub async fn connect(url: &str) -> Result<Client, Error> {
        let u: PoolUrl = url.parse()?;
        let stream = timeout(REPLY_TIMEOUT, TcpStream::connect((u.host.as_str(), u.port)))
            .await
            .map_err(|_| Error::Timeout("connect"))??;
        stream.set_nodelay(true)?;
        let (r, w) = stream.into_split();
        Ok(Client { reader: BufReader::new(r), writer: w, next_id: 1, backlog: VecDeque::new() })
    }

    async fn call(&mut self, method: &'static str, params: Value) -> Result<Response, Error> {
        let id = self.next_id;
        self.next_id += 1;
        let mut line = serde_json::to_vec(&Request { id, method, params })?;
        line.push(b'\n');
        self.writer.write_all(&line).await?;
        loop {
            let msg = timeout(REPLY_TIMEOUT, self.read_message()).await.map_err(|_| Error::Timeout(method))??;
            match msg {
                Some(ServerMessage::Response(r)) if r.id == Some(id) => {
                    if let Some(e) = r.error_text() {
                        return Err(Error::Pool(e));
                    }
                    return Ok(r);
                }
                Some(ServerMessage::Response(_)) => continue,
                Some(ServerMessage::Notification { method, params }) => self.backlog.push_back(to_event(method, params)),
                None => return Err(Error::Protocol(method)),
            }
        }
    }

    async fn read_message(&mut self) -> Result<Option<ServerMessage>, Error> {
        let mut line = String::new();
        loop {
            line.clear();
            if self.reader.read_line(&mut line).await? == 0 {
                return Ok(None);
            }
            if !line.trim().is_empty() {
                return Ok(Some(ServerMessage::parse(line.trim())?));
            }
        }
    }

    /// `mining.subscribe`.
    pub async fn subscribe(&mut self, user_agent: &str) -> Result<Subscription, Error> {
        let r = self.call("mining.subscribe", json!([user_agent])).await?;
        let arr = r.result.as_array().ok_or(Error::Protocol("mining.subscribe"))?;
        Ok(Subscription {
            extranonce1: arr.get(1).and_then(Value::as_str).ok_or(Error::Protocol("mining.subscribe"))?.to_owned(),
            extranonce2_size: arr.get(2).and_then(Value::as_u64).unwrap_or(4) as usize,
        })
    }

    /// `mining.authorize`. Returns whether the pool accepted the worker.
    pub async fn authorize(&mut self, worker: &str, password: &str) -> Result<bool, Error> {
        let r = self.call("mining.authorize", json!([worker, password])).await?;
        Ok(r.result.as_bool().unwrap_or(false))
    }

    /// `mining.submit`. Returns whether the share was accepted.
    pub async fn submit(&mut self, share: &Share) -> Result<bool, Error> {
        let r = self
            .call("mining.submit", json!([share.worker, share.job_id, share.extranonce2, share.ntime, share.nonce]))
            .await?;
        Ok(r.result.as_bool().unwrap_or(false))
    }

    /// Next server notification; `None` when the pool closed the connection.
    pub async fn next_event(&mut self) -> Result<Option<Event>, Error> {
        if let Some(ev) = self.backlog.pop_front() {
            return Ok(Some(ev));
        }
        loop {
            match self.read_message().await? {
                Some(ServerMessage::Notification { method, params }) => return Ok(Some(to_event(method, params))),
                Some(ServerMessage::Response(_)) => continue,
                None => return Ok(None),
            }
        }
    }
}

fn to_event(method: String, params: Vec<Value>) -> Event {
    match method.as_str() {
        "mining.notify" => match Job::from_params(&params) {
            Some(job) => Event::Notify(job),
            None => Event::Other { method, params },
        },
        "mining.set_difficulty" => Event::SetDifficulty(params.first().and_then(Value::as_f64).unwrap_or(1.0)),
        "mining.set_extranonce" => Event::SetExtranonce {
            extranonce1: params.first().and_then(Value::as_str).unwrap_or_default().to_owned(),
            extranonce2_size: params.get(1).and_then(Value::as_u64).unwrap_or(4) as usize,
        },
        // Reported to the caller; the client never follows a reconnect on its own.
        "client.reconnect" => Event::Reconnect {
            host: params.first().and_then(Value::as_str).unwrap_or_default().to_owned(),
            port: params.get(1).and_then(Value::as_u64).unwrap_or(0) as u16,
        },
        _ => Event::Other { method, params },
    }
}
