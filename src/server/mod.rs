//! The participant server: each participant plots their own line from their phone or laptop.
//!
//! HTTP comes in on threads of its own ([`http`]); a submission is checked there (size, JSON,
//! names, valences, times), then handed through a channel to whoever owns the document — the
//! window or `retroline collect` — which applies it as one [`Edit::Submit`] and answers. Nothing
//! is served from disk: the page is compiled in. Every URL carries an unguessable token.

pub mod collect;
pub mod form;
pub mod http;
pub mod qr;

use std::collections::{BTreeSet, HashMap};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use self::http::{Request, Response, simple};
use crate::doc::{Document, Edit, NewFeeling};
use crate::model::{Board, Moment, VALENCE_MAX, VALENCE_MIN, VoteTarget, in_supported_years};

/// The most participants a round takes.
pub const MAX_PARTICIPANTS: usize = 200;
/// The most feelings in one submitted line.
pub const MAX_LINE: usize = 200;
/// The longest name, emotion word and note a participant can send, in characters.
pub const MAX_NAME: usize = 80;
pub const MAX_EMOTION: usize = 60;
pub const MAX_NOTE: usize = 1_000;
/// How long a request waits for the window (or `collect`) to apply it.
const OWNER_WAIT: Duration = Duration::from_secs(5);

pub(crate) const PAGE_HTML: &str = include_str!("page/index.html");
pub(crate) const PAGE_JS: &str = include_str!("page/app.js");
pub(crate) const PAGE_CSS: &str = include_str!("page/app.css");

/// Whether `name` has feelings on `board`.
fn has_line(board: &Board, name: &str) -> bool {
    board
        .participant_named(name)
        .is_some_and(|p| board.feelings.iter().any(|f| f.participant == p.id))
}

/// Feelings as a participant sent them, checked against the board: each within the board's
/// time (its events and feelings, and as long again before and after, at least a day), and
/// written in the board's own UTC offset so that nobody's clock moves the board's.
pub fn fit_to_board(board: &Board, feelings: Vec<NewFeeling>) -> Result<Vec<NewFeeling>, String> {
    let Some(range) = board.time_range() else {
        return Ok(feelings);
    };
    let (start, end) = (range.start.unix_seconds_f64(), range.end.unix_seconds_f64());
    let pad = (end - start).max(86_400.0);
    let offset = range.start.offset();
    feelings
        .into_iter()
        .enumerate()
        .map(|(i, mut f)| {
            let t = f.time.unix_seconds_f64();
            if t < start - pad || t > end + pad {
                return Err(format!(
                    "feeling {}: {} is far outside the time this board covers",
                    i + 1,
                    f.time.to_rfc3339()
                ));
            }
            f.time = f.time.to_offset(offset);
            Ok(f)
        })
        .collect()
}

/// Characters that change how a name looks without showing: zero-width, direction overrides,
/// invisible formatting. A name with them could pass for someone else's.
fn hidden_characters(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}'
            | '\u{17B5}' | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}' | '\u{FFA0}' | '\u{E0000}'..='\u{E0FFF}')
    })
}

