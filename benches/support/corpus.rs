//! A deterministic synthetic corpus of news posts for the benchmarks.
//!
//! The shape follows the project's corpus generator script (front matter
//! with a quoted title, a categories list, folded `excerpt`/`feature_text`
//! blocks, an image, sometimes a date and tags; then an HTML body of
//! headings, paragraphs with coloured bold spans, spacer paragraphs, lists,
//! tables, an image first and a link line last), but it is self-contained:
//! its own word lists and its own PRNG, so nothing outside this crate is
//! needed at build, test or bench time.
//!
//! The same arguments always give byte-identical files.

use std::fs;
use std::io;
use std::path::Path;

const NOUNS: &[&str] = &[
    "국회",
    "정부",
    "시청",
    "구청",
    "법원",
    "검찰",
    "경찰",
    "소방서",
    "주민센터",
    "의회",
    "기업",
    "회사",
    "공장",
    "협회",
    "노조",
    "연구원",
    "대학",
    "학생",
    "교사",
    "학부모",
    "시장",
    "물가",
    "금리",
    "환율",
    "주가",
    "수출",
    "수입",
    "무역",
    "관세",
    "세금",
    "반도체",
    "배터리",
    "전기차",
    "자율주행",
    "로봇",
    "인공지능",
    "플랫폼",
    "앱",
    "메신저",
    "검색",
    "서버",
    "데이터센터",
    "클라우드",
    "보안",
    "해킹",
    "개인정보",
    "암호",
    "인증",
    "결제",
    "송금",
    "철도",
    "고속도로",
    "항만",
    "물류",
    "택배",
    "배송",
    "창고",
    "화물",
    "선박",
    "항공기",
    "공항",
    "승객",
    "관광객",
    "숙박",
    "호텔",
    "축제",
    "공연",
    "전시",
    "영화",
    "드라마",
    "병원",
    "환자",
    "의사",
    "간호사",
    "약국",
    "백신",
    "검사",
    "치료",
    "건강",
    "보험",
    "주택",
    "아파트",
    "전세",
    "월세",
    "분양",
    "재개발",
    "부동산",
    "대출",
    "청약",
    "임대",
    "날씨",
    "폭우",
    "폭설",
    "가뭄",
    "산불",
    "지진",
    "황사",
    "기후",
    "에너지",
    "전력",
    "선거",
    "후보",
    "여론",
    "조사",
    "공약",
    "토론",
    "예산",
    "법안",
    "개정안",
    "시행령",
    "사고",
    "장애",
    "점검",
    "복구",
    "원인",
    "대책",
    "피해",
    "보상",
    "책임",
    "재발",
];

const VERBS: &[&str] = &[
    "밝혔다",
    "전했다",
    "덧붙였다",
    "발표했다",
    "보도했다",
    "알려졌다",
    "집계됐다",
    "나타났다",
    "추진한다",
    "검토 중이다",
    "논란이 일고 있다",
    "관심이 쏠리고 있다",
    "우려가 커지고 있다",
    "기대를 모으고 있다",
    "마무리됐다",
    "시작됐다",
    "늘어났다",
    "줄어들었다",
    "예정이다",
    "방침이다",
    "결정했다",
    "합의했다",
];

const PARTICLES: &[&str] = &[
    "은", "는", "이", "가", "을", "를", "에", "에서", "에게", "의", "와", "과", "로", "으로", "도",
    "까지", "부터", "보다",
];

const ADVERBS: &[&str] = &[
    "지난달",
    "올해",
    "내년",
    "이날",
    "당분간",
    "여전히",
    "점차",
    "갑자기",
    "무엇보다",
    "다만",
    "그러나",
    "따라서",
    "실제로",
    "사실상",
    "본격적으로",
    "꾸준히",
    "대폭",
    "소폭",
    "곧",
    "잇따라",
];

const LATIN: &[&str] = &[
    "KTX", "ESG", "OTT", "SaaS", "IoT", "LTE", "6G", "NPU", "USB-C", "Rust", "beta", "release",
    "network", "backup", "hotfix", "v3.0", "macOS", "Android",
];

const UNITS: &[&str] = &["명", "개", "곳", "건", "원", "%", "일", "대"];

const CATEGORIES: &[&str] = &[
    "News",
    "정치",
    "경제",
    "사회",
    "과학",
    "IT 뉴스",
    "문화",
    "스포츠",
    "지역",
    "Breaking",
];

const COLOURS: &[&str] = &[
    "color: #ee2323;",
    "background-color: #21538527;",
    "color: #006dd7;",
    "color: #409d00;",
    "background-color: #f6e199;",
];

const SITES: &[&str] = &["example.com", "news.example.org", "daily.example.net"];

/// SplitMix64: tiny, fast, and good enough to vary the text.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A float in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// An integer in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next_u64() % (hi - lo + 1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.range(0, items.len() - 1)]
    }

    /// `k` distinct items, in the order drawn.
    fn sample<'a>(&mut self, items: &[&'a str], k: usize) -> Vec<&'a str> {
        let mut pool: Vec<&str> = items.to_vec();
        let mut out = Vec::with_capacity(k);
        for _ in 0..k.min(pool.len()) {
            let i = self.range(0, pool.len() - 1);
            out.push(pool.swap_remove(i));
        }
        out
    }
}

/// `n` with a comma every three digits: 12,345.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn word(rng: &mut Rng) -> String {
    let r = rng.unit();
    if r < 0.08 {
        rng.pick(LATIN).to_string()
    } else if r < 0.12 {
        format!("{}{}", grouped(rng.range(1, 9999)), rng.pick(UNITS))
    } else if r < 0.22 {
        rng.pick(ADVERBS).to_string()
    } else {
        format!("{}{}", rng.pick(NOUNS), rng.pick(PARTICLES))
    }
}

