//! A Hugo site: a `content` folder beside Hugo's configuration, a root
//! file (`hugo.toml` …), a configuration folder (`config/_default/`,
//! `config/production/`), or both, merged as Hugo merges them.
//!
//! Hugo reads the first root file of `hugo`, then `config`, each as
//! `.toml`, `.yaml`, `.yml`, `.json`; then the folder's `_default`, then
//! its `production` (the environment `hugo` builds for), each file in name
//! order, subfolders as they come. A folder's `hugo.*` or `config.*` holds
//! root keys; any other file is named after the key it sets
//! (`params.toml`), or a language's (`menus.ko.toml` sets the menus of
//! `ko`, `languages.en.toml` the language `en`). What comes later is merged
//! over what came before, key by key and into nested tables, keys compared
//! without case.

use std::path::{Path, PathBuf};

use serde_yaml::{Mapping, Value};

use super::{Engine, Site, read_config, split_base_url, text_of};
use crate::frontmatter::Syntax;
use crate::problem::Problem;
use crate::text::one_line;

/// The names of a root configuration file, as Hugo looks for them.
const NAMES: &[&str] = &["hugo", "config"];
/// The extensions of a configuration file, in the order Hugo tries them.
/// JSON is YAML: read as it.
const EXTENSIONS: &[&str] = &["toml", "yaml", "yml", "json"];
/// The configuration folder (Hugo's `configDir`, set only on its command
/// line).
const CONFIG_DIR: &str = "config";
/// The folders of the configuration folder read, the later merged over the
/// earlier: the defaults and the environment `hugo` builds for.
const ENVIRONMENTS: &[&str] = &["_default", "production"];
/// How deep subfolders of a configuration folder are read.
const MAX_DEPTH: usize = 8;
/// The language of a site that names none.
const DEFAULT_LANGUAGE: &str = "en";

/// Whether `dir` is the root of a Hugo site: a `content` folder and a
/// configuration, as a file or a folder.
pub(super) fn is_root(dir: &Path) -> bool {
    dir.join("content").is_dir() && (root_file(dir).is_some() || !folders(dir).is_empty())
}

impl Site {
    /// The Hugo site `root` is when it holds a `content` folder and a Hugo
    /// configuration, with what reading the configuration found wrong.
    pub fn hugo_at(root: &Path) -> Option<(Site, Vec<Problem>)> {
        let content = root.join("content");
        if !content.is_dir() {
            return None;
        }
        let Config { map, problems } = Config::read(root)?;
        let mut site = Site::with_root(root);
        site.engine = Engine::Hugo;
        site.content = Some(content);
        site.title = match default_language(&map).map(|own| text_of(own, "title")) {
            Some(own) if !own.is_empty() => own,
            _ => text_of(&map, "title"),
        };
        (site.url, site.baseurl) = split_base_url(&text_of(&map, "baseurl"));
        site.permalinks = permalinks(map.get("permalinks"));
        site.future = text_of(&map, "buildfuture") == "true";
        site.emoji = text_of(&map, "enableemoji") == "true";
        site.languages = Languages::of(root, &map);
        site.attributes = markup::attributes(&map);
        site.icons = markup::icons(&map);
        // Hugo's own parsers accept what sinmun's do not (YAML flow lists
        // of `:filename`): what sinmun cannot read there is a note.
        let notes = problems
            .into_iter()
            .map(|p| Problem::note(&p.path, p.line, p.message));
        Some((site, notes.collect()))
    }
}

/// A site's configuration, its files merged, keys in lower case, and what
/// reading them found wrong.
#[derive(Default)]
struct Config {
    map: Mapping,
    problems: Vec<Problem>,
}

impl Config {
    /// The configuration of the site at `root`; `None` when it has none.
    fn read(root: &Path) -> Option<Config> {
        let file = root_file(root);
        let folders = folders(root);
        if file.is_none() && folders.is_empty() {
            return None;
        }
        let mut config = Config::default();
        if let Some(file) = file {
            config.merge_file(&file, &[]);
        }
        for folder in folders {
            config.merge_folder(&folder, 0);
        }
        Some(config)
    }

