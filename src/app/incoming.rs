//! Posts arriving and changing under the reader: read in the background,
//! loaded through the index, indexed for search, read again after a
//! change. The selection, the open article, the marks and the problems'
//! cursor follow their posts.

use std::path::PathBuf;

use super::screen::{Article, Popup, Screen};
use super::{App, Effect, IndexProgress};
use crate::store::Store;

impl App {
    /// Posts read in the background arrive: shown after those there are.
    pub(super) fn posts_arrived(&mut self, posts: Vec<crate::post::Post>) {
        self.store.extend(posts);
        self.marks.index(&self.store);
        self.index.total = self.store.posts().len();
        self.refilter();
    }

    /// The complete load through the index: its posts, in order, replace
    /// those shown; the selected post and the open article stay, on the
    /// row they were on. A list still on its first row stays on the first
    /// row (the newest post once sorted): nothing was chosen there.
    pub(super) fn take_loaded(&mut self, load: crate::loader::Load) -> Vec<Effect> {
        let at_top = self.list.selected == 0 && self.screen.article().is_none();
        let row = self.list.selected.saturating_sub(self.list.top);
        let path = |app: &App| {
            app.selected_post()
                .map(|i| app.store.posts()[i].path.clone())
        };
        let selected = path(self);
        let earlier_note = self.problems_note();
        // Posts read in batches and the load's are other readings: no
        // lines are kept.
        self.rearrange(|_| true, !at_top, |store| store.replace(load));
        if !at_top && selected.is_some() && path(self) == selected {
            self.list.top = self.list.selected.saturating_sub(row);
            let rows = self.list_rows();
            self.list.keep_in_view(rows);
        }
        // A note shown already (the marks database set aside) stays until
        // a key, as at a start without the index.
        if self.message.is_none() || self.message == earlier_note {
            self.message = self.problems_note();
        }
        self.sync_article().into_iter().collect()
    }

    /// Bodies in the persistent index so far: search sees them.
    pub(super) fn bodies_indexed(&mut self, done: usize, total: usize) {
        self.index = IndexProgress {
            indexed: done.min(total),
            total,
        };
        if let Some(searcher) = self.store.searcher_mut() {
            let _ = searcher.refresh();
        }
        if !self.filters.query().is_empty() {
            self.refilter();
        }
    }

    /// Posts whose bodies are searchable.
    pub(super) fn count_indexed(&self) -> usize {
        let store = &self.store;
        store
            .posts()
            .iter()
            .filter(|p| store.body_searchable(p))
            .count()
    }

    /// Search text from the background index.
    pub(super) fn take_index(
        &mut self,
        texts: Vec<(PathBuf, crate::search::SearchText)>,
        done: bool,
    ) {
        // A few texts (a reload's) are found by a scan; many by a map.
        let few = texts.len() < 16;
        if !few && self.by_path.len() != self.store.posts().len() {
            self.by_path = self
                .store
                .posts()
                .iter()
                .enumerate()
                .map(|(i, p)| (p.path.clone(), i))
                .collect();
        }
        for (path, text) in texts {
            let found = if few {
                self.store.posts().iter().position(|p| p.path == path)
            } else {
                self.by_path.get(&path).copied()
            };
            let Some(i) = found else {
                continue;
            };
            let had = self.store.posts()[i].search.as_ref();
            if text.is_partial() {
                // Front matter only: for posts that have nothing better yet.
                if had.is_none() {
                    self.store.set_search_text(i, text);
                }
                continue;
            }
            if had.is_none_or(|s| s.is_partial()) {
                self.index.indexed += 1;
            }
            self.store.set_search_text(i, text);
        }
        if done {
            // Jobs may overlap (a reload starts one): count what is there.
            self.index.indexed = self.count_indexed();
        }
        self.index.indexed = self.index.indexed.min(self.index.total);
        if !self.filters.query().is_empty() {
            self.refilter();
        }
    }

