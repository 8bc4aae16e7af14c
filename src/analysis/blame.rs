//! A gentle nudge away from blame: finds phrases such as "should have" or "human error" where
//! they were typed, with a blameless question to ask instead. It only informs; it never blocks.

use std::ops::Range;

/// One blame phrase: the words, the endings it may take, and the question to ask instead.
pub struct BlamePhrase {
    pub words: &'static str,
    /// Endings that still make the same word ("blamed"); anything else is another word
    /// ("blameless", "shoulder", "default").
    pub endings: &'static [&'static str],
    pub suggestion: &'static str,
}

const HINDSIGHT: &str = "What made this hard to see at the time?";

/// Every phrase the nudge looks for, in one place.
pub const BLAME_PHRASES: &[BlamePhrase] = &[
    BlamePhrase {
        words: "should have",
        endings: &[""],
        suggestion: HINDSIGHT,
    },
    BlamePhrase {
        words: "should've",
        endings: &[""],
        suggestion: HINDSIGHT,
    },
    BlamePhrase {
        words: "shouldn't have",
        endings: &[""],
        suggestion: HINDSIGHT,
    },
    BlamePhrase {
        words: "could have",
        endings: &[""],
        suggestion: "What would have made that option visible then?",
    },
    BlamePhrase {
        words: "could've",
        endings: &[""],
        suggestion: "What would have made that option visible then?",
    },
    BlamePhrase {
        words: "would have",
        endings: &[""],
        suggestion: "What did people know at that moment?",
    },
    BlamePhrase {
        words: "why didn't",
        endings: &[""],
        suggestion: "What got in the way at that moment?",
    },
    BlamePhrase {
        words: "human error",
        endings: &["", "s"],
        suggestion: "What in the system let this slip through?",
    },
    BlamePhrase {
        words: "careless",
        endings: &["", "ly", "ness"],
        suggestion: "What made care hard here: time, tools, load?",
    },
    BlamePhrase {
        words: "fault",
        endings: &["", "s", "y"],
        suggestion: "What conditions contributed?",
    },
    BlamePhrase {
        words: "blame",
        endings: &["", "s", "d"],
        suggestion: "What can the system learn from this?",
    },
    BlamePhrase {
        words: "blaming",
        endings: &[""],
        suggestion: "What can the system learn from this?",
    },
    BlamePhrase {
        words: "stupid",
        endings: &["", "ity", "ly"],
        suggestion: "What made this the reasonable thing to do at the time?",
    },
];

/// A blame phrase found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlameHit {
    /// Where it is, in bytes of the text.
    pub range: Range<usize>,
    /// The phrase as it was typed.
    pub typed: String,
    pub suggestion: &'static str,
}

fn fold(c: char) -> char {
    match c {
        '’' | '‘' | '`' => '\'',
        _ => c.to_ascii_lowercase(),
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’'
}

/// Finds every blame phrase in `text`, in order; whole words only, ignoring case, with any run of
/// spaces between the words.
pub fn blame_hits(text: &str) -> Vec<BlameHit> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let folded: Vec<char> = chars.iter().map(|&(_, c)| fold(c)).collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut hits = Vec::new();
    let mut start = 0;
    while start < folded.len() {
        let starts_word = start == 0 || !is_word_char(folded[start - 1]);
        let mut matched = None;
        if starts_word {
            for phrase in BLAME_PHRASES {
                if let Some(end) = match_phrase(&folded, start, phrase) {
                    matched = Some((end, phrase));
                    break;
                }
            }
        }
        match matched {
            Some((end, phrase)) => {
                hits.push(BlameHit {
                    range: byte_at(start)..byte_at(end),
                    typed: text[byte_at(start)..byte_at(end)].to_owned(),
                    suggestion: phrase.suggestion,
                });
                start = end;
            }
            None => start += 1,
        }
    }
    hits
}

/// Where `phrase` ends if it starts at `start` and is followed by a word boundary.
fn match_phrase(folded: &[char], start: usize, phrase: &BlamePhrase) -> Option<usize> {
    let mut i = start;
    for (n, word) in phrase.words.split(' ').enumerate() {
        if n > 0 {
            let spaces = folded[i..].iter().take_while(|c| c.is_whitespace()).count();
            if spaces == 0 {
                return None;
            }
            i += spaces;
        }
        for expected in word.chars() {
            if folded.get(i) != Some(&expected) {
                return None;
            }
            i += 1;
        }
    }
    phrase.endings.iter().find_map(|ending| {
        let end = i + ending.chars().count();
        let fits = ending
            .chars()
            .enumerate()
            .all(|(k, c)| folded.get(i + k) == Some(&c));
        let boundary = folded.get(end).is_none_or(|c| !is_word_char(*c));
        (fits && boundary).then_some(end)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> Vec<String> {
        blame_hits(text).into_iter().map(|h| h.typed).collect()
    }

    #[test]
    fn blame_phrases_are_found_where_typed() {
        let table: &[(&str, &[&str])] = &[
            ("Bob should have checked the backups", &["should have"]),
            ("Bob Should  Have checked", &["Should  Have"]),
            ("they should've known", &["should've"]),
            ("they should’ve known", &["should’ve"]),
            (
                "we could have rolled back; it would have helped",
                &["could have", "would have"],
            ),
            ("Why didn't anyone page the DBA?", &["Why didn't"]),
            ("root cause: human error", &["human error"]),
            (
                "a careless deploy, carelessly done",
                &["careless", "carelessly"],
            ),
            ("whose fault? her faults", &["fault", "faults"]),
            (
                "we blamed ops; blaming helps nobody",
                &["blamed", "blaming"],
            ),
            ("a stupid mistake", &["stupid"]),
        ];
        for (text, expected) in table {
            assert_eq!(typed(text), *expected, "{text}");
        }
    }

    #[test]
    fn ordinary_words_are_left_alone() {
        for text in [
            "shoulder the load",
            "the default timeout",
            "a blameless review",
            "faultless failover",
            "the blamelessness of it",
            "should we have a runbook?",
            "she could hardly have known",
            "careful rollback",
            "",
        ] {
            assert!(typed(text).is_empty(), "{text}: {:?}", typed(text));
        }
    }

    #[test]
    fn ranges_point_at_the_typed_phrase_even_after_non_ascii_text() {
        let text = "Zoë sagte: Bob should have known";
        let hits = blame_hits(text);
        assert_eq!(hits.len(), 1);
        assert_eq!(&text[hits[0].range.clone()], "should have");
        assert_eq!(
            hits[0].suggestion,
            "What made this hard to see at the time?"
        );
    }
}