    /// Merge each configuration file in `folder`, in name order, and its
    /// subfolders (symlinks to folders are not followed, as Hugo's walk
    /// does not follow them).
    fn merge_folder(&mut self, folder: &Path, depth: usize) {
        let Ok(entries) = std::fs::read_dir(folder) else {
            return;
        };
        let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = entry.path();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                if depth < MAX_DEPTH {
                    self.merge_folder(&path, depth + 1);
                }
                continue;
            }
            if extension(&path).is_none() {
                continue;
            }
            let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
            let stem = stem.unwrap_or_default();
            if NAMES.contains(&stem.as_str()) {
                self.merge_file(&path, &[]);
                continue;
            }
            // `menus.ko`: the menus of the language `ko` (`menu`, Hugo's
            // old name, is `menus` there).
            let (key, key_path) = match stem.rsplit_once('.') {
                Some((key @ ("menu" | "menus"), lang)) => (key, vec!["languages", lang, "menus"]),
                Some((key @ "params", lang)) => (key, vec!["languages", lang, key]),
                Some((key, lang)) => (key, vec!["languages", lang]),
                None => (stem.as_str(), vec![stem.as_str()]),
            };
            self.merge_file_as(&path, &key_path, key);
        }
    }

    /// Merge the file at `path` as the value of `key_path` (the root's
    /// keys when empty).
    fn merge_file(&mut self, path: &Path, key_path: &[&str]) {
        self.merge_file_as(path, key_path, "");
    }

    /// Merge the file at `path` as the value of `key_path`; a file holding
    /// only `key` (`cascade.yaml` of `cascade: [...]`, as TOML and YAML
    /// have no list at the top) gives that key's value.
    fn merge_file_as(&mut self, path: &Path, key_path: &[&str], key: &str) {
        let Some(syntax) = extension(path) else {
            return;
        };
        let Some((read, problems)) = read_config(path, syntax) else {
            return;
        };
        self.problems.extend(problems);
        self.problems.extend(read.problems);
        let mut value = Value::Mapping(read.map);
        if let Value::Mapping(map) = &mut value
            && !key.is_empty()
            && map.len() == 1
            && let Some(inner) = map.remove(key)
        {
            value = inner;
        }
        for key in key_path.iter().rev() {
            let mut outer = Mapping::new();
            outer.insert(Value::String((*key).to_string()), value);
            value = Value::Mapping(outer);
        }
        if let Value::Mapping(map) = lower_keys(value) {
            merge(&mut self.map, map);
        }
    }
}

/// The root configuration file Hugo reads at `root`, when there is one.
fn root_file(root: &Path) -> Option<PathBuf> {
    NAMES
        .iter()
        .flat_map(|name| EXTENSIONS.iter().map(move |ext| format!("{name}.{ext}")))
        .map(|file| root.join(file))
        .find(|path| path.is_file())
}

/// The configuration folders at `root` Hugo reads, in its order.
fn folders(root: &Path) -> Vec<PathBuf> {
    let dir = root.join(CONFIG_DIR);
    ENVIRONMENTS
        .iter()
        .map(|env| dir.join(env))
        .filter(|folder| folder.is_dir())
        .collect()
}

/// The syntax of a configuration file, by its extension; `None` when it is
/// not one (`params.toml.example`).
fn extension(path: &Path) -> Option<Syntax> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "toml" => Some(Syntax::Toml),
        "yaml" | "yml" | "json" => Some(Syntax::Yaml),
        _ => None,
    }
}

/// `value` with the keys of its tables, and of theirs, in lower case, as
/// Hugo compares them.
fn lower_keys(value: Value) -> Value {
    match value {
        Value::Mapping(map) => Value::Mapping(
            map.into_iter()
                .map(|(k, v)| match k {
                    Value::String(k) => (Value::String(k.to_lowercase()), lower_keys(v)),
                    k => (k, lower_keys(v)),
                })
                .collect(),
        ),
        other => other,
    }
}

