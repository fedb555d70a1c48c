//! Liquid, as Jekyll runs it over a post before the Markdown is read.
//!
//! This is a tolerant scanner, not a template engine. The `liquid` crate is
//! a full Shopify Liquid engine: it stops with an error on a tag it does not
//! know (`highlight`, `include`, `post_url` and every plugin tag are Jekyll
//! additions), on a block left open or on a filter it lacks, and it would
//! evaluate Liquid inside Markdown code, which posts that explain Liquid
//! rely on being shown as written. A reader must show every post whatever
//! it holds, so each tag is recognised on its own: the few that change what
//! a reader sees (`highlight`, `raw`, `include`, URL filters, `site.*`,
//! `page.*`, `assign`) are understood, every other tag shows nothing, and
//! anything that is not a well-formed tag stays text. A site's own
//! include, a theme's template rather than a post, is run further: its
//! conditions and `for` loops too (run.rs), over the lists and maps of
//! the post's front matter (value.rs).

mod blocks;
mod bundle;
mod conditions;
mod context;
mod dates;
mod embed;
mod expr;
mod filters;
mod finds;
mod hexo;
mod html;
mod include;
mod lists;
mod loops;
mod passes;
mod run;
mod shortcode;
mod site_include;
mod site_posts;
mod tags;
mod tistory;
mod value;

pub use bundle::{bundle_of, featured_picture, resource_address};
pub use context::{Dialect, Includes, LiquidContext, PostTitles};
pub(crate) use embed::title_html;
pub(crate) use hexo::tab_title;
pub use html::html;
pub(crate) use html::references as html_references;
pub(crate) use html::{push_code_block, push_escaped};
pub(crate) use passes::with_lines;
pub use site_include::include_file;
pub use site_posts::{SitePost, SitePosts};
use tags::strip_raw_markers;
use tags::{Tag, find_end, find_raw_end, output_at, tag_at};
use value::Value;

/// Code as the page shows it: `{% raw %}` tags taken out (Jekyll), and
/// `{{</* … */>}}` shown as the shortcode it writes out (Hugo).
pub(crate) fn code_as_written(code: &str) -> String {
    shortcode::show_commented(&strip_raw_markers(code)).into_owned()
}

/// What one tag or output stands for in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Item {
    /// Text shown in its place: an output, an include placeholder, a link.
    Text(String),
    /// `{% highlight LANG %}`: code, exactly as written.
    Highlight { lang: String, code: String },
    /// `{% raw %}`: its content, exactly as written.
    Raw(String),
    /// HTML that a Hugo shortcode stands for (a link, a figure).
    Html(String),
    /// A site's own include: the text Jekyll writes in its place (its
    /// Liquid run), to be read as the post's own.
    Include(String),
    /// A loop of the post's own text, run: the text Jekyll writes in its
    /// place, its lines as they come (Liquid runs before Markdown).
    Loop(String),
    /// A theme's table of contents (`{% include toc %}`).
    Toc,
    /// The start of a Hexo quote, by its number among the body's quotes:
    /// `<blockquote>`, or nothing when the body ends before the quote does
    /// (see [`Liquid::unclosed_quotes`]).
    QuoteOpen(usize),
    /// The end of a Hexo quote, by its number: its source and
    /// `</blockquote>`.
    QuoteClose(usize, String),
    /// Nothing is shown: control flow, `assign`, `comment`, `capture`, and
    /// any tag not known.
    Nothing,
}

/// A tag or output found at a position: where it ends and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub end: usize,
    pub item: Item,
}

