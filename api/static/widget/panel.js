/* The chat panel, framed by widget.js. Every text is added with textContent: nothing from a
 * message is ever parsed as HTML. Links become clickable only for https hosts on the
 * assistant's allowlist. The transcript stays in this tab's sessionStorage only. */
(function () {
  "use strict";
  var params = new URLSearchParams(location.search);
  var district = /^[a-z0-9][a-z0-9_-]{0,63}$/.test(params.get("district") || "") ? params.get("district") : null;
  var brand = /^#[0-9a-fA-F]{6}$/.test(params.get("color") || "") ? params.get("color") : "#1d4ed8";
  var store = window.sessionStorage;
  var KEY = "ctsa:" + (district || "state");
  var state = load() || { id: newId(), language: null, log: [] };
  var config = null;
  var pending = null;

  var el = function (id) { return document.getElementById(id); };
  var log = el("log"), form = el("form"), input = el("text"), picker = el("lang");
  var typing = el("typing");

  function newId() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  }
  function load() {
    try { return JSON.parse(store.getItem(KEY)); } catch (e) { return null; }
  }
  function save() {
    try { store.setItem(KEY, JSON.stringify(state)); } catch (e) { /* storage full: keep going */ }
  }
  document.documentElement.style.setProperty("--brand", brand);
  // widget.js chose the text colour that contrasts with the school's colour.
  var onBrand = params.get("fg") === "#111111" ? "#111111" : "#ffffff";
  document.documentElement.style.setProperty("--on-brand", onBrand);

  // ----------------------------------------------------------------- rendering
  var LINK = /(https?:\/\/[^\s)\u2068\u2069]+|\b[a-z0-9.-]+\.(?:gov|org)(?:\/[^\s)\u2068\u2069]*)?)/gi;

  function appendText(node, text) {
    var hosts = config ? config.link_hosts : [];
    var last = 0;
    text.replace(LINK, function (match, _g, offset) {
      var clean = match.replace(/[.,;:]+$/, "");
      var url;
      try { url = new URL(/^https?:/i.test(clean) ? clean : "https://" + clean); } catch (e) { return match; }
      var allowed = url.protocol === "https:" && hosts.some(function (h) {
        return url.hostname === h || url.hostname.slice(-h.length - 1) === "." + h;
      });
      if (!allowed) { return match; }
      node.appendChild(document.createTextNode(text.slice(last, offset)));
      var a = document.createElement("a");
      a.href = url.href;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.textContent = clean;
      node.appendChild(a);
      last = offset + clean.length;
      return match;
    });
    node.appendChild(document.createTextNode(text.slice(last)));
  }

  function show(entry) {
    var div = document.createElement("div");
    div.className = "msg " + entry.who;
    if (entry.dir) { div.dir = entry.dir; }
    if (entry.lang) { div.lang = entry.lang; }
    appendText(div, entry.text);
    log.appendChild(div);
    if (entry.buttons && entry.buttons.length) {
      var row = document.createElement("div");
      row.className = "buttons";
      row.setAttribute("role", "group");
      entry.buttons.forEach(function (b) {
        var btn = document.createElement("button");
        btn.type = "button";
        btn.textContent = b.title;
        btn.addEventListener("click", function () { send(b.payload, b.title); });
        row.appendChild(btn);
      });
      log.appendChild(row);
    }
    log.scrollTop = log.scrollHeight;
  }

  function record(entry) {
    state.log.push(entry);
    if (state.log.length > 200) { state.log = state.log.slice(-200); }
    save();
    show(entry);
  }

  function applyLanguage(tag, dir) {
    document.documentElement.lang = tag;
    document.documentElement.dir = dir;
    if (picker.value !== tag) { picker.value = tag; }
  }

  function applyStrings(cfg) {
    var s = cfg.strings;
    el("title").textContent = s.title;
    document.title = s.title;
    el("lang-label").textContent = s.language;
    el("text-label").textContent = s.placeholder;
    input.placeholder = s.placeholder;
    el("send").textContent = s.send;
    el("close").setAttribute("aria-label", s.close);
    el("note").textContent = s.note;
    el("delete").textContent = s.delete;
    typing.textContent = s.typing;
    parent.postMessage({ ctsa: "label", text: s.launcher }, "*");
  }

  // ----------------------------------------------------------------- network
  function fetchConfig(language) {
    var q = new URLSearchParams({ language: language || "" });
    if (district) { q.set("district", district); }
    return fetch("/api/v1/widget-config?" + q.toString()).then(function (r) {
      if (!r.ok) { throw new Error("config " + r.status); }
      return r.json();
    }).then(function (cfg) {
      var first = !config;
      config = cfg;
      if (first) {
        cfg.languages.forEach(function (l) {
          var opt = document.createElement("option");
          opt.value = l.tag;
          opt.lang = l.tag;
          opt.textContent = l.name;
          picker.appendChild(opt);
        });
      }
      applyStrings(cfg);
      applyLanguage(cfg.language, cfg.direction);
    });
  }

  function post(path, body) {
    return fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body)
    }).then(function (r) {
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.json();
    });
  }

  // "Not helpful" under the latest answer only: the api keeps just the last question, and
  // the browser never sends the question again.
  var NO_FEEDBACK = ["greeting", "goodbye", "thanks", "change_language", "bot_privacy"];
  function offerFeedback(reply) {
    var old = log.querySelector(".feedback");
    if (old) { old.remove(); }
    if (!config || NO_FEEDBACK.indexOf(reply.topic) >= 0 || !reply.messages.length) { return; }
    var row = document.createElement("div");
    row.className = "feedback";
    var btn = document.createElement("button");
    btn.type = "button";
    btn.textContent = "\uD83D\uDC4E " + config.strings.not_helpful;
    btn.addEventListener("click", function () {
      btn.disabled = true;
      post("/api/v1/feedback", { conversation_id: state.id, helpful: false }).then(function () {
        row.textContent = config.strings.feedback_thanks;
        row.setAttribute("role", "status");
      }, function () { btn.disabled = false; });
    });
    row.appendChild(btn);
    log.appendChild(row);
    log.scrollTop = log.scrollHeight;
  }

  function receive(reply) {
    var changed = reply.language !== state.language;
    state.language = reply.language;
    reply.messages.forEach(function (m) {
      record({ who: "bot", text: m.text, buttons: m.buttons, dir: reply.direction, lang: reply.language });
    });
    offerFeedback(reply);
    if (changed) {
      applyLanguage(reply.language, reply.direction);
      fetchConfig(reply.language).catch(function () {});
    }
  }

  function busy(on) {
    typing.hidden = !on;
    el("send").disabled = on;
  }

  function failed(retry) {
    var s = config ? config.strings : { error: "Sorry, your message did not go through.", retry: "Try again" };
    var div = document.createElement("div");
    div.className = "msg error";
    div.setAttribute("role", "alert");
    div.textContent = s.error + " ";
    var btn = document.createElement("button");
    btn.type = "button";
    btn.className = "retry";
    btn.textContent = s.retry;
    btn.addEventListener("click", function () { div.remove(); retry(); });
    div.appendChild(btn);
    log.appendChild(div);
    log.scrollTop = log.scrollHeight;
  }

  function send(text, shown) {
    if (pending) { return; }
    record({ who: "user", text: shown || text });
    var body = { conversation_id: state.id, text: text };
    if (district) { body.district = district; }
    function attempt() {
      busy(true);
      pending = post("/api/v1/chat", body).then(receive, function () { failed(attempt); })
        .then(function () { busy(false); pending = null; });
    }
    attempt();
  }

  function start() {
    var body = { conversation_id: state.id };
    if (district) { body.district = district; }
    var wanted = params.get("lang");
    if (wanted && /^[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*$/.test(wanted)) { body.language = wanted; }
    busy(true);
    post("/api/v1/chat/start", body).then(receive, function () { failed(start); })
      .then(function () { busy(false); });
  }

  // Erase the conversation on the server and in this tab. The first press asks for a second
  // one (no confirm() dialog: it would block the school's page on some phones).
  var deleteArmed = null;
  function erase() {
    var btn = el("delete");
    if (!deleteArmed) {
      btn.textContent = config ? config.strings.delete_confirm : btn.textContent;
      deleteArmed = setTimeout(function () {
        deleteArmed = null;
        if (config) { btn.textContent = config.strings.delete; }
      }, 6000);
      return;
    }
    clearTimeout(deleteArmed);
    deleteArmed = null;
    var body = { conversation_id: state.id };
    if (state.language) { body.language = state.language; }
    btn.disabled = true;
    post("/api/v1/chat/delete", body).then(function (reply) {
      state = { id: newId(), language: reply.language, log: [] };
      log.textContent = "";
      save();
      reply.messages.forEach(function (m) {
        record({ who: "bot", text: m.text, dir: reply.direction, lang: reply.language });
      });
    }, function () { failed(function () { deleteArmed = -1; erase(); }); }).then(function () {
      btn.disabled = false;
      if (config) { btn.textContent = config.strings.delete; }
    });
  }

  // ----------------------------------------------------------------- wiring
  el("delete").addEventListener("click", erase);
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    input.value = "";
    send(text);
  });
  picker.addEventListener("change", function () {
    var option = picker.options[picker.selectedIndex];
    send("lang:" + picker.value, option.textContent);
  });
  if (parent === window) { el("close").hidden = true; }  // shown full page at "/"
  el("close").addEventListener("click", function () { parent.postMessage({ ctsa: "close" }, "*"); });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { parent.postMessage({ ctsa: "close" }, "*"); }
  });
  window.addEventListener("message", function (e) {
    if (e.source === parent && e.data && e.data.ctsa === "focus") { input.focus(); }
  });

  fetchConfig(state.language || params.get("lang")).catch(function () {}).then(function () {
    state.log.forEach(show);
    if (!state.log.length) { start(); }
    input.focus();
  });
})();
