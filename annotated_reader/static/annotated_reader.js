/* annotated_reader: progressive enhancement of notes. Without this file every note still opens
 * (checkbox toggles), glosses stack in the margin and every kind is shown. With it: note numbers
 * are buttons with aria-expanded, Escape closes an open note, glosses are placed level with their
 * lines, and the legend shows or hides each kind of note (remembered in localStorage). No inline
 * handlers, no third-party code. */
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

  /* Notes: the number becomes a button (aria-expanded); the gloss, a <label> of the same checkbox,
   * opens the note too; Escape closes it. Hovering or focusing a number, a gloss or a phrase lights
   * the phrase and its gloss. */
  function enhanceNotes() {
    document.querySelectorAll("input.ar-toggle").forEach(function (input) {
      var label = input.nextElementSibling;
      var gloss = label && label.nextElementSibling;
      var note = gloss && gloss.nextElementSibling;
      if (!note || !note.classList.contains("ar-note")) return;
      var id = gloss.id.slice(1); // the note's number: marks list the numbers of the notes covering them
      var button = document.createElement("span");
      button.className = label.className;
      button.textContent = label.textContent;
      button.tabIndex = 0;
      button.setAttribute("role", "button");
      button.setAttribute("aria-controls", note.id);
      button.setAttribute("aria-expanded", "false");
      button.setAttribute("aria-label", input.getAttribute("aria-label"));
      button.setAttribute("aria-describedby", gloss.id);
      input.tabIndex = -1;
      input.setAttribute("aria-hidden", "true");
      label.replaceWith(button);
      note.tabIndex = -1;
      function sync(focusNote) {
        button.setAttribute("aria-expanded", String(input.checked));
        if (input.checked && focusNote) note.focus({ preventScroll: true });
      }
      function toggle() {
        input.checked = !input.checked;
        sync(true);
      }
      button.addEventListener("click", toggle);
      button.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          toggle();
        }
      });
      input.addEventListener("change", function () { sync(true); });
      note.addEventListener("keydown", function (event) {
        if (event.key === "Escape") {
          input.checked = false;
          sync(false);
          button.focus();
        }
      });
      lights[id] = [button, gloss];
      [button, gloss].forEach(function (el) {
        el.addEventListener("mouseenter", function () { light(id, true); });
        el.addEventListener("mouseleave", function () { light(id, false); });
      });
      button.addEventListener("focus", function () { light(id, true); });
      button.addEventListener("blur", function () { light(id, false); });
    });
    document.querySelectorAll("mark.ar-mark[data-ar-notes]").forEach(function (mark) {
      var ids = mark.getAttribute("data-ar-notes").split(" ");
      mark.addEventListener("mouseenter", function () { ids.forEach(function (id) { light(id, true); }); });
      mark.addEventListener("mouseleave", function () { ids.forEach(function (id) { light(id, false); }); });
    });
  }

  var lights = {};
  function light(id, on) {
    document.querySelectorAll("mark.ar-mark[data-ar-notes]").forEach(function (mark) {
      if (mark.getAttribute("data-ar-notes").split(" ").indexOf(id) !== -1) mark.classList.toggle("ar-lit", on);
    });
    (lights[id] || []).forEach(function (el) { el.classList.toggle("ar-lit", on); });
  }

  /* Glosses in the margin, each level with the line that ends its phrase. Walking down the page,
   * a gloss starts at its line (or just below the gloss above it, never more than one text line
   * late) and shows as many lines as fit before the next gloss must start; a shortened gloss ends
   * in a visible "… more", and a gloss whose next one sits on the same line collapses to its number
   * at the start of that row. Hover or focus shows a gloss whole; a click opens the full note. */
  var BASELINE = 0.78; // where the baseline sits in a line's glyph box, as a fraction of its height
  var GAP = 4;

  function lastCharBox(gloss, root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        return n.parentElement.closest(".ar-note, .ar-gloss, .ar-num") || !/\S/.test(n.data)
          ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    walker.currentNode = gloss.previousElementSibling;
    var text = walker.previousNode();
    if (!text) return null;
    var end = text.data.replace(/\s+$/, "").length;
    var range = document.createRange();
    range.setStart(text, end - 1);
    range.setEnd(text, end);
    var rects = range.getClientRects();
    return rects.length ? rects[rects.length - 1] : null;
  }

  /* Where the margin beside the article ends: the window's edge, the edge of an ancestor that clips
   * what overflows it, or the first element of another column (a theme's sidebar) found level with
   * the first glosses on screen. */
  function marginEnd(article, left, glosses) {
    var end = document.documentElement.clientWidth - 16;
    for (var el = article.parentElement; el && el !== document.body; el = el.parentElement) {
      if (getComputedStyle(el).overflowX !== "visible") end = Math.min(end, el.getBoundingClientRect().right - 8);
    }
    var ys = glosses.map(function (g) { return g.getBoundingClientRect().top + 4; })
      .filter(function (y) { return y >= 0 && y < window.innerHeight; }).slice(0, 5);
    ys.forEach(function (y) {
      for (var x = left + 8; x < end; x += 16) {
        var other = document.elementsFromPoint(x, y).some(function (el) {
          return !el.contains(article) && !article.contains(el);
        });
        if (other) { end = x - 8; break; }
      }
    });
    return end;
  }

  function layoutMargin() {
    var html = document.documentElement;
    html.classList.remove("ar-no-margin");
    var glosses = [].slice.call(document.querySelectorAll(".ar-article .ar-gloss"));
    html.classList.remove("ar-js");
    var art = document.querySelector(".ar-article");
    if (art) art.style.removeProperty("--ar-w");
    glosses.forEach(function (g) {
      g.classList.remove("ar-clamped", "ar-chip");
      ["--ar-top", "--ar-left", "--ar-lines", "--ar-x"].forEach(function (p) { g.style.removeProperty(p); });
    });
    if (!wide.matches) return;
    var shown = glosses.filter(function (g) { return g.offsetParent !== null; });
    if (!shown.length) return;
    var left = shown[0].getBoundingClientRect().left; // where the margin starts (the floats' place)
    var article = shown[0].closest(".ar-article");
    var rem = parseFloat(getComputedStyle(html).fontSize);
    // the margin takes the free width beside the text, up to --ar-margin-max; where the theme leaves
    // too little there (another column, or a container that cuts off what overflows it), the notes
    // stay in the text as on a narrow screen
    var room = marginEnd(article, left, shown) - left;
    if (room < 10 * rem) {
      html.classList.add("ar-no-margin");
      return;
    }
    var max = parseFloat(getComputedStyle(article).getPropertyValue("--ar-margin-max")) * rem;
    article.style.setProperty("--ar-w", Math.min(room, Math.max(max || 0, shown[0].offsetWidth)) + "px");
    html.classList.add("ar-js");
    var items = [];
    shown.forEach(function (g) {
      var root = g.closest(".ar-article");
      var box = lastCharBox(g, root);
      if (!box) return;
      var para = g.offsetParent.getBoundingClientRect();
      var lh = parseFloat(getComputedStyle(g.parentElement.closest("p, div") || root).lineHeight) || box.height * 1.5;
      var first = g.firstElementChild.getClientRects()[0]; // the text's first line (the number, drawn before it, shares it)
      var gr = g.getBoundingClientRect();
      var mline = parseFloat(getComputedStyle(g).lineHeight);
      items.push({
        g: g,
        para: para,
        // baselines aligned: the gloss's first line sits on the line of its phrase
        want: box.top + BASELINE * box.height - (first.top - gr.top) - BASELINE * first.height,
        latest: box.top + 0.95 * lh,
        mline: mline,
        lines: Math.max(1, Math.round(g.scrollHeight / mline))
      });
    });
    var bottom = -Infinity;
    var row = null;
    items.forEach(function (it, i) {
      var next = items[i + 1];
      var top;
      var shift = 0; // in a row that starts with collapsed numbers, a gloss's place after them
      if (row && row.top <= it.latest) {
        top = row.top;
        shift = row.x;
      } else {
        row = null;
        top = Math.min(Math.max(it.want, bottom + GAP), it.latest);
      }
      var room = next ? next.latest - GAP - top : Infinity;
      var fit = Math.floor(room / it.mline + 0.01);
      var g = it.g;
      if (shift) {
        g.style.setProperty("--ar-x", shift + "px");
        it.lines = Math.max(1, Math.round(g.scrollHeight / it.mline));
      }
      if (fit >= 1 || !next) {
        var lines = Math.min(it.lines, fit);
        if (lines < it.lines) {
          g.classList.add("ar-clamped");
          g.style.setProperty("--ar-lines", String(lines));
        }
        bottom = top + lines * it.mline;
        row = null;
      } else {
        g.classList.add("ar-chip");
        row = row || { top: top, x: 0 };
        shift = row.x;
        g.style.setProperty("--ar-x", shift + "px");
        row.x += g.offsetWidth + 5; // collapsed to its number: as wide as that
        bottom = Math.max(bottom, top + it.mline);
      }
      g.style.setProperty("--ar-top", top - it.para.top + "px");
      g.style.setProperty("--ar-left", left + shift - it.para.left + "px");
    });
  }

  var pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      layoutMargin();
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
    schedule();
  }

  /* Glossary previews: one tooltip, shown on hover or focus of a linked name, closed by Escape,
   * positioned out of the flow (no layout shift). The link itself works without any of this. */
  function enhanceTerms() {
    var links = document.querySelectorAll("a.ar-term");
    var data = {};
    links.forEach(function (link) {
      if (link.hasAttribute("data-ar-kind")) data[link.getAttribute("href")] = link;
    });
    if (!Object.keys(data).length) return;
    function attr(link, name) {
      var source = data[link.getAttribute("href")] || link;
      var value = source.getAttribute("data-ar-" + name);
      return value === null && name === "name" ? source.textContent : value; /* the name is the first link's text */
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
    layoutMargin();
    var article = document.querySelector(".ar-article");
    // the text reflows when a note opens, a kind is hidden, a font arrives or the window changes
    if (article && window.ResizeObserver) new ResizeObserver(schedule).observe(article);
    if (wide.addEventListener) wide.addEventListener("change", schedule);
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(schedule);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
