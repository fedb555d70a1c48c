//! The interface's words, in English and in Korean: one catalog. Every
//! message is written in both languages side by side; `{name}` stands for
//! a value filled in by [`Msg::fill`]. The language is Korean under a Korean
//! locale (`LC_ALL`, `LC_MESSAGES`, `LANG`) or with `language: ko` in the
//! config; `language: en` forces English.

use std::fmt::Display;

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Ko,
}

impl Lang {
    /// The config's choice, else the locale's.
    pub fn detect(config: Option<Lang>) -> Lang {
        config.unwrap_or_else(|| {
            let var = |name| std::env::var(name).ok();
            Lang::of_locale(var("LC_ALL"), var("LC_MESSAGES"), var("LANG"))
        })
    }

    /// The language of a locale given as `LC_ALL`, `LC_MESSAGES` and
    /// `LANG` (the first one set and not empty decides, as in POSIX).
    pub fn of_locale(
        lc_all: Option<String>,
        lc_messages: Option<String>,
        lang: Option<String>,
    ) -> Lang {
        let locale = [lc_all, lc_messages, lang]
            .into_iter()
            .flatten()
            .find(|v| !v.is_empty())
            .unwrap_or_default();
        if locale.starts_with("ko") {
            Lang::Ko
        } else {
            Lang::En
        }
    }
}

macro_rules! catalog {
    ($($id:ident: $en:literal, $ko:literal;)*) => {
        /// A message of the interface.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Msg { $($id,)* }

        impl Msg {
            pub const ALL: &'static [Msg] = &[$(Msg::$id,)*];

            /// The message in `lang`, its `{name}`s not filled in.
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Msg::$id, Lang::En) => $en, (Msg::$id, Lang::Ko) => $ko,)*
                }
            }
        }
    };
}

impl Msg {
    /// The message in `lang` with each `{name}` replaced by its value.
    pub fn fill(self, lang: Lang, values: &[(&str, &dyn Display)]) -> String {
        let mut text = self.text(lang).to_string();
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), &value.to_string());
        }
        text
    }

    /// The message in `lang`, as an owned string (no values).
    pub fn say(self, lang: Lang) -> String {
        self.text(lang).to_string()
    }
}

