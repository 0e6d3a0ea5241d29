/* The public complaint map: kelurahan outlines and one dot per public complaint. */
(function () {
  "use strict";
  var el = document.getElementById("public-map");
  if (!el || !window.L) return;
  var map = L.map(el).setView([-7.9797, 112.6304], 12);
  var base = window.balaiBaseMap(map, el);
  fetch(el.dataset.areasUrl).then(function (r) { return r.json(); }).then(function (data) {
    var areas = L.geoJSON(data, { style: { color: "#0b5394", weight: 1, fillOpacity: 0.03 }, onEachFeature: function (feature, layer) { base.area(layer); } }).addTo(map);
    if (data.features.length) map.fitBounds(areas.getBounds());
  });
  /* The dots take their colours from the legend's swatches (complaints.css), so the two agree. */
  var colours = {};
  document.querySelectorAll("#map-legend [data-status]").forEach(function (item) {
    colours[item.dataset.status] = getComputedStyle(item.querySelector(".swatch")).backgroundColor;
  });
  fetch(el.dataset.pointsUrl).then(function (r) { return r.json(); }).then(function (data) {
    L.geoJSON(data, {
      pointToLayer: function (feature, latlng) {
        return L.circleMarker(latlng, { radius: 6, weight: 1, color: "#0b0c0c", fillColor: colours[feature.properties.status] || "#1d70b8", fillOpacity: 0.9 });
      },
      onEachFeature: function (feature, layer) {
        var p = feature.properties;
        var box = document.createElement("div");
        var a = document.createElement("a"); a.href = p.url; a.textContent = p.code + " — " + p.title;
        box.appendChild(a);
        box.appendChild(document.createElement("br"));
        box.appendChild(document.createTextNode(p.category + " · " + p.status_label));
        layer.bindPopup(box);
      }
    }).addTo(map);
  });
})();
