/* The tower dashboard's map: one circle marker per tower, coloured by status; a click
   names the tower and links to its staff page (a planned tower has no public page yet). */
(function () {
  "use strict";
  var el = document.getElementById("tower-map");
  if (!el || !window.L) return;
  var colours = { active: "#00703c", planned: "#1d70b8", dismantled: "#6f777b", illegal: "#d4351c" };
  var points = JSON.parse(document.getElementById("tower-points").textContent);
  var map = L.map(el).setView([-7.9797, 112.6304], 12);
  var base = window.balaiBaseMap(map, el);
  /* Kelurahan outlines (named on the map when the tiles cannot load). */
  if (el.dataset.areasUrl) {
    fetch(el.dataset.areasUrl).then(function (r) { return r.json(); }).then(function (data) {
      L.geoJSON(data, {
        style: { color: "#0b5394", weight: 1, fillOpacity: 0.03 },
        interactive: false,
        onEachFeature: function (feature, layer) { base.area(layer); }
      }).addTo(map).bringToBack();
    });
  }
  var layer = L.featureGroup();
  points.forEach(function (t) {
    L.circleMarker([t.lat, t.lng], { radius: 6, color: "#0b0c0c", weight: 1, fillColor: colours[t.status], fillOpacity: 0.9 })
      .bindPopup('<a href="' + el.dataset.detailUrl.replace("/0/", "/" + t.id + "/") + '">' + t.code + "</a>")
      .addTo(layer);
  });
  layer.addTo(map);
  if (points.length) map.fitBounds(layer.getBounds(), { padding: [10, 10] });
})();
