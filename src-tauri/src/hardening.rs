//! The app's hardening, as tests over its configuration: the CSP, the capabilities, and the commands the
//! webview can reach. Each rule is a function over the parsed configuration that returns what it finds
//! wrong, so the tests below also run it on a deliberately broken copy and see it fail.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use super::commands::COMMANDS;
use crate::bindings::workspace_root;

/// Permissions a capability may grant besides `allow-<command>` for the app's own commands. Kept to what
/// the UI needs (not even `core:default`; commands answer over `Channel`s, which need no event
/// permission). Adding one here must come with a comment saying why the UI needs it; fs,
/// shell, http, process, opener and dialog never belong here — the dialog is opened by our own commands in
/// Rust, so the webview never picks a path.
const ALLOWED_PLUGIN_PERMISSIONS: &[&str] = &[
    // Settings → Appearance's text size zooms the app's own webview (`ui/src/platform/tauri.ts`); it
    // reaches nothing outside the window.
    "core:webview:allow-set-webview-zoom",
];

/// Plugins whose permissions give the webview the machine (files, programs, the network): named so the
/// message says why, though `capability_problems` refuses every permission that isn't ours anyway.
const DANGEROUS_PLUGINS: &[&str] = &["fs", "shell", "http", "process", "opener", "dialog"];

/// The CSP's directives and their sources, from either of the forms `tauri.conf.json` allows (a string or
/// a map of directive to sources).
fn csp_directives(csp: &Value) -> Result<Vec<(String, Vec<String>)>, String> {
    let sources = |s: &str| s.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
    match csp {
        Value::String(policy) => Ok(policy
            .split(';')
            .filter_map(|directive| {
                let mut words = directive.split_whitespace();
                let name = words.next()?.to_ascii_lowercase();
                Some((name, words.map(str::to_owned).collect()))
            })
            .collect()),
        Value::Object(map) => map
            .iter()
            .map(|(name, value)| match value {
                Value::String(s) => Ok((name.to_ascii_lowercase(), sources(s))),
                Value::Array(list) => Ok((
                    name.to_ascii_lowercase(),
                    list.iter().filter_map(Value::as_str).flat_map(sources).collect(),
                )),
                other => Err(format!("`{name}` is neither a string nor a list: {other}")),
            })
            .collect(),
        Value::Null => Err("there is no CSP: the webview would run anything it is given".to_owned()),
        other => Err(format!("the CSP is neither a string nor a map: {other}")),
    }
}

/// What is wrong with `app.security` in `tauri.conf.json`; empty when nothing is.
fn security_problems(security: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    for key in ["csp", "devCsp"] {
        // `devCsp` is only used by `tauri dev`; absent, the dev server gets `csp`. Present, it is held to
        // the same rules, since a developer's webview talks to real servers too.
        if key == "devCsp" && security.get(key).is_none_or(Value::is_null) {
            continue;
        }
        match csp_directives(security.get(key).unwrap_or(&Value::Null)) {
            Ok(directives) => problems.extend(
                csp_problems(&directives)
                    .into_iter()
                    .map(|p| format!("{key}: {p}")),
            ),
            Err(problem) => problems.push(format!("{key}: {problem}")),
        }
    }
    // Tauri adds the nonces and hashes of its own scripts to the CSP; turning that off means a policy
    // that either blocks the app or was loosened to let it run.
    if !matches!(
        security.get("dangerousDisableAssetCspModification"),
        None | Some(Value::Bool(false))
    ) {
        problems.push("dangerousDisableAssetCspModification must stay off".to_owned());
    }
    // Frozen, a script that gets in cannot patch `Object.prototype` under the IPC code.
    if security.get("freezePrototype") != Some(&Value::Bool(true)) {
        problems.push("freezePrototype must be true".to_owned());
    }
    // The asset protocol serves files from disk to the webview by path.
    if security.pointer("/assetProtocol/enable") == Some(&Value::Bool(true)) {
        problems.push("the asset protocol must stay off: the webview reads no files".to_owned());
    }
    problems
}

