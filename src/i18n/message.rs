//! A catalog message with its values, made where something happens (a
//! file read, a setting checked) and said where it is shown, in the
//! language of whoever reads it. Values are either shown as they are in
//! every language (a path, a number, what a file or a library said) or
//! messages of their own, said in the same language.

use std::borrow::Cow;
use std::fmt::{self, Display};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Lang, Msg};

/// A catalog message and its values. `Display` says it in English.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Message {
    msg: Msg,
    values: Vec<(Cow<'static, str>, Arg)>,
}

/// The value of a `{name}` in a message.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
enum Arg {
    /// The same in every language.
    Plain(String),
    /// Said in the language of the message around it.
    Said(Message),
}

impl Message {
    /// This message with the value of `{name}` (shown as it is in every
    /// language).
    pub fn with(mut self, name: &'static str, value: impl Display) -> Message {
        self.values
            .push((Cow::Borrowed(name), Arg::Plain(value.to_string())));
        self
    }

    /// This message with `{name}` another message, said in the same
    /// language as this one.
    pub fn with_msg(mut self, name: &'static str, value: impl Into<Message>) -> Message {
        self.values
            .push((Cow::Borrowed(name), Arg::Said(value.into())));
        self
    }

    /// Which message of the catalog this is.
    pub fn msg(&self) -> Msg {
        self.msg
    }

    /// The message in `lang`, its values filled in.
    pub fn say(&self, lang: Lang) -> String {
        let values: Vec<(&str, String)> = self
            .values
            .iter()
            .map(|(name, arg)| {
                let value = match arg {
                    Arg::Plain(text) => text.clone(),
                    Arg::Said(message) => message.say(lang),
                };
                (name.as_ref(), value)
            })
            .collect();
        super::fill(self.msg.text(lang), &values)
    }
}

impl From<Msg> for Message {
    fn from(msg: Msg) -> Message {
        Message {
            msg,
            values: Vec::new(),
        }
    }
}

impl Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.say(Lang::En))
    }
}

/// Stored by name: a message kept on disk (the index keeps posts'
/// problems) still means the same after the catalog changes order, and a
/// name the catalog no longer has is an error, not another message.
impl Serialize for Msg {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Msg {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Msg, D::Error> {
        let name = Cow::<str>::deserialize(d)?;
        Msg::named(&name)
            .ok_or_else(|| serde::de::Error::custom(format!("no message named {name:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_messages_are_said_in_the_same_language() {
        let m = Msg::CannotReadPost.with_msg("why", Msg::FileGone);
        assert_eq!(
            m.to_string(),
            "cannot read this post: its file is gone (deleted or renamed since the posts were loaded)"
        );
        assert_eq!(
            m.say(Lang::Ko),
            "이 글을 읽을 수 없음: 파일이 없어짐 (글을 읽은 뒤 지워지거나 이름이 바뀜)"
        );
    }

    #[test]
    fn a_message_survives_being_stored() {
        let m = Msg::NotRegular
            .with_msg("kind", Msg::KindFifo)
            .with("extra", "{kind}");
        let json = serde_json::to_string(&m).unwrap();
        assert!(json.contains("\"NotRegular\""), "{json}");
        let back: Message = serde_json::from_str(&json).unwrap();
        assert_eq!(back, m);
        assert_eq!(back.say(Lang::Ko), m.say(Lang::Ko));
        let renamed = json.replace("\"NotRegular\"", "\"NoSuchMessage\"");
        assert!(serde_json::from_str::<Message>(&renamed).is_err());
    }
}
