//! The offline form: the participant page as one self-contained file with the board inside, for
//! remote teammates with no network path to the facilitator. It makes a short answer text to
//! send back in the chat: `retroline-answer:`, the answer as base64 JSON, `.`, and its HMAC-SHA256
//! (hex) under the key kept in the board's round. The window takes answers through the same
//! admission as a phone's submission (`super::admission`), one undo step each; a changed, cut or
//! foreign answer is named and adds nothing.

use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use super::admission::hex;
use super::{PAGE_CSS, PAGE_HTML, PAGE_JS, Round, SubmissionError, board_json, parse_submission};
use crate::doc::NewFeeling;
use crate::model::Board;

/// A new key for a board's form: 256 bits from the operating system, in hex.
pub fn new_key() -> Result<String, super::TokenError> {
    Ok(format!("{}{}", super::new_token()?, super::new_token()?))
}

/// What names a form's key in its answers without giving it away: the first 16 hex digits of
/// its SHA-256.
fn key_id(key: &str) -> String {
    hex(&Sha256::digest(key.as_bytes()))[..16].to_owned()
}

/// The key's bytes, from its hex digits; `None` for a key that is not one.
fn key_bytes(key: &str) -> Option<Vec<u8>> {
    if key.len() != 64 {
        return None;
    }
    (0..key.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(key.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Whether `mac` (hex) is the HMAC-SHA256 of `message` under `key`.
fn signed_by(key: &str, message: &[u8], mac: &str) -> bool {
    let (Some(key), Some(mac)) = (key_bytes(key), (mac.len() == 64).then_some(mac)) else {
        return false;
    };
    let Some(mac) = key_bytes(mac) else {
        return false;
    };
    let Ok(mut check) = Hmac::<Sha256>::new_from_slice(&key) else {
        return false;
    };
    check.update(message);
    check.verify_slice(&mac).is_ok()
}

/// An answer as `board`'s form makes it, from its JSON body (`participant`, `feelings`,
/// `secret`): the form named, the body signed. `None` when the board has no form key.
pub fn make_answer(board: &Board, mut body: serde_json::Value) -> Option<String> {
    let key = &board.round.form_key;
    body.as_object_mut()?
        .insert("form".to_owned(), key_id(key).into());
    let json = serde_json::to_vec(&body).ok()?;
    let mac = sign(key, &json)?;
    Some(format!(
        "{ANSWER_PREFIX}{}.{mac}",
        base64::engine::general_purpose::STANDARD.encode(&json)
    ))
}

/// The HMAC-SHA256 of `message` under `key`, in hex (what the form's script makes).
pub fn sign(key: &str, message: &[u8]) -> Option<String> {
    let mut mac = Hmac::<Sha256>::new_from_slice(&key_bytes(key)?).ok()?;
    mac.update(message);
    Some(hex(&mac.finalize().into_bytes()))
}

/// What starts an answer in a text.
pub const ANSWER_PREFIX: &str = "retroline-answer:";
/// The most answers taken from one paste or file.
pub const MAX_ANSWERS: usize = 200;
/// The longest answer, encoded.
const MAX_ANSWER: usize = 96 * 1024;

/// The file loads nothing and sends nothing: only its own script and styles run.
const CSP: &str = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; \
                   base-uri 'none'; form-action 'none'";

/// JSON that can sit inside a `<script>` element: `<`, `>` and `&` only ever appear in its
/// strings, where `\u003c`-style escapes mean the same.
fn script_safe(json: &[u8]) -> String {
    String::from_utf8_lossy(json)
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// The form for `board`: one HTML file that works offline in any browser. Its answers are
/// signed with the board's form key, which must be set first (see [`new_key`]).
pub fn page(board: &Board) -> String {
    let round = Round::default();
    let json = script_safe(&board_json(board, &round));
    // Each board's form keeps its own draft in the browser.
    let id = format!(
        "{:016x}",
        crate::io::recovery::content_hash(json.as_bytes())
    );
    let head = format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
         <style>\n{PAGE_CSS}</style>\n\
         <script type=\"application/json\" id=\"board-data\" data-id=\"{id}\" \
         data-key=\"{key}\" data-form=\"{form}\">{json}</script>",
        key = board.round.form_key,
        form = key_id(&board.round.form_key),
    );
    PAGE_HTML
        .replace(
            "<link rel=\"stylesheet\" href=\"/j/TOKEN/app.css\">\n<script src=\"/j/TOKEN/app.js\" defer></script>",
            &head,
        )
        .replace("</body>", &format!("<script>\n{PAGE_JS}</script>\n</body>"))
}

/// One answer found in a text, its signature checked.
#[derive(Debug, PartialEq)]
pub struct Answer {
    pub participant: String,
    pub feelings: Vec<NewFeeling>,
    /// They ask to stay anonymous in the record.
    pub anonymous: bool,
    /// The secret the sender's form made: only with it can their line be changed again.
    pub secret: Option<String>,
}

/// Why an answer in a text was not taken, and which (counted from 1).
#[derive(Debug, thiserror::Error)]
pub enum AnswerProblem {
    #[error("only the first {MAX_ANSWERS} answers are taken")]
    TooMany,
    #[error("answer {answer} is too long to be one person's line")]
    TooLong { answer: usize },
    #[error("answer {answer} is cut or changed: ask for it again")]
    Garbled { answer: usize },
    #[error(
        "answer {answer} is not signed: it comes from an older form; send the new form and ask \
         for it again"
    )]
    Unsigned { answer: usize },
    #[error("answer {answer} was made with the form of another board")]
    Foreign { answer: usize },
    #[error("answer {answer}: {problem}")]
    Invalid {
        answer: usize,
        problem: SubmissionError,
    },
}

/// Which form an answer says it came from.
#[derive(serde::Deserialize)]
struct FormOnly {
    #[serde(default)]
    form: String,
}

/// Every answer in `text` (pasted from a chat, or a dropped file) made by `board`'s form, its
/// signature checked and its body checked as a submission's is; the problems say which answer
/// and why.
pub fn answers(text: &str, board: &Board) -> (Vec<Answer>, Vec<AnswerProblem>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for (n, piece) in text.split(ANSWER_PREFIX).skip(1).enumerate() {
        let n = n + 1;
        if n > MAX_ANSWERS {
            problems.push(AnswerProblem::TooMany);
            break;
        }
        match answer(n, piece, board) {
            Ok(answer) => found.push(answer),
            Err(problem) => problems.push(problem),
        }
    }
    (found, problems)
}

/// The `n`th answer, from what follows its prefix.
fn answer(n: usize, piece: &str, board: &Board) -> Result<Answer, AnswerProblem> {
    // Chats wrap long lines: the answer is what follows, spaces and line breaks left out.
    let encoded: String = piece
        .chars()
        .take_while(|c| {
            c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=' | '.' | '\n' | '\r' | ' ')
        })
        .filter(|c| !c.is_whitespace())
        .take(MAX_ANSWER + 1)
        .collect();
    if encoded.len() > MAX_ANSWER {
        return Err(AnswerProblem::TooLong { answer: n });
    }
    let (body, mac) = match encoded.split_once('.') {
        Some((body, mac)) => (body, Some(mac)),
        None => (encoded.as_str(), None),
    };
    let garbled = AnswerProblem::Garbled { answer: n };
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(body)
        .map_err(|_| AnswerProblem::Garbled { answer: n })?;
    let form: FormOnly = serde_json::from_slice(&bytes).map_err(|_| garbled)?;
    let Some(mac) = mac.filter(|_| !form.form.is_empty()) else {
        return Err(AnswerProblem::Unsigned { answer: n });
    };
    let key = &board.round.form_key;
    if key.is_empty() || form.form != key_id(key) {
        return Err(AnswerProblem::Foreign { answer: n });
    }
    if !signed_by(key, &bytes, mac) {
        return Err(AnswerProblem::Garbled { answer: n });
    }
    let (participant, line, secret) = parse_submission(&bytes)
        .map_err(|problem| AnswerProblem::Invalid { answer: n, problem })?;
    Ok(Answer {
        participant,
        feelings: line.feelings,
        anonymous: line.anonymous,
        secret,
    })
}