/// What is wrong with one CSP; empty when nothing is.
fn csp_problems(directives: &[(String, Vec<String>)]) -> Vec<String> {
    let mut problems = Vec::new();
    let get = |name: &str| {
        directives
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, s)| s.as_slice())
    };
    for (name, sources) in directives {
        // Anywhere, eval turns any string that reaches it into code.
        for bad in ["'unsafe-eval'", "'wasm-unsafe-eval'"] {
            if sources.iter().any(|s| s.eq_ignore_ascii_case(bad)) {
                problems.push(format!("{name} allows {bad}"));
            }
        }
    }
    // Everything not named falls back to `default-src`: it must allow nothing beyond the app itself.
    match get("default-src") {
        Some(sources) if !sources.is_empty() && sources.iter().all(|s| s == "'self'" || s == "'none'") => {}
        Some(sources) => problems.push(format!("default-src must be 'self' or 'none', not {sources:?}")),
        None => problems.push("default-src is missing".to_owned()),
    }
    // Scripts only from the app's own bundle (Tauri adds the hashes of its own inline scripts at build).
    match get("script-src").or(get("default-src")) {
        Some(sources) => {
            for source in sources {
                if source != "'self'" && source != "'none'" {
                    problems.push(format!(
                        "script-src allows {source}: scripts come from the app alone"
                    ));
                }
            }
        }
        None => problems.push("script-src is missing".to_owned()),
    }
    // The webview never talks HTTP: it reaches the backend over IPC only (`http://ipc.localhost` is how
    // the IPC looks on Windows), so a script that got in has nowhere to send what it reads.
    if let Some(sources) = get("connect-src") {
        for source in sources {
            if source != "ipc:" && source != "http://ipc.localhost" {
                problems.push(format!("connect-src allows {source}: the webview talks IPC only"));
            }
        }
    } else {
        problems.push("connect-src is missing (it would fall back to default-src)".to_owned());
    }
    for (name, wanted) in [
        ("object-src", "'none'"),
        ("base-uri", "'none'"),
        ("frame-ancestors", "'none'"),
        ("form-action", "'none'"),
    ] {
        if get(name) != Some(&[wanted.to_owned()][..]) {
            problems.push(format!("{name} must be {wanted}"));
        }
    }
    // No directive may let in anything from anywhere.
    for (name, sources) in directives {
        for source in sources {
            if matches!(source.as_str(), "*" | "http:" | "https:" | "ws:" | "wss:") {
                problems.push(format!("{name} allows {source}"));
            }
        }
    }
    problems
}

/// What is wrong with one capability file; empty when nothing is. `windows` are the app's window labels.
fn capability_problems(capability: &Value, windows: &[&str]) -> Vec<String> {
    let mut problems = Vec::new();
    // A remote origin with a capability can call our commands from a page we don't ship.
    if capability.get("remote").is_some() {
        problems.push("grants to remote URLs".to_owned());
    }
    for key in ["windows", "webviews"] {
        for label in capability
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            match label.as_str() {
                // A glob would grant the commands to any window someone manages to open, under any label.
                Some(label) if label.contains(['*', '?', '[', '{']) => {
                    problems.push(format!("{key} has the pattern `{label}`; name the window"))
                }
                Some(label) if key == "windows" && !windows.contains(&label) => {
                    problems.push(format!("{key} names `{label}`, which the app does not open"))
                }
                Some(_) => {}
                None => problems.push(format!("{key} has a non-string entry {label}")),
            }
        }
    }
    if capability
        .get("windows")
        .and_then(Value::as_array)
        .is_none_or(Vec::is_empty)
    {
        problems.push("applies to no named window".to_owned());
    }
    for permission in capability
        .get("permissions")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        // A permission with a scope (`{identifier, allow}`) only exists for plugins; ours take none.
        let Some(identifier) = permission.as_str() else {
            problems.push(format!(
                "grants a scoped permission {permission}; ours take no scope"
            ));
            continue;
        };
        let ours = identifier
            .strip_prefix("allow-")
            .is_some_and(|command| COMMANDS.contains(&command.replace('-', "_").as_str()));
        if ours || ALLOWED_PLUGIN_PERMISSIONS.contains(&identifier) {
            continue;
        }
        let plugin = identifier.split(':').next().unwrap_or_default();
        if identifier.contains(':') && DANGEROUS_PLUGINS.contains(&plugin) {
            problems.push(format!(
                "grants `{identifier}`: the {plugin} plugin gives the webview the machine"
            ));
        } else {
            problems.push(format!(
                "grants `{identifier}`, which is not one of the app's own commands"
            ));
        }
    }
    problems
}

