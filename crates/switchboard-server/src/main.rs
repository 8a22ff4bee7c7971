//! `switchboard-server`: serve the Team API, or seed a database.

fn main() {
    println!("switchboard-server {}", env!("CARGO_PKG_VERSION"));
}