/// 128 bits from the operating system's random source, as 32 hex digits.
pub fn new_token() -> Result<String, String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|err| format!("no random numbers from the operating system: {err}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Compares without stopping at the first difference, so timing tells nothing of the token.
fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// What a participant sends: their line, or their votes.
pub enum Payload {
    Feelings(Vec<NewFeeling>),
    /// Dots on each event or divergence.
    Votes(Vec<(VoteTarget, u32)>),
}

/// A line (or votes) a participant submitted, waiting for the document's owner.
pub struct Submission {
    pub name: String,
    pub payload: Payload,
    pub secret: Option<String>,
    reply: mpsc::SyncSender<Result<String, (u16, String)>>,
}

impl Submission {
    /// Applies the submission to `doc` through `round`; returns the answer for the participant
    /// (their secret, or a status and a reason) to give with [`Reply::send`] once it is kept.
    pub fn apply(
        self,
        round: &mut Round,
        doc: &mut Document,
    ) -> (Reply, Result<String, (u16, String)>) {
        let Self {
            name,
            payload,
            secret,
            reply,
        } = self;
        let result = match payload {
            Payload::Feelings(feelings) => round.accept(doc, &name, feelings, secret.as_deref()),
            Payload::Votes(votes) => round.accept_votes(doc, &name, votes, secret.as_deref()),
        };
        (Reply(reply), result)
    }
}

impl Submission {
    /// Answers without applying it: a status and a reason.
    pub fn refuse(self, status: u16, reason: &str) {
        Reply(self.reply).send(Err((status, reason.to_owned())));
    }
}

/// Where a participant waits for their answer.
pub struct Reply(mpsc::SyncSender<Result<String, (u16, String)>>);

impl Reply {
    pub fn send(self, result: Result<String, (u16, String)>) {
        // The participant may have given up waiting; nothing is lost by a failed send.
        let _ = self.0.try_send(result);
    }
}

/// What the server shows of the board; its owner refreshes it after every change.
struct Shared {
    board_json: Mutex<Arc<Vec<u8>>>,
    open: AtomicBool,
}

/// A running participant server.
pub struct Server {
    http: http::ServerHandle,
    token: String,
    shared: Arc<Shared>,
    inbox: mpsc::Receiver<Submission>,
}

impl Server {
    /// Starts serving `board` on `bind` (port 0 picks a free one). `wake` is called when a
    /// submission arrives, so that the owner can take it at once.
    pub fn start(
        bind: SocketAddr,
        board: &Board,
        round: &Round,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> Result<Self, String> {
        let token = new_token()?;
        let shared = Arc::new(Shared {
            board_json: Mutex::new(Arc::new(board_json(board, round))),
            open: AtomicBool::new(true),
        });
        let (send, inbox) = mpsc::channel::<Submission>();
        let handler = {
            let (token, shared) = (token.clone(), Arc::clone(&shared));
            move |request: &Request| handle(request, &token, &shared, &send, &wake)
        };
        let http = http::start(bind, handler).map_err(|err| match err.kind() {
            std::io::ErrorKind::AddrInUse => {
                format!("cannot listen on {bind}: the port is taken by another program")
            }
            std::io::ErrorKind::AddrNotAvailable => {
                format!("cannot listen on {bind}: this machine has no such address")
            }
            std::io::ErrorKind::PermissionDenied => {
                format!("cannot listen on {bind}: not allowed (ports below 1024 need privileges)")
            }
            _ => format!("cannot listen on {bind}: {err}"),
        })?;
        Ok(Self {
            http,
            token,
            shared,
            inbox,
        })
    }

    /// Where the server listens.
    pub fn local_addr(&self) -> SocketAddr {
        self.http.local_addr
    }

    pub fn token(&self) -> &str {
        &self.token
    }

    /// The join address on `host`.
    pub fn url_on(&self, host: std::net::IpAddr) -> String {
        let port = self.local_addr().port();
        match host {
            std::net::IpAddr::V4(a) => format!("http://{a}:{port}/j/{}", self.token),
            std::net::IpAddr::V6(a) => format!("http://[{a}]:{port}/j/{}", self.token),
        }
    }

    /// A join address for each address participants can reach: every network address of the
    /// machine when listening on all of them, else the one listened on. Loopback comes last.
    pub fn join_urls(&self) -> Vec<(String, String)> {
        let local = self.local_addr();
        if !local.ip().is_unspecified() {
            return vec![("this address".to_owned(), self.url_on(local.ip()))];
        }
        let mut urls = Vec::new();
        if let Ok(interfaces) = if_addrs::get_if_addrs() {
            for i in interfaces {
                let ip = i.ip();
                if i.is_loopback() || i.is_link_local() || ip.is_ipv4() != local.is_ipv4() {
                    continue;
                }
                urls.push((i.name.clone(), self.url_on(ip)));
            }
        }
        let loopback = if local.is_ipv4() {
            std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST)
        } else {
            std::net::IpAddr::V6(std::net::Ipv6Addr::LOCALHOST)
        };
        urls.push(("this machine".to_owned(), self.url_on(loopback)));
        urls
    }

    /// The address to show first: one other machines can reach, else this machine's own.
    pub fn main_url(urls: &[(String, String)]) -> String {
        urls.iter()
            .find(|(name, _)| name != "this machine")
            .or(urls.first())
            .map(|(_, url)| url.clone())
            .unwrap_or_default()
    }

    /// Shows `board` to participants from now on.
    pub fn publish(&self, board: &Board, round: &Round) {
        let json = Arc::new(board_json(board, round));
        if let Ok(mut shown) = self.shared.board_json.lock() {
            *shown = json;
        }
        self.shared.open.store(round.open, Ordering::SeqCst);
    }

    /// The submissions waiting, without blocking.
    pub fn pending(&self) -> Vec<Submission> {
        self.inbox.try_iter().collect()
    }

    /// Waits up to `timeout` for the next submission.
    pub fn next(&self, timeout: Duration) -> Option<Submission> {
        self.inbox.recv_timeout(timeout).ok()
    }

    /// Stops serving; the page then gets no answer.
    pub fn stop(&mut self) {
        self.shared.open.store(false, Ordering::SeqCst);
        self.http.stop();
    }
}

/// A feelings round: who has submitted, the secrets that let each change their own line, and
/// whether the facilitator locked the list of participants. No egui, no network.
#[derive(Debug)]
pub struct Round {
    pub open: bool,
    /// What this round takes: feelings (the lines stay hidden), or votes (after the reveal).
    pub votes: bool,
    /// Only the board's participants may submit; nobody adds themselves.
    pub locked: bool,
    /// Each name (lower case) and the secret its first submission was given.
    secrets: HashMap<String, String>,
    /// Who has submitted (names as on the board).
    pub submitted: BTreeSet<String>,
}

impl Default for Round {
    fn default() -> Self {
        Self {
            open: true,
            votes: false,
            locked: false,
            secrets: HashMap::new(),
            submitted: BTreeSet::new(),
        }
    }
}

impl Round {
    /// Forgets that `name` submitted (their submission was taken back), so that they can again.
    pub fn forget(&mut self, name: &str) {
        let key = name.trim().to_lowercase();
        self.secrets.remove(&key);
        self.submitted.retain(|n| n.to_lowercase() != key);
    }

    /// Applies a submission to `doc` as one undo step, if its secret is right. Returns the
    /// secret to give back, or the HTTP status and reason of a refusal (the board unchanged).
    pub fn accept(
        &mut self,
        doc: &mut Document,
        name: &str,
        feelings: Vec<NewFeeling>,
        secret: Option<&str>,
    ) -> Result<String, (u16, String)> {
        if !self.open {
            return Err((403, "the round is closed".to_owned()));
        }
        if self.votes {
            return Err((403, "this round takes votes, not feelings".to_owned()));
        }
        let name = name.trim();
        let key = name.to_lowercase();
        let known = doc.board().participant_named(name).map(|p| p.name.clone());
        match (&known, self.secrets.get(&key)) {
            (_, Some(expected)) if !secret.is_some_and(|s| same_secret(s, expected)) => {
                return Err((
                    403,
                    format!(
                        "{name} already submitted from another device: only they can change \
                         their line"
                    ),
                ));
            }
            (None, None) if self.locked => {
                return Err((
                    403,
                    "the facilitator locked the list: pick your name from it".to_owned(),
                ));
            }
            (None, None) if doc.board().participants.len() >= MAX_PARTICIPANTS => {
                return Err((
                    409,
                    format!("the board already has {MAX_PARTICIPANTS} participants"),
                ));
            }
            (Some(_), None) if has_line(doc.board(), name) => {
                // Entered by the facilitator, or kept from an earlier round: not to be wiped
                // by whoever picks that name first.
                return Err((
                    409,
                    format!(
                        "{name} already has feelings on this board from before this round: ask \
                         the facilitator to clear them, then submit"
                    ),
                ));
            }
            _ => {}
        }
        let feelings = fit_to_board(doc.board(), feelings).map_err(|why| (400, why))?;
        let edit = Edit::Submit {
            name: name.to_owned(),
            feelings,
        };
        doc.apply(edit)
            .map_err(|reason| (422, reason.to_string()))?;
        let shown_name = doc
            .board()
            .participant_named(name)
            .map_or_else(|| name.to_owned(), |p| p.name.clone());
        self.submitted.insert(shown_name);
        self.secret_for(key)
    }

    /// The secret of the name `key` (lower case): the one it was given, or a new one.
    fn secret_for(&mut self, key: String) -> Result<String, (u16, String)> {
        if let Some(s) = self.secrets.get(&key) {
            return Ok(s.clone());
        }
        let s = new_token().map_err(|e| (500, e))?;
        self.secrets.insert(key, s.clone());
        Ok(s)
    }
}

impl Round {
    /// A round for the dot vote: only the board's participants, each changing only their own
    /// votes.
    pub fn for_votes() -> Self {
        Self {
            votes: true,
            locked: true,
            ..Self::default()
        }
    }

    /// Applies `name`'s votes to `doc` as one undo step, if their secret is right. Returns the
    /// secret to give back, or the HTTP status and reason of a refusal (the board unchanged).
    pub fn accept_votes(
        &mut self,
        doc: &mut Document,
        name: &str,
        votes: Vec<(VoteTarget, u32)>,
        secret: Option<&str>,
    ) -> Result<String, (u16, String)> {
        if !self.open {
            return Err((403, "the round is closed".to_owned()));
        }
        if !self.votes {
            return Err((
                403,
                "this round takes feelings; voting has not started".to_owned(),
            ));
        }
        let name = name.trim();
        let key = name.to_lowercase();
        let Some(person) = doc
            .board()
            .participant_named(name)
            .map(|p| (p.id, p.name.clone()))
        else {
            return Err((
                403,
                "only the board's participants vote: pick your name".to_owned(),
            ));
        };
        if let Some(expected) = self.secrets.get(&key)
            && !secret.is_some_and(|s| same_secret(s, expected))
        {
            return Err((
                403,
                format!(
                    "{name} already voted from another device: only they can change their votes"
                ),
            ));
        }
        // A divergence is named by a moment inside it: one that holds none now was on a page
        // loaded before the feelings changed.
        let spans = &doc.derived().spans;
        if votes.iter().any(|&(t, _)| {
            matches!(t, VoteTarget::Divergence(_))
                && crate::analysis::votes::resolve(t, spans).is_none()
        }) {
            return Err((
                409,
                "the divergences changed since the page was loaded: reload it and vote again"
                    .to_owned(),
            ));
        }
        let edit = Edit::SetVotes {
            participant: person.0,
            votes,
        };
        doc.apply(edit)
            .map_err(|reason| (422, reason.to_string()))?;
        self.submitted.insert(person.1);
        self.secret_for(key)
    }
}

#[derive(Serialize)]
struct BoardOut<'a> {
    title: &'a str,
    events: Vec<EventOut<'a>>,
    participants: Vec<NameOut<'a>>,
    lanes: Vec<LaneOut<'a>>,
    round: RoundOut,
}