catalog! {
    // The key table's help.
    HelpDown: "move down in the list, scroll the article or a popup", "목록에서 아래로, 기사나 창은 아래로 스크롤";
    HelpUp: "move up, scroll up", "위로 옮기기, 위로 스크롤";
    HelpPageDown: "page down", "한 쪽 아래로";
    HelpPageUp: "page up", "한 쪽 위로";
    HelpHalfPageDown: "half a page down", "반 쪽 아래로";
    HelpHalfPageUp: "half a page up", "반 쪽 위로";
    HelpTop: "to the top", "맨 위로";
    HelpBottom: "to the bottom", "맨 아래로";
    HelpOpen: "open the selected article (in the links: the link)", "고른 기사 열기 (링크 창에서는 링크 열기)";
    HelpBack: "back to the list; in the list, clear the search, then the filters", "목록으로; 목록에서는 검색을, 그다음 필터를 지우기";
    HelpSwitchPane: "switch between the list and the open article", "목록과 열린 기사 사이를 오가기";
    HelpNextArticle: "next article", "다음 기사";
    HelpPrevArticle: "previous article", "이전 기사";
    HelpSearch: "search, live as you type (ㅈㅈㅎㄱ finds 제주항공; #name a category or tag)", "검색, 치는 대로 바로 (ㅈㅈㅎㄱ로 제주항공을 찾음; #이름은 분류나 태그)";
    HelpNextMatch: "the next line that matches the search", "검색어가 있는 다음 줄";
    HelpPrevMatch: "the previous line that matches the search", "검색어가 있는 이전 줄";
    HelpCategories: "the category picker", "분류 고르기";
    HelpLinks: "the article's numbered links", "기사의 번호 붙은 링크";
    HelpOpenLink: "open link 1-9 (0: link 10)", "링크 1-9 열기 (0은 10번)";
    HelpCopyLink: "copy the selected link, or the post's address, to the clipboard", "고른 링크나 글 주소를 클립보드에 복사";
    HelpToggleRead: "mark read / unread", "읽음 / 안 읽음 표시";
    HelpToggleStar: "star / unstar", "별표 달기 / 떼기";
    HelpUnreadOnly: "only unread posts", "안 읽은 글만";
    HelpStarredOnly: "only starred posts", "별표 글만";
    HelpMarkAllRead: "mark every post in the list read", "목록의 글을 모두 읽음으로";
    HelpUndo: "undo the last mark-all-read", "마지막 모두 읽음 되돌리기";
    HelpSort: "sort by date, title or path", "날짜, 제목, 경로 순으로 정렬";
    HelpReload: "read the folders again (they are also watched)", "폴더 다시 읽기 (폴더는 늘 지켜봄)";
    HelpWiderList: "widen the list (side by side)", "목록 넓히기 (나란히 볼 때)";
    HelpNarrowerList: "narrow the list", "목록 좁히기";
    HelpToggleList: "hide or show the list beside the article", "기사 옆 목록 숨기기 / 보이기";
    HelpToggleMouse: "mouse on / off (off: the terminal selects text; or hold Shift)", "마우스 켜기 / 끄기 (끄면 터미널로 글자 선택; 또는 Shift를 누른 채)";
    HelpProblems: "problems found while loading", "읽으며 찾은 문제";
    HelpHelp: "this help", "이 도움말";
    HelpQuit: "quit (in the article: back to the list)", "끝내기 (기사에서는 목록으로)";
    HelpChoose: "choose or unchoose a category", "분류 고르기 / 빼기";
    HelpApply: "show the chosen categories", "고른 분류 보기";
    HelpAllCategories: "clear the choice (all categories)", "고른 것 지우기 (모든 분류)";
    HelpClose: "close (the picker: without applying)", "닫기 (분류 고르기는 적용하지 않고)";
    HelpSearchKeep: "keep the search", "검색 그대로 두기";
    HelpSearchCancel: "back to the search as it was", "원래 검색으로";
    HelpSearchErase: "erase a character", "한 글자 지우기";
    HelpSearchEraseWord: "erase a word", "한 낱말 지우기";
    HelpSearchLeft: "caret left", "커서 왼쪽";
    HelpSearchRight: "caret right", "커서 오른쪽";
    HelpSearchStart: "caret to the start", "커서 처음으로";
    HelpSearchEnd: "caret to the end", "커서 끝으로";
    HelpSearchDown: "move in the list while typing", "치면서 목록 아래로";
    HelpSearchUp: "move up in the list while typing", "치면서 목록 위로";
    HelpRedraw: "repaint the whole screen", "화면 전체 다시 그리기";
    HelpSuspend: "suspend (fg resumes)", "잠시 멈춤 (fg로 돌아옴)";
    HelpForceQuit: "quit from anywhere", "어디서나 끝내기";
    HelpMouse: "mouse: the wheel scrolls the pane under it; a click selects, a second click opens", "마우스: 휠은 그 아래 창을 스크롤, 누르면 고르고 한 번 더 누르면 열기";
    SectionMain: "list and article:", "목록과 기사:";
    SectionPopups: "popups:", "창:";
    SectionCategories: "category picker:", "분류 고르기:";
    SectionSearch: "search field:", "검색 칸:";
    // The status line's hints.
    HintOpen: "open", "열기";
    HintList: "list", "목록";
    HintNext: "next", "다음";
    HintPrev: "prev", "이전";
    HintSearch: "search", "검색";
    HintCategories: "categories", "분류";
    HintLinks: "links", "링크";
    HintCopy: "copy", "복사";
    HintHelp: "help", "도움말";
    HintQuit: "quit", "끝";
    HintChoose: "choose", "고르기";
    HintApply: "apply", "적용";
    HintAll: "all", "전체";
    HintClose: "close", "닫기";
    // Popups.
    TitleKeys: "keys", "키";
    TitleProblems: "problems ({n})", "문제 ({n})";
    TitleCategories: "categories · Space chooses · Enter applies", "분류 · Space 고르기 · Enter 적용";
    TitleLinks: "links · a digit or Enter opens · y copies", "링크 · 숫자나 Enter로 열기 · y 복사";
    NoProblems: "no problems found while loading", "읽으며 찾은 문제 없음";
    SkippedOne: "1 other file skipped (not a post)", "글이 아닌 파일 1개 건너뜀";
    Skipped: "{n} other files skipped (not posts)", "글이 아닌 파일 {n}개 건너뜀";
    NoCategories: "no categories", "분류 없음";
    CategoryUnread: "{n} unread", "안 읽음 {n}";
    // The status line.
    OfTotal: "of {n}", "전체 {n}";
    Unread: "{n} unread", "안 읽음 {n}";
    UnreadOf: "{shown}/{all} unread", "안 읽음 {shown}/{all}";
    UnreadOnly: "unread only", "안 읽은 글만";
    StarredOnly: "starred", "별표";
    SortedBy: "by {sort}", "{sort} 순";
    Indexing: "bodies {done}/{total}…", "본문 {done}/{total}…";
    Reading: "reading {done}/{total} {bar}", "읽는 중 {done}/{total} {bar}";
    ReadingStarts: "reading…", "읽는 중…";
    Searching: "searching…", "찾는 중…";
    SearchCount: "{shown} of {total}", "{total}개 중 {shown}개";
    SortDate: "date", "날짜";
    SortTitle: "title", "제목";
    SortPath: "path", "경로";
    // Messages.
    ProblemsAtStartOne: "1 problem found while loading: ! shows it", "읽으며 문제 1개를 찾음: !로 보기";
    ProblemsAtStart: "{n} problems found while loading: ! shows them", "읽으며 문제 {n}개를 찾음: !로 보기";
    NothingToReload: "nothing to reload: these are the built-in demo posts", "다시 읽을 폴더가 없음: 내장된 예시 글";
    Reloading: "reloading…", "다시 읽는 중…";
    NoSearchToFind: "no search to find: / searches", "찾을 검색어가 없음: /로 검색";
    NoMoreBelow: "no more matches below", "아래에는 더 없음";
    NoMoreAbove: "no more matches above", "위에는 더 없음";
    NoLink: "no link [{n}]", "링크 [{n}] 없음";
    NotOpened: "not opened (only http, https and mailto): {address}", "열지 않음 (http, https, mailto만 엶): {address}";
    Opening: "opening {address}", "여는 중: {address}";
    Copied: "copied {address}", "복사함: {address}";
    NoAddress: "this post names no address of its own: o lists its links", "이 글에는 자기 주소가 없음: o로 링크 보기";
    NothingUnread: "nothing unread here", "여기에 안 읽은 글 없음";
    MarkedReadOne: "1 post marked read · U undoes", "1개를 읽음으로 · U로 되돌리기";
    MarkedRead: "{n} posts marked read · U undoes", "{n}개를 읽음으로 · U로 되돌리기";
    UnreadAgain: "{n} posts unread again", "{n}개를 다시 안 읽음으로";
    NothingToUndo: "nothing to undo", "되돌릴 것 없음";
    SortedByMessage: "sorted by {sort}", "{sort} 순으로 정렬";
    ListHides: "the list hides while an article is open", "기사가 열려 있을 때 목록을 숨김";
    NoLinks: "no links in this article", "이 기사에는 링크가 없음";
    MouseOn: "mouse on", "마우스 켬";
    MouseOff: "mouse off: the terminal selects text (m turns it on)", "마우스 끔: 터미널로 글자 선택 (m으로 켜기)";
    LastArticle: "this is the last article", "마지막 기사";
    FirstArticle: "this is the first article", "첫 기사";
    HangulKey: "한/영 키로 영문 입력으로 바꾸세요 (the Hangul input mode is on)", "한/영 키로 영문 입력으로 바꾸세요";
    CannotReadPost: "cannot read this post: {why}", "이 글을 읽을 수 없음: {why}";
    Loading: "loading…", "읽는 중…";
    EnterOpens: "Enter opens the article", "Enter로 기사 열기";
    InTheText: "in the text: ", "본문: ";
    NoPostsMatch: "no posts match; Esc clears the filter", "맞는 글 없음; Esc로 필터 지우기";
    NoPosts: "no posts", "글 없음";
    NoPostsIn: "no posts in {folders}", "{folders}에 글 없음";
    PostKinds: " (posts are .html, .htm, .md, .markdown and .txt files)", " (글은 .html, .htm, .md, .markdown, .txt 파일)";
    OtherSkippedOne: "; 1 other file skipped", "; 다른 파일 1개 건너뜀";
    OtherSkipped: "; {n} other files skipped", "; 다른 파일 {n}개 건너뜀";
    ProblemsShown: "; {n} problems: ! shows them", "; 문제 {n}개: !로 보기";
    NewPostOne: "1 new post", "새 글 1개";
    NewPosts: "{n} new posts", "새 글 {n}개";
    ChangedPosts: "{n} changed", "{n}개 바뀜";
    RemovedPosts: "{n} removed", "{n}개 사라짐";
    NoNewPosts: "no new posts", "새 글 없음";
    // Effects.
    CannotOpenWithBrowser: "cannot open the link with $BROWSER ({tried}): {error}", "$BROWSER({tried})로 링크를 열 수 없음: {error}";
    CannotOpenTried: "cannot open the link: tried {tried} ({error}); set $BROWSER to a browser, e.g. BROWSER=w3m", "링크를 열 수 없음: {tried}를 해 봄 ({error}); $BROWSER에 브라우저를 정하세요 (예: BROWSER=w3m)";
    CannotRun: "cannot run {program}: {error}; set $BROWSER to a browser", "{program}을(를) 실행할 수 없음: {error}; $BROWSER에 브라우저를 정하세요";
    RenderingStopped: "the rendering thread stopped", "기사를 그리는 스레드가 멈춤";
    NotWatching: "not watching {folder}: {error}", "{folder}를 지켜볼 수 없음: {error}";
    NotWatchingFolders: "not watching the folders: {error}", "폴더를 지켜볼 수 없음: {error}";
    CannotSaveMarks: "cannot save marks: {error}", "표시를 저장할 수 없음: {error}";
    MarksNotSaved: "marks are not saved: {error}", "표시를 저장하지 않음: {error}";
    // The command line.
    NoSuchPath: "{path}: no such file or folder", "{path}: 그런 파일이나 폴더가 없음";
    NotATerminal: "the reader needs a terminal; for scripts use --list, --dump or --check", "읽기 화면에는 터미널이 필요함; 스크립트에서는 --list, --dump, --check를 쓰세요";
    TerminalError: "terminal error: {error}", "터미널 오류: {error}";
    CannotWriteOutput: "cannot write output: {error}", "출력을 쓸 수 없음: {error}";
    SeeHelp: "{error}; see 'sinmun --help'", "{error}; 'sinmun --help'를 보세요";
    Checked: "checked {n} posts: {summary}", "글 {n}개를 확인함: {summary}";
    NoteOne: ", 1 note", ", 참고 1개";
    Notes: ", {n} notes", ", 참고 {n}개";
    SpecialNotReadOne: ", 1 special file not read", ", 특수 파일 1개는 읽지 않음";
    SpecialNotRead: ", {n} special files not read", ", 특수 파일 {n}개는 읽지 않음";
    NoProblemsCount: "no problems", "문제 없음";
    OneProblem: "1 problem", "문제 1개";
    ProblemsCount: "{n} problems", "문제 {n}개";
    CheckSkipped: ", {n} other files skipped", ", 다른 파일 {n}개 건너뜀";
    UserTheme: " (user)", " (사용자)";
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `{name}`s a message takes.
    fn holes(text: &str) -> Vec<&str> {
        let mut names: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        names.sort_unstable();
        names
    }

    /// Every message exists in both languages, takes the same values in
    /// both, and the Korean one is Korean.
    #[test]
    fn every_message_is_in_both_languages() {
        for &m in Msg::ALL {
            let (en, ko) = (m.text(Lang::En), m.text(Lang::Ko));
            assert!(!en.trim().is_empty() && !ko.trim().is_empty(), "{m:?}");
            assert_eq!(holes(en), holes(ko), "{m:?} takes other values in Korean");
            let korean = ko.chars().any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c));
            assert!(korean, "{m:?} has no Korean: {ko:?}");
            assert!(
                !en.chars().any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c))
                    || en.contains("한/영")
                    || en.contains("제주"),
                "{m:?} has Korean in English: {en:?}"
            );
        }
    }

    #[test]
    fn values_fill_their_places() {
        assert_eq!(Msg::NewPosts.fill(Lang::Ko, &[("n", &2)]), "새 글 2개");
        assert_eq!(Msg::NewPosts.fill(Lang::En, &[("n", &2)]), "2 new posts");
        assert_eq!(
            Msg::UnreadOf.fill(Lang::Ko, &[("shown", &3), ("all", &11)]),
            "안 읽음 3/11"
        );
    }

    #[test]
    fn the_locale_decides_unless_the_config_does() {
        let s = |v: &str| Some(v.to_string());
        assert_eq!(Lang::of_locale(None, None, s("ko_KR.UTF-8")), Lang::Ko);
        assert_eq!(
            Lang::of_locale(s("C.UTF-8"), None, s("ko_KR.UTF-8")),
            Lang::En,
            "LC_ALL first"
        );
        assert_eq!(
            Lang::of_locale(s(""), s("ko_KR.UTF-8"), s("en_US.UTF-8")),
            Lang::Ko,
            "empty is unset"
        );
        assert_eq!(Lang::of_locale(None, None, None), Lang::En);
        assert_eq!(Lang::detect(Some(Lang::En)), Lang::En);
        assert_eq!(Lang::detect(Some(Lang::Ko)), Lang::Ko);
    }
}