/// A pass of Liquid over one body: the context, and the variables its
/// `assign` and `capture` tags set, in order.
#[derive(Debug)]
pub(crate) struct Liquid<'c> {
    ctx: &'c LiquidContext,
    vars: Vec<(String, Value)>,
    /// The variables of the loops running, innermost last: each loop's
    /// own and its `forloop`.
    scopes: Vec<(String, Value)>,
    /// Blocks whose end tag was looked for from a position and not found:
    /// later searches from further on give up at once, so a post full of
    /// unclosed tags costs one scan per tag name, not one per tag.
    unclosed: Vec<(&'static str, usize)>,
    /// The same for Hugo's paired shortcodes.
    unclosed_shortcode: Vec<(&'static str, usize)>,
    /// Where shortcodes and Tistory's placeholders close.
    finds: finds::Finds,
    /// Hexo's quotes opened and not yet closed.
    quotes: hexo::OpenQuotes,
    /// NexT's `tabs` blocks open.
    tabs: usize,
    /// The parameters of the include this pass reads, for `include.KEY`.
    params: Vec<(String, Value)>,
    /// How many includes deep this pass is (0: the post's own text).
    depth: usize,
    /// What the passes over a post and its includes share.
    shared: std::rc::Rc<site_include::Shared>,
    /// The text read is what Liquid wrote (a loop of the post's own):
    /// its outputs and tags are not run again.
    pub(crate) ran: bool,
    /// The blocks of the post's own text (where it starts and its
    /// length), found when its first loop is met.
    body_blocks: Option<(usize, usize, std::rc::Rc<blocks::Blocks>)>,
}

impl<'c> Liquid<'c> {
    /// Which goldmark attribute lists the post's Markdown reads.
    pub(crate) fn attributes(&self) -> crate::markdown::goldmark::Attributes {
        self.ctx.attributes
    }

    pub(crate) fn new(ctx: &'c LiquidContext) -> Liquid<'c> {
        Liquid {
            ctx,
            vars: Vec::new(),
            scopes: Vec::new(),
            unclosed: Vec::new(),
            unclosed_shortcode: Vec::new(),
            finds: finds::Finds::default(),
            quotes: hexo::OpenQuotes::default(),
            tabs: 0,
            params: Vec::new(),
            depth: 0,
            shared: std::rc::Rc::default(),
            body_blocks: None,
            ran: false,
        }
    }

    /// A `for` block of the post's own text at `start`, run; `None` when
    /// it is not closed. What it writes is not run again (Jekyll runs a
    /// post's Liquid once): a title holding Liquid shows as written.
    fn body_loop(&mut self, src: &str, start: usize) -> Option<Found> {
        let key = (src.as_ptr() as usize, src.len());
        let blocks = match &self.body_blocks {
            Some((at, len, blocks)) if (*at, *len) == key => std::rc::Rc::clone(blocks),
            _ => {
                let blocks = std::rc::Rc::new(blocks::Blocks::of(src));
                self.body_blocks = Some((key.0, key.1, std::rc::Rc::clone(&blocks)));
                blocks
            }
        };
        let Some(blocks::Block::For(block)) = blocks.at(start, src.len()) else {
            return None;
        };
        let mut out = String::new();
        run::run(src, (start, block.end), &blocks, self, &mut out);
        Some(Found {
            end: block.end,
            item: Item::Loop(out),
        })
    }

    /// `assign NAME = EXPR`: the variable set.
    fn assign(&mut self, markup: &str) {
        if let Some((name, expr)) = markup.split_once('=') {
            let value = self.eval_value(expr);
            self.set(name.trim(), value);
        }
    }

    /// Set the variable `name`: in its place, so that one assigned in a
    /// loop is held once.
    fn set(&mut self, name: &str, value: Value) {
        match self.vars.iter_mut().find(|(k, _)| k == name) {
            Some(slot) => slot.1 = value,
            None => self.vars.push((name.to_string(), value)),
        }
    }

    /// The tag (`{%`), output (`{{`), Hugo shortcode (`{{<`) or Tistory
    /// placeholder (`[##_`) that starts at `start`, if one does.
    pub(crate) fn at(&mut self, src: &str, start: usize) -> Option<Found> {
        let rest = &src.as_bytes()[start..];
        if rest.starts_with(b"[##_") {
            return tistory::at(src, start, &mut self.finds);
        }
        if rest.starts_with(b"{{<") || rest.starts_with(b"{{%") {
            let state = (&mut self.unclosed_shortcode, &mut self.finds);
            return shortcode::at(src, start, self.ctx, state);
        }
        if self.ctx.liquid_shown {
            return None;
        }
        if rest.starts_with(b"{{") && !self.ran {
            let (end, expr) = output_at(src, start)?;
            let item = Item::Text(self.eval(expr));
            return Some(Found { end, item });
        }
        let tag = tag_at(src, start)?;
        // In what Liquid wrote, only the blocks it left for the post's
        // pass (code) are read.
        let left = matches!(tag.name, "raw" | "highlight" | "codeblock" | "code");
        if self.ran && !left {
            return None;
        }
        let item = match tag.name {
            "highlight" | "codeblock" | "code" => {
                let Some(close) = self.end_of(src, &tag) else {
                    return Some(Found {
                        end: tag.end,
                        item: Item::Nothing,
                    });
                };
                let code = code_as_written(&src[tag.end..close.start]);
                let code = code
                    .trim_start_matches(['\n', '\r'])
                    .trim_end_matches(['\n', '\r']);
                let lang = if tag.name != "highlight" {
                    tag.markup
                        .split_whitespace()
                        .find_map(|w| w.strip_prefix("lang:"))
                        .unwrap_or("")
                } else {
                    tag.markup.split_whitespace().next().unwrap_or("")
                };
                // Hexo's caption: a title, and a link to the code's source.
                let caption = (tag.name != "highlight")
                    .then(|| hexo::code_caption(tag.markup))
                    .flatten();
                if let Some(mut html) = caption {
                    push_code_block(&mut html, &clean_lang(lang), code);
                    return Some(Found {
                        end: close.end,
                        item: Item::Html(html),
                    });
                }
                return Some(Found {
                    end: close.end,
                    item: Item::Highlight {
                        lang: clean_lang(lang),
                        code: code.to_string(),
                    },
                });
            }
            "raw" => {
                let Some(close) = self.end_of(src, &tag) else {
                    return Some(Found {
                        end: tag.end,
                        item: Item::Nothing,
                    });
                };
                return Some(Found {
                    end: close.end,
                    item: Item::Raw(src[tag.end..close.start].to_string()),
                });
            }
            "comment" | "capture" => {
                let Some(close) = self.end_of(src, &tag) else {
                    return Some(Found {
                        end: tag.end,
                        item: Item::Nothing,
                    });
                };
                if tag.name == "capture"
                    && let Some(name) = tag.markup.split_whitespace().next()
                {
                    let body = src[tag.end..close.start].trim().to_string();
                    self.set(name, Value::Text(body));
                }
                return Some(Found {
                    end: close.end,
                    item: Item::Nothing,
                });
            }
            "include" | "include_relative" | "include_cached" => {
                let relative = tag.name == "include_relative";
                include::include(self, src, (start, tag.end), (tag.markup, relative))
            }
            "assign" => {
                self.assign(tag.markup);
                Item::Nothing
            }
            "for" => match self.body_loop(src, start) {
                Some(found) => return Some(found),
                None => Item::Nothing,
            },
            "post_url" => {
                let name = tag.markup.trim();
                self.refer(start, crate::references::RefKind::PostUrl, name);
                Item::Text(name.to_string())
            }
            _ => match hexo::tag(self, src, &tag) {
                Some(item) => item,
                None if tag.name == "link" => Item::Text(self.ctx.relative_url(tag.markup.trim())),
                None => Item::Nothing,
            },
        };
        Some(Found { end: tag.end, item })
    }

    /// Whether a NexT `tabs` block is open: its tabs' titles show.
    pub(crate) fn in_tabs(&self) -> bool {
        self.tabs > 0
    }

    /// The numbers of the quotes ([`Item::QuoteOpen`]) never closed: what
    /// they stand for is nothing, so that one left open does not take in
    /// the rest of the post.
    pub(crate) fn unclosed_quotes(&self) -> std::collections::HashSet<usize> {
        self.quotes.unclosed().collect()
    }

    /// The end tag of the block `open` starts, unless a search for one
    /// from before it already failed.
    fn end_of<'s>(&mut self, src: &'s str, open: &Tag<'_>) -> Option<Tag<'s>> {
        let name: &'static str = match open.name {
            "highlight" => "highlight",
            "codeblock" => "codeblock",
            "code" => "code",
            "raw" => "raw",
            "comment" => "comment",
            _ => "capture",
        };
        if self
            .unclosed
            .iter()
            .any(|&(n, from)| n == name && from <= open.end)
        {
            return None;
        }
        let found = if name == "raw" {
            find_raw_end(src, open.end)
        } else {
            find_end(src, open.end, name)
        };
        if found.is_none() {
            self.unclosed.push((name, open.end));
        }
        found
    }
}

/// A language name safe to put in a class attribute.
fn clean_lang(lang: &str) -> String {
    lang.chars()
        .filter(|c| c.is_ascii_alphanumeric() || "+-_.#".contains(*c))
        .take(32)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> LiquidContext {
        LiquidContext {
            site_url: "https://blog.example.kr/".into(),
            baseurl: "/blog".into(),
            site: vec![("title".into(), "기술 블로그".into())],
            page: vec![("title".into(), "임베딩 입문".into())],
            ..LiquidContext::default()
        }
    }

    fn eval(src: &str) -> Option<Item> {
        Liquid::new(&ctx()).at(src, 0).map(|f| f.item)
    }

    #[test]
    fn url_filters_and_site_values() {
        let t = |s: &str| Item::Text(s.to_string());
        assert_eq!(
            eval(r#"{{ "/assets/a.png" | relative_url }}"#),
            Some(t("/blog/assets/a.png"))
        );
        assert_eq!(
            eval(r#"{{ '/assets/a.png' | absolute_url }}"#),
            Some(t("https://blog.example.kr/blog/assets/a.png"))
        );
        assert_eq!(eval("{{ site.baseurl }}"), Some(t("/blog")));
        assert_eq!(eval("{{site.url}}"), Some(t("https://blog.example.kr/")));
        assert_eq!(eval("{{ page.title }}"), Some(t("임베딩 입문")));
        assert_eq!(
            eval("{{ site.title | append: ' 글' }}"),
            Some(t("기술 블로그 글"))
        );
        assert_eq!(
            eval("{{ page.nothing | default: \"없음\" }}"),
            Some(t("없음"))
        );
        assert_eq!(eval("{{ post.url }}"), Some(t("")));
        assert_eq!(
            eval(r#"{{ "https://cdn.example.com/x.png" | relative_url }}"#),
            Some(t("https://cdn.example.com/x.png"))
        );
    }

    #[test]
    fn defaults_resolve_to_empty_paths() {
        let d = LiquidContext::default();
        let mut l = Liquid::new(&d);
        let found = l.at(r#"{{ "/img/x.png" | absolute_url }}"#, 0).unwrap();
        assert_eq!(found.item, Item::Text("/img/x.png".into()));
        assert_eq!(
            l.at("{{ site.baseurl }}", 0).unwrap().item,
            Item::Text("".into())
        );
    }

    #[test]
    fn highlight_keeps_code_exactly() {
        let src = "{% highlight python linenos %}\n\ndef f():\n    #  주석   두 칸\n    return {{ x }}\n\n{% endhighlight %} 뒤";
        let found = Liquid::new(&ctx()).at(src, 0).unwrap();
        assert_eq!(
            found.item,
            Item::Highlight {
                lang: "python".into(),
                code: "def f():\n    #  주석   두 칸\n    return {{ x }}".into()
            }
        );
        assert_eq!(&src[found.end..], " 뒤");
    }

    #[test]
    fn raw_inside_highlight_is_skipped_when_looking_for_its_end() {
        let src =
            "{% highlight liquid %}{% raw %}{% endhighlight %}{% endraw %}\n{% endhighlight %}";
        let found = Liquid::new(&ctx()).at(src, 0).unwrap();
        assert_eq!(
            found.item,
            Item::Highlight {
                lang: "liquid".into(),
                code: "{% endhighlight %}".into()
            }
        );
        assert_eq!(found.end, src.len());
    }

    #[test]
    fn tags_show_nothing_or_a_placeholder() {
        assert_eq!(eval("{% if page.x %}"), Some(Item::Nothing));
        assert_eq!(eval("{%- endfor -%}"), Some(Item::Nothing));
        assert_eq!(
            eval("{% include image.html url=\"/a.png\" %}"),
            Some(Item::Text("[include: image.html]".into()))
        );
        assert_eq!(
            eval("{% include embed/youtube.html id='wsYWGh9KqJA' %}"),
            Some(Item::Html(
                "<p><a href=\"https://www.youtube.com/watch?v=wsYWGh9KqJA\">\
                 https://www.youtube.com/watch?v=wsYWGh9KqJA</a></p>"
                    .into()
            ))
        );
        assert_eq!(
            eval("{% include embed/video.html src='/assets/시연.mp4' %}"),
            Some(Item::Html(
                "<p><a href=\"/assets/시연.mp4\">/assets/시연.mp4</a></p>".into()
            ))
        );
        assert_eq!(
            eval("{% include embed/youtube.html %}"),
            Some(Item::Text("[include: embed/youtube.html]".into()))
        );
        assert_eq!(
            eval("{% comment %} 숨김 {% endcomment %}"),
            Some(Item::Nothing)
        );
        assert_eq!(eval("{% 한글 %}"), None);
        assert_eq!(eval("{% if"), None);
        assert_eq!(eval("{{ a\n}}"), None);
    }

    #[test]
    fn assign_sets_a_variable() {
        let c = ctx();
        let mut l = Liquid::new(&c);
        l.at("{% assign img = \"/assets/x\" | relative_url %}", 0);
        assert_eq!(
            l.at("{{ img }}", 0).unwrap().item,
            Item::Text("/blog/assets/x".into())
        );
    }
}
