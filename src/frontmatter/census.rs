//! What a YAML text holds, counted on the event stream of libyaml (the
//! parser serde_yaml is built on, so the counts are exactly serde_yaml's)
//! before serde_yaml builds anything: how deeply it nests, and how many
//! nodes its aliases replay, without replaying them (an anchored node's size
//! is recorded when it ends, and each alias adds that size). A few
//! kilobytes of nested aliases ("billion laughs") replay to billions of
//! nodes; serde_yaml's own limit counts jumps, not nodes, and lets
//! gigabytes through. Counting stops as soon as the text nests deeper than
//! asked: libyaml's scanner does work proportional to the nesting for every
//! token, so a deep text is refused in time linear in its length.

use std::collections::HashMap;
use std::mem::MaybeUninit;

/// What a YAML text's aliases add up to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Census {
    /// Nodes written in the text (scalars, sequences, mappings).
    pub own: u64,
    /// Nodes that aliases replay, nested aliases multiplied out
    /// (saturating at `u64::MAX`).
    pub replayed: u64,
    /// An alias names a node that contains it: replaying never ends.
    pub recursive: bool,
    /// Alias events (each `*name`).
    pub aliases: u64,
    /// The deepest nesting of collections seen (counting stopped once it
    /// went past the limit given to `census`).
    pub depth: usize,
}

/// Count `yaml`'s nodes, its nesting and what its aliases replay, stopping
/// once the nesting passes `max_depth`. A syntax error or an unknown alias
/// ends the count where it is, and only the first document counts:
/// serde_yaml builds no more than that either.
pub(super) fn census(yaml: &str, max_depth: usize) -> Census {
    let Some(mut parser) = Parser::new(yaml.as_bytes()) else {
        return Census::default();
    };
    let mut counter = Counter::default();
    while let Some(event) = parser.next() {
        if !counter.event(event) || counter.census.depth > max_depth {
            break;
        }
    }
    counter.finish()
}

/// The events that matter for counting.
enum Event {
    Scalar { anchor: Option<Vec<u8>> },
    CollectionStart { anchor: Option<Vec<u8>> },
    CollectionEnd,
    Alias { anchor: Vec<u8> },
    DocumentEnd,
    Other,
}

/// An anchored node (or the document itself, node 0): the nodes written
/// in it outside anchored nodes within it, and what else it holds.
#[derive(Default)]
struct Bound {
    own: u64,
    children: Vec<Child>,
}

enum Child {
    /// An anchored node written inside (by index).
    Node(usize),
    /// An alias inside, by anchor id.
    Alias(usize),
}

/// Counts as serde_yaml's loader binds: an anchor gets the id "number of
/// names bound so far", a name bound again takes a new id that a later name
/// may share, and an alias replays whichever node holds its id last in the
/// document (serde_yaml resolves ids only after loading it all).
struct Counter {
    census: Census,
    ids: HashMap<Vec<u8>, usize>,
    /// Anchor id -> the node that holds it last.
    holder: HashMap<usize, usize>,
    nodes: Vec<Bound>,
    /// For each open collection, the anchored node it counts into.
    open: Vec<usize>,
}

impl Default for Counter {
    fn default() -> Counter {
        Counter {
            census: Census::default(),
            ids: HashMap::new(),
            holder: HashMap::new(),
            nodes: vec![Bound::default()],
            open: Vec::new(),
        }
    }
}

impl Counter {
    /// Take one event; `false` when counting must stop.
    fn event(&mut self, event: Event) -> bool {
        match event {
            Event::Scalar { anchor } => {
                self.node(anchor);
            }
            Event::CollectionStart { anchor } => {
                let into = self.node(anchor);
                self.open.push(into);
                self.census.depth = self.census.depth.max(self.open.len());
            }
            Event::CollectionEnd => {
                self.open.pop();
            }
            Event::Alias { anchor } => {
                self.census.aliases += 1;
                let Some(&id) = self.ids.get(&anchor) else {
                    // serde_yaml stops at an unknown anchor.
                    return false;
                };
                let into = self.current();
                self.nodes[into].children.push(Child::Alias(id));
            }
            Event::DocumentEnd => return false,
            Event::Other => {}
        }
        true
    }

    /// The anchored node that new nodes count into.
    fn current(&self) -> usize {
        self.open.last().copied().unwrap_or(0)
    }

    /// A new node; returns the anchored node its contents count into.
    fn node(&mut self, anchor: Option<Vec<u8>>) -> usize {
        self.census.own += 1;
        let parent = self.current();
        let Some(name) = anchor else {
            self.nodes[parent].own += 1;
            return parent;
        };
        let id = self.ids.len();
        self.ids.insert(name, id);
        let index = self.nodes.len();
        self.nodes.push(Bound {
            own: 1,
            children: Vec::new(),
        });
        self.holder.insert(id, index);
        self.nodes[parent].children.push(Child::Node(index));
        index
    }

