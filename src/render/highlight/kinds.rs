//! The kinds of code tokens the themes colour, and the syntect scopes
//! that mean each kind.

/// What a piece of code is, for the theme's colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Token {
    Comment,
    String,
    Escape,
    Number,
    Constant,
    Keyword,
    Operator,
    Storage,
    Modifier,
    Function,
    Call,
    Type,
    Tag,
    Attribute,
    Parameter,
    Builtin,
    Annotation,
    Punctuation,
    Heading,
}

impl Token {
    pub const ALL: [Token; 19] = [
        Token::Comment,
        Token::String,
        Token::Escape,
        Token::Number,
        Token::Constant,
        Token::Keyword,
        Token::Operator,
        Token::Storage,
        Token::Modifier,
        Token::Function,
        Token::Call,
        Token::Type,
        Token::Tag,
        Token::Attribute,
        Token::Parameter,
        Token::Builtin,
        Token::Annotation,
        Token::Punctuation,
        Token::Heading,
    ];

    /// The scope a syntect theme is asked about for this kind's style.
    pub fn scope(self) -> &'static str {
        match self {
            Token::Comment => "comment.line",
            Token::String => "string.quoted.double",
            Token::Escape => "constant.character.escape",
            Token::Number => "constant.numeric",
            Token::Constant => "constant.language",
            Token::Keyword => "keyword.control",
            Token::Operator => "keyword.operator",
            Token::Storage => "storage.type",
            Token::Modifier => "storage.modifier",
            Token::Function => "entity.name.function",
            Token::Call => "support.function",
            Token::Type => "entity.name.type",
            Token::Tag => "entity.name.tag",
            Token::Attribute => "entity.other.attribute-name",
            Token::Parameter => "variable.parameter",
            Token::Builtin => "variable.language",
            Token::Annotation => "variable.annotation",
            Token::Punctuation => "punctuation",
            Token::Heading => "markup.heading",
        }
    }
}

/// Scope prefixes and the kind they mean, the more specific first.
pub(super) const KINDS: &[(&str, Token)] = &[
    ("comment", Token::Comment),
    ("constant.character.escape", Token::Escape),
    ("string", Token::String),
    ("constant.numeric", Token::Number),
    ("constant", Token::Constant),
    ("keyword.operator", Token::Operator),
    ("keyword", Token::Keyword),
    ("storage.modifier", Token::Modifier),
    ("storage", Token::Storage),
    ("entity.name.function", Token::Function),
    ("entity.name.tag", Token::Tag),
    ("entity.name", Token::Type),
    ("entity.other.inherited-class", Token::Type),
    ("entity.other.attribute-name", Token::Attribute),
    ("support.function", Token::Call),
    ("variable.function", Token::Call),
    ("support.type", Token::Type),
    ("support.class", Token::Type),
    ("support.constant", Token::Constant),
    ("variable.parameter", Token::Parameter),
    ("variable.language", Token::Builtin),
    ("variable.annotation", Token::Annotation),
    ("meta.annotation", Token::Annotation),
    ("punctuation.definition.string", Token::String),
    ("punctuation.definition.comment", Token::Comment),
    ("punctuation", Token::Punctuation),
    ("markup.heading", Token::Heading),
];
