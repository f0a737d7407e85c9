//! Offline reading and installing: the service worker, the web app manifest, its icons
//! and the app's shell page, written by press next to the pages.
//!
//! The worker ([`sw.js`](./sw.js)) is hand-written and filled in here with the build's
//! version, base path and app shell (every hashed asset, the shell page, the manifest and
//! its icons). Its version changes whenever an asset, the stylesheet or the data format
//! does, which is how an open tab learns that a new version of the blog was deployed.

use std::path::Path;

use base64::Engine;
use sha2::{Digest, Sha256};

use crate::error::BuildError;

/// The worker's source, with `__VERSION__`, `__BASE__` and `__SHELL__` to fill in.
const WORKER: &str = include_str!("sw.js");

/// The icon sizes the manifest offers (Chromium's install criteria want 192 and 512).
pub const ICON_SIZES: [u32; 2] = [192, 512];

/// The shell page: the app's index.html with its loading skeleton, for an address
/// the reader has not opened before while offline (the app then says what is missing).
pub const SHELL_PAGE: &str = "shell.html";

/// What the offline files are made from.
pub struct Inputs<'a> {
    /// "/" or "/blog/".
    pub base_path: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    /// The file names in `assets/` (hashed: the wasm, JS, CSS and favicon).
    pub assets: Vec<String>,
    /// The stylesheet's text, for the palette.
    pub css: &'a str,
}

/// The colour a stylesheet gives the custom property `name` in its first rule (`:root`),
/// the light palette.
pub fn palette_colour(css: &str, name: &str) -> Option<String> {
    let at = css.find(&format!("{name}:"))?;
    let value = css[at + name.len() + 1..].split([';', '}']).next()?.trim();
    value.starts_with('#').then(|| value.to_string())
}

/// The service worker for these inputs.
pub fn worker(inputs: &Inputs) -> String {
    let base = inputs.base_path;
    let mut shell: Vec<String> = inputs
        .assets
        .iter()
        .map(|a| format!("{base}assets/{a}"))
        .collect();
    shell.push(format!("{base}{SHELL_PAGE}"));
    shell.push(format!("{base}manifest.webmanifest"));
    shell.extend(
        ICON_SIZES
            .iter()
            .map(|s| format!("{base}icons/icon-{s}.png")),
    );
    shell.sort();
    let listed = serde_json::to_string(&shell).unwrap_or_else(|_| "[]".into());
    let mut hasher = Sha256::new();
    hasher.update(WORKER.as_bytes());
    hasher.update(listed.as_bytes());
    hasher.update(model::SCHEMA_VERSION.to_le_bytes());
    // A stylesheet put into the pages has no file of its own whose name would change.
    hasher.update(inputs.css.as_bytes());
    let version = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&hasher.finalize()[..9]);
    without_comment_lines(WORKER)
        .replace("__VERSION__", &version)
        .replace("__BASE__", base)
        .replace("__SHELL__", &listed)
}

/// The worker's source without its indentation, whole-line comments and blank lines: they are for
/// whoever reads `sw.js` here, and every reader's first visit would download them.
fn without_comment_lines(source: &str) -> String {
    source
        .lines()
        .map(str::trim_start)
        .filter(|line| !line.is_empty() && !line.starts_with("//"))
        .map(|line| format!("{line}\n"))
        .collect()
}

/// The web app manifest: names, start and scope at the base path, the palette's colours,
/// and the icons.
pub fn manifest(inputs: &Inputs) -> String {
    let theme = palette_colour(inputs.css, "--card").unwrap_or_else(|| "#9cc25f".into());
    let background = palette_colour(inputs.css, "--paper").unwrap_or_else(|| "#fdfbf2".into());
    let short: String = if inputs.title.chars().count() > 12 {
        inputs
            .title
            .split_whitespace()
            .next()
            .unwrap_or(inputs.title)
            .chars()
            .take(12)
            .collect()
    } else {
        inputs.title.to_string()
    };
    let icons: Vec<serde_json::Value> = ICON_SIZES
        .iter()
        .map(|s| {
            serde_json::json!({
                "src": format!("{}icons/icon-{s}.png", inputs.base_path),
                "sizes": format!("{s}x{s}"),
                "type": "image/png",
                "purpose": "any"
            })
        })
        .collect();
    let manifest = serde_json::json!({
        "name": inputs.title,
        "short_name": short,
        "description": inputs.description,
        "start_url": inputs.base_path,
        "scope": inputs.base_path,
        "display": "standalone",
        "theme_color": theme,
        "background_color": background,
        "icons": icons,
    });
    serde_json::to_string_pretty(&manifest).unwrap_or_default()
}

