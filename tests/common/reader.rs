//! The reader driven without a terminal, through the library's own effect
//! loop: actions applied one by one, each followed by the workers' answers,
//! and frames drawn on Ratatui's TestBackend.

use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sinmun::app::effects::{Effects, Outside, Setup};
use sinmun::app::{Action, App, update, view};
use sinmun::loader;
use sinmun::post::Keep;
use sinmun::store::Store;
use sinmun::theme::{ColorDepth, Theme};

pub struct Reader {
    pub app: App,
    pub effects: Effects,
}

impl Reader {
    /// The reader over the demo posts, at `w` x `h`.
    pub fn demo(w: u16, h: u16) -> Reader {
        Reader::demo_in(sinmun::i18n::Lang::En, w, h)
    }

    /// [`Reader::demo`], its interface in `lang`.
    pub fn demo_in(lang: sinmun::i18n::Lang, w: u16, h: u16) -> Reader {
        let load = loader::load_demo(Keep::ALL);
        let app = App::new(Store::new(load, false), theme(), true).with_lang(lang);
        // Articles are rendered in the interface's language, as the
        // runner sets it up.
        let effects = Effects::new(Setup {
            opener: sinmun::app::effects::Opener::off(),
            lang,
            ..Setup::default()
        });
        Reader::of(app, effects, w, h)
    }

    /// The reader over the posts of `folder`, read as `sinmun FOLDER` reads
    /// them (front matter first, bodies indexed in the background).
    pub fn folder(folder: &std::path::Path, w: u16, h: u16) -> Reader {
        Reader::folder_in(sinmun::i18n::Lang::En, folder, w, h)
    }

    /// [`Reader::folder`], its interface in `lang`.
    pub fn folder_in(lang: sinmun::i18n::Lang, folder: &std::path::Path, w: u16, h: u16) -> Reader {
        let load = loader::load(&[folder.to_path_buf()], Keep::default());
        let mut app = App::new(Store::new(load, false), theme(), false).with_lang(lang);
        app.folders = vec![folder.to_path_buf()];
        let effects = Effects::new(Setup {
            folders: app.folders.clone(),
            loaded_at: Some(std::time::SystemTime::now()),
            opener: sinmun::app::effects::Opener::off(),
            lang,
            ..Setup::default()
        });
        let mut reader = Reader::of(app, effects, w, h);
        reader.effects.start(&reader.app);
        reader.settle();
        reader
    }

    /// The reader over the posts of `folder` as `sinmun FOLDER` starts it
    /// with the persistent index at `index_file`: posts from the index,
    /// files checked and bodies indexed in the background, all settled.
    pub fn indexed(
        folder: &std::path::Path,
        index_file: &std::path::Path,
        w: u16,
        h: u16,
    ) -> Reader {
        let index = sinmun::index::Index::open(index_file).unwrap();
        let (store, start) =
            sinmun::app::effects::IndexStart::new(index, false, &[folder.to_path_buf()]);
        let mut app = App::new(store, theme(), false);
        app.folders = vec![folder.to_path_buf()];
        app.reading = Some((0, 0));
        let effects = Effects::new(Setup {
            folders: app.folders.clone(),
            loaded_at: Some(std::time::SystemTime::now()),
            opener: sinmun::app::effects::Opener::off(),
            index: Some(start),
            ..Setup::default()
        });
        let mut reader = Reader::of(app, effects, w, h);
        reader.effects.start(&reader.app);
        reader.settle();
        reader
    }

    pub fn of(app: App, effects: Effects, w: u16, h: u16) -> Reader {
        let mut reader = Reader { app, effects };
        reader.run([Action::Resize(w, h)]);
        reader
    }

    /// Apply each action and wait for what it set going; returns what
    /// would have gone to the terminal.
    pub fn run(&mut self, actions: impl IntoIterator<Item = Action>) -> Vec<Outside> {
        let mut outside = Vec::new();
        for action in actions {
            outside.extend(self.effects.apply(&mut self.app, action));
            outside.extend(self.settle());
        }
        outside
    }

    /// A moment of idle time, as the runner gives it between keys.
    pub fn idle(&mut self) -> Vec<Outside> {
        self.run([Action::Idle])
    }

    pub fn settle(&mut self) -> Vec<Outside> {
        self.effects.settle(&mut self.app, Duration::from_secs(20))
    }

    /// `e`: the editor's argv and the file it was given, as the runner
    /// gets them (panics when `e` starts no editor).
    pub fn edit(&mut self) -> (Vec<String>, std::path::PathBuf) {
        let outside = self.run([Action::Edit]);
        let [Outside::Edit { argv, path }] = &outside[..] else {
            panic!("no editor started: {outside:?}")
        };
        let argv = argv.iter().map(|a| a.to_string_lossy().into()).collect();
        (argv, path.clone())
    }

    /// The editor on `path` closed, as the runner says it: the file is read
    /// again, and everything that sets going is settled.
    pub fn editor_closed(&mut self, path: std::path::PathBuf) {
        let more = self.effects.edited(&mut self.app, path);
        assert!(more.is_empty(), "{more:?}");
        self.settle();
    }

    /// The effects `update` asks for, without carrying them out.
    pub fn effects_of(&mut self, action: Action) -> Vec<sinmun::app::Effect> {
        update(&mut self.app, action)
    }

    /// A key as the runner maps it, in the reader's context.
    pub fn key(&mut self, code: crossterm::event::KeyCode) -> Vec<Outside> {
        let event = crossterm::event::KeyEvent::new(code, crossterm::event::KeyModifiers::NONE);
        match sinmun::app::keys::action_for(&self.app.keymap, self.app.context(), event) {
            Some(action) => self.run([action]),
            None => Vec::new(),
        }
    }

    pub fn keys(&mut self, text: &str) -> Vec<Outside> {
        let mut outside = Vec::new();
        for c in text.chars() {
            outside.extend(self.key(crossterm::event::KeyCode::Char(c)));
        }
        outside
    }

    /// The frame as text, one line per row (a wide character once), for
    /// snapshots and for looking at.
    pub fn frame(&self) -> String {
        let mut text = self.rows().join("\n");
        text.push('\n');
        text
    }

    pub fn terminal(&self) -> Terminal<TestBackend> {
        let (w, h) = self.app.size;
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
        terminal.draw(|f| view::draw(&self.app, f)).expect("draw");
        terminal
    }

    /// The frame's text, one string per row, wide characters once.
    pub fn rows(&self) -> Vec<String> {
        let terminal = self.terminal();
        let buf = terminal.backend().buffer();
        (0..buf.area.height)
            .map(|y| {
                let mut row = String::new();
                let mut skip = 0;
                for x in 0..buf.area.width {
                    if skip > 0 {
                        skip -= 1;
                        continue;
                    }
                    let s = buf[(x, y)].symbol();
                    skip = sinmun::text::width(s).saturating_sub(1);
                    row.push_str(s);
                }
                row
            })
            .collect()
    }

    pub fn status(&self) -> String {
        self.rows().last().cloned().unwrap_or_default()
    }

    /// Whether the screen shows `text` on some row.
    pub fn shows(&self, text: &str) -> bool {
        self.rows().iter().any(|r| r.contains(text))
    }

    pub fn title(&self, post: usize) -> String {
        self.app.store.posts()[post].title.clone()
    }
}

pub fn theme() -> Theme {
    Theme::builtin("dark")
        .expect("the dark theme")
        .with_depth(ColorDepth::TrueColor)
}

pub fn typed(text: &str) -> Vec<Action> {
    text.chars().map(Action::SearchInput).collect()
}
