// The article reader: hovering or clicking an event trigger shows its card.
// Every value is set with textContent, never innerHTML: article text stays text.
(function () {
  "use strict";
  var cards = JSON.parse(document.getElementById("cards-data").textContent);
  var card = document.getElementById("card");

  function row(label, value) {
    var p = document.createElement("p");
    var b = document.createElement("b");
    b.textContent = label + ": ";
    p.appendChild(b);
    p.appendChild(document.createTextNode(value === null || value === undefined || value === "" ? "—" : String(value)));
    return p;
  }

  function list(values) {
    return values && values.length ? values.join(", ") : "—";
  }

  function show(id, pinned) {
    var e = cards[id];
    if (!e) return;
    card.replaceChildren();
    card.dataset.event = id;
    card.dataset.pinned = pinned ? "1" : "";
    var h = document.createElement("h3");
    h.textContent = e.type + (e.mode ? " (" + e.mode + ")" : "");
    card.appendChild(h);
    var summary = document.createElement("p");
    summary.className = "summary";
    summary.textContent = list(e.source) + " → " + list(e.target) + ": " +
      (e.negated ? "not " : "") + e.certainty + ", according to " + e.asserted_by;
    card.appendChild(summary);
    card.appendChild(row("Type", e.type));
    card.appendChild(row("Source", list(e.source)));
    card.appendChild(row("Target", list(e.target)));
    card.appendChild(row("Certainty", e.certainty + (e.negated ? " (negated)" : "") + (e.conditional ? " (conditional)" : "")));
    card.appendChild(row("Attributed to", e.attributed_to || "the article's author"));
    if (e.denied_by && e.denied_by.length) card.appendChild(row("Denied by", list(e.denied_by)));
    card.appendChild(row("Place", e.place));
    card.appendChild(row("Date", e.date));
    card.appendChild(row("Trigger", e.trigger));
    var ev = document.createElement("blockquote");
    ev.className = "evidence";
    ev.textContent = e.evidence;
    var label = document.createElement("p");
    label.innerHTML = "<b>Evidence:</b>";  // a constant: no article text here
    card.appendChild(label);
    card.appendChild(ev);
    card.hidden = false;
    document.querySelectorAll(".trigger.active").forEach(function (n) { n.classList.remove("active"); });
    document.querySelectorAll('[data-events~="' + id + '"]').forEach(function (n) { n.classList.add("active"); });
  }

  document.querySelectorAll("[data-events]").forEach(function (node) {
    var first = node.dataset.events.split(" ")[0];
    node.addEventListener("click", function () { show(first, true); });
    node.addEventListener("keydown", function (ev) { if (ev.key === "Enter") show(first, true); });
    node.addEventListener("mouseenter", function () { if (!card.dataset.pinned) show(first, false); });
  });
  document.querySelectorAll(".event-link").forEach(function (link) {
    link.addEventListener("click", function (ev) {
      ev.preventDefault();
      show(link.dataset.event, true);
      var t = document.querySelector('[data-events~="' + link.dataset.event + '"]');
      if (t) t.scrollIntoView({block: "center"});
    });
  });
})();
