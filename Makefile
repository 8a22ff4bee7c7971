# Targets the README and CI use. `make test` is what .ci/run runs.
.PHONY: run test lint bindings bench bench-ui bench-footprint bench-outbox bench-photo bundle check-targets setup

run:       ## run the app (on the local workspace by default)
	./scripts/run.sh

test:      ## every test: fmt, clippy, UI checks, Rust tests on SQLite + PostgreSQL, E2E, schemathesis
	./scripts/test.sh

setup:     ## install what is missing (Debian packages, tauri-driver, npm packages)
	./scripts/setup.sh

lint:      ## formatting, clippy, the UI's typecheck and lint
	. scripts/env.sh && cargo fmt --all --check && \
	  cargo clippy --workspace --all-targets --features "$$APP_FEATURES" -- -D warnings
	cd ui && npm run --silent typecheck && npm run --silent lint

bindings:  ## regenerate ui/src/platform/bindings.ts from the Rust types
	. scripts/env.sh && SWITCHBOARD_WRITE_BINDINGS=1 cargo test -q -p switchboard --features "$$APP_FEATURES" --lib bindings

bench:     ## the server benchmark (10,000 members; SQLite and PostgreSQL)
	./scripts/bench-server.sh

bench-ui:  ## the Members list in the real app with 10,000 members (release build, under Xvfb)
	./scripts/bench-ui.sh

bench-footprint:  ## start-up time and memory of the release app on its local workspace, against a bare Tauri window
	./scripts/bench-footprint.sh

bench-outbox:  ## the invite outbox flushing 1,000 invites to the server (release build)
	./scripts/bench-outbox.sh

bench-photo:  ## the photo pipeline's preview and avatar against vipsthumbnail (release build)
	./scripts/bench-photo.sh

bundle:    ## .deb and .rpm of the release build
	./scripts/bundle.sh

check-targets:  ## cargo check for Windows and macOS from here (skips, with the reason, what the toolchains here can't)
	./scripts/check-targets.sh --tests
