//! A real Isso comment server for the comment tests: `isso==0.14.0` from the virtualenv
//! `cargo xtask test` installs (named by `ISSO`), on a free loopback port, with its own
//! database in the test's scratch folder and CORS set for the test's site. It is killed
//! when dropped, also when a test fails, and can be stopped and started again on the same
//! port and database to simulate an outage.

use std::env;
use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::PATIENCE;

/// Whether the server holds new comments for moderation (Isso's `[moderation] enabled`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moderation {
    Off,
    On,
}

/// A running (or stopped) Isso server.
pub struct Isso {
    pub port: u16,
    config: PathBuf,
    log: PathBuf,
    child: Option<Child>,
}

fn isso_bin() -> PathBuf {
    let bin = env::var_os("ISSO").map(PathBuf::from).unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.tools/isso/bin/isso")
    });
    assert!(
        bin.is_file(),
        "no Isso at {}: run the tests with `cargo xtask test`, which installs it",
        bin.display()
    );
    bin
}

impl Isso {
    /// Writes the configuration for a server on `port` whose site is `site_origin`
    /// (`http://127.0.0.1:PORT`), keeping its files in `dir`, and starts it.
    pub fn start(dir: &Path, port: u16, site_origin: &str, moderation: Moderation) -> Isso {
        fs::create_dir_all(dir).expect("create the Isso folder");
        let config = dir.join("isso.cfg");
        let moderated = moderation == Moderation::On;
        fs::write(
            &config,
            format!(
                "[general]\n\
                 dbpath = {db}\n\
                 host = {site_origin}\n\
                 notify = stdout\n\
                 gravatar = false\n\
                 [server]\n\
                 listen = http://127.0.0.1:{port}/\n\
                 [moderation]\n\
                 enabled = {moderated}\n",
                db = dir.join("comments.db").display(),
            ),
        )
        .expect("write the Isso configuration");
        let mut isso = Isso {
            port,
            config,
            log: dir.join("isso.log"),
            child: None,
        };
        isso.resume();
        isso
    }

    /// The server's address, as site.toml names it.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// Starts the server again (same port, same database) and waits until it answers.
    pub fn resume(&mut self) {
        assert!(self.child.is_none(), "Isso is running already");
        let log = fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .expect("open the Isso log");
        let child = Command::new(isso_bin())
            .arg("-c")
            .arg(&self.config)
            .arg("run")
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("log handle"))
            .stderr(log)
            .spawn()
            .expect("start Isso");
        self.child = Some(child);
        let started = Instant::now();
        while !self.answers() {
            if let Some(Ok(Some(status))) = self.child.as_mut().map(Child::try_wait) {
                panic!("Isso exited ({status}):\n{}", self.log_text());
            }
            if started.elapsed() > PATIENCE {
                panic!(
                    "Isso never answered on port {}:\n{}",
                    self.port,
                    self.log_text()
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Stops the server, as an outage would.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// What the server logged.
    pub fn log_text(&self) -> String {
        fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Whether `GET /?uri=/` gets an HTTP 200 answer.
    fn answers(&self) -> bool {
        let Ok(mut stream) = TcpStream::connect(("127.0.0.1", self.port)) else {
            return false;
        };
        let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
        let request = format!(
            "GET /?uri=/ HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
            self.port
        );
        if stream.write_all(request.as_bytes()).is_err() {
            return false;
        }
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        answer.starts_with("HTTP/1.1 200") || answer.starts_with("HTTP/1.0 200")
    }
}

impl Drop for Isso {
    fn drop(&mut self) {
        self.stop();
    }
}
