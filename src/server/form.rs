//! The offline form: the participant page as one self-contained file with the board inside, for
//! remote teammates with no network path to the facilitator. It makes a short answer text
//! (`retroline-answer:` and base64 JSON) to send back in the chat; the window merges answers
//! through the same checks and one undo step each.

use base64::Engine;

use super::{PAGE_CSS, PAGE_HTML, PAGE_JS, Round, SubmissionError, board_json, parse_submission};
use crate::doc::NewFeeling;
use crate::model::Board;

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

/// The form for `board`: one HTML file that works offline in any browser.
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
         <script type=\"application/json\" id=\"board-data\" data-id=\"{id}\">{json}</script>"
    );
    PAGE_HTML
        .replace(
            "<link rel=\"stylesheet\" href=\"/j/TOKEN/app.css\">\n<script src=\"/j/TOKEN/app.js\" defer></script>",
            &head,
        )
        .replace("</body>", &format!("<script>\n{PAGE_JS}</script>\n</body>"))
}

/// One answer found in a text.
#[derive(Debug, PartialEq)]
pub struct Answer {
    pub participant: String,
    pub feelings: Vec<NewFeeling>,
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
    #[error("answer {answer}: {problem}")]
    Invalid {
        answer: usize,
        problem: SubmissionError,
    },
}

/// Every answer in `text` (pasted from a chat, or a dropped file), each checked as a submission
/// is; the problems say which answer and why.
pub fn answers(text: &str) -> (Vec<Answer>, Vec<AnswerProblem>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for (n, piece) in text.split(ANSWER_PREFIX).skip(1).enumerate() {
        let n = n + 1;
        if n > MAX_ANSWERS {
            problems.push(AnswerProblem::TooMany);
            break;
        }
        let encoded: String = piece
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=' | '\n' | '\r'))
            .filter(|c| !c.is_whitespace())
            .take(MAX_ANSWER + 1)
            .collect();
        if encoded.len() > MAX_ANSWER {
            problems.push(AnswerProblem::TooLong { answer: n });
            continue;
        }
        let bytes = match base64::engine::general_purpose::STANDARD.decode(&encoded) {
            Ok(bytes) => bytes,
            Err(_) => {
                problems.push(AnswerProblem::Garbled { answer: n });
                continue;
            }
        };
        match parse_submission(&bytes) {
            Ok((participant, feelings, _)) => found.push(Answer {
                participant,
                feelings,
            }),
            Err(problem) => problems.push(AnswerProblem::Invalid { answer: n, problem }),
        }
    }
    (found, problems)
}