    /// The document's size with every alias replayed, computed without
    /// recursion (alias chains can be long); a cycle is recursion.
    fn finish(mut self) -> Census {
        let mut size: Vec<Option<u64>> = vec![None; self.nodes.len()];
        let mut on_stack = vec![false; self.nodes.len()];
        let mut stack = vec![0usize];
        while let Some(&n) = stack.last() {
            if size[n].is_some() {
                stack.pop();
                continue;
            }
            on_stack[n] = true;
            let mut total = self.nodes[n].own;
            let mut pending = None;
            for child in &self.nodes[n].children {
                let target = match *child {
                    Child::Node(i) => Some(i),
                    Child::Alias(id) => self.holder.get(&id).copied(),
                };
                let Some(t) = target else { continue };
                match size[t] {
                    Some(s) => total = total.saturating_add(s),
                    None if on_stack[t] => {
                        self.census.recursive = true;
                    }
                    None => {
                        pending = Some(t);
                        break;
                    }
                }
            }
            match pending {
                Some(t) => stack.push(t),
                None => {
                    size[n] = Some(total);
                    on_stack[n] = false;
                    stack.pop();
                }
            }
        }
        let whole = size[0].unwrap_or(0);
        self.census.replayed = whole.saturating_sub(self.census.own);
        self.census
    }
}

/// libyaml's parser over a borrowed input. It keeps a pointer to itself
/// (its read handler's data), so it lives in a box and never moves.
struct Parser<'input> {
    raw: Box<MaybeUninit<unsafe_libyaml::yaml_parser_t>>,
    done: bool,
    _input: std::marker::PhantomData<&'input [u8]>,
}

impl<'input> Parser<'input> {
    fn new(input: &'input [u8]) -> Option<Parser<'input>> {
        let mut raw = Box::new(MaybeUninit::<unsafe_libyaml::yaml_parser_t>::uninit());
        // SAFETY: as serde_yaml does it: the parser is initialised in place
        // before any other use, and `input` outlives it ('input).
        unsafe {
            let p = raw.as_mut_ptr();
            if unsafe_libyaml::yaml_parser_initialize(p).fail {
                return None;
            }
            unsafe_libyaml::yaml_parser_set_encoding(p, unsafe_libyaml::YAML_UTF8_ENCODING);
            unsafe_libyaml::yaml_parser_set_input_string(p, input.as_ptr(), input.len() as u64);
        }
        Some(Parser {
            raw,
            done: false,
            _input: std::marker::PhantomData,
        })
    }

    /// The next event, or `None` at the end of the stream or an error.
    fn next(&mut self) -> Option<Event> {
        if self.done {
            return None;
        }
        let mut event = MaybeUninit::<unsafe_libyaml::yaml_event_t>::uninit();
        // SAFETY: the parser is initialised; a successfully parsed event is
        // read for its type and anchor (NUL-terminated strings libyaml
        // owns), copied, and deleted exactly once.
        unsafe {
            let p = self.raw.as_mut_ptr();
            if unsafe_libyaml::yaml_parser_parse(p, event.as_mut_ptr()).fail {
                self.done = true;
                return None;
            }
            let e = event.as_mut_ptr();
            let out = match (*e).type_ {
                unsafe_libyaml::YAML_STREAM_END_EVENT => {
                    self.done = true;
                    Event::Other
                }
                unsafe_libyaml::YAML_DOCUMENT_END_EVENT => Event::DocumentEnd,
                unsafe_libyaml::YAML_SCALAR_EVENT => Event::Scalar {
                    anchor: c_string((*e).data.scalar.anchor),
                },
                unsafe_libyaml::YAML_SEQUENCE_START_EVENT => Event::CollectionStart {
                    anchor: c_string((*e).data.sequence_start.anchor),
                },
                unsafe_libyaml::YAML_MAPPING_START_EVENT => Event::CollectionStart {
                    anchor: c_string((*e).data.mapping_start.anchor),
                },
                unsafe_libyaml::YAML_SEQUENCE_END_EVENT
                | unsafe_libyaml::YAML_MAPPING_END_EVENT => Event::CollectionEnd,
                unsafe_libyaml::YAML_ALIAS_EVENT => match c_string((*e).data.alias.anchor) {
                    Some(anchor) => Event::Alias { anchor },
                    None => Event::Other,
                },
                _ => Event::Other,
            };
            unsafe_libyaml::yaml_event_delete(e);
            Some(out)
        }
    }
}

impl Drop for Parser<'_> {
    fn drop(&mut self) {
        // SAFETY: initialised in `new` (a failed initialisation returns
        // before a Parser exists); deleted once.
        unsafe { unsafe_libyaml::yaml_parser_delete(self.raw.as_mut_ptr()) }
    }
}

