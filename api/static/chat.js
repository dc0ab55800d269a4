// Plain chat page for trying the assistant. Every text is rendered with textContent, never
// as HTML. The conversation id lives in this tab's sessionStorage only.
(function () {
  "use strict";
  var log = document.getElementById("log");
  var form = document.getElementById("form");
  var input = document.getElementById("text");
  var id = sessionStorage.getItem("assistant-conversation");
  if (!id) {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    id = Array.from(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
    sessionStorage.setItem("assistant-conversation", id);
  }
  var language = null;

  function add(cls, text, dir) {
    var div = document.createElement("div");
    div.className = "msg " + cls;
    div.textContent = text;
    if (dir) { div.dir = dir; }
    log.appendChild(div);
    log.scrollTop = log.scrollHeight;
    return div;
  }

  function send(text, shown) {
    add("user", shown || text);
    var body = { conversation_id: id, text: text };
    if (language) { body.language = language; }
    fetch("/api/v1/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body)
    }).then(function (r) {
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.json();
    }).then(function (reply) {
      reply.messages.forEach(function (m) {
        var div = add("bot", m.text, reply.direction);
        if (m.buttons && m.buttons.length) {
          var row = document.createElement("div");
          row.className = "buttons";
          m.buttons.forEach(function (b) {
            var btn = document.createElement("button");
            btn.type = "button";
            btn.textContent = b.title;
            btn.addEventListener("click", function () {
              if (b.payload.indexOf("lang:") === 0) { language = b.payload.slice(5); }
              send(b.payload, b.title);
            });
            row.appendChild(btn);
          });
          div.appendChild(row);
        }
      });
      var meta = add("meta", "topic: " + reply.topic + (reply.handoff ? " · passed to staff" : ""));
      meta.setAttribute("aria-hidden", "true");
    }).catch(function () {
      add("bot", "Sorry, something went wrong. Please try again, or call CT 2-1-1.");
    });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    input.value = "";
    send(text);
  });
})();
