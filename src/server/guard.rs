//! Which requests the server takes at all, before their token is looked at: a `Host` that is one
//! of the addresses the server showed (so that a web page whose name was pointed at this machine
//! — DNS rebinding — gets nothing), and for a submission, a same-origin JSON request from a
//! browser, or one from a script that sends no `Origin` (so that another site's page cannot post
//! a form or a `text/plain` body here).

use std::net::IpAddr;

use super::http::{Request, Response, simple};

/// The authorities (`host:port`, a v6 address in brackets) a request may name in `Host`, and
/// its `Origin` after `http://`: each of `hosts`, this machine's loopback addresses and
/// `localhost`, on `port`; on port 80 also without the port, as browsers then send them.
/// Lowercase, without repeats.
pub(super) fn allowed_authorities(hosts: &[IpAddr], port: u16) -> Vec<String> {
    let loopback = [
        IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
        IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
    ];
    let mut names: Vec<String> = hosts
        .iter()
        .chain(loopback.iter())
        .map(|ip| match ip {
            IpAddr::V4(a) => a.to_string(),
            IpAddr::V6(a) => format!("[{a}]"),
        })
        .collect();
    names.push("localhost".to_owned());
    let mut allowed = Vec::new();
    for name in names {
        let name = name.to_ascii_lowercase();
        let mut forms = vec![format!("{name}:{port}")];
        if port == 80 {
            forms.push(name);
        }
        for form in forms {
            if !allowed.contains(&form) {
                allowed.push(form);
            }
        }
    }
    allowed
}

/// The answer to a request the server does not take, or `None` for one it does.
pub(super) fn refuse(request: &Request, allowed: &[String]) -> Option<Response> {
    let is_allowed = |authority: &str| {
        let authority = authority.to_ascii_lowercase();
        allowed.contains(&authority)
    };
    let Some(host) = &request.host else {
        return Some(simple(400, "the request has no Host header"));
    };
    if !is_allowed(host) {
        return Some(simple(
            421,
            "this server answers only at the addresses it shows: use the join address",
        ));
    }
    if request.method != "POST" {
        return None;
    }
    if request
        .fetch_site
        .as_deref()
        .is_some_and(|site| site.eq_ignore_ascii_case("cross-site"))
    {
        return Some(simple(403, "requests from other sites are not accepted"));
    }
    if let Some(origin) = &request.origin {
        let same = origin
            .get(..7)
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("http://"))
            && origin.get(7..).is_some_and(is_allowed);
        if !same {
            return Some(simple(403, "requests from other sites are not accepted"));
        }
    }
    if !request.content_type.as_deref().is_some_and(is_json) {
        return Some(simple(
            415,
            "send the body as JSON, with Content-Type: application/json",
        ));
    }
    None
}

/// `application/json`, with parameters or not (`; charset=utf-8`), in any case.
fn is_json(content_type: &str) -> bool {
    let media = content_type.split(';').next().unwrap_or("").trim();
    media.eq_ignore_ascii_case("application/json")
}