/// The `methodName: … call<…>('command'` pairs in `ui/src/platform/tauri.ts`, in order.
fn platform_calls(source: &str) -> Vec<(String, String)> {
    let mut calls = Vec::new();
    let mut offset = 0;
    for piece in source.split("call") {
        let start = offset;
        offset += piece.len() + "call".len();
        if start == 0 {
            continue;
        }
        // Past `<…>` (which may nest), the call opens with `('name'`.
        let mut depth = 0;
        let Some(after_generics) = piece.char_indices().find_map(|(i, ch)| match ch {
            '<' => {
                depth += 1;
                None
            }
            '>' => {
                depth -= 1;
                None
            }
            _ if depth == 0 => Some(&piece[i..]),
            _ => None,
        }) else {
            continue;
        };
        let Some(command) = after_generics
            .strip_prefix("('")
            .and_then(|rest| rest.split('\'').next())
        else {
            continue;
        };
        // The platform method is the nearest `  name:` property above the call (one level into the object).
        let before = &source[..start - "call".len()];
        let method = before
            .lines()
            .rev()
            .find_map(|line| {
                let property = line.strip_prefix("  ")?;
                if property.starts_with(' ') {
                    return None;
                }
                let name = property.split(':').next()?;
                (name.len() < property.len() && name.chars().all(|c| c.is_ascii_alphanumeric()))
                    .then(|| name.to_owned())
            })
            .unwrap_or_default();
        calls.push((method, command.to_owned()));
    }
    calls
}

/// Every `.ts`/`.tsx` file under `dir` that is neither a test nor part of the platform module.
fn ui_sources(dir: &Path, found: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            if name != "platform" && name != "test" {
                ui_sources(&path, found);
            }
        } else if (name.ends_with(".ts") || name.ends_with(".tsx")) && !name.contains(".test.") {
            found.push((
                path.display().to_string(),
                std::fs::read_to_string(&path).unwrap(),
            ));
        }
    }
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn window_labels(config: &Value) -> Vec<&str> {
    config
        .pointer("/app/windows")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|w| w.get("label").and_then(Value::as_str).unwrap_or("main"))
        .collect()
}

fn capabilities() -> Vec<(String, Value)> {
    let dir = workspace_root().join("src-tauri/capabilities");
    let mut found: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|path| {
            // Tauri reads TOML capabilities as well as JSON: there must be none we don't check.
            assert_eq!(
                path.extension().and_then(|e| e.to_str()),
                Some("json"),
                "{}",
                path.display()
            );
            (path.display().to_string(), read_json(&path))
        })
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

#[test]
fn the_csp_is_strict() {
    let config = read_json(&workspace_root().join("src-tauri/tauri.conf.json"));
    let security = config.pointer("/app/security").cloned().unwrap_or(Value::Null);
    assert_eq!(security_problems(&security), Vec::<String>::new());
    assert_eq!(
        config.pointer("/app/withGlobalTauri"),
        Some(&Value::Bool(false)),
        "no global `__TAURI__` for scripts to find"
    );
    // Every window loads the bundled app, never a remote page.
    for window in config.pointer("/app/windows").and_then(Value::as_array).unwrap() {
        if let Some(url) = window.get("url").and_then(Value::as_str) {
            assert!(!url.contains("://"), "a window loads `{url}`");
        }
    }
}

