//! Vietnamese dictionary order: a sort key that orders base letters as the
//! Vietnamese alphabet does (a ă â b c d đ e ê …), then tones (ngang,
//! huyền, hỏi, ngã, sắc, nặng), then case, whatever the normalisation form.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Vietnamese alphabet order of base letters.
const VI_ALPHABET: [char; 29] = [
    'a', 'ă', 'â', 'b', 'c', 'd', 'đ', 'e', 'ê', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'ô', 'ơ',
    'p', 'q', 'r', 's', 't', 'u', 'ư', 'v', 'x', 'y',
];
/// Primary weight of whitespace (sorts before everything but end of string).
const W_SPACE: u32 = 1;
/// Primary weight base of digits, punctuation and symbols (+ code point).
const W_SYMBOL: u32 = 2;
/// Primary weight base of Vietnamese letters (+ index in [`VI_ALPHABET`]).
const W_VI_LETTER: u32 = 0x0020_0000;
/// Primary weight base of other letters (+ code point of the lowercase letter).
const W_OTHER_LETTER: u32 = 0x0020_0100;

/// Tone of a combining mark: 1 huyền, 2 hỏi, 3 ngã, 4 sắc, 5 nặng (0 ngang).
fn tone_of(mark: char) -> Option<u32> {
    match mark {
        '\u{300}' => Some(1),
        '\u{309}' => Some(2),
        '\u{303}' => Some(3),
        '\u{301}' => Some(4),
        '\u{323}' => Some(5),
        _ => None,
    }
}

/// Vietnamese letter made of `base` plus a breve, circumflex or horn.
fn modified(base: char, mark: char) -> Option<char> {
    Some(match (base, mark) {
        ('a', '\u{306}') => 'ă',
        ('a', '\u{302}') => 'â',
        ('e', '\u{302}') => 'ê',
        ('o', '\u{302}') => 'ô',
        ('o', '\u{31b}') => 'ơ',
        ('u', '\u{31b}') => 'ư',
        _ => return None,
    })
}

/// (primary weight, tone, is uppercase) of one grapheme-like cluster: a
/// non-mark char (NFD) followed by its combining marks.
fn vi_weights(cluster: &[char]) -> (u32, u32, u32) {
    let first = cluster[0];
    let upper = u32::from(first.is_uppercase());
    let lower = first.to_lowercase().next().unwrap_or(first);

    // Vietnamese reading: at most one vowel modifier and one tone mark (tones
    // only on vowels). Anything else is treated as a foreign letter.
    let mut letter = lower;
    let mut tone = 0;
    let mut vietnamese = true;
    for &m in &cluster[1..] {
        if let Some(l) = modified(letter, m) {
            letter = l;
        } else if let Some(t) = tone_of(m).filter(|_| tone == 0) {
            tone = t;
        } else {
            vietnamese = false;
        }
    }
    let vowel = matches!(
        letter,
        'a' | 'ă' | 'â' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y'
    );
    if tone != 0 && !vowel {
        vietnamese = false;
    }
    if vietnamese && let Some(i) = VI_ALPHABET.iter().position(|&a| a == letter) {
        return (W_VI_LETTER + i as u32, tone, upper);
    }

    // Foreign letter, digit, symbol or whitespace: weigh the composed cluster.
    let composed: String = cluster.iter().collect::<String>().nfc().collect();
    let c = composed.chars().next().unwrap_or(first);
    let c = c.to_lowercase().next().unwrap_or(c);
    let primary = if c.is_whitespace() {
        W_SPACE
    } else if c.is_alphabetic() {
        W_OTHER_LETTER + c as u32
    } else {
        W_SYMBOL + c as u32
    };
    (primary, 0, upper)
}

/// Vietnamese dictionary-order sort key: sorting by it gives the order of a
/// Vietnamese dictionary rather than code-point order.
///
/// Encoding, for the n clusters (a char and its combining marks, after NFD)
/// of `s`: `[p_1..p_n, 0, t_1..t_n, 0, u_1..u_n]` where
/// * `p_i` is the primary (case-insensitive base letter) weight: 1 for
///   whitespace, `2 + code point` for digits, punctuation and symbols,
///   `0x20_0000 + i` for the i-th letter of `a ă â b c d đ e ê g h i k l m n o
///   ô ơ p q r s t u ư v x y`, `0x20_0100 + code point` for any other letter;
/// * `t_i` is the tone: 0 ngang, 1 huyền, 2 hỏi, 3 ngã, 4 sắc, 5 nặng;
/// * `u_i` is 1 for an uppercase letter, else 0 (a last tie-break).
///
/// Since every `p_i` is > 0, a string whose base letters are a prefix of
/// another's sorts first; tones are only compared when all base letters are
/// equal, position by position. NFC and NFD spellings give the same key.
pub fn vi_sort_key(s: &str) -> Vec<u32> {
    let mut clusters: Vec<Vec<char>> = Vec::new();
    for c in s.nfd() {
        match clusters.last_mut() {
            Some(cluster) if is_combining_mark(c) => cluster.push(c),
            _ => clusters.push(vec![c]),
        }
    }
    let weights: Vec<_> = clusters.iter().map(|c| vi_weights(c)).collect();
    let mut key = Vec::with_capacity(weights.len() * 3 + 2);
    key.extend(weights.iter().map(|w| w.0));
    key.push(0);
    key.extend(weights.iter().map(|w| w.1));
    key.push(0);
    key.extend(weights.iter().map(|w| w.2));
    key
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn vietnamese_sort_order() {
        #[rustfmt::skip]
        let mut words = vec![
            "đường", "dân", "Ánh", "anh", "ăn", "ân", "bà", "ba", "bá", "bả", "bã", "bạ", "bà",
            "em", "êm", "ơn", "ôm", "om", "ưa", "ua", "xã", "y tế",
        ];
        words.sort_by_key(|w| vi_sort_key(w));
        #[rustfmt::skip]
        let expected = [
            "anh", "Ánh", "ăn", "ân", "ba", "bà", "bà", "bả", "bã", "bá", "bạ", "dân", "đường",
            "em", "êm", "om", "ôm", "ơn", "ua", "ưa", "xã", "y tế",
        ];
        assert_eq!(words, expected);
    }

    #[test]
    fn sort_key_details() {
        let nfd: String = "Nguyễn Thị Ánh".nfd().collect();
        assert_eq!(vi_sort_key(&nfd), vi_sort_key("Nguyễn Thị Ánh"));
        assert!(vi_sort_key("ba") < vi_sort_key("ba ba"));
        assert!(vi_sort_key("ba ba") < vi_sort_key("bac"));
        assert!(vi_sort_key("bà") < vi_sort_key("bac"));
        assert!(vi_sort_key("y") < vi_sort_key("z"));
        assert!(vi_sort_key("9") < vi_sort_key("a"));
        assert!(vi_sort_key("an") < vi_sort_key("An"));
        assert!(vi_sort_key("An") < vi_sort_key("án"));
    }
}
