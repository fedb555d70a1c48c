//! The category picker: its rows (filtered as the search matches), the
//! choice being made, and applying it.

use super::screen::Popup;
use super::{App, SearchBox};

pub(super) fn toggle_category(app: &mut App) {
    let shown = shown_categories(app);
    let name = match &app.popup {
        Some(Popup::Categories { cursor, .. }) => shown
            .get(*cursor)
            .map(|&i| app.store.categories()[i].name.clone()),
        _ => None,
    };
    if let (Some(Popup::Categories { chosen, .. }), Some(name)) = (&mut app.popup, name) {
        match chosen.iter().position(|c| *c == name) {
            Some(i) => {
                chosen.remove(i);
            }
            None => chosen.push(name),
        }
    }
}

/// The categories the picker shows, as indices into the store's: those
/// its filter matches, as the search matches (초성, spacing, case).
pub(crate) fn shown_categories(app: &App) -> Vec<usize> {
    let all = app.store.categories();
    let query = match &app.popup {
        Some(Popup::Categories { filter, .. }) if !filter.input.is_empty() => {
            crate::search::Query::parse(&filter.input)
        }
        _ => return (0..all.len()).collect(),
    };
    (0..all.len())
        .filter(|&i| {
            let text = crate::search::SearchText::new(&all[i].name);
            query.matches_text(&text, &[], &[])
        })
        .collect()
}

/// Edit the picker's filter; the cursor goes back to the first row when
/// the categories shown change.
pub(super) fn edit_category_filter(app: &mut App, edit: impl FnOnce(&mut SearchBox)) {
    if let Some(Popup::Categories { cursor, filter, .. }) = &mut app.popup {
        let before = filter.input.clone();
        edit(filter);
        if filter.input != before {
            *cursor = 0;
        }
    }
}

pub(super) fn apply_categories(app: &mut App) {
    if let Some(Popup::Categories { chosen, .. }) = app.popup.take() {
        app.filters.categories = chosen;
        app.refilter();
    }
}
