//! Text folded for search: compatibility decomposition (NFKD), combining marks dropped, lower
//! case. "Kühn", "KUHN" and "kuhn" fold alike; letters that do not decompose (æ, ø, ß, CJK)
//! stay themselves, only lower-cased.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// `text` folded for search.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// Appends `text` folded for search to `out`. Each character decomposes on its own: the
/// combining marks that NFKD would reorder are dropped anyway.
pub fn fold_into(text: &str, out: &mut String) {
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            decompose_compatible(c, |d| {
                if !is_combining_mark(d) {
                    out.extend(d.to_lowercase());
                }
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn accents_go_and_case_folds() {
        assert_eq!(fold("Kühn"), "kuhn");
        assert_eq!(fold("KÜHN"), "kuhn");
        assert_eq!(fold("Vértice Ñandú"), "vertice nandu");
        assert_eq!(fold("İstanbul"), "istanbul");
        assert_eq!(fold("e\u{301}\u{323}"), "e", "marks go in any order");
    }

    #[test]
    fn letters_that_do_not_decompose_are_only_lower_cased() {
        assert_eq!(fold("Ærø"), "ærø");
        assert_eq!(fold("Øresund ApS"), "øresund aps");
        assert_eq!(fold("Straße"), "straße");
    }

    #[test]
    fn compatibility_forms_unfold() {
        assert_eq!(fold("ﬁle Ⅻ"), "file xii");
        assert_eq!(fold("ＡＷＳ"), "aws");
    }

    #[test]
    fn folding_each_character_alone_matches_nfkd_of_the_whole_text() {
        use unicode_normalization::char::is_combining_mark;
        use unicode_normalization::UnicodeNormalization;
        let text: String = ('\u{80}'..'\u{3400}')
            .chain('\u{ac00}'..'\u{ac20}')
            .collect();
        let nfkd: String = text
            .nfkd()
            .filter(|&c| !is_combining_mark(c))
            .flat_map(char::to_lowercase)
            .collect();
        assert_eq!(fold(&text), nfkd);
    }

    #[test]
    fn cjk_stays_and_empty_stays_empty() {
        assert_eq!(fold("未来 メインフレーム"), "未来 メインフレーム");
        assert_eq!(fold(""), "");
        assert_eq!(fold("\u{301}"), "", "a lone combining mark goes");
    }
}