#[derive(Serialize)]
struct EventOut<'a> {
    id: u32,
    time: String,
    title: &'a str,
    lane: &'a str,
    lane_colour: String,
    notes: &'a str,
}

#[derive(Serialize)]
struct NameOut<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct LaneOut<'a> {
    name: &'a str,
    colour: String,
}

#[derive(Serialize)]
struct RoundOut {
    open: bool,
    locked: bool,
    /// What the round takes: "feelings" or "votes".
    mode: &'static str,
    /// In a vote round: how many votes each person has, and what they can go to.
    #[serde(skip_serializing_if = "Option::is_none")]
    votes: Option<VotesOut>,
}

#[derive(Serialize)]
struct VotesOut {
    per_person: u32,
    targets: Vec<TargetOut>,
}

#[derive(Serialize)]
struct TargetOut {
    /// "e:ID" for an event, "d:UNIX_SECONDS" for the divergence around that moment.
    target: String,
    label: String,
}

/// What can be voted on: each divergence (only in a vote round, after the reveal), then each
/// event in time order.
fn vote_targets(board: &Board, events: &[&crate::model::Event]) -> VotesOut {
    let spans = crate::analysis::divergences(board, board.settings.neutral_band);
    let dates = crate::model::time::format::BoardDates::today(
        board.offset_with(board.time_range()),
        board.time_range(),
    );
    let targets = spans
        .iter()
        .map(|s| TargetOut {
            target: format!("d:{}", s.peak.unix_nanos().div_euclid(1_000_000_000)),
            label: format!("Divergence {} – {}", dates.time(s.start), dates.time(s.end)),
        })
        .chain(events.iter().map(|e| TargetOut {
            target: format!("e:{}", e.id),
            label: format!("{} {}", dates.clock(e.time), e.title),
        }))
        .collect();
    VotesOut {
        per_person: board.voting.per_person,
        targets,
    }
}