/// The favicon drawn as a square PNG of `size` pixels, on the palette's background.
pub fn icon(svg: &str, size: u32, background: &str) -> Result<Vec<u8>, String> {
    let tree = resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default())
        .map_err(|e| format!("the favicon is not an SVG press can draw: {e}"))?;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size, size).ok_or("an icon of no size")?;
    if let Some(colour) = parse_hex(background) {
        pixmap.fill(colour);
    }
    // A margin, so the icon survives the rounded masks of launchers.
    let inner = size as f32 * 0.8;
    let scale = inner / tree.size().width().max(tree.size().height());
    let offset = (size as f32 - inner) / 2.0;
    let transform =
        resvg::tiny_skia::Transform::from_scale(scale, scale).post_translate(offset, offset);
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    pixmap
        .encode_png()
        .map_err(|e| format!("could not encode the icon: {e}"))
}

fn parse_hex(colour: &str) -> Option<resvg::tiny_skia::Color> {
    let hex = colour.strip_prefix('#')?;
    if hex.len() != 6 {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some(resvg::tiny_skia::Color::from_rgba8(
        byte(0)?,
        byte(2)?,
        byte(4)?,
        255,
    ))
}

/// The text of the `<style>` elements of `page`, one after the other: the release build
/// puts the stylesheet there (`cargo xtask post-build`). "" when the page links to it.
pub fn page_stylesheet(page: &str) -> String {
    crate::security::elements(page, "style")
        .map(|(_, text)| text)
        .collect()
}

/// Writes the worker, the manifest and the icons under `out`, from the assets Trunk put
/// in `out/assets` and the stylesheet: the one in `assets/`, or else `page_css`, the one
/// the app's page holds. Does nothing when there are no assets (a data-only build).
pub fn write(
    out: &Path,
    base_path: &str,
    title: &str,
    description: &str,
    page_css: &str,
) -> Result<(), BuildError> {
    let assets_dir = out.join("assets");
    let Ok(entries) = std::fs::read_dir(&assets_dir) else {
        return Ok(());
    };
    let mut assets: Vec<String> = entries
        .flatten()
        .filter_map(|e| e.file_name().to_str().map(String::from))
        .filter(|n| !n.starts_with('.') && !n.ends_with(".br") && !n.ends_with(".gz"))
        .collect();
    assets.sort();
    let read = |suffix: &str, prefix: &str| {
        assets
            .iter()
            .find(|a| a.starts_with(prefix) && a.ends_with(suffix))
            .and_then(|a| std::fs::read_to_string(assets_dir.join(a)).ok())
    };
    let css = read(".css", "main").unwrap_or_else(|| page_css.to_string());
    let favicon = read(".svg", "favicon");
    let inputs = Inputs {
        base_path,
        title,
        description,
        assets: assets.clone(),
        css: &css,
    };
    let background = palette_colour(&css, "--paper").unwrap_or_else(|| "#fdfbf2".into());
    let icons_dir = out.join("icons");
    std::fs::create_dir_all(&icons_dir)
        .map_err(|e| BuildError::io("could not create", &icons_dir, e))?;
    for size in ICON_SIZES {
        let png = match &favicon {
            Some(svg) => icon(svg, size, &background)
                .map_err(|reason| BuildError::template(&assets_dir.join("favicon.svg"), reason))?,
            None => icon(FALLBACK_ICON, size, &background).unwrap_or_default(),
        };
        let path = icons_dir.join(format!("icon-{size}.png"));
        std::fs::write(&path, png).map_err(|e| BuildError::io("could not write", &path, e))?;
    }
    crate::output::write_files(
        out,
        &[
            ("manifest.webmanifest".to_string(), manifest(&inputs)),
            ("sw.js".to_string(), worker(&inputs)),
        ],
    )
}

/// Drawn when the app has no favicon: a plain square.
const FALLBACK_ICON: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"><rect width=\"1\" height=\"1\" fill=\"#6f9a34\"/></svg>";

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs(base: &'static str) -> Inputs<'static> {
        Inputs {
            base_path: base,
            title: "Mediamum and friends",
            description: "A blog",
            assets: vec!["app-1.wasm".into(), "app-1.js".into(), "main-2.css".into()],
            css: ":root {\n  --card: #9cc25f;\n  --paper: #fdfbf2;\n}\n@media (prefers-color-scheme: dark) { :root { --card: #22301a; } }",
        }
    }

    #[test]
    fn the_worker_ships_without_its_comment_lines() {
        let shipped = without_comment_lines("// why\n  const a = 1; // kept\n\n  // more\nf(a);\n");
        assert_eq!(shipped, "const a = 1; // kept\nf(a);\n");
        let worker = without_comment_lines(WORKER);
        assert!(worker.contains("async function fetchAndKeep(event, cacheName) {"));
        assert!(
            worker.len() < WORKER.len() * 3 / 4,
            "the comments were not taken out"
        );
    }

    #[test]
    fn the_worker_names_the_shell_under_the_base_path() {
        let sw = worker(&inputs("/blog/"));
        assert!(sw.contains("const BASE = \"/blog/\";"));
        assert!(sw.contains("\"/blog/assets/app-1.wasm\""));
        assert!(sw.contains("\"/blog/shell.html\""));
        assert!(sw.contains("\"/blog/icons/icon-512.png\""));
        assert!(!sw.contains("__"), "a placeholder is left");
        // Another asset is another version.
        let mut other = inputs("/blog/");
        other.assets.push("app-3.wasm".into());
        let version = |s: &str| {
            s.lines()
                .find(|l| l.starts_with("const VERSION"))
                .map(String::from)
        };
        assert_ne!(version(&sw), version(&worker(&other)));
        assert_eq!(version(&sw), version(&worker(&inputs("/blog/"))));
        // So is another stylesheet, which may be in the page with no file of its own.
        let mut restyled = inputs("/blog/");
        restyled.css = ":root { --card: #000000; }";
        assert_ne!(version(&sw), version(&worker(&restyled)));
    }

    #[test]
    fn the_stylesheet_is_read_from_the_page_that_holds_it() {
        let page = "<head><style>:root{--card:#123456}</style><style>x{}</style></head>";
        assert_eq!(page_stylesheet(page), ":root{--card:#123456}x{}");
        assert_eq!(
            palette_colour(&page_stylesheet(page), "--card").as_deref(),
            Some("#123456")
        );
        assert_eq!(page_stylesheet("<link rel=stylesheet href=/a.css>"), "");
    }

    #[test]
    fn the_manifest_uses_the_light_palette_and_the_base_path() {
        let m: serde_json::Value = serde_json::from_str(&manifest(&inputs("/blog/"))).unwrap();
        assert_eq!(m["start_url"], "/blog/");
        assert_eq!(m["scope"], "/blog/");
        assert_eq!(m["theme_color"], "#9cc25f");
        assert_eq!(m["background_color"], "#fdfbf2");
        assert_eq!(m["short_name"], "Mediamum");
        assert_eq!(m["icons"][1]["sizes"], "512x512");
    }

    #[test]
    fn icons_are_pngs_of_the_asked_size() {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\"><rect x=\"3\" y=\"5\" width=\"26\" height=\"22\" fill=\"#8bb356\"/></svg>";
        let png = icon(svg, 192, "#fdfbf2").unwrap();
        assert_eq!(&png[1..4], b"PNG");
        // The IHDR chunk: width and height, big-endian, at bytes 16..24.
        assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 192);
        assert!(icon("not svg", 192, "#fff").is_err());
    }
}
