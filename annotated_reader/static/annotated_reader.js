/* annotated_reader: progressive enhancement of notes. Without this file every note still opens
 * (checkbox toggles) and every kind is shown. With it: note numbers are real buttons with
 * aria-expanded, Escape closes an open note, and the legend shows or hides each kind of note
 * (remembered in localStorage). No inline handlers, no third-party code. */
(function () {
  "use strict";
  var KEY = "annotated-reader:hidden-kinds";
  var wide = window.matchMedia("(min-width: 75em)");

  function hiddenKinds() {
    try {
      return JSON.parse(window.localStorage.getItem(KEY) || "[]");
    } catch (e) {
      return [];
    }
  }
  function saveHidden(kinds) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(kinds));
    } catch (e) { /* storage may be off (file://, private mode): filters still work for the page */ }
  }

  function enhanceNotes() {
    var toggles = document.querySelectorAll("input.ar-toggle");
    toggles.forEach(function (input) {
      var label = input.nextElementSibling;
      var note = label && label.nextElementSibling;
      if (!label || !note) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = label.className;
      button.textContent = label.textContent;
      button.title = label.title;
      button.setAttribute("aria-controls", note.id);
      button.setAttribute("aria-expanded", "false");
      button.setAttribute("aria-label", input.getAttribute("aria-label"));
      input.tabIndex = -1;
      input.setAttribute("aria-hidden", "true");
      label.replaceWith(button);
      note.tabIndex = -1;
      note.addEventListener("click", function (event) {
        if (!input.checked && wide.matches && event.target.tagName !== "A") button.click();
      });
      button.addEventListener("click", function () {
        var open = !input.checked;
        input.checked = open;
        button.setAttribute("aria-expanded", String(open));
        if (open) note.focus({ preventScroll: true });
      });
      note.addEventListener("keydown", function (event) {
        if (event.key === "Escape") {
          input.checked = false;
          button.setAttribute("aria-expanded", "false");
          button.focus();
        }
      });
    });
  }

  function enhanceLegend() {
    var hidden = hiddenKinds();
    document.querySelectorAll(".ar-legend-item").forEach(function (item) {
      var kind = item.getAttribute("data-kind");
      var button = document.createElement("button");
      button.type = "button";
      button.innerHTML = item.innerHTML;
      button.setAttribute("aria-pressed", String(hidden.indexOf(kind) === -1));
      button.title = "Show or hide notes of this kind";
      item.textContent = "";
      item.appendChild(button);
      button.addEventListener("click", function () {
        var now = hiddenKinds();
        var show = button.getAttribute("aria-pressed") !== "true";
        now = now.filter(function (k) { return k !== kind; });
        if (!show) now.push(kind);
        saveHidden(now);
        apply(now);
      });
    });
    apply(hidden);
  }

  function apply(hidden) {
    ["context", "fact-check", "sic", "quote", "term"].forEach(function (kind) {
      document.body.classList.toggle("ar-hide-" + kind, hidden.indexOf(kind) !== -1);
    });
    document.querySelectorAll(".ar-legend-item button").forEach(function (b) {
      var kind = b.parentNode.getAttribute("data-kind");
      b.setAttribute("aria-pressed", String(hidden.indexOf(kind) === -1));
    });
  }

  /* Glossary previews: one tooltip, shown on hover or focus of a linked name, closed by Escape,
   * positioned out of the flow (no layout shift). The link itself works without any of this. */
  function enhanceTerms() {
    var links = document.querySelectorAll("a.ar-term");
    var data = {};
    links.forEach(function (link) {
      if (link.hasAttribute("data-ar-name")) data[link.getAttribute("href")] = link;
    });
    if (!Object.keys(data).length) return;
    function attr(link, name) {
      var source = data[link.getAttribute("href")] || link;
      return source.getAttribute("data-ar-" + name);
    }
    var tip = document.createElement("div");
    tip.id = "ar-preview";
    tip.className = "ar-preview";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    document.body.appendChild(tip);
    var current = null;

    function show(link) {
      current = link;
      tip.textContent = "";
      var head = document.createElement("p");
      head.className = "ar-preview-name";
      head.textContent = attr(link, "name");
      var native = attr(link, "native");
      if (native) {
        var span = document.createElement("span");
        span.className = "ar-native";
        span.lang = attr(link, "lang") || "";
        span.dir = /^(ar|fa|he|ur|ps|ckb|yi)\b/.test(span.lang) ? "rtl" : "ltr";
        span.textContent = native;
        head.appendChild(document.createTextNode(" "));
        head.appendChild(span);
      }
      var kind = document.createElement("p");
      kind.className = "ar-preview-kind";
      kind.textContent = attr(link, "kind");
      var summary = document.createElement("p");
      summary.className = "ar-preview-summary";
      summary.textContent = attr(link, "summary");
      tip.append(head, kind, summary);
      tip.hidden = false;
      var r = link.getBoundingClientRect();
      var width = Math.min(320, document.documentElement.clientWidth - 16);
      tip.style.width = width + "px";
      var left = Math.max(8, Math.min(r.left, document.documentElement.clientWidth - width - 8));
      tip.style.left = left + window.scrollX + "px";
      tip.style.top = r.bottom + window.scrollY + 6 + "px";
      link.setAttribute("aria-describedby", "ar-preview");
    }
    function hide() {
      tip.hidden = true;
      if (current) current.removeAttribute("aria-describedby");
      current = null;
    }
    links.forEach(function (link) {
      if (!data[link.getAttribute("href")]) return;
      link.addEventListener("mouseenter", function () { show(link); });
      link.addEventListener("focus", function () { show(link); });
      link.addEventListener("mouseleave", hide);
      link.addEventListener("blur", hide);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !tip.hidden) hide();
    });
  }

  function init() {
    enhanceNotes();
    enhanceLegend();
    enhanceTerms();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
