//! Writes the TypeScript bindings (see `switchboard_lib::bindings`).

fn main() -> std::io::Result<()> {
    let path = switchboard_lib::bindings::workspace_root().join(switchboard_lib::bindings::BINDINGS_PATH);
    std::fs::write(&path, switchboard_lib::bindings::render())?;
    println!("wrote {}", path.display());
    Ok(())
}
