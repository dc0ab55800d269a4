/* School-rights assistant: embed with
 *   <script src="https://ASSISTANT/widget.js" data-district="ID" async></script>
 * Optional: data-language="es", data-position="left", data-color="#0b6e4f",
 * data-label="Chat with us". Adds one global, window.CTSchoolAssistant.
 * The launcher lives in a shadow root (host CSS cannot reach it); the chat panel is a frame
 * from the assistant's own origin, loaded only when opened. */
(function () {
  "use strict";
  if (window.CTSchoolAssistant) { return; }
  var script = document.currentScript;
  if (!script) { return; }
  var data = script.dataset;
  var origin = new URL(script.src, location.href).origin;
  var color = /^#[0-9a-fA-F]{6}$/.test(data.color || "") ? data.color : "#1d4ed8";
  var side = data.position === "left" ? "left" : "right";
  var lang = data.language || navigator.language || "en";

  // Text on the launcher: white or near-black, whichever contrasts more with the colour.
  function textOn(hex) {
    var c = [1, 3, 5].map(function (i) {
      var v = parseInt(hex.substr(i, 2), 16) / 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    var l = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    return (1.05 / (l + 0.05)) >= ((l + 0.05) / 0.05) ? "#ffffff" : "#111111";
  }

  var host = document.createElement("div");
  host.setAttribute("data-ct-school-assistant", "");
  var root = host.attachShadow({ mode: "open" });
  var css = ":host{all:initial}" +
    ".wrap{position:fixed;bottom:16px;" + side + ":16px;z-index:2147483000;font:16px/1.4 system-ui,sans-serif}" +
    ".launch{background:" + color + ";color:" + textOn(color) + ";border:0;border-radius:999px;" +
    "padding:12px 18px;font:inherit;font-weight:600;cursor:pointer;box-shadow:0 2px 8px rgba(0,0,0,.3);" +
    "min-height:44px;max-width:calc(100vw - 32px)}" +
    ".launch:focus-visible{outline:3px solid #111;outline-offset:3px}" +
    ".panel{display:none;position:fixed;bottom:80px;" + side + ":16px;width:380px;height:600px;" +
    "max-height:calc(100vh - 96px);border:0;border-radius:12px;box-shadow:0 4px 24px rgba(0,0,0,.35);background:#fff}" +
    ".panel.open{display:block}" +
    "@media (max-width:480px),(max-height:560px){.panel{left:0;right:0;bottom:0;top:0;width:100%;height:100%;max-height:none;border-radius:0}}";
  // A constructed stylesheet is not an inline <style>, so a school page's strict
  // Content-Security-Policy (style-src without 'unsafe-inline') does not block it.
  var sheet = null;
  try { sheet = new CSSStyleSheet(); sheet.replaceSync(css); } catch (e) { sheet = null; }
  var wrap = document.createElement("div");
  wrap.className = "wrap";
  var button = document.createElement("button");
  button.type = "button";
  button.className = "launch";
  button.textContent = data.label || "Questions about school? Chat with us";
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-haspopup", "dialog");
  wrap.appendChild(button);
  if (sheet) {
    root.adoptedStyleSheets = [sheet];
  } else {
    var style = document.createElement("style");
    style.textContent = css;
    root.appendChild(style);
  }
  root.appendChild(wrap);

  var frame = null;
  function open() {
    if (!frame) {
      frame = document.createElement("iframe");
      frame.className = "panel";
      frame.title = data.label || "School questions chat";
      frame.setAttribute("allow", "");
      var query = new URLSearchParams({ lang: lang, color: color, fg: textOn(color) });
      if (data.district) { query.set("district", data.district); }
      frame.src = origin + "/widget/panel?" + query.toString();
      frame.addEventListener("load", function () { post("focus"); });
      wrap.appendChild(frame);
    }
    frame.classList.add("open");
    button.setAttribute("aria-expanded", "true");
    frame.focus();
    post("focus");
  }
  function close() {
    if (frame) { frame.classList.remove("open"); }
    button.setAttribute("aria-expanded", "false");
    button.focus();
  }
  function post(type) {
    if (frame && frame.contentWindow) { frame.contentWindow.postMessage({ ctsa: type }, origin); }
  }
  button.addEventListener("click", function () {
    if (frame && frame.classList.contains("open")) { close(); } else { open(); }
  });
  window.addEventListener("message", function (event) {
    if (event.origin !== origin || !event.data) { return; }
    if (event.data.ctsa === "close") { close(); }
    if (event.data.ctsa === "label" && typeof event.data.text === "string" && !data.label) {
      button.textContent = event.data.text;
    }
  });

  function attach() { document.body.appendChild(host); }
  if (document.body) { attach(); } else { document.addEventListener("DOMContentLoaded", attach); }
  window.CTSchoolAssistant = { open: open, close: close, version: "1" };
})();
