//! End to end: the real binary in tmux opens a post with pictures and the
//! screen shows them as rows of half blocks (inside tmux, `auto` draws
//! half blocks and asks the terminal nothing).

mod common;

use common::tmux::{Tmux, reader_command};

#[test]
fn an_article_shows_its_pictures_as_half_block_rows() {
    let site = common::picture_site(
        "---\ntitle: 북한산 가을 산행\ncategories: [여행]\n---\n\
         지난 주말 북한산에 올랐습니다.\n\n![정상에서 본 풍경](/assets/img/hill.png)\n\n\
         사진 아래에 이어지는 글입니다.\n",
    );
    let home = tempfile::tempdir().unwrap();
    let dir = site.path().to_string_lossy().into_owned();
    for (w, h) in [(120, 40), (60, 30)] {
        let cmd = reader_command(home.path(), "", &dir);
        let Some(t) = Tmux::start(&cmd, w, h) else {
            return;
        };
        t.wait_for("the list", |s| s.contains("북한산 가을 산행"));
        t.keys(&["Enter"]);
        let s = t.wait_settled("the picture", |s| {
            s.contains("정상에서 본 풍경") && (s.contains('▀') || s.contains('▄'))
        });
        let rows = s
            .lines()
            .filter(|l| l.contains('▀') || l.contains('▄'))
            .count();
        assert!(rows >= 3, "{w}x{h}: {rows} rows of half blocks\n{s}");
        assert!(s.contains("사진 아래에 이어지는 글입니다."), "{s}");
        assert!(
            s.lines().all(|l| sinmun::text::width(l) <= usize::from(w)),
            "{s}"
        );
        t.keys(&["q", "q"]);
        t.wait_for("the reader to quit", |s| s.contains("exited 0"));
    }
}
