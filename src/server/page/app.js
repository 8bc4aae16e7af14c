// The participant page: pick your name, set how you felt at each event, submit.
// Board text is only ever put on the page as text (textContent), never as HTML.
"use strict";

(function () {
  // The offline form carries its board in the page; the served page asks the server for it.
  const embedded = document.getElementById("board-data");
  const base = location.pathname.replace(/\/+$/, "");
  const token = embedded ? "form:" + (embedded.dataset.id || "") : base.split("/").pop();
  const store = window.localStorage;
  const $ = (id) => document.getElementById(id);
  const state = { board: null, values: {}, words: {}, notes: {}, extra: [], dots: {} };

  function status(text, kind) {
    const el = $("status");
    el.textContent = text;
    el.className = kind || "";
    if (text && el.scrollIntoView) el.scrollIntoView({ block: "center" });
  }

  function key(what) {
    return "retroline:" + token + ":" + what;
  }

  function load(what) {
    try {
      return JSON.parse(store.getItem(key(what)) || "null");
    } catch (e) {
      return null;
    }
  }

  function save(what, value) {
    try {
      store.setItem(key(what), JSON.stringify(value));
    } catch (e) {
      // Private browsing: the page still works, it only forgets on reload.
    }
  }

  // Secrets are kept apart from the round's link, so that they are still here when the
  // facilitator's server starts again with a new link: by board title and name.
  function secretsOf(what) {
    try {
      return JSON.parse(store.getItem("retroline:" + what) || "null") || {};
    } catch (e) {
      return {};
    }
  }

  function keepSecrets(what, secrets) {
    try {
      store.setItem("retroline:" + what, JSON.stringify(secrets));
    } catch (e) {
      // Private browsing: the line can be changed only until the page is closed.
    }
  }

  function secretKey(name) {
    return state.board.title + "\n" + name.toLowerCase();
  }

  // This person's secret for this board, made (and kept) before it is first sent, so that a
  // retry after a lost answer carries the same one and replaces rather than adds.
  function secretFor(what, name) {
    const secrets = secretsOf(what);
    let secret = secrets[secretKey(name)];
    if (!secret) {
      const bytes = new Uint8Array(16);
      crypto.getRandomValues(bytes);
      secret = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
      secrets[secretKey(name)] = secret;
      keepSecrets(what, secrets);
    }
    return secret;
  }

  function hex(bytes) {
    return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
  }

  // The answer's signature: HMAC-SHA256 under the form's key, in hex.
  async function sign(bytes) {
    const digits = embedded.dataset.key || "";
    const raw = new Uint8Array((digits.match(/../g) || []).map((h) => parseInt(h, 16)));
    const k = await crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    return hex(await crypto.subtle.sign("HMAC", k, bytes));
  }

  // "2026-03-14T02:10:00+01:00" → "02:10" (and the date when the board spans several days).
  function when(time, withDate) {
    const clock = time.slice(11, 16);
    return withDate ? time.slice(0, 10) + " " + clock : clock;
  }

  function valenceText(v) {
    if (v > 0) return "+" + v;
    if (v < 0) return "−" + -v;
    return "0";
  }

  // A value as shown beside its slider, and as a screen reader says it: 0 is named, so that
  // it is never taken for "not set".
  function shownText(v) {
    return v === 0 ? "0 · neutral" : valenceText(v);
  }

  function spokenText(v) {
    return v === 0 ? "0, neutral" : valenceText(v);
  }

  function chosenName() {
    const picked = $("name-pick").value;
    if (picked) return picked;
    return $("name-new").value.trim();
  }

  // A moment `minutes` after event `after`, in that event's own UTC offset, as RFC 3339.
  function extraTime(x) {
    const e = state.board.events.find((ev) => ev.id === x.after);
    if (!e) return null;
    const offset = e.time.slice(19);
    const m = /^([+-])(\d\d):(\d\d)$/.exec(offset);
    const offsetMs = m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60000 : 0;
    const ms = Date.parse(e.time) + x.minutes * 60000;
    if (!Number.isFinite(ms)) return null;
    return new Date(ms + offsetMs).toISOString().slice(0, 19) + (m ? offset : "Z");
  }

  function drawChart() {
    const svg = $("chart");
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    const ns = "http://www.w3.org/2000/svg";
    const events = state.board.events;
    const mid = document.createElementNS(ns, "line");
    mid.setAttribute("class", "axis");
    mid.setAttribute("x1", "0");
    mid.setAttribute("x2", "320");
    mid.setAttribute("y1", "60");
    mid.setAttribute("y2", "60");
    svg.appendChild(mid);
    if (events.length === 0) return;
    const times = events.map((e) => Date.parse(e.time));
    for (const x of state.extra) {
      const t = extraTime(x);
      if (t) times.push(Date.parse(t));
    }
    const t0 = Math.min(...times);
    const t1 = Math.max(...times);
    const x = (t) => (t1 === t0 ? 160 : 10 + ((t - t0) / (t1 - t0)) * 300);
    const y = (v) => 60 - v * 10;
    const points = [];
    events.forEach((e, i) => {
      const v = state.values[e.id];
      if (typeof v === "number") points.push([x(times[i]), y(v)]);
    });
    for (const extra of state.extra) {
      const t = extraTime(extra);
      if (t) points.push([x(Date.parse(t)), y(extra.value)]);
    }
    points.sort((a, b) => a[0] - b[0]);
    if (points.length > 1) {
      const path = document.createElementNS(ns, "polyline");
      path.setAttribute("class", "path");
      path.setAttribute("points", points.map((p) => p.join(",")).join(" "));
      svg.appendChild(path);
    }
    for (const p of points) {
      const dot = document.createElementNS(ns, "circle");
      dot.setAttribute("class", "dot");
      dot.setAttribute("cx", String(p[0]));
      dot.setAttribute("cy", String(p[1]));
      dot.setAttribute("r", "4");
      svg.appendChild(dot);
    }
    svg.setAttribute("aria-label", "Your line: " + points.length + " of " + events.length + " moments set");
  }

  // How many of the events have a feeling and how many will be left out, said next to the
  // button that sends them, so that nobody is surprised by what is (not) sent.
  function tally() {
    const events = state.board.events;
    let set = 0;
    for (const e of events) if (typeof state.values[e.id] === "number") set += 1;
    const extras = state.extra.filter((x) => extraTime(x)).length;
    let text = set + " of " + events.length + (events.length === 1 ? " moment set" : " moments set");
    if (set < events.length) {
      const left = events.length - set;
      text += " · " + left + " not set, left out when you send";
    }
    if (extras > 0) text += " · and " + extras + (extras === 1 ? " moment" : " moments") + " between events";
    $("tally").textContent = text;
  }

  // After any change to the line: its picture and the count beside the send button.
  function redraw() {
    drawChart();
    tally();
  }

  function remember() {
    save("draft", { values: state.values, words: state.words, notes: state.notes, extra: state.extra });
  }

  function button(text, className) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = className;
    b.textContent = text;
    return b;
  }

  // A −5…+5 slider in half steps and the value it shows.
  function valenceRow(label) {
    const slider = document.createElement("input");
    slider.type = "range";
    slider.min = "-5";
    slider.max = "5";
    slider.step = "0.5";
    slider.setAttribute("aria-label", label);
    const shown = document.createElement("output");
    shown.className = "value";
    return [slider, shown];
  }

  // Moments between events: after which event, how many minutes later, and the feeling.
  function drawExtras() {
    const list = $("extras");
    while (list.firstChild) list.removeChild(list.firstChild);
    state.extra.forEach((x, i) => {
      const li = document.createElement("li");
      const after = document.createElement("select");
      after.id = "after-" + i;
      const afterLabel = document.createElement("label");
      afterLabel.setAttribute("for", after.id);
      afterLabel.textContent = "After";
      for (const e of state.board.events) {
        const o = document.createElement("option");
        o.value = String(e.id);
        o.textContent = when(e.time, false) + " " + e.title;
        after.appendChild(o);
      }
      after.value = String(x.after);
      const minutes = document.createElement("input");
      minutes.type = "number";
      minutes.min = "1";
      minutes.max = "1440";
      minutes.value = String(x.minutes);
      minutes.id = "minutes-" + i;
      const minutesLabel = document.createElement("label");
      minutesLabel.setAttribute("for", minutes.id);
      minutesLabel.textContent = "Minutes later";
      const row = document.createElement("div");
      row.className = "row";
      const [slider, shown] = valenceRow("How you felt at this moment");
      const remove = button("Remove", "skip");
      const show = () => {
        slider.value = String(x.value);
        shown.textContent = shownText(x.value);
        slider.setAttribute("aria-valuetext", spokenText(x.value));
      };
      show();
      const changed = () => {
        x.after = Number(after.value);
        x.minutes = Math.max(1, Math.min(1440, Math.round(Number(minutes.value) || 1)));
        x.value = Number(slider.value);
        show();
        redraw();
        remember();
      };
      after.addEventListener("change", changed);
      minutes.addEventListener("input", changed);
      slider.addEventListener("input", changed);
      remove.addEventListener("click", () => {
        state.extra.splice(i, 1);
        drawExtras();
        redraw();
        remember();
      });
      row.appendChild(slider);
      row.appendChild(shown);
      row.appendChild(remove);
      for (const el of [afterLabel, after, minutesLabel, minutes, row]) li.appendChild(el);
      list.appendChild(li);
    });
  }

  function eventItem(e, withDate) {
    const li = document.createElement("li");
    if (/^#[0-9a-f]{6}$/i.test(e.lane_colour)) li.style.borderLeftColor = e.lane_colour;
    const head = document.createElement("div");
    const time = document.createElement("span");
    time.className = "when";
    time.textContent = when(e.time, withDate) + (e.lane ? " · " + e.lane : "");
    const title = document.createElement("div");
    title.className = "what";
    title.textContent = e.title;
    head.appendChild(time);
    head.appendChild(title);
    if (e.notes) {
      const notes = document.createElement("div");
      notes.className = "hint";
      notes.textContent = e.notes;
      head.appendChild(notes);
    }
    li.appendChild(head);

    // Until it is touched an event is "not set" (and left out), which is not 0: its slider
    // looks empty and says so, and 0 is one tap on its own button.
    const moment = when(e.time, withDate) + ": " + e.title;
    const row = document.createElement("div");
    row.className = "row";
    const [slider, shown] = valenceRow("How you felt at " + moment);
    slider.id = "v-" + e.id;
    shown.setAttribute("for", slider.id);
    const actions = document.createElement("div");
    actions.className = "row actions";
    const zero = button("0 · neutral", "zero");
    zero.id = "zero-" + e.id;
    zero.setAttribute("aria-label", "0 · neutral at " + moment);
    const clear = button("Clear", "clear");
    clear.id = "clear-" + e.id;
    clear.setAttribute("aria-label", "Clear " + moment + ", back to not set");

    function show() {
      const v = state.values[e.id];
      const set = typeof v === "number";
      li.classList.toggle("unset", !set);
      zero.classList.toggle("on", v === 0);
      slider.value = set ? String(v) : "0";
      shown.textContent = set ? shownText(v) : "not set";
      slider.setAttribute("aria-valuetext", set ? spokenText(v) : "not set");
      clear.disabled = !set;
    }
    const setTo = (v) => {
      state.values[e.id] = v;
      show();
      redraw();
      remember();
    };
    const set = () => setTo(Number(slider.value));
    slider.addEventListener("input", set);
    // A tap on the value already under the finger (the middle, at first) sets it too.
    slider.addEventListener("change", set);
    slider.addEventListener("click", set);
    zero.addEventListener("click", () => setTo(0));
    clear.addEventListener("click", () => {
      delete state.values[e.id];
      show();
      redraw();
      remember();
      // The button is now disabled: keep the focus on this event.
      slider.focus();
    });
    row.appendChild(slider);
    row.appendChild(shown);
    actions.appendChild(zero);
    actions.appendChild(clear);
    li.appendChild(row);
    li.appendChild(actions);

    const more = document.createElement("details");
    const summary = document.createElement("summary");
    summary.textContent = "A word or a note";
    more.appendChild(summary);
    for (const [label, field, max] of [["Emotion (scared, relieved…)", "words", 60], ["Note", "notes", 1000]]) {
      const l = document.createElement("label");
      const input = document.createElement("input");
      input.type = "text";
      input.maxLength = max;
      input.id = field + "-" + e.id;
      l.setAttribute("for", input.id);
      l.textContent = label;
      input.value = state[field][e.id] || "";
      input.addEventListener("input", () => {
        state[field][e.id] = input.value;
        remember();
      });
      more.appendChild(l);
      more.appendChild(input);
    }
    li.appendChild(more);
    show();
    return li;
  }

  // The dot vote: each target with its count and − and + buttons, within the votes each has.
  function votesLeft() {
    const per = state.board.round.votes.per_person;
    let spent = 0;
    for (const t of state.board.round.votes.targets) spent += state.dots[t.target] || 0;
    return per - spent;
  }

  function drawVotes() {
    const list = $("targets");
    while (list.firstChild) list.removeChild(list.firstChild);
    const left = votesLeft();
    $("vote-left").textContent = left + " of " + state.board.round.votes.per_person + " votes left";
    for (const t of state.board.round.votes.targets) {
      const li = document.createElement("li");
      li.className = "row";
      const n = state.dots[t.target] || 0;
      const less = document.createElement("button");
      less.type = "button";
      less.textContent = "−";
      less.disabled = n === 0;
      less.setAttribute("aria-label", "One vote less for " + t.label);
      const count = document.createElement("output");
      count.className = "value";
      count.textContent = String(n);
      const more = document.createElement("button");
      more.type = "button";
      more.textContent = "+";
      more.disabled = left <= 0;
      more.setAttribute("aria-label", "One vote more for " + t.label);
      const what = document.createElement("span");
      what.className = "what";
      what.textContent = t.label;
      const change = (by) => {
        state.dots[t.target] = Math.max(0, n + by);
        save("votes-draft", state.dots);
        drawVotes();
      };
      less.addEventListener("click", () => change(-1));
      more.addEventListener("click", () => change(1));
      for (const el of [less, count, more, what]) li.appendChild(el);
      list.appendChild(li);
    }
  }

  async function sendVotes() {
    const name = $("name-pick").value;
    if (!name) {
      status("Choose your name first.", "bad");
      $("name-pick").focus();
      return;
    }
    const votes = [];
    for (const t of state.board.round.votes.targets) {
      const n = state.dots[t.target] || 0;
      if (n > 0) votes.push({ target: t.target, dots: n });
    }
    const spent = state.board.round.votes.per_person - votesLeft();
    await send("/votes", "vote-secrets", name, { participant: name, votes: votes },
      "Saved: " + spent + (spent === 1 ? " vote" : " votes") + ". You can change them until voting closes.");
  }

  // Sends `body` for `name` with their secret kept under `what`.
  async function send(path, what, name, body, saved) {
    body.secret = secretFor(what, name);
    $("submit").disabled = true;
    status("Sending…");
    try {
      const response = await fetch(base + path, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      const answer = await response.json();
      if (response.ok) {
        save("name", name);
        status(saved, "ok");
      } else {
        status("Not saved: " + (answer.error || response.statusText), "bad");
      }
    } catch (e) {
      status("Not saved: the facilitator's computer did not answer. Try again.", "bad");
    } finally {
      $("submit").disabled = false;
    }
  }

  function render(board) {
    state.board = board;
    const voting = board.round.mode === "votes" && board.round.votes;
    $("line").hidden = Boolean(voting);
    $("tally").hidden = Boolean(voting);
    $("vote").hidden = !voting;
    if (voting) {
      $("intro").textContent = "Vote for what to discuss first. Nobody sees your votes until the facilitator reveals everyone's at once.";
      $("submit").textContent = "Send my votes";
      $("after-submit").textContent = "You can change your votes and send them again until voting closes.";
      const kept = load("votes-draft") || {};
      state.dots = {};
      for (const t of board.round.votes.targets) if (kept[t.target] > 0) state.dots[t.target] = kept[t.target];
    }
    document.title = board.title + " · retroline";
    $("title").textContent = board.title;
    const pick = $("name-pick");
    while (pick.firstChild) pick.removeChild(pick.firstChild);
    const none = document.createElement("option");
    none.value = "";
    none.textContent = board.round.locked ? "Choose your name" : "Choose, or add yourself below";
    pick.appendChild(none);
    for (const p of board.participants) {
      const o = document.createElement("option");
      o.value = p.name;
      o.textContent = p.name;
      pick.appendChild(o);
    }
    const me = load("name");
    if (me && board.participants.some((p) => p.name === me)) pick.value = me;
    $("add-self").hidden = board.round.locked;
    if (voting) {
      drawVotes();
      if (!board.round.open) status("Voting is closed.", "bad");
      return;
    }
    const days = new Set(board.events.map((e) => e.time.slice(0, 10)));
    const list = $("events");
    while (list.firstChild) list.removeChild(list.firstChild);
    for (const e of board.events) list.appendChild(eventItem(e, days.size > 1));
    state.extra = state.extra.filter((x) => board.events.some((e) => e.id === x.after));
    drawExtras();
    redraw();
    if (!board.round.open) status("The round is closed.", "bad");
  }

  async function submit() {
    const name = chosenName();
    if (!name) {
      status("Choose your name first.", "bad");
      $("name-pick").focus();
      return;
    }
    const feelings = [];
    for (const e of state.board.events) {
      const v = state.values[e.id];
      if (typeof v !== "number") continue;
      feelings.push({
        time: e.time,
        valence: v,
        emotion: (state.words[e.id] || "").trim(),
        note: (state.notes[e.id] || "").trim(),
      });
    }
    for (const x of state.extra) {
      const t = extraTime(x);
      if (t) feelings.push({ time: t, valence: x.value, emotion: "", note: "" });
    }
    if (embedded) {
      await answer(name, feelings);
      return;
    }
    const n = feelings.length;
    const anonymous = $("anonymous").checked;
    save("anonymous", anonymous);
    await send("/feelings", "secrets", name,
      { participant: name, feelings: feelings, anonymous: anonymous },
      "Saved: " + n + (n === 1 ? " moment" : " moments") + ". You can change them until the round closes.");
  }

  // Offline: the line becomes a short text to send back in the chat.
  async function answer(name, feelings) {
    if (!(window.crypto && crypto.subtle && embedded.dataset.key)) {
      status("This browser cannot sign the answer: open the form in Firefox, Chrome, Edge or Safari.", "bad");
      return;
    }
    const json = JSON.stringify({
      board: state.board.title,
      form: embedded.dataset.form,
      participant: name,
      feelings: feelings,
      anonymous: $("anonymous").checked,
      secret: secretFor("secrets", name),
    });
    const bytes = new TextEncoder().encode(json);
    let binary = "";
    for (const b of bytes) binary += String.fromCharCode(b);
    const text = "retroline-answer:" + btoa(binary) + "." + (await sign(bytes));
    save("name", name);
    const box = $("answer");
    box.hidden = false;
    const field = $("answer-text");
    field.value = text;
    field.focus();
    field.select();
    status("Your answer is below: copy it and send it to the facilitator in the chat.", "ok");
  }

  async function start() {
    $("anonymous").checked = load("anonymous") === true;
    const draft = load("draft");
    if (draft) {
      state.values = draft.values || {};
      state.words = draft.words || {};
      state.notes = draft.notes || {};
      state.extra = Array.isArray(draft.extra) ? draft.extra : [];
    }
    $("add-extra").addEventListener("click", () => {
      const first = state.board && state.board.events[0];
      if (!first) return;
      state.extra.push({ after: first.id, minutes: 10, value: 0 });
      drawExtras();
      redraw();
      remember();
    });
    $("submit").addEventListener("click", () => {
      if (state.board && state.board.round.mode === "votes") sendVotes();
      else submit();
    });
    $("name-pick").addEventListener("change", () => {
      if ($("name-pick").value) $("name-new").value = "";
    });
    if (embedded) {
      $("submit").textContent = "Make my answer";
      $("after-submit").textContent = "You can change it and make a new answer; the facilitator takes the last one you send.";
      $("copy").addEventListener("click", () => {
        $("answer-text").select();
        if (navigator.clipboard) navigator.clipboard.writeText($("answer-text").value).catch(() => {});
        status("Copied: paste it in the chat to the facilitator.", "ok");
      });
      render(JSON.parse(embedded.textContent));
      return;
    }
    try {
      const response = await fetch(base + "/board.json", { cache: "no-store" });
      if (!response.ok) throw new Error(response.statusText);
      render(await response.json());
    } catch (e) {
      status("Cannot load the board: is the round still open?", "bad");
    }
  }

  start();
})();
