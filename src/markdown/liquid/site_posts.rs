//! A Jekyll site's posts as its Liquid sees them: `site.posts` (newest
//! first), and `site.tags` and `site.categories`, which group them by
//! name. A post's own series list (`{% for post in site.tags.시리즈 %}`)
//! and a site's include that lists related posts loop over them.

use super::context::Shared;
use super::value::Value;

/// One post as `site.posts` holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitePost {
    pub title: String,
    /// Its path on the site (`/2024/02/01/둘째.html`), as `post.url`
    /// gives it ("" when the site's permalink is not known).
    pub url: String,
    /// Its date as Liquid shows it ("" when it has none).
    pub date: String,
    pub categories: Vec<String>,
    pub tags: Vec<String>,
}

/// A site's posts, newest first, shared by every article of it.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct SitePosts(Shared<[SitePost]>);

impl SitePosts {
    /// `posts` as `site.posts` lists them: newest first (by `date`, whose
    /// text begins with the day and time, and so sorts as they do), the
    /// order given kept among posts of one date.
    pub fn new(mut posts: Vec<SitePost>) -> SitePosts {
        posts.sort_by(|a, b| b.date.cmp(&a.date));
        SitePosts(Shared::new(posts.into()))
    }

    fn posts(&self) -> &[SitePost] {
        self.0.get().unwrap_or_default()
    }

    /// `site.posts`, `site.tags` or `site.categories` (`None` for another
    /// key).
    pub(super) fn value(&self, key: &str) -> Option<Value> {
        match key {
            "posts" => Some(Value::List(self.posts().iter().map(post_value).collect())),
            "tags" => Some(self.grouped(|p| &p.tags)),
            "categories" => Some(self.grouped(|p| &p.categories)),
            _ => None,
        }
    }

    /// A map of each name to its posts, newest first (names in the order
    /// they are first met, as Jekyll's hash keeps them).
    fn grouped(&self, names: impl Fn(&SitePost) -> &Vec<String>) -> Value {
        let mut groups: Vec<(String, Vec<Value>)> = Vec::new();
        let mut place: std::collections::HashMap<&str, usize> = Default::default();
        for post in self.posts() {
            let value = post_value(post);
            for name in names(post) {
                let i = *place.entry(name).or_insert_with(|| {
                    groups.push((name.clone(), Vec::new()));
                    groups.len() - 1
                });
                groups[i].1.push(value.clone());
            }
        }
        let entries: Vec<(String, Value)> = groups
            .into_iter()
            .map(|(name, posts)| (name, Value::List(posts.into())))
            .collect();
        Value::Map(entries.into())
    }
}

/// A post's fields as a loop reads them (`post.title`, `post.url` …).
fn post_value(post: &SitePost) -> Value {
    let text = |s: &str| Value::Text(s.to_string());
    let list = |items: &[String]| Value::List(items.iter().map(|s| text(s)).collect());
    Value::Map(
        vec![
            ("title".to_string(), text(&post.title)),
            ("url".to_string(), text(&post.url)),
            ("id".to_string(), text(&post.url)),
            ("date".to_string(), text(&post.date)),
            ("categories".to_string(), list(&post.categories)),
            ("tags".to_string(), list(&post.tags)),
        ]
        .into(),
    )
}

impl std::fmt::Debug for SitePosts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SitePosts({})", self.posts().len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(title: &str, date: &str, tags: &[&str]) -> SitePost {
        SitePost {
            title: title.to_string(),
            url: format!("/{title}.html"),
            date: date.to_string(),
            categories: vec!["일기".to_string()],
            tags: tags.iter().map(|t| t.to_string()).collect(),
        }
    }

    #[test]
    fn newest_first_and_grouped_by_name() {
        let posts = SitePosts::new(vec![
            post("첫째", "2024-01-01", &["시리즈"]),
            post("셋째", "2024-03-01", &["시리즈", "여행"]),
            post("둘째", "2024-02-01T09:00:00+09:00", &[]),
        ]);
        let titles = |v: Value| -> Vec<String> {
            v.items()
                .iter()
                .map(|p| p.field("title").text().into_owned())
                .collect()
        };
        assert_eq!(
            titles(posts.value("posts").unwrap()),
            ["셋째", "둘째", "첫째"]
        );
        let tags = posts.value("tags").unwrap();
        assert_eq!(titles(tags.field("시리즈")), ["셋째", "첫째"]);
        assert_eq!(titles(tags.field("여행")), ["셋째"]);
        let categories = posts.value("categories").unwrap();
        assert_eq!(categories.field("일기").field("size").text(), "3");
        assert!(posts.value("pages").is_none());
        assert!(SitePosts::default().value("posts").unwrap().is_empty());
    }
}
