// The map of event places: a world outline from the vendored world-atlas TopoJSON, drawn with
// d3-geo; no tile server, nothing fetched from outside this server.
(function () {
  "use strict";
  var svg = document.getElementById("map");
  var status = document.getElementById("map-status");
  var NS = "http://www.w3.org/2000/svg";
  var projection = d3.geoNaturalEarth1().fitSize([960, 500], {type: "Sphere"});
  var path = d3.geoPath(projection);

  function add(tag, attrs, parent) {
    var el = document.createElementNS(NS, tag);
    Object.keys(attrs).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    (parent || svg).appendChild(el);
    return el;
  }

  Promise.all([
    fetch("/static/vendor/countries-110m.json").then(function (r) { return r.json(); }),
    fetch("/api/places" + window.location.search).then(function (r) { return r.json(); })
  ]).then(function (got) {
    var world = got[0], places = got[1].items;
    add("path", {d: path({type: "Sphere"}), fill: "#dfeaf5", stroke: "#bbb"});
    var land = topojson.feature(world, world.objects.countries);
    land.features.forEach(function (f) {
      add("path", {d: path(f), "class": "land", "data-name": (f.properties && f.properties.name) || ""});
    });
    var list = document.getElementById("place-list");
    places.forEach(function (p) {
      var xy = projection([p.lon, p.lat]);
      if (!xy) return;
      var g = add("g", {"class": "place", "data-name": p.name});
      var c = add("circle", {cx: xy[0], cy: xy[1], r: 3 + 2 * Math.sqrt(p.events),
        "class": "place-point", "data-name": p.name, "data-lat": p.lat, "data-lon": p.lon}, g);
      var title = document.createElementNS(NS, "title");
      title.textContent = p.name + ": " + p.events + " event(s)";
      c.appendChild(title);
      var label = add("text", {x: xy[0] + 6, y: xy[1] - 6, "class": "place-label"}, g);
      label.textContent = p.name;
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "/events?text=&country=" + encodeURIComponent(p.country || "");
      a.textContent = p.name + " (" + p.events + ")";
      li.appendChild(a);
      list.appendChild(li);
    });
    status.textContent = places.length + " place(s) with events.";
    svg.dataset.ready = "1";
  }).catch(function (err) {
    status.textContent = "The map could not be drawn: " + err;
  });
})();