/// Merge `over` over `base`: a table into a table key by key, anything
/// else replacing what was there.
fn merge(base: &mut Mapping, over: Mapping) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(Value::Mapping(inner)), Value::Mapping(value)) => merge(inner, value),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

/// The settings of the site's default language (`defaultContentLanguage`,
/// English unless set) under `languages`, which override the root's for
/// its pages (Blowfish keeps the site's `title` there).
fn default_language(map: &Mapping) -> Option<&Mapping> {
    let lang = match text_of(map, "defaultcontentlanguage") {
        lang if lang.is_empty() => DEFAULT_LANGUAGE.to_string(),
        lang => lang.to_lowercase(),
    };
    map.get("languages")?.get(lang.as_str())?.as_mapping()
}

/// Hugo's languages, as far as where their pages are published goes.
#[derive(Debug, Clone, Default)]
pub(crate) struct Languages {
    /// `defaultContentLanguage`, in lower case (`en` unless set).
    default: String,
    /// `defaultContentLanguageInSubdir`: the default language's pages are
    /// under its code too.
    default_in_subdir: bool,
    /// Each language configured (in lower case), with its own content
    /// folder (`contentDir`) when it sets one.
    configured: Vec<(String, Option<PathBuf>)>,
}

impl Languages {
    fn of(root: &Path, map: &Mapping) -> Languages {
        let default = match text_of(map, "defaultcontentlanguage") {
            lang if lang.is_empty() => DEFAULT_LANGUAGE.to_string(),
            lang => lang.to_lowercase(),
        };
        let configured = match map.get("languages") {
            Some(Value::Mapping(languages)) => languages
                .iter()
                .filter_map(|(code, settings)| {
                    let code = code.as_str()?.to_lowercase();
                    let dir = settings
                        .as_mapping()
                        .map(|s| text_of(s, "contentdir"))
                        .map(|d| d.trim_start_matches("./").trim_matches('/').to_string())
                        .filter(|d| !d.is_empty())
                        // As `content` is named: under the root as given.
                        .map(|d| root.join(d));
                    Some((code, dir))
                })
                .collect(),
            _ => Vec::new(),
        };
        Languages {
            default,
            default_in_subdir: text_of(map, "defaultcontentlanguageinsubdir") == "true",
            configured,
        }
    }

    /// The language of the page at `path` (in a language's own content
    /// folder, else `content`'s, the default's) and its path under that
    /// folder; `None` outside both.
    pub(crate) fn place<'p>(&self, content: &Path, path: &'p Path) -> Option<(&str, &'p Path)> {
        let own = self
            .configured
            .iter()
            .filter_map(|(code, dir)| Some((code, super::below(path, dir.as_ref()?)?)))
            .min_by_key(|(_, rel)| rel.components().count());
        match own {
            Some((code, rel)) => Some((code, rel)),
            None => Some((&self.default, super::below(path, content)?)),
        }
    }

    /// Whether `code` names a language of the site (a file named
    /// `x.CODE.md` is that language's translation).
    pub(crate) fn knows(&self, code: &str) -> bool {
        code == self.default || self.configured.iter().any(|(c, _)| c == code)
    }

    /// What the paths of `code`'s pages start with: `/ko`, or nothing for
    /// the default language unless it is put under its code too.
    pub(crate) fn prefix(&self, code: &str) -> String {
        if code == self.default && !self.default_in_subdir {
            String::new()
        } else {
            format!("/{code}")
        }
    }
}

/// Hugo's `permalinks`: `section = "pattern"`, or under `page` (Hugo
/// 0.120's form).
fn permalinks(value: Option<&Value>) -> Vec<(String, String)> {
    let Some(Value::Mapping(map)) = value else {
        return Vec::new();
    };
    if let Some(page @ Value::Mapping(_)) = map.get("page") {
        return permalinks(Some(page));
    }
    map.iter()
        .filter_map(|(k, v)| Some((k.as_str()?.to_string(), one_line(v.as_str()?.trim()))))
        .collect()
}

mod markup;
#[cfg(test)]
mod tests;
