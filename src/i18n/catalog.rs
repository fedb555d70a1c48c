//! The catalog: every message of the interface, in English and in Korean
//! side by side. A test fails when one lacks a language, or when the two
//! take other values.

use super::Lang;

macro_rules! catalog {
    ($($id:ident: $en:literal, $ko:literal;)*) => {
        /// A message of the interface.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Msg { $($id,)* }

        impl Msg {
            pub const ALL: &'static [Msg] = &[$(Msg::$id,)*];

            /// The message in `lang`, its `{name}`s not filled in.
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Msg::$id, Lang::En) => $en, (Msg::$id, Lang::Ko) => $ko,)*
                }
            }

            /// The message's name: what it is stored as (a stored message
            /// outlives the order of the catalog).
            pub fn name(self) -> &'static str {
                match self { $(Msg::$id => stringify!($id),)* }
            }

            /// The message of a name.
            pub fn named(name: &str) -> Option<Msg> {
                match name { $(stringify!($id) => Some(Msg::$id),)* _ => None }
            }
        }
    };
}

catalog! {
    // The key table's help.
    HelpDown: "move down in the list, scroll the article or a popup", "목록에서 아래로, 기사나 창은 아래로 스크롤";
    HelpUp: "move up, scroll up", "위로 옮기기, 위로 스크롤";
    HelpPageDown: "page down (at the end of an article, twice: the next unread post)", "한 쪽 아래로 (기사 끝에서 두 번: 다음 안 읽은 글)";
    HelpPageUp: "page up", "한 쪽 위로";
    HelpHalfPageDown: "half a page down", "반 쪽 아래로";
    HelpHalfPageUp: "half a page up", "반 쪽 위로";
    HelpTop: "to the top", "맨 위로";
    HelpBottom: "to the bottom", "맨 아래로";
    HelpOpen: "open the selected article (in the links: the link; in the problems: its post)", "고른 기사 열기 (링크 창에서는 링크, 문제 창에서는 그 글)";
    HelpBack: "back to the list (after a link to another post: to the article it was in); in the list, clear the search, then the filters", "목록으로 (다른 글로 가는 링크를 따라왔으면 그 링크가 있던 글로); 목록에서는 검색을, 그다음 필터를 지우기";
    HelpSwitchPane: "switch between the list and the open article", "목록과 열린 기사 사이를 오가기";
    HelpNextArticle: "next article", "다음 기사";
    HelpNextUnread: "open the next unread post of the list", "목록에서 다음 안 읽은 글 열기";
    HelpPrevArticle: "previous article", "이전 기사";
    HelpSearch: "search, live as you type (ㅈㅈㅎㄱ finds 제주항공; #name a category or tag); in the category picker, its categories", "검색, 치는 대로 바로 (ㅈㅈㅎㄱ로 제주항공을 찾음; #이름은 분류나 태그); 분류 창에서는 분류를 거르기";
    HelpNextMatch: "the next line that matches the search", "검색어가 있는 다음 줄";
    HelpPrevMatch: "the previous line that matches the search", "검색어가 있는 이전 줄";
    HelpNextHeading: "the next heading", "다음 소제목";
    HelpPrevHeading: "the previous heading", "이전 소제목";
    HelpCategories: "the category picker", "분류 고르기";
    HelpLinks: "the article's numbered links", "기사의 번호 붙은 링크";
    HelpOpenLink: "open link 1-9 (0: link 10)", "링크 1-9 열기 (0은 10번)";
    HelpCopyLink: "copy the selected link, or the post's address, to the clipboard", "고른 링크나 글 주소를 클립보드에 복사";
    HelpOpenPage: "open the post's page on the web (where its site publishes it)", "글의 웹 페이지 열기 (사이트가 게시하는 주소)";
    HelpToggleRead: "mark read / unread", "읽음 / 안 읽음 표시";
    HelpToggleStar: "star / unstar", "별표 달기 / 떼기";
    HelpUnreadOnly: "only unread posts", "안 읽은 글만";
    HelpStarredOnly: "only starred posts", "별표 글만";
    HelpMarkAllRead: "mark every post in the list read", "목록의 글을 모두 읽음으로";
    HelpUndo: "undo the last mark-all-read", "마지막 모두 읽음 되돌리기";
    HelpSort: "sort by date, title or path", "날짜, 제목, 경로 순으로 정렬";
    HelpToggleDrafts: "show or hide drafts and posts waiting for their dates", "초안과 날짜를 기다리는 글 보이기 / 숨기기";
    HelpEdit: "edit the post's file in $VISUAL or $EDITOR, then read it again", "글 파일을 $VISUAL 또는 $EDITOR로 고친 뒤 다시 읽기";
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
    HintEdit: "edit", "고치기";
    HintHelp: "help", "도움말";
    HintQuit: "quit", "끝";
    HintChoose: "choose", "고르기";
    HintApply: "apply", "적용";
    HintAll: "all", "전체";
    HintClose: "close", "닫기";
    HintKeep: "keep", "유지";
    HintClearFilter: "clear", "지우기";
    // Popups.
    TitleKeys: "keys", "키";
    TitleCategories: "categories · Space chooses · Enter applies", "분류 · Space 고르기 · Enter 적용";
    TitleLinks: "links · a digit or Enter opens · y copies", "링크 · 숫자나 Enter로 열기 · y 복사";
    NoProblems: "no problems found while loading", "읽으며 찾은 문제 없음";
    SkippedOne: "1 other file skipped (not a post)", "글이 아닌 파일 1개 건너뜀";
    Skipped: "{n} other files skipped (not posts)", "글이 아닌 파일 {n}개 건너뜀";
    NoCategories: "no categories", "분류 없음";
    NoCategoryMatches: "no category matches: Esc clears the filter", "맞는 분류가 없음: Esc로 거르기 지우기";
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
    FoundWhileLoadingOne: "found while loading: {summary}; ! shows it", "읽으며 찾은 것: {summary}; !로 보기";
    FoundWhileLoading: "found while loading: {summary}; ! shows them", "읽으며 찾은 것: {summary}; !로 보기";
    HiddenDraft: "{path} is a draft: D shows the drafts", "{path}은(는) 초안: D로 초안을 보임";
    HiddenScheduled: "{path} waits for its date ({date}): D shows it", "{path}은(는) {date}에 게시될 글: D로 보임";
    NotAPostShown: "{path} is not a post the reader shows", "{path}은(는) 목록에 있는 글이 아님";
    DraftMark: "draft", "초안";
    ScheduledMark: "scheduled", "예약";
    DraftsShown: "drafts shown ({n})", "초안 보임 ({n}개)";
    DraftsHidden: "drafts hidden ({n})", "초안 숨김 ({n}개)";
    NoDrafts: "no drafts", "초안 없음";
    NothingToEdit: "nothing to edit: these are the built-in demo posts", "고칠 파일이 없음: 내장된 예시 글";
    NothingToReload: "nothing to reload: these are the built-in demo posts", "다시 읽을 폴더가 없음: 내장된 예시 글";
    DemoShown: "the built-in demo posts: no folder of posts here (sinmun FOLDER reads one)", "내장된 예시 글: 여기에는 글 폴더가 없음 (sinmun 폴더 로 읽기)";
    Reloading: "reloading…", "다시 읽는 중…";
    NoSearchToFind: "no search to find: / searches", "찾을 검색어가 없음: /로 검색";
    NoMoreBelow: "no more matches below", "아래에는 더 없음";
    NoMoreAbove: "no more matches above", "위에는 더 없음";
    NoHeadingBelow: "no more headings below", "아래에는 소제목이 더 없음";
    NoHeadingAbove: "no more headings above", "위에는 소제목이 더 없음";
    NoLink: "no link [{n}]", "링크 [{n}] 없음";
    NotOpened: "not opened (only http, https, mailto and this blog's posts): {address}", "열지 않음 (http, https, mailto와 이 블로그의 글만 엶): {address}";
    Opening: "opening {address}", "여는 중: {address}";
    Copied: "copied {address}", "복사함: {address}";
    NoAddress: "no web address for this post: o lists its links", "이 글의 웹 주소를 알 수 없음: o로 링크 보기";
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
    NoUnread: "no unread posts in the list", "목록에 안 읽은 글이 없음";
    LastArticle: "this is the last article", "마지막 기사";
    FirstArticle: "this is the first article", "첫 기사";
    HangulKey: "한/영 키로 영문 입력으로 바꾸세요 (the Hangul input mode is on)", "한/영 키로 영문 입력으로 바꾸세요";
    KeyForArticle: "{key} acts in an article: Enter opens one", "{key}: 기사를 연 뒤에 쓰는 키 (Enter로 열기)";
    KeyForOpenArticle: "{key} acts in the article: Tab gives it the keys", "{key}: 기사 쪽 키 (Tab으로 기사로 가기)";
    EndOfArticle: "end of the article: {key} again opens the next unread post", "기사 끝: {key} 키를 한 번 더 누르면 다음 안 읽은 글";
    KeyUnbound: "{key} does nothing here: ? shows the keys", "{key}: 여기서는 쓰지 않는 키 (?로 키 보기)";
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
    ProblemsShown: "; {summary}: ! shows them", "; {summary}: !로 보기";
    NewPostOne: "1 new post", "새 글 1개";
    NewPosts: "{n} new posts", "새 글 {n}개";
    ChangedPosts: "{n} changed", "{n}개 바뀜";
    RemovedPosts: "{n} removed", "{n}개 사라짐";
    NoNewPosts: "no new posts", "새 글 없음";
    // Effects.
    CannotOpenWithBrowser: "cannot open the link with $BROWSER ({tried}): {error}", "$BROWSER({tried})로 링크를 열 수 없음: {error}";
    CannotOpenTried: "cannot open the link: tried {tried} ({error}); set $BROWSER to a browser, e.g. BROWSER=w3m", "링크를 열 수 없음: {tried}를 해 봄 ({error}); $BROWSER에 브라우저를 정하세요 (예: BROWSER=w3m)";
    CannotRunEditor: "cannot run {program}: {error}; set $VISUAL or $EDITOR to an editor", "{program}을(를) 실행할 수 없음: {error}; $VISUAL 또는 $EDITOR에 편집기를 정하세요";
    CannotRun: "cannot run {program}: {error}; set $BROWSER to a browser", "{program}을(를) 실행할 수 없음: {error}; $BROWSER에 브라우저를 정하세요";
    RenderingStopped: "the rendering thread stopped", "기사를 그리는 스레드가 멈춤";
    NotWatching: "not watching {folder}: {error}", "{folder}를 지켜볼 수 없음: {error}";
    NotWatchingFolders: "not watching the folders: {error}", "폴더를 지켜볼 수 없음: {error}";
    CannotSaveMarks: "cannot save marks: {error}", "표시를 저장할 수 없음: {error}";
    MarksNotSaved: "marks are not saved: {error}", "표시를 저장하지 않음: {error}";
    // Problems found reading posts and sites ("path:line: message").
    NoteMark: "note: ", "참고: ";
    CannotRead: "cannot read: {error}", "읽을 수 없음: {error}";
    CannotReadFolder: "cannot read folder: {error}", "폴더를 읽을 수 없음: {error}";
    NotRegular: "not a regular file ({kind}); not read", "보통 파일이 아님: {kind}; 읽지 않음";
    FileTooLarge: "file is {len} bytes, over the {cap} limit; not read", "파일이 {len}바이트로 {cap} 한도를 넘어 읽지 않음";
    KindFifo: "a FIFO", "FIFO(이름 있는 파이프)";
    KindDevice: "a device", "장치 파일";
    KindSocket: "a socket", "소켓";
    KindFolder: "a folder", "폴더";
    KindNotFile: "not a file", "파일이 아님";
    Binary: "binary file ({kind}); not read", "바이너리 파일({kind})이라 읽지 않음";
    BinaryPng: "PNG image", "PNG 그림";
    BinaryJpeg: "JPEG image", "JPEG 그림";
    BinaryGif: "GIF image", "GIF 그림";
    BinaryPdf: "PDF document", "PDF 문서";
    BinaryZip: "ZIP archive", "ZIP 압축 파일";
    BinaryElf: "ELF executable", "ELF 실행 파일";
    BinaryGzip: "gzip archive", "gzip 압축 파일";
    BinaryNul: "NUL bytes", "NUL 바이트";
    InvalidEncoding: "invalid {encoding}; shown with \u{fffd} replacement characters", "{encoding}에 맞지 않는 바이트가 있음; \u{fffd} 대체 문자로 보임";
    NotUtf8: "not UTF-8: read as {encoding} (detected); save it as UTF-8", "UTF-8이 아님: {encoding}(으)로 알아보고 읽음; UTF-8로 저장하세요";
    NotUtf8Lossy: "not UTF-8: read as {encoding} (detected); save it as UTF-8; bytes that are not {encoding} are shown as \u{fffd}", "UTF-8이 아님: {encoding}(으)로 알아보고 읽음; UTF-8로 저장하세요; {encoding}에 맞지 않는 바이트는 \u{fffd}로 보임";
    NulByte: "a NUL byte in the text, removed", "본문의 NUL 바이트 1개를 지움";
    NulBytes: "{n} NUL bytes in the text, removed", "본문의 NUL 바이트 {n}개를 지움";
    NotAPostInPosts: "not a post: in _posts without a date in its name (YYYY-MM-DD-title) or front matter; Jekyll skips it too", "글이 아님: _posts 안에 있지만 이름에 날짜(YYYY-MM-DD-제목)도 머리말도 없음; Jekyll도 건너뜀";
    NotPublishedNoDate: "Jekyll does not publish this post: its file name has no date (YYYY-MM-DD-title)", "Jekyll은 이 글을 게시하지 않음: 파일 이름에 날짜(YYYY-MM-DD-제목)가 없음";
    FrontMatterUnclosed: "front matter is not closed: no `{delimiter}` line after it", "머리말이 닫히지 않음: 뒤에 `{delimiter}` 줄이 없음";
    NoFrontMatter: "no front matter: the first line is not `---`", "머리말 없음: 첫 줄이 `---`가 아님";
    FrontMatterAfterBlankLines: "front matter after {n} blank lines: Jekyll shows it as text (Hugo reads it)", "머리말 앞에 빈 줄 {n}개: Jekyll은 머리말을 본문 글자로 보여 줌 (Hugo는 읽음)";
    FrontMatterTooLarge: "front matter is {kib} KiB, over the {cap} limit; not parsed", "머리말이 {kib} KiB로 {cap} 한도를 넘어 읽지 않음";
    FrontMatter: "front matter: {problem}", "머리말: {problem}";
    PostUrlNotFound: "post_url {name}: no post of that name; Jekyll stops its build here", "post_url {name}: 그런 이름의 글이 없음; Jekyll은 여기서 빌드를 멈춤";
    PostUrlBadName: "post_url {name}: not a post's name (YYYY-MM-DD-title); Jekyll stops its build here", "post_url {name}: 글 이름(YYYY-MM-DD-제목)이 아님; Jekyll은 여기서 빌드를 멈춤";
    IncludeNotFound: "{tag} {name}: no such file in {folder}; Jekyll stops its build here", "{tag} {name}: {folder}에 그런 파일이 없음; Jekyll은 여기서 빌드를 멈춤";
    DateZoneIgnored: "front matter: date's time zone {zone} is not one; read as the site's local time, as Jekyll does", "머리말: date의 시간대 {zone}은(는) 시간대가 아님; Jekyll처럼 사이트의 현지 시각으로 읽음";
    FieldShouldBe: "front matter: {key} should be {what}, found {value}", "머리말: {key} 값은 {what}(이)어야 함, 지금 값은 {value}";
    WhatText: "text", "글자";
    WhatList: "a list or a space-separated string", "목록이나 공백으로 나눈 문자열";
    WhatName: "a name or a list", "이름이나 목록";
    WhatDate: "a date like 2024-07-19 or 2024-07-19 10:00:00 +0900", "2024-07-19나 2024-07-19 10:00:00 +0900 같은 날짜";
    WhatBool: "true or false", "true나 false";
    NotAMapping: "not a mapping of keys to values", "키와 값의 매핑이 아님";
    DuplicateKey: "duplicate key {key}: the last one is used", "같은 키가 두 번 이상 나옴: {key}; 마지막 것을 씀";
    ExpectedKeyValue: "expected `key: value`, found {text}", "`키: 값`이어야 함, 지금 값은 {text}";
    YamlSays: "{error}", "YAML 오류: {error}";
    TomlSays: "{error}", "TOML 오류: {error}";
    TooDeep: "nests deeper than {depth} levels; not parsed", "{depth}단계보다 깊이 중첩되어 읽지 않음";
    TooManyAliases: "repeats more than {limit} nodes through aliases; not parsed", "별칭(alias)으로 노드를 {limit}개 넘게 되풀이하여 읽지 않음";
    RecursiveAlias: "has an alias inside the node it names (it would repeat forever); not parsed", "별칭이 가리키는 노드 안에 그 별칭이 있어(끝없이 되풀이됨) 읽지 않음";
    DuplicateId: "id \"{id}\" is also the id of {path}; that post is the one --dump finds", "id \"{id}\"는 {path}의 id이기도 함; --dump는 그 글을 찾음";
    SymlinkLoop: "symlink loop: this folder contains itself; not followed again", "심볼릭 링크 고리: 이 폴더가 자기 자신을 담고 있음; 다시 따라가지 않음";
    SameFolder: "the same folder as {path}, already read; not read again", "이미 읽은 폴더와 같은 폴더: {path}; 다시 읽지 않음";
    SymlinkOutside: "symlink to a folder outside the folders given; not followed (--follow-symlinks follows it)", "주어진 폴더 밖의 폴더로 가는 심볼릭 링크; 따라가지 않음 (--follow-symlinks로 따라감)";
    // Why an article cannot be shown.
    NowNotRegular: "its file is now {kind}, not a regular file; not read", "파일이 이제 보통 파일이 아님: {kind}; 읽지 않음";
    FileGone: "its file is gone (deleted or renamed since the posts were loaded)", "파일이 없어짐 (글을 읽은 뒤 지워지거나 이름이 바뀜)";
    FileReplaced: "its file was replaced by another since the posts were loaded; not shown", "글을 읽은 뒤 파일이 다른 파일로 바뀜; 보여 주지 않음";
    TheFileIsGone: "the file is gone", "파일이 없어짐";
    FailedOnFile: "sinmun failed on this file (a bug; please report it); not shown", "sinmun이 이 파일을 다루다 실패함 (버그이니 알려 주세요); 보여 주지 않음";
    FailedIndexing: "sinmun failed indexing this file (a bug; please report it); its body is not searched", "sinmun이 이 파일을 색인하다 실패함 (버그이니 알려 주세요); 본문은 검색되지 않음";
    FailedRendering: "sinmun failed rendering this post (a bug; please report it)", "sinmun이 이 글을 그리다 실패함 (버그이니 알려 주세요)";
    // Pictures in articles: why an image is not drawn, said after its address.
    PictureProblem: "picture {address}: {why}", "그림 {address}: {why}";
    PictureLabel: "image", "그림";
    PictureFilePresent: "file present", "파일 있음";
    PictureNotFound: "not found", "파일 없음";
    PictureRemote: "remote; not fetched", "원격 그림; 가져오지 않음";
    PictureOutsideFolder: "outside the post's folder; not read", "글의 폴더 밖에 있어 읽지 않음";
    PictureOutsideSite: "outside the site; not read", "사이트 밖에 있어 읽지 않음";
    PictureNotImage: "not an image sinmun reads", "sinmun이 읽는 그림 파일이 아님";
    PictureUnreadable: "not a readable image: {error}", "읽을 수 없는 그림: {error}";
    PictureTooLarge: "{mb} MB, over the {cap} limit; not read", "{mb} MB로 {cap} 한도를 넘어 읽지 않음";
    PictureTooManyPixels: "{w}×{h} pixels, over the {limit}-megapixel limit; not decoded", "{w}×{h} 픽셀로 {limit}메가픽셀 한도를 넘어 풀지 않음";
    PictureEmpty: "an empty image", "빈 그림";
    PictureOverLimits: "over the decoding limits: {error}", "그림을 푸는 한도를 넘음: {error}";
    PictureFailedDecoding: "sinmun failed decoding it (a bug; please report it)", "sinmun이 이 그림을 풀다 실패함 (버그이니 알려 주세요)";
    PictureFailedDrawing: "sinmun failed drawing it (a bug; please report it)", "sinmun이 이 그림을 그리다 실패함 (버그이니 알려 주세요)";
    // The config file and themes ("path:line: message").
    Keyed: "{key}: {message}", "{key} 항목: {message}";
    ConfigSays: "{error}", "설정 오류: {error}";
    ThemeSays: "{error}", "테마 오류: {error}";
    ThisFile: "this file {refusal}", "이 파일은 {refusal}";
    NoSuchConfig: "{path}: no such config file", "{path}: 그런 설정 파일이 없음";
    PostsExpected: "expected a folder or a list of folders, found {value}", "폴더나 폴더 목록이어야 함, 지금 값은 {value}";
    ConfigNotMapping: "the config must be a mapping of settings like `theme: dark`, found {value}", "설정 파일은 `theme: dark`처럼 설정 이름과 값의 매핑이어야 함, 지금 값은 {value}";
    ConfigExpected: "expected {what}, found {value}", "{what}(이)어야 함, 지금 값은 {value}";
    WhatThemeName: "a theme's name or the path of a .yaml file", "테마 이름이나 .yaml 파일의 경로";
    WhatSort: "date, title or path", "date, title, path 가운데 하나";
    WhatKeys: "a mapping of commands to keys like `quit: [q, Q]`", "`quit: [q, Q]`처럼 명령과 키의 매핑";
    WhatCells: "a whole number of cells (e.g. 80)", "80처럼 칸 수를 나타내는 자연수";
    WhatLanguage: "en or ko", "en이나 ko";
    WhatImages: "auto, halfblocks or off", "auto, halfblocks, off 가운데 하나";
    WhatAmbiguous: "auto, narrow or wide", "auto, narrow, wide 가운데 하나";
    ThemeNotMapping: "a theme must be a mapping like `styles: {heading: {fg: red}}`, found {value}", "테마는 `styles: {heading: {fg: red}}`처럼 설정 이름과 값의 매핑이어야 함, 지금 값은 {value}";
    WhatThemeNameOnly: "the name of a theme", "테마 이름";
    WhatSyntaxTheme: "the name of a syntax theme", "구문 강조 테마 이름";
    WhatStyles: "a mapping of parts to styles like `heading: {fg: red}`", "`heading: {fg: red}`처럼 부분과 모양의 매핑";
    WhatStyle: "a style like `{fg: red, bg: 0, modifiers: [bold]}`", "`{fg: red, bg: 0, modifiers: [bold]}` 같은 모양";
    WhatModifiers: "a list of modifiers ({names})", "{names} 가운데 고른 목록";
    WhatModifier: "one of {names}", "{names} 가운데 하나";
    TextWidthTooNarrow: "text_width: {n} is too narrow (20 cells at least)", "text_width: {n}칸은 너무 좁음 (20칸 이상)";
    KeysExpected: "keys.{name}: expected a key or a list of keys, found {value}", "keys.{name}: 키나 키 목록이어야 함, 지금 값은 {value}";
    UnknownCommand: "unknown command \"{name}\"; `sinmun --help` lists the commands", "모르는 명령 \"{name}\"; 명령 목록은 `sinmun --help`에 있음";
    UnknownCommandNear: "unknown command \"{name}\" (did you mean {near}?); `sinmun --help` lists the commands", "모르는 명령 \"{name}\" (혹시 {near}?); 명령 목록은 `sinmun --help`에 있음";
    DigitKeys: "the digit keys cannot be changed", "숫자 키는 바꿀 수 없음";
    UnknownKey: "unknown key \"{key}\" (write j, G, Enter, Ctrl-d, Alt-x, F5, …)", "모르는 키 \"{key}\" (j, G, Enter, Ctrl-d, Alt-x, F5 …처럼 쓰세요)";
    KeyConflict: "\"{key}\" is also the key of {other} there", "\"{key}\"는 거기서 {other}의 키이기도 함";
    UnknownTheme: "unknown theme \"{name}\" (built-in: {names}; or a path to a .yaml file)", "모르는 테마 \"{name}\" (내장 테마: {names}; 또는 .yaml 파일의 경로)";
    BadColour: "bad colour {value}: use a name (red, lightblue, …), #rrggbb or 0-255", "잘못된 색 {value}: 이름(red, lightblue, …), #rrggbb, 0-255 가운데 하나로 쓰세요";
    UnknownSyntaxTheme: "unknown syntax_theme {name} (one of: {names})", "모르는 syntax_theme {name} ({names} 가운데 하나)";
    ExtendsNotName: "extends {name}: not a theme name (a built-in theme, or NAME for NAME.yaml in the themes folder)", "extends {name}: 테마 이름이 아님 (내장 테마, 또는 테마 폴더의 NAME.yaml이면 NAME)";
    ExtendsLoop: "extends {name}: themes extend each other in a loop", "extends {name}: 테마들이 서로를 돌아가며 확장함";
    ExtendsUnknown: "extends an unknown theme {name}", "모르는 테마를 확장함: {name}";
    BrokenTheme: "(broken: {error})", "(깨짐: {error})";
    // The marks database.
    MarksDamaged: "marks database damaged ({why}); kept as {path}", "표시 데이터베이스가 손상됨 ({why}); {path}로 옮겨 둠";
    StateDamagedKept: "state file damaged ({error}); kept as {path}", "상태 파일이 손상됨 ({error}); {path}로 옮겨 둠";
    StateDamaged: "state file damaged ({error}): {path}", "상태 파일이 손상됨 ({error}): {path}";
    StateNotImported: "{path}: {error}; its marks were not imported", "{path}: {error}; 그 표시는 가져오지 않음";
    MarksNotRegular: "not a regular file ({kind})", "보통 파일이 아님: {kind}";
    MarksNewer: "made by a newer sinmun (schema version {version})", "더 새로운 sinmun이 만든 것 (스키마 버전 {version})";
    MarksForeign: "not a sinmun marks database", "sinmun의 표시 데이터베이스가 아님";
    MarksFolder: "cannot create its folder: {error}", "폴더를 만들 수 없음: {error}";
    CannotSetAside: "{why}; cannot set it aside: {error}", "{why}; 옮겨 둘 수 없음: {error}";
    SqliteSays: "{error}", "SQLite 오류: {error}";
    MarksOpenFailed: "marks are not saved: opening them failed", "표시를 저장하지 않음: 여는 데 실패함";
    MarksNotSavedAt: "marks are not saved: {path}: {error}", "표시를 저장하지 않음: {path}: {error}";
    // The command line.
    NoSuchPath: "{path}: no such file or folder", "{path}: 그런 파일이나 폴더가 없음";
    NotATerminal: "the reader needs a terminal; for scripts use --list, --dump or --check", "읽기 화면에는 터미널이 필요함; 스크립트에서는 --list, --dump, --check를 쓰세요";
    TerminalError: "terminal error: {error}", "터미널 오류: {error}";
    CannotWriteOutput: "cannot write output: {error}", "출력을 쓸 수 없음: {error}";
    SeeHelp: "{error}; see 'sinmun --help'", "{error}; 'sinmun --help'를 보세요";
    UsageUnknown: "unexpected argument '{arg}' found", "알 수 없는 인자 '{arg}'";
    UsageSimilar: "{error} (a similar one exists: '{similar}')", "{error} (비슷한 인자: '{similar}')";
    UsageBadValue: "invalid value '{value}' for '{arg}'", "'{arg}'에 맞지 않는 값 '{value}'";
    UsagePossible: "{error} (possible values: {valid})", "{error} (가능한 값: {valid})";
    UsageBecause: "{error}: {why}", "{error}, 이유: {why}";
    UsageNeedsValue: "a value is required for '{arg}' but none was supplied", "'{arg}'에 값이 필요함";
    UsageConflict: "the argument '{arg}' cannot be used with '{prior}'", "'{arg}' 인자는 '{prior}' 인자와 함께 쓸 수 없음";
    UsageRequires: "the following required arguments were not provided: {args}", "필요한 인자가 빠짐: {args}";
    UsageNotUtf8: "invalid UTF-8 was detected in one or more arguments", "인자에 올바르지 않은 UTF-8이 있음";
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
    Draft: "(draft) {title}", "(초안) {title}";
    Scheduled: "(scheduled) {title}", "(예약) {title}";
    DumpFolder: "\"{wanted}\" is a folder, not a post; give a post's id or file", "\"{wanted}\"는 글이 아니라 폴더임; 글의 id나 파일을 주세요";
    DumpNotPostFile: "\"{wanted}\" is not a post file (sinmun reads .md, .markdown, .html, .htm and .txt) and no post has that id", "\"{wanted}\"는 글 파일이 아니고 (sinmun은 .md, .markdown, .html, .htm, .txt를 읽음) 그 id의 글도 없음";
    DumpNotRegular: "\"{wanted}\" is not a regular file, and no post has that id", "\"{wanted}\"는 보통 파일이 아니고, 그 id의 글도 없음";
    DumpNoPost: "no post with the id or path \"{wanted}\" among {posts} in {place}", "{posts}({place}) 가운데 id나 경로가 \"{wanted}\"인 글이 없음";
    DumpSeveral: "\"{wanted}\" names {n} posts: {ids}; give the whole id", "\"{wanted}\"에 맞는 글이 {n}개: {ids}; id 전체를 주세요";
    NoSuchCategory: "no post is in the category \"{name}\"; the {n} categories: {known}", "\"{name}\" 분류에 든 글이 없음; 분류 {n}개: {known}";
    NoCategoryAtAll: "no post is in the category \"{name}\": these posts have no categories", "\"{name}\" 분류에 든 글이 없음: 분류가 있는 글이 없음";
    ThePost: "the 1 post", "글 1개";
    ThePosts: "the {n} posts", "글 {n}개";
    TheDemoPosts: "the built-in demo posts", "내장된 예시 글";
    Folders: "{n} folders", "폴더 {n}개";
    NotAPost: "{path}: not a post", "{path}: 글이 아님";
    InternalError: "internal error (please report it): {error}", "내부 오류 (알려 주세요): {error}";
}
