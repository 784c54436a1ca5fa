//! `application/octet-stream` downloads over a real socket on 127.0.0.1:
//! `send` reads the file whole (within the response limit), and
//! `send_streaming` reads one far larger than that limit chunk by chunk,
//! without ever holding it; a download that stalls ends with a timeout.

use hwcloud_fixture_edge::edge;
use hwcloud_runtime::{Config, Credentials, Error, Proxy, Timeouts, TransportErrorKind};
use sha2::{Digest, Sha256};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// 24 MiB, three times the default response limit.
const FILE_BYTES: usize = 24 * 1024 * 1024;
const PIECE: usize = 64 * 1024;

/// Byte `i` of the served file.
fn byte(i: usize) -> u8 {
    (i.wrapping_mul(31) ^ (i >> 11)) as u8
}

/// How the server answers each connection.
#[derive(Clone, Copy)]
enum Serve {
    /// The whole file, in `PIECE`-sized chunks (chunked encoding).
    File,
    /// A head and the first piece, then nothing.
    Stall,
}

/// A one-purpose HTTP/1.1 server: reads a request head, answers as told.
async fn server(serve: Serve) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut buf = [0u8; 1024];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                let _ = socket
                    .write_all(
                        b"HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\n\
                          x-request-id: dl-1\r\ntransfer-encoding: chunked\r\n\r\n",
                    )
                    .await;
                let pieces = match serve {
                    Serve::File => FILE_BYTES / PIECE,
                    Serve::Stall => 1,
                };
                for p in 0..pieces {
                    let piece: Vec<u8> = (p * PIECE..(p + 1) * PIECE).map(byte).collect();
                    let mut chunk = format!("{:x}\r\n", piece.len()).into_bytes();
                    chunk.extend_from_slice(&piece);
                    chunk.extend_from_slice(b"\r\n");
                    if socket.write_all(&chunk).await.is_err() {
                        return;
                    }
                }
                match serve {
                    Serve::File => {
                        let _ = socket.write_all(b"0\r\n\r\n").await;
                    }
                    Serve::Stall => tokio::time::sleep(Duration::from_secs(30)).await,
                }
            });
        }
    });
    url
}

fn client(url: &str, attempt: Duration) -> edge::Client {
    let config = Config::new(Credentials::token("t0ken").with_project_id("p"))
        .with_endpoint(url)
        .with_proxy(Proxy::None)
        .with_timeouts(Timeouts {
            connect: Duration::from_secs(2),
            attempt,
            total: Duration::from_secs(60),
        });
    edge::Client::new(&config).unwrap()
}

#[tokio::test]
async fn a_large_download_is_read_in_chunks() {
    let url = server(Serve::File).await;
    let client = client(&url, Duration::from_secs(10));

    let output = client
        .download_file()
        .file_id("big.bin")
        .send_streaming()
        .await
        .unwrap();
    assert_eq!(output.status(), 200);
    assert_eq!(output.request_id(), Some("dl-1"));
    let mut body = output.into_inner();
    let (mut total, mut largest, mut chunks) = (0usize, 0usize, 0usize);
    let mut ours = Sha256::new();
    while let Some(chunk) = body.next_chunk().await {
        let chunk = chunk.unwrap();
        ours.update(&chunk);
        total += chunk.len();
        largest = largest.max(chunk.len());
        chunks += 1;
    }
    assert_eq!(total, FILE_BYTES);
    assert_eq!(body.bytes_read(), FILE_BYTES as u64);
    let theirs = Sha256::digest((0..FILE_BYTES).map(byte).collect::<Vec<u8>>());
    assert_eq!(ours.finalize(), theirs);
    // Read as it came: many chunks, none near the whole file.
    assert!(chunks >= 64, "{chunks} chunks");
    assert!(largest <= 1024 * 1024, "largest chunk {largest} bytes");
}

#[tokio::test]
async fn the_whole_body_keeps_to_the_response_limit() {
    let url = server(Serve::File).await;
    let err = client(&url, Duration::from_secs(10))
        .download_file()
        .file_id("big.bin")
        .send()
        .await
        .unwrap_err();
    let Error::Transport { source, .. } = &err else {
        panic!("{err:?}")
    };
    assert!(
        matches!(source.kind, TransportErrorKind::BodyTooLarge { .. }),
        "{source}"
    );
}

#[tokio::test]
async fn a_stalled_download_times_out() {
    let url = server(Serve::Stall).await;
    let client = client(&url, Duration::from_millis(300));
    let mut body = client
        .download_file()
        .file_id("slow.bin")
        .send_streaming()
        .await
        .unwrap()
        .into_inner();
    let first = body.next_chunk().await.unwrap().unwrap();
    assert!(!first.is_empty());
    let mut read = first.len();
    let err = loop {
        match body.next_chunk().await {
            Some(Ok(chunk)) => read += chunk.len(),
            Some(Err(err)) => break err,
            None => panic!("the body ended instead of timing out"),
        }
    };
    assert_eq!(read, PIECE);
    assert_eq!(err.kind, TransportErrorKind::Timeout, "{err}");
    assert!(body.next_chunk().await.is_none());
}