/// `lo..=hi` words, a verb and a full stop.
fn sentence(rng: &mut Rng, lo: usize, hi: usize) -> String {
    let n = rng.range(lo, hi);
    let mut s = String::new();
    for _ in 0..n {
        s.push_str(&word(rng));
        s.push(' ');
    }
    s.push_str(rng.pick(VERBS));
    s.push('.');
    s
}

fn span(rng: &mut Rng, text: &str) -> String {
    format!("<b><span style=\"{}\">{text}</span></b>", rng.pick(COLOURS))
}

fn paragraph(rng: &mut Rng) -> String {
    let mut parts = Vec::new();
    for _ in 0..rng.range(2, 5) {
        let s = sentence(rng, 6, 16);
        parts.push(if rng.unit() < 0.35 { span(rng, &s) } else { s });
    }
    if rng.unit() < 0.3 {
        parts.insert(1, format!("<strong>{}</strong>", rng.pick(NOUNS)));
    }
    format!("<p>{} </p>", parts.join(" "))
}

fn table(rng: &mut Rng) -> String {
    let cols = rng.range(1, 3);
    let mut rows = Vec::new();
    for _ in 0..rng.range(2, 5) {
        let mut row = String::from("  <tr>");
        for _ in 0..cols {
            row.push_str(&format!(
                "<td style=\"text-align: center; height: 17px;\"><b>{} {}</b></td>",
                rng.pick(NOUNS),
                rng.pick(NOUNS)
            ));
        }
        row.push_str("</tr>");
        rows.push(row);
    }
    format!("<table>\n{}\n</table>", rows.join("\n"))
}

fn list(rng: &mut Rng) -> String {
    let items: Vec<String> = (0..rng.range(2, 5))
        .map(|_| format!("  <li>{}</li>", sentence(rng, 2, 6)))
        .collect();
    format!("<hr>\n<ul>\n{}\n</ul>", items.join("\n"))
}

fn body(rng: &mut Rng, target_bytes: usize) -> String {
    let mut out = vec![format!(
        "<p><img src=\"/assets/img/news{}.jpg\" alt=\"{} 소식\" /></p>",
        rng.range(1, 9),
        rng.pick(NOUNS)
    )];
    let mut size = out[0].len();
    while size < target_bytes {
        let r = rng.unit();
        let block = if r < 0.15 {
            let s = sentence(rng, 2, 5);
            format!(
                "<h2 data-ke-size=\"size26\">{}</h2>",
                s.strip_suffix('.').unwrap_or(&s)
            )
        } else if r < 0.25 {
            "<p data-ke-size=\"size16\">&nbsp;</p>".to_string()
        } else if r < 0.35 {
            list(rng)
        } else if r < 0.42 {
            table(rng)
        } else {
            paragraph(rng)
        };
        size += block.len();
        out.push(block);
    }
    let site = rng.pick(SITES);
    out.push(format!(
        "관련 기사는 <a href=\"https://{site}/{}\" rel=\"dofollow\">{site}</a>에서 볼 수 있습니다",
        rng.range(1, 99_999)
    ));
    let mut text = out.join("\n\n");
    text.push('\n');
    text
}

/// A YAML double-quoted string.
fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn post(rng: &mut Rng, body_bytes: usize) -> String {
    let s = sentence(rng, 3, 7);
    let mut title = s.strip_suffix('.').unwrap_or(&s).to_string();
    if rng.unit() < 0.3 {
        title.push('!');
    }
    let n_cats = rng.range(1, 2);
    let cats = rng.sample(CATEGORIES, n_cats);
    let excerpt = sentence(rng, 10, 20);

    let mut lines = vec![
        "---".to_string(),
        format!("title: {}", quote(&title)),
        "categories:".to_string(),
    ];
    lines.extend(cats.iter().map(|c| format!("  - {}", quote(c))));
    lines.push("excerpt: >".to_string());
    lines.push(format!("  {excerpt}"));
    lines.push("feature_text: >".to_string());
    lines.push(format!("  {excerpt}"));
    lines.push(format!("image: '/assets/img/news{}.jpg'", rng.range(1, 9)));
    if rng.unit() < 0.5 {
        lines.push(format!(
            "date: 2024-{:02}-{:02} {:02}:{:02}:00 +0900",
            rng.range(1, 12),
            rng.range(1, 28),
            rng.range(0, 23),
            rng.range(0, 59)
        ));
    }
    if rng.unit() < 0.3 {
        lines.push(format!("tags: [{}]", rng.sample(NOUNS, 3).join(", ")));
    }
    lines.push("---".to_string());
    format!("{}\n\n{}", lines.join("\n"), body(rng, body_bytes))
}

/// Write `posts` posts into `dir` (created if missing), each with a body of
/// about `body_bytes` bytes, named `{i:06}_{hex16}.txt`. Returns the total
/// number of bytes written. The same arguments give byte-identical files.
pub fn write_corpus(dir: &Path, posts: usize, seed: u64, body_bytes: usize) -> io::Result<u64> {
    fs::create_dir_all(dir)?;
    let mut rng = Rng::new(seed);
    let mut total = 0u64;
    for i in 0..posts {
        let name = format!("{i:06}_{:016x}.txt", rng.next_u64());
        let text = post(&mut rng, body_bytes);
        fs::write(dir.join(name), &text)?;
        total += text.len() as u64;
    }
    Ok(total)
}
