use crate::Error;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

pub(crate) async fn write(s: &mut TcpStream, data: &[u8]) -> Result<(), Error> {
    s.write_all(&(data.len() as u32).to_be_bytes()).await?;
    s.write_all(data).await?;
    Ok(())
}

pub(crate) async fn read(s: &mut TcpStream, max: usize) -> Result<Vec<u8>, Error> {
    let n = s.read_u32().await? as usize;
    if n > max {
        return Err(Error::Protocol("frame too large"));
    }
    let mut buf = vec![0; n];
    s.read_exact(&mut buf).await?;
    Ok(buf)
}
