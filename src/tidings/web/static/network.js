// The actor page's network: who acts on whom (cytoscape, vendored), the actor in the centre.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("network-data").textContent);
  var elements = data.nodes.map(function (n) {
    return {data: {id: n.id, label: n.name, centre: n.centre ? 1 : 0}};
  }).concat(data.edges.map(function (e, i) {
    return {data: {id: "e" + i, source: e.source, target: e.target,
                   label: e.type + (e.count > 1 ? " ×" + e.count : "")}};
  }));
  var cy = cytoscape({
    container: document.getElementById("network"),
    elements: elements,
    layout: {name: data.nodes.length > 2 ? "concentric" : "grid",
             concentric: function (n) { return n.data("centre") ? 2 : 1; }, minNodeSpacing: 90},
    style: [
      {selector: "node", style: {"label": "data(label)", "background-color": "#4a7fd0",
        "font-size": 11, "text-valign": "bottom", "text-margin-y": 4, "width": 22, "height": 22}},
      {selector: "node[centre = 1]", style: {"background-color": "#d0452a", "width": 34, "height": 34}},
      {selector: "edge", style: {"label": "data(label)", "font-size": 9, "curve-style": "bezier",
        "target-arrow-shape": "triangle", "width": 1.5, "line-color": "#999",
        "target-arrow-color": "#999", "text-rotation": "autorotate",
        "text-background-color": "#fff", "text-background-opacity": 0.85, "text-background-padding": 2}}
    ]
  });
  cy.on("tap", "node", function (ev) {
    var id = ev.target.id();
    if (!ev.target.data("centre")) window.location.href = "/actors/" + encodeURIComponent(id);
  });
  window.tidingsNetwork = cy;
  document.getElementById("network").dataset.nodes = String(cy.nodes().length);
  document.getElementById("network").dataset.edges = String(cy.edges().length);
})();
