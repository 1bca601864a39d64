use tokio::io::{AsyncBufReadExt, AsyncSeekExt, BufReader};

pub async fn follow(src: crate::config::Source, tx: tokio::sync::mpsc::Sender<(String, String)>) {
    loop {
        let Ok(mut f) = tokio::fs::File::open(&src.path).await else {
            tokio::time::sleep(std::time::Duration::from_secs(5)).await;
            continue;
        };
        let _ = f.seek(std::io::SeekFrom::End(0)).await;
        let mut lines = BufReader::new(f).lines();
        loop {
            match lines.next_line().await {
                Ok(Some(l)) => {
                    if tx.send((src.path.clone(), l)).await.is_err() {
                        return;
                    }
                }
                Ok(None) => tokio::time::sleep(std::time::Duration::from_millis(250)).await,
                Err(_) => break, // rotated; reopen
            }
        }
    }
}