    /// Posts read again: the new store, with the selection, the open
    /// article and the marks kept on their files.
    pub(super) fn take_reload(&mut self, reloaded: &crate::reload::Reloaded) -> Vec<Effect> {
        let problem_at = match &self.popup {
            Some(Popup::Problems { cursor }) => self.problems().nth(*cursor).cloned(),
            _ => None,
        };
        // An include or a picture changed: the article is rendered again.
        let change = self.rearrange(
            |path| reloaded.others || reloaded.reread.iter().any(|p| p == path),
            true,
            |store| store.merge(reloaded),
        );
        // Problems found later in files read again were found in what was
        // there before.
        self.later_problems
            .retain(|p| !reloaded.reread.contains(&p.path) && !reloaded.removed.contains(&p.path));
        // The cursor stays on its problem, or where it was when it is gone.
        let problems = self.problems().count();
        let same = problem_at.and_then(|at| self.problems().position(|p| *p == at));
        if let Some(Popup::Problems { cursor }) = &mut self.popup {
            *cursor = same.unwrap_or(*cursor).min(problems.saturating_sub(1));
        }
        if change.added + change.changed + change.removed > 0
            || std::mem::take(&mut self.reload_asked)
        {
            self.message = Some(change.describe(self.lang));
        }
        let mut effects: Vec<Effect> = self.sync_article().into_iter().collect();
        let mut reindex = change.reread;
        if reloaded.others {
            // An include may have changed: the search texts of the posts
            // that take one in are made again.
            let including = self.store.posts().iter().filter(|p| p.includes_any());
            let more: Vec<_> = including
                .map(|p| p.path.clone())
                .filter(|p| !reindex.contains(p))
                .collect();
            reindex.extend(more);
        }
        if !reindex.is_empty() {
            effects.push(Effect::Index(reindex));
        }
        effects
    }

    /// The store's posts change under the reader (`change` does it): the
    /// selection (when `keep_selection`) stays on its post, the open
    /// article and the marks follow their posts to their new places; the
    /// article keeps its lines unless `stale` says its file was read again.
    pub(super) fn rearrange<T>(
        &mut self,
        stale: impl Fn(&std::path::Path) -> bool,
        keep_selection: bool,
        change: impl FnOnce(&mut Store) -> T,
    ) -> T {
        // By path: ids repeat across folders, paths do not.
        let selected = self
            .selected_post()
            .filter(|_| keep_selection)
            .map(|i| self.store.posts()[i].path.clone());
        let article = self.screen.article().map(|a| {
            let post = &self.store.posts()[a.post];
            // Unchanged, it keeps its lines until they are rendered again.
            let lines = (!stale(&post.path)).then(|| a.rendered.clone()).flatten();
            (post.path.clone(), a.scroll, lines)
        });
        let keys = self.screen.article().map(|_| self.screen.keys());
        let apart = self.linked_apart();
        self.awaiting = None;
        let changed = change(&mut self.store);
        self.generation += 1;
        // Post indices changed: a click before is no half of a double one.
        self.last_click = None;
        self.rendering.clear();
        self.by_path.clear();
        self.marks.index(&self.store);
        let keep = selected.and_then(|path| self.store.position_of(&path));
        let reopened = article.and_then(|(path, scroll, lines)| {
            Some((self.store.position_of(&path)?, scroll, lines))
        });
        // The article is opened again below, on its post's new index.
        self.screen = Screen::List;
        self.refilter_keeping(keep);
        if let (Some((post, scroll, rendered)), Some(keys)) = (reopened, keys) {
            // A search under way may not have reached it yet: it waits.
            let waits = !apart && self.is_refining() && !self.list.visible.contains(&post);
            if apart || waits || Some(post) == self.selected_post() {
                self.screen = Screen::Article {
                    keys,
                    article: Article {
                        scroll,
                        rendered,
                        ..Article::new(post)
                    },
                };
                // Apart, it joins the selection once its post is listed.
                if apart {
                    let rows = self.list_rows();
                    self.list.select_post(post, rows);
                }
                if waits {
                    self.awaiting = Some(post);
                }
            }
        }
        self.index.total = self.store.posts().len();
        self.index.indexed = self.count_indexed().min(self.index.total);
        changed
    }
}
