//! `static-host DIR [PORT] [--no-fallback]`: serves a built site on 127.0.0.1, for
//! previewing `dist/` as the browser tests see it.

use std::process::ExitCode;

use static_host::{Fallback, StaticServer};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let fallback = if args.iter().any(|a| a == "--no-fallback") {
        Fallback::NotFound
    } else {
        Fallback::SpaIndex
    };
    let mut plain = args.iter().filter(|a| !a.starts_with("--"));
    let dir = plain.next().map_or("dist", String::as_str);
    let port = match plain.next().map(|p| p.parse::<u16>()) {
        None => 8090,
        Some(Ok(port)) => port,
        Some(Err(_)) => {
            eprintln!("static-host: usage: static-host DIR [PORT] [--no-fallback]");
            return ExitCode::FAILURE;
        }
    };
    let server = match StaticServer::start_on(dir, fallback, port) {
        Ok(server) => server,
        Err(e) => {
            eprintln!("static-host: cannot serve {dir}: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!(
        "static-host: serving {dir} at {} (Ctrl-C stops)",
        server.url("/")
    );
    loop {
        std::thread::park();
    }
}
