//! Connecting side of the bus.

use crate::codec::{Frame, FrameReader};
use crate::spec;
use serde_json::Value;
use std::io::Write;
use std::os::unix::net::UnixStream;
use std::time::Duration;

/// A connection to a named server.
pub struct Client {
    writer: UnixStream,
    reader: FrameReader<UnixStream>,
}

impl Client {
    /// Connect to server `id` in the default appspace.
    pub fn connect(id: &str) -> crate::Result<Self> {
        Self::connect_in(crate::DEFAULT_APPSPACE, id)
    }

    /// Connect to server `id` in `appspace`.
    pub fn connect_in(appspace: &str, id: &str) -> crate::Result<Self> {
        spec::prepare();
        let stream = UnixStream::connect(spec::socket_path(appspace, id))?;
        let writer = stream.try_clone()?;
        Ok(Client { writer, reader: FrameReader::new(stream) })
    }

    /// Set a read timeout for [`Client::recv`].
    pub fn set_timeout(&self, t: Option<Duration>) -> crate::Result<()> {
        self.writer.set_read_timeout(t)?;
        Ok(())
    }

    /// Emit an event.
    pub fn emit(&mut self, event: &str, data: Value) -> crate::Result<()> {
        self.writer.write_all(&Frame::new(event, data).encode())?;
        Ok(())
    }

    /// Block until the next frame arrives.
    pub fn recv(&mut self) -> crate::Result<Frame> {
        self.reader.next_frame()?.ok_or(crate::Error::Closed)
    }
}