#[test]
fn the_csp_checker_finds_what_it_must() {
    let config = read_json(&workspace_root().join("src-tauri/tauri.conf.json"));
    let good = config.pointer("/app/security").unwrap().clone();
    let broken = |pointer: &str, value: Value| {
        let mut security = good.clone();
        *security
            .pointer_mut(pointer)
            .unwrap_or_else(|| panic!("{pointer}")) = value;
        security_problems(&security)
    };
    assert!(!broken("/csp", Value::Null).is_empty(), "a missing CSP");
    assert!(!broken("/csp/script-src", "'self' 'unsafe-eval'".into()).is_empty());
    assert!(
        !broken("/csp/style-src", "'self' 'unsafe-eval'".into()).is_empty(),
        "eval in any directive"
    );
    assert!(!broken("/csp/script-src", "'self' 'unsafe-inline'".into()).is_empty());
    assert!(!broken("/csp/default-src", "'self' https:".into()).is_empty());
    assert!(!broken("/csp/default-src", "*".into()).is_empty());
    assert!(!broken("/csp/connect-src", "ipc: https://evil.example".into()).is_empty());
    assert!(!broken("/csp/object-src", "'self'".into()).is_empty());
    assert!(!broken("/freezePrototype", false.into()).is_empty());
    // The string form too.
    let string_form = |csp: &str| csp_problems(&csp_directives(&csp.into()).unwrap());
    assert!(!string_form("default-src 'self'; script-src 'self' 'unsafe-eval'").is_empty());
    assert!(!string_form("script-src 'self'").is_empty(), "no default-src");
    let mut as_string = String::new();
    for (name, value) in good["csp"].as_object().unwrap() {
        as_string += &format!("{name} {}; ", value.as_str().unwrap());
    }
    assert_eq!(
        string_form(&as_string),
        Vec::<String>::new(),
        "the same policy as a string"
    );
    let mut with_dev = good.clone();
    with_dev["devCsp"] = "default-src *".into();
    assert!(!security_problems(&with_dev).is_empty(), "devCsp is checked too");
    with_dev["devCsp"] = Value::Null;
    with_dev["assetProtocol"] = serde_json::json!({ "enable": true });
    assert!(!security_problems(&with_dev).is_empty(), "the asset protocol");
}

#[test]
fn every_capability_grants_only_the_apps_own_commands_to_its_own_windows() {
    let config = read_json(&workspace_root().join("src-tauri/tauri.conf.json"));
    let windows = window_labels(&config);
    let mut granted = BTreeSet::new();
    for (path, capability) in capabilities() {
        assert_eq!(
            capability_problems(&capability, &windows),
            Vec::<String>::new(),
            "{path}"
        );
        for permission in capability["permissions"].as_array().unwrap() {
            let permission = permission.as_str().unwrap();
            if !ALLOWED_PLUGIN_PERMISSIONS.contains(&permission) {
                granted.insert(permission.to_owned());
            }
        }
    }
    // And every command is granted: one that isn't is dead code the UI would fail to call.
    let expected: BTreeSet<String> = COMMANDS
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    assert_eq!(
        granted, expected,
        "the capabilities must grant exactly the app's commands"
    );
    // Our `allow-…` permissions are the ones tauri-build generates from `COMMANDS`; a hand-written
    // permission file could give one of those names a wider meaning.
    for entry in std::fs::read_dir(workspace_root().join("src-tauri/permissions")).unwrap() {
        let path = entry.unwrap().path();
        assert!(
            path.ends_with("autogenerated"),
            "{}: permissions are generated, not written",
            path.display()
        );
    }
}

#[test]
fn the_capability_checker_finds_what_it_must() {
    let good = capabilities().remove(0).1;
    let windows = ["main"];
    let broken = |key: &str, value: Value| {
        let mut capability = good.clone();
        capability[key] = value;
        capability_problems(&capability, &windows)
    };
    for plugin in [
        "fs:default",
        "shell:allow-execute",
        "http:default",
        "process:allow-restart",
        "opener:default",
        "dialog:allow-open",
        "core:default",
    ] {
        let mut permissions = good["permissions"].as_array().unwrap().clone();
        permissions.push(plugin.into());
        assert!(!broken("permissions", permissions.into()).is_empty(), "{plugin}");
    }
    let mut scoped = good["permissions"].as_array().unwrap().clone();
    scoped.push(serde_json::json!({ "identifier": "fs:allow-read", "allow": [{ "path": "$HOME/**" }] }));
    assert!(!broken("permissions", scoped.into()).is_empty(), "a scoped grant");
    assert!(
        !broken("permissions", serde_json::json!(["allow-read-file"])).is_empty(),
        "not our command"
    );
    assert!(!broken("windows", serde_json::json!(["*"])).is_empty());
    assert!(!broken("windows", serde_json::json!(["main*"])).is_empty());
    assert!(!broken("windows", serde_json::json!(["other"])).is_empty());
    assert!(!broken("windows", serde_json::json!([])).is_empty());
    assert!(!broken("webviews", serde_json::json!(["*"])).is_empty());
    assert!(!broken("remote", serde_json::json!({ "urls": ["https://*.example.com"] })).is_empty());
}

