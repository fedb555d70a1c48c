//! Links, footnote references, images and rules: the elements that
//! become numbered or placed text.

use super::*;

/// How a link starts, by what it points to.
enum Anchor {
    Link(usize),
    NoteRef,
    Back,
    Plain,
}

impl Builder {
    /// Set up an `<a>` by what it points to; true for a numbered link.
    pub(super) fn open_anchor(&mut self, open: &mut Open, attrs: &[(String, String)]) -> bool {
        match self.anchor(attrs) {
            Anchor::Link(n) => {
                open.link = Some(n);
                return true;
            }
            Anchor::NoteRef => {
                open.note_ref = true;
                self.note_text = Some(String::new());
            }
            Anchor::Back => {
                open.skip = true;
                self.skipping += 1;
            }
            Anchor::Plain => {}
        }
        false
    }

    /// What a link is: a numbered address, a footnote mark, a footnote's
    /// way back (not shown), or a same-page anchor (text only).
    fn anchor(&mut self, attrs: &[(String, String)]) -> Anchor {
        let get = |key: &str| {
            attrs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
        };
        let class = get("class").unwrap_or("");
        let role = get("role").unwrap_or("");
        let href = get("href").map(crate::text::one_line).unwrap_or_default();
        if class.contains("backref")
            || class.contains("reversefootnote")
            || role == "doc-backlink"
            || get("data-footnote-backref").is_some()
            || href.starts_with("#fnref")
        {
            return Anchor::Back;
        }
        let in_sup = self.stack.last().is_some_and(|o| o.name == "sup");
        if let Some(target) = href.strip_prefix('#') {
            let is_note = in_sup
                || class.split_whitespace().any(|c| c.starts_with("footnote"))
                || role == "doc-noteref"
                || get("data-footnote-ref").is_some()
                || target.starts_with("fn");
            return if is_note {
                Anchor::NoteRef
            } else {
                Anchor::Plain
            };
        }
        if href.is_empty() {
            return Anchor::Plain;
        }
        Anchor::Link(self.link_number(href))
    }

    fn link_number(&mut self, href: String) -> usize {
        if let Some(n) = self.link_index.get(&href) {
            return *n;
        }
        self.out.links.push(href.clone());
        let n = self.out.links.len();
        self.link_index.insert(href, n);
        n
    }

    /// `<hr>`: a one-character paragraph that the line pass stretches to
    /// the width.
    pub(super) fn rule(&mut self) {
        if self.opts.blocks {
            self.separator();
        }
        let _ = write!(
            self.out.html,
            "<div{}>{}</div>",
            marker(Role::Rule),
            crate::render::lines::RULE_MARK
        );
    }

    /// `<img>`: rows held for the picture when it is a local image file
    /// and pictures are shown; else `[image: alt] address`, in the image
    /// role, with a note on the file when the address is local.
    pub(super) fn image(&mut self, attrs: &str) {
        let attrs = attributes(attrs);
        let get = |key: &str| {
            attrs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| crate::text::one_line(v))
                .unwrap_or_default()
        };
        let (alt, src) = (get("alt"), get("src"));
        let found = self
            .opts
            .pictures
            .as_ref()
            .map(|p| (p.locator.locate(&src), p.show, p.max_rows, p.lang));
        if let Some((found, ..)) = &found
            && let Some(problem) = crate::picture::Locator::problem(&src, found)
        {
            self.out.picture_problems.push(problem);
        }
        let note = match &found {
            Some((Found::File(_), .., lang)) => Some(Msg::PictureFilePresent.say(*lang)),
            Some((Found::Problem(why), .., lang)) => Some(why.say(*lang)),
            Some((Found::Missing, .., lang)) => Some(Msg::PictureNotFound.say(*lang)),
            Some((Found::Remote, .., lang)) => Some(Msg::PictureRemote.say(*lang)),
            _ => None,
        };
        let label = crate::render::picture_rows::label(&alt, self.opts.lang);
        if let Some((Found::File(file), true, max_rows, _)) = found
            && self.capture.is_none()
            && self.opts.blocks
        {
            self.lines += max_rows + 2;
            self.place(Block::Image(Picture {
                label,
                alt,
                address: src,
                file,
                max_rows,
            }));
            return;
        }
        let src = crate::text::shown_address(&src);
        let src = match note {
            Some(note) if !src.is_empty() => format!("{src} ({note})"),
            _ => src.into_owned(),
        };
        if let Some((c, _)) = self.capture.as_mut() {
            let style = SpanStyle::of(Flags::IMAGE);
            c.word(&label, style);
            if !src.is_empty() {
                c.text(" ", style);
                c.word(&src, style);
            }
            return;
        }
        let _ = write!(self.out.html, "<span{}>", marker(Role::Image));
        self.text(&escape(&label));
        if !src.is_empty() {
            self.text(" ");
            self.text(&escape(&src));
        }
        self.out.html.push_str("</span>");
    }
}