/// A copy of a NUL-terminated string libyaml owns; `None` for null.
///
/// SAFETY: `ptr` is null or points to a NUL-terminated string.
unsafe fn c_string(ptr: *const u8) -> Option<Vec<u8>> {
    if ptr.is_null() {
        return None;
    }
    // SAFETY: see above.
    let c = unsafe { std::ffi::CStr::from_ptr(ptr.cast()) };
    Some(c.to_bytes().to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontmatter::alias_bomb;

    #[test]
    fn no_alias_nothing_replayed() {
        assert_eq!(census("title: 제목\ntags: [a, b]\n", 64).replayed, 0);
    }

    #[test]
    fn counts_what_serde_yaml_replays() {
        // a: 1 node; b: [*a, *a] replays 2; c: [*b, *b] replays 2 x 3.
        let c = census("a: &a x\nb: &b [*a, *a]\nc: [*b, *b]\n", 64);
        assert_eq!(c.replayed, 2 + 6);
        assert_eq!(c.own, 7, "the mapping, three keys, x and two sequences");
        assert!(!c.recursive);
    }

    #[test]
    fn a_billion_laughs_is_counted_not_expanded() {
        let yaml = alias_bomb(40);
        let c = census(&yaml, 64);
        assert!(c.replayed > 1 << 60, "{c:?}");
    }

    #[test]
    fn an_alias_inside_its_own_anchor_is_recursive() {
        assert!(census("a: &a [1, *a]\n", 64).recursive);
        // The name is bound to the new node when it starts.
        assert!(census("a: &a [1]\nb: &a [*a]\n", 64).recursive);
        assert!(!census("a: &a [1]\nb: &a [2]\nc: *a\n", 64).recursive);
        // ... but serde_yaml resolves the id at the end of the document,
        // and a third binding takes the id of the second.
        let yaml = "k0: &a 값\nk1: &a [*a]\nk2: &a 값\n";
        assert!(!census(yaml, 64).recursive);
        assert!(serde_yaml::from_str::<serde_yaml::Value>(yaml).is_ok());
    }

    #[test]
    fn a_name_bound_again_shares_its_id_with_the_next_name() {
        // serde_yaml replays `c` (three nodes... and its contents) for `*a`.
        let c = census(
            "a: &a x\nb: &b y\nd: &a z\ne: &c [1, 2, 3, 4]\nf: [*a, *a]\n",
            64,
        );
        assert_eq!(c.replayed, 10);
        let value: serde_yaml::Value =
            serde_yaml::from_str("a: &a x\nb: &b y\nd: &a z\ne: &c [1, 2, 3, 4]\nf: [*a, *a]\n")
                .unwrap();
        assert_eq!(value["f"][0], value["e"], "as counted");
    }

    #[test]
    fn depth_is_counted_and_counting_stops_past_the_limit() {
        assert_eq!(census("a:\n  b: [[1], {c: [2]}]\n", 64).depth, 5);
        let deep = format!("x: {}1{}\n", "[".repeat(60_000), "]".repeat(60_000));
        let start = std::time::Instant::now();
        assert_eq!(census(&deep, 64).depth, 65);
        assert!(start.elapsed().as_secs() < 2, "{:?}", start.elapsed());
    }

    #[test]
    fn syntax_errors_end_the_count() {
        let c = census("a: &a [1, 2]\nb: [*a\n", 64);
        assert!(c.replayed <= 3);
    }

    mod agreement {
        use super::*;
        use proptest::prelude::*;

        fn nodes(v: &serde_yaml::Value) -> u64 {
            use serde_yaml::Value;
            1 + match v {
                Value::Sequence(items) => items.iter().map(nodes).sum(),
                Value::Mapping(m) => m.iter().map(|(k, v)| nodes(k) + nodes(v)).sum(),
                Value::Tagged(t) => nodes(&t.value) - 1,
                _ => 0,
            }
        }

        /// Entries binding names from a small set (so names are bound
        /// again) to scalars and flow sequences of scalars and aliases.
        fn document() -> impl Strategy<Value = String> {
            let name = prop::sample::select(vec!["a", "b", "c", "가"]);
            let item = prop_oneof![
                Just("x".to_string()),
                Just("한글".to_string()),
                name.clone().prop_map(|n| format!("*{n}")),
                (name.clone(), name.clone()).prop_map(|(n, m)| format!("&{n} [y, *{m}]")),
                name.clone().prop_map(|n| format!("&{n} z")),
            ];
            let value = prop_oneof![
                Just("값".to_string()),
                prop::collection::vec(item, 0..4).prop_map(|v| format!("[{}]", v.join(", "))),
            ];
            let entry = (prop::option::of(name), value)
                .prop_map(|(n, v)| n.map_or_else(|| v.clone(), |n| format!("&{n} {v}")));
            prop::collection::vec(entry, 1..8).prop_map(|entries| {
                entries
                    .iter()
                    .enumerate()
                    .map(|(i, e)| format!("k{i}: {e}\n"))
                    .collect()
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(1000))]
            #[test]
            fn the_count_is_what_serde_yaml_builds(yaml in document()) {
                let c = census(&yaml, 64);
                if let Ok(value) = serde_yaml::from_str::<serde_yaml::Value>(&yaml) {
                    prop_assert!(!c.recursive, "{}", yaml);
                    if yaml.contains('*') {
                        prop_assert_eq!(nodes(&value), c.own + c.replayed, "{}", yaml);
                    }
                }
            }
        }
    }
}
