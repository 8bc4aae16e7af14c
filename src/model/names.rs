//! Participant names as people see them: when two names are one person, when one name looks like
//! another, and when a name shows nothing at all.
//!
//! Two names are the same person when their [`identity`] keys are equal: `José` typed as one
//! character or as `e` and a combining accent, `Ａｎａ` in full-width letters, `𝐀𝐧𝐚` in
//! mathematical bold and `ANA` are all `ana`. A name whose key differs but which a reader cannot
//! tell apart from another's (`Аna` with a Cyrillic `А`, `Αna` with a Greek `Α`) [`looks_like`]
//! it, by the skeletons of Unicode Technical Standard #39.

use caseless::Caseless;
use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

/// The key two names are the same person by: NFKC, full case folding (Unicode's CaseFolding,
/// so `ß` is `ss`), NFKC again, with surrounding whitespace dropped and each run of whitespace
/// inside made one space (a double space is not seen).
pub fn identity(name: &str) -> String {
    let folded: String = if name.is_ascii() {
        // NFKC leaves ASCII as it is, and its case folding is ASCII's lower case: the key of
        // most names, computed for every participant at each look-up, costs no normalization.
        name.to_ascii_lowercase()
    } else {
        name.trim()
            .nfkc()
            .default_case_fold()
            .nfkc()
            .collect::<String>()
    };
    let mut key = String::with_capacity(folded.len());
    for word in folded.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(word);
    }
    key
}

/// The first of `others` that `name` can be mistaken for without being the same person: its
/// [`identity`] differs from `name`'s, but the TS #39 skeletons of the two identities are equal.
pub fn looks_like<'a>(name: &str, mut others: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let key = identity(name);
    let shape: String = unicode_security::skeleton(&key).collect();
    others.find(|other| {
        let other_key = identity(other);
        other_key != key && unicode_security::skeleton(&other_key).eq(shape.chars())
    })
}

/// Whether `name` shows something a reader can see: a letter, digit, punctuation or symbol that
/// is not blank. Whitespace, controls, format and other invisible characters, combining marks
/// with nothing to sit on, the braille blank U+2800, Hangul fillers, and private-use or
/// unassigned code points (no font shows them as a letter) show nothing.
pub fn shows_something(name: &str) -> bool {
    name.chars().any(shows)
}

fn shows(c: char) -> bool {
    let visible_kind = matches!(
        c.general_category_group(),
        GeneralCategoryGroup::Letter
            | GeneralCategoryGroup::Number
            | GeneralCategoryGroup::Punctuation
            | GeneralCategoryGroup::Symbol
    );
    visible_kind && !c.is_whitespace() && !blank(c) && !default_ignorable(c)
}

/// Characters of a visible kind that are drawn as nothing.
fn blank(c: char) -> bool {
    matches!(
        c,
        // Braille pattern blank; Hangul choseong and jungseong fillers, the Hangul filler and
        // its half-width form.
        '\u{2800}' | '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}'
    )
}

/// Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt): drawn as nothing when a
/// font does not know them.
fn default_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const NFD_JOSE: &str = "Jose\u{0301}";
    const NFC_JOSE: &str = "Jos\u{00E9}";

    #[test]
    fn names_people_cannot_tell_apart_have_one_identity() {
        assert_ne!(NFD_JOSE, NFC_JOSE, "the two are different strings");
        assert_eq!(identity(NFD_JOSE), identity(NFC_JOSE));
        for ana in ["Ana", "ana", "ANA", "  Ana ", "Ａｎａ", "𝐀𝐧𝐚", "𝑨𝒏𝒂"] {
            assert_eq!(identity(ana), "ana", "{ana:?}");
        }
        assert_eq!(identity("Ana  Lima"), identity("Ana\u{3000}Lima"));
        assert_eq!(identity("Straße"), identity("STRASSE"), "full case folding");
        assert_eq!(identity(" Ana\t LIMA "), "ana lima", "plain ASCII");
        assert_eq!(identity("Ana\u{00A0}Lima"), "ana lima", "a no-break space");
    }

    #[test]
    fn different_people_keep_different_identities() {
        assert_ne!(identity("Anna"), identity("Ana"));
        assert_ne!(identity("Jose"), identity(NFC_JOSE));
        assert_ne!(identity("\u{0410}na"), identity("Ana"), "Cyrillic А");
        assert_ne!(identity("\u{0391}na"), identity("Ana"), "Greek Α");
    }

    #[test]
    fn look_alikes_are_found() {
        let board = ["Ana", NFC_JOSE];
        let cyrillic = "\u{0410}na";
        let greek = "\u{0391}na";
        assert_eq!(looks_like(cyrillic, board.into_iter()), Some("Ana"));
        assert_eq!(looks_like(greek, board.into_iter()), Some("Ana"));
        assert_eq!(
            looks_like("Jos\u{0435}\u{0301}", board.into_iter()),
            Some(NFC_JOSE),
            "Cyrillic е with an accent"
        );
        assert_eq!(looks_like("Ana\u{200B}", board.into_iter()), Some("Ana"));
    }

    #[test]
    fn the_same_person_and_someone_else_are_not_look_alikes() {
        let board = ["Ana", NFC_JOSE];
        for same in ["Ana", "ANA", "Ａｎａ", "𝐀𝐧𝐚", NFD_JOSE] {
            assert_eq!(looks_like(same, board.into_iter()), None, "{same:?}");
        }
        // The skeleton keeps accents: "Jose" is someone else, not a look-alike of "José".
        for other in ["Anna", "Ben", "Jose", "An"] {
            assert_eq!(looks_like(other, board.into_iter()), None, "{other:?}");
        }
    }

    #[test]
    fn blank_names_show_nothing() {
        for blank in [
            "",
            "   ",
            "\u{2800}",
            "\u{0301}",
            "\u{0301}\u{0302}",
            "\u{115F}",
            "\u{1160}",
            "\u{3164}",
            "\u{FFA0}",
            "\u{200B}\u{200D} \u{FEFF}",
            "\u{202E}\u{2066}",
            "\u{00AD}",
            "\u{FE0F}",
            "\u{E0041}",
            "\u{0007}\u{001B}",
            "\u{E000}",
            "\u{3000}\u{2800}\u{0301}",
        ] {
            assert!(!shows_something(blank), "{blank:?}");
        }
    }

    #[test]
    fn names_with_something_in_them_show_it() {
        for name in [
            "Ana",
            NFD_JOSE,
            "李",
            "Ａｎａ",
            "7",
            "?",
            "🙂",
            "\u{2800}A",
            "\u{0301}a",
        ] {
            assert!(shows_something(name), "{name:?}");
        }
    }
}
