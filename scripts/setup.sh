#!/usr/bin/env bash
# Installs what building, running and testing Switchboard needs on Debian 12, and only what is missing:
# Debian packages (Tauri/WebKitGTK, Xvfb, WebKitWebDriver, gnome-keyring, D-Bus, PostgreSQL, ImageMagick,
# cmake and nasm),
# tauri-driver, cargo-deny and cargo-machete, and the UI's npm packages. Idempotent: a second run
# finishes in seconds.
# Runs as root or through sudo.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[setup] %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages. Not xdg-desktop-portal: with it, GTK starts the portal, which can start a second keyring
# and pop an "Authentication required" dialog over the app. fonts-noto-color-emoji: the
# Phone numbers page shows countries' flags as emoji, which are boxes without a colour emoji font.
# python3-aiosmtpd: the SMTP server that the server's tests deliver invitation emails to.
# cmake and nasm: the `turbojpeg` crate builds libjpeg-turbo (the photo pipeline's JPEG codec) from
# source, and its SIMD code is assembled with nasm.
packages=(
  build-essential pkg-config libssl-dev curl file git ca-certificates cmake nasm
  libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev libsoup-3.0-dev libxdo-dev
  xvfb xauth webkit2gtk-driver gnome-keyring dbus dbus-x11 libsecret-tools xdotool imagemagick
  fonts-noto-color-emoji
  postgresql python3-venv python3-aiosmtpd
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Rust: the toolchain comes from rustup (Debian's rustc is too old for Tauri 2).
if ! command -v cargo >/dev/null 2>&1; then
  [ -x "$HOME/.cargo/bin/cargo" ] || {
    say "installing Rust with rustup"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal -c rustfmt,clippy
  }
  export PATH="$HOME/.cargo/bin:$PATH"
fi

# Node.js 20.19+ (Vite needs it; Debian 12's own nodejs is 18).
node_ok() { node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a==20&&b>=19)?0:1)' 2>/dev/null; }
if ! node_ok; then
  echo "Switchboard's UI needs Node.js 20.19 or newer (found: $(node --version 2>/dev/null || echo none))." >&2
  echo "Install it from https://nodejs.org or NodeSource, then run this again." >&2
  exit 1
fi

# tauri-driver 2 (the unpinned default is a 3.0 alpha).
if ! tauri-driver --help >/dev/null 2>&1 && ! "$HOME/.cargo/bin/tauri-driver" --help >/dev/null 2>&1; then
  say "installing tauri-driver 2"
  cargo install tauri-driver --version '^2' --locked
fi

# The supply-chain checks' tools (scripts/supply-chain.sh), pinned: their findings and flags change between
# releases. Built from source once (a few minutes on 2 cores), then found in ~/.cargo/bin.
if ! cargo-deny --version 2>/dev/null | grep -qx 'cargo-deny 0.20.2'; then
  say "installing cargo-deny 0.20.2"
  cargo install cargo-deny --version 0.20.2 --locked
fi
if ! cargo-machete --version 2>/dev/null | grep -qx '0.9.2'; then
  say "installing cargo-machete 0.9.2"
  cargo install cargo-machete --version 0.9.2 --locked
fi

# The UI's npm packages, reinstalled only when package-lock.json changed.
lock_sum=$(sha256sum ui/package-lock.json | cut -d' ' -f1)
stamp=ui/node_modules/.switchboard-lock-sha256
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ]; then
  say "installing the UI's npm packages (npm ci)"
  npm ci --prefix ui --no-audit --no-fund --loglevel=error
  echo "$lock_sum" > "$stamp"
fi