/// `board.json`: the title, the events in time order, the participants' names, the lanes.
pub(crate) fn board_json(board: &Board, round: &Round) -> Vec<u8> {
    let mut events: Vec<&crate::model::Event> = board.events.iter().collect();
    events.sort_by_key(|e| (e.time.unix_nanos(), e.id));
    let events_for_votes = events.clone();
    let lane = |id| board.lane(id);
    let out = BoardOut {
        title: &board.title,
        events: events
            .into_iter()
            .map(|e| EventOut {
                id: e.id.0,
                time: e.time.to_rfc3339(),
                title: &e.title,
                lane: lane(e.lane).map_or("", |l| l.name.as_str()),
                lane_colour: lane(e.lane).map_or_else(String::new, |l| l.colour.to_hex()),
                notes: &e.notes,
            })
            .collect(),
        participants: board
            .participants
            .iter()
            .map(|p| NameOut { name: &p.name })
            .collect(),
        lanes: board
            .lanes
            .iter()
            .map(|l| LaneOut {
                name: &l.name,
                colour: l.colour.to_hex(),
            })
            .collect(),
        round: RoundOut {
            open: round.open,
            locked: round.locked,
            mode: if round.votes { "votes" } else { "feelings" },
            votes: round.votes.then(|| vote_targets(board, &events_for_votes)),
        },
    };
    serde_json::to_vec(&out).unwrap_or_else(|_| b"{}".to_vec())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SubmitIn {
    participant: String,
    feelings: Vec<FeelingIn>,
    #[serde(default)]
    secret: Option<String>,
    /// The board's title, which an offline form's answer carries; accepted and not needed.
    #[serde(default, rename = "board")]
    _board: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FeelingIn {
    time: String,
    valence: f64,
    #[serde(default)]
    emotion: String,
    #[serde(default)]
    note: String,
}

fn too_long(text: &str, max: usize) -> bool {
    text.chars().nth(max).is_some()
}

/// Checks a submission's body; returns the name, the feelings and the secret.
pub(crate) fn parse_submission(
    body: &[u8],
) -> Result<(String, Vec<NewFeeling>, Option<String>), String> {
    let input: SubmitIn =
        serde_json::from_slice(body).map_err(|err| format!("the body is not valid JSON: {err}"))?;
    let name = input.participant.trim().to_owned();
    if !crate::io::inert::has_visible(&name) {
        return Err("\"participant\" needs a name with something visible in it".to_owned());
    }
    if too_long(&name, MAX_NAME) || name.chars().any(char::is_control) || hidden_characters(&name) {
        return Err(format!(
            "a name is at most {MAX_NAME} characters, with no control or invisible characters"
        ));
    }
    if input.feelings.len() > MAX_LINE {
        return Err(format!("a line has at most {MAX_LINE} feelings"));
    }
    let mut feelings = Vec::with_capacity(input.feelings.len());
    for (i, f) in input.feelings.into_iter().enumerate() {
        let n = i + 1;
        let time = Moment::parse_rfc3339(&f.time).map_err(|err| format!("feeling {n}: {err}"))?;
        if !in_supported_years(time) {
            return Err(format!(
                "feeling {n}: the time must lie between the years 1900 and 2200"
            ));
        }
        if !(f.valence.is_finite() && (VALENCE_MIN..=VALENCE_MAX).contains(&f.valence)) {
            return Err(format!(
                "feeling {n}: the valence must be from -5 to 5, not {}",
                f.valence
            ));
        }
        if f.emotion.chars().any(char::is_control)
            || f.note.chars().any(|c| c.is_control() && c != '\n')
        {
            return Err(format!(
                "feeling {n}: control characters are not taken in an emotion word or a note"
            ));
        }
        if too_long(&f.emotion, MAX_EMOTION) || too_long(&f.note, MAX_NOTE) {
            return Err(format!(
                "feeling {n}: an emotion word is at most {MAX_EMOTION} characters and a note \
                 {MAX_NOTE}"
            ));
        }
        feelings.push(NewFeeling {
            time,
            valence: f.valence,
            emotion: f.emotion.trim().to_owned(),
            note: f.note.trim().to_owned(),
        });
    }
    feelings.sort_by_key(|f| f.time.unix_nanos());
    let secret = input.secret.filter(|s| !s.is_empty());
    if secret.as_ref().is_some_and(|s| s.len() > 64) {
        return Err("the secret is not one this server gave".to_owned());
    }
    Ok((name, feelings, secret))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VotesIn {
    participant: String,
    votes: Vec<VoteIn>,
    #[serde(default)]
    secret: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VoteIn {
    target: String,
    dots: u32,
}

/// The most targets one person's votes can name.
pub const MAX_VOTE_TARGETS: usize = 100;

/// Someone's dots on each target.
pub type Dots = Vec<(VoteTarget, u32)>;

/// Checks a vote's body; returns the name, the dots on each target and the secret.
pub(crate) fn parse_votes(body: &[u8]) -> Result<(String, Dots, Option<String>), String> {
    let input: VotesIn =
        serde_json::from_slice(body).map_err(|err| format!("the body is not valid JSON: {err}"))?;
    let name = input.participant.trim().to_owned();
    if !crate::io::inert::has_visible(&name)
        || too_long(&name, MAX_NAME)
        || name.chars().any(char::is_control)
        || hidden_characters(&name)
    {
        return Err("\"participant\" needs your name as the board has it".to_owned());
    }
    if input.votes.len() > MAX_VOTE_TARGETS {
        return Err(format!("votes name at most {MAX_VOTE_TARGETS} targets"));
    }
    let mut votes = Vec::with_capacity(input.votes.len());
    for (i, v) in input.votes.into_iter().enumerate() {
        let n = i + 1;
        if v.dots > crate::model::meeting::MAX_VOTES_PER_PERSON {
            return Err(format!("vote {n}: too many dots"));
        }
        let target = match v.target.split_once(':') {
            Some(("e", id)) => id
                .parse()
                .ok()
                .map(|id| VoteTarget::Event(crate::model::EventId(id))),
            Some(("d", secs)) => secs
                .parse::<i64>()
                .ok()
                .and_then(|s| Moment::from_unix_seconds(s, jiff::tz::Offset::UTC))
                .filter(|m| in_supported_years(*m))
                .map(VoteTarget::Divergence),
            _ => None,
        }
        .ok_or_else(|| {
            format!(
                "vote {n}: \"{}\" is not a target this page offered",
                v.target.chars().take(40).collect::<String>()
            )
        })?;
        votes.push((target, v.dots));
    }
    let secret = input.secret.filter(|s| !s.is_empty());
    if secret.as_ref().is_some_and(|s| s.len() > 64) {
        return Err("the secret is not one this server gave".to_owned());
    }
    Ok((name, votes, secret))
}

fn ok(content_type: &'static str, body: Vec<u8>) -> Response {
    Response {
        status: 200,
        content_type,
        body,
    }
}

/// Answers one request.
fn handle(
    request: &Request,
    token: &str,
    shared: &Shared,
    send: &mpsc::Sender<Submission>,
    wake: &(impl Fn() + Send + Sync),
) -> Response {
    let not_found = || simple(404, "not found");
    let path = request.path.split('?').next().unwrap_or("");
    let Some(rest) = path.strip_prefix("/j/") else {
        return not_found();
    };
    let (given, what) = rest.split_once('/').unwrap_or((rest, ""));
    if !same_secret(given, token) {
        return not_found();
    }
    match (request.method.as_str(), what) {
        // The token is hex: it can go into the page as it is.
        ("GET", "") => ok(
            "text/html; charset=utf-8",
            PAGE_HTML
                .replace("/j/TOKEN/", &format!("/j/{token}/"))
                .into_bytes(),
        ),
        ("GET", "app.js") => ok(
            "text/javascript; charset=utf-8",
            PAGE_JS.as_bytes().to_vec(),
        ),
        ("GET", "app.css") => ok("text/css; charset=utf-8", PAGE_CSS.as_bytes().to_vec()),
        ("GET", "board.json") => {
            let json = shared
                .board_json
                .lock()
                .map(|j| Arc::clone(&j))
                .unwrap_or_default();
            ok("application/json; charset=utf-8", json.to_vec())
        }
        ("POST", "feelings" | "votes") => {
            if !shared.open.load(Ordering::SeqCst) {
                return simple(403, "the round is closed");
            }
            let parsed = if what == "votes" {
                parse_votes(&request.body).map(|(n, v, s)| (n, Payload::Votes(v), s))
            } else {
                parse_submission(&request.body).map(|(n, f, s)| (n, Payload::Feelings(f), s))
            };
            let (name, payload, secret) = match parsed {
                Ok(parsed) => parsed,
                Err(reason) => return simple(400, &reason),
            };
            let (reply, answer) = mpsc::sync_channel(1);
            let submission = Submission {
                name,
                payload,
                secret,
                reply,
            };
            if send.send(submission).is_err() {
                return simple(503, "the round has ended");
            }
            wake();
            match answer.recv_timeout(OWNER_WAIT) {
                Ok(Ok(secret)) => ok(
                    "application/json; charset=utf-8",
                    serde_json::json!({ "secret": secret })
                        .to_string()
                        .into_bytes(),
                ),
                Ok(Err((status, reason))) => simple(status, &reason),
                Err(_) => simple(503, "the facilitator's app did not answer; try again"),
            }
        }
        (_, "" | "app.js" | "app.css" | "board.json" | "feelings" | "votes") => {
            simple(405, "method not allowed")
        }
        _ => not_found(),
    }
}

/// Applies every waiting submission to `doc` through `round`, answers each, and returns how
/// many were accepted. The caller publishes the board once, after all of them.
pub fn take_submissions(server: &Server, round: &mut Round, doc: &mut Document) -> usize {
    let mut accepted = 0;
    for sub in server.pending() {
        let (reply, result) = sub.apply(round, doc);
        accepted += usize::from(result.is_ok());
        reply.send(result);
    }
    accepted
}

#[cfg(test)]
mod tests;