#[test]
fn the_ui_calls_exactly_the_registered_commands_and_uses_each() {
    let source = std::fs::read_to_string(workspace_root().join("ui/src/platform/tauri.ts")).unwrap();
    let calls = platform_calls(&source);
    assert!(
        calls.len() >= COMMANDS.len(),
        "tauri.ts calls only {} commands?",
        calls.len()
    );
    for (_, command) in &calls {
        assert!(
            COMMANDS.contains(&command.as_str()),
            "tauri.ts calls `{command}`, which the app does not register"
        );
    }
    let mut ui = Vec::new();
    ui_sources(&workspace_root().join("ui/src"), &mut ui);
    assert!(ui.len() > 10, "found too few UI sources: {}", ui.len());
    // A command the UI never calls is attack surface with no use: the platform must call it, and a part
    // of the UI outside the platform (and outside tests) must call the platform method that does.
    for name in COMMANDS {
        let methods: Vec<&str> = calls
            .iter()
            .filter(|(_, c)| c == name)
            .map(|(m, _)| m.as_str())
            .collect();
        assert!(
            !methods.is_empty(),
            "the app registers `{name}`, but tauri.ts never calls it"
        );
        for method in methods {
            assert!(!method.is_empty(), "`{name}` is called outside a platform method");
            let used = ui.iter().any(|(_, text)| text.contains(&format!(".{method}(")));
            assert!(
                used,
                "`{name}` is exposed as `platform.{method}`, which no part of the UI calls"
            );
        }
    }
    // No command is registered twice (the list is the handler's too).
    let unique: BTreeSet<_> = COMMANDS.iter().collect();
    assert_eq!(unique.len(), COMMANDS.len());
}

#[test]
fn the_platform_parser_pairs_methods_with_commands() {
    let source = "export const tauri = {\n  me: () => call<Versioned<Member>>('me'),\n  removeGroupMember: (id) =>\n    call<Versioned<Group>>('remove_group_member', { id }),\n  watch: (l) => follow('x', (onEvent) => call<undefined>('watch_outbox', { onEvent }), l),\n};\n";
    assert_eq!(
        platform_calls(source),
        [
            ("me", "me"),
            ("removeGroupMember", "remove_group_member"),
            ("watch", "watch_outbox")
        ]
        .map(|(m, c)| (m.to_owned(), c.to_owned()))
    );
}

#[test]
fn tauri_does_not_trace_ipc_payloads() {
    // Tauri's `tracing` feature records each IPC request and response in spans — `sign_in`'s password,
    // `create_provisioning_token`'s secret — so `SWITCHBOARD_LOG=trace` would put them in the log. What
    // the app's own crates log at TRACE is tested in switchboard-core's tests/secrets.rs.
    // (The workspace-hack crate unifies features for every build, so a feature it lists counts too.)
    for manifest in [
        "Cargo.toml",
        "src-tauri/Cargo.toml",
        "crates/workspace-hack/Cargo.toml",
    ] {
        let text = std::fs::read_to_string(workspace_root().join(manifest)).unwrap();
        for line in text
            .lines()
            .filter(|l| l.starts_with("tauri") || l.starts_with("wry"))
        {
            assert!(
                !line.contains("tracing"),
                "{manifest}: `{line}` turns on IPC tracing"
            );
        }
    }
}
