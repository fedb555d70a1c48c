//! The search field: text, a caret counted in chars, and its editing keys.

/// The search field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchBox {
    pub input: String,
    /// The caret, as a char index into `input`.
    pub caret: usize,
    /// Keys go to the field.
    pub editing: bool,
}

impl SearchBox {
    fn len(&self) -> usize {
        self.input.chars().count()
    }

    /// The byte offset of char `i`.
    fn byte_at(&self, i: usize) -> usize {
        self.input
            .char_indices()
            .nth(i)
            .map_or(self.input.len(), |(b, _)| b)
    }

    pub fn insert(&mut self, text: &str) {
        let at = self.byte_at(self.caret);
        self.input.insert_str(at, text);
        self.caret += text.chars().count();
    }

    pub fn backspace(&mut self) {
        if self.caret > 0 {
            let at = self.byte_at(self.caret - 1);
            self.input.remove(at);
            self.caret -= 1;
        }
    }

    /// Delete the word before the caret (and the spaces after it).
    pub fn delete_word(&mut self) {
        let chars: Vec<char> = self.input.chars().collect();
        let mut start = self.caret;
        while start > 0 && chars[start - 1] == ' ' {
            start -= 1;
        }
        while start > 0 && chars[start - 1] != ' ' {
            start -= 1;
        }
        self.input = chars[..start].iter().chain(&chars[self.caret..]).collect();
        self.caret = start;
    }

    pub fn left(&mut self) {
        self.caret = self.caret.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.caret = (self.caret + 1).min(self.len());
    }

    pub fn home(&mut self) {
        self.caret = 0;
    }

    pub fn end(&mut self) {
        self.caret = self.len();
    }

    pub fn clear(&mut self) {
        self.input.clear();
        self.caret = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editing_counts_hangul_as_one_char_each() {
        let mut s = SearchBox::default();
        s.insert("제주 항공");
        s.left();
        s.left();
        s.insert("x");
        assert_eq!(s.input, "제주 x항공");
        s.backspace();
        s.end();
        s.delete_word();
        assert_eq!((s.input.as_str(), s.caret), ("제주 ", 3));
        s.delete_word();
        assert_eq!((s.input.as_str(), s.caret), ("", 0));
        s.home();
        s.backspace();
        assert_eq!(s.caret, 0);
    }
}
