/* The command room's map: kelurahan outlines and the newest open complaints, redrawn every
   minute from titik.geojson without reloading the page (the figures refresh through htmx). */
(function () {
  "use strict";
  var STATUS_COLOURS = { baru: "#1d70b8", terverifikasi: "#4c2c92", diproses: "#4c2c92",
                         menunggu_info: "#f47738", diteruskan: "#1d70b8" };
  function start() {
    var el = document.getElementById("command-map");
    if (!el || !window.L) return;
    var map = L.map(el, { scrollWheelZoom: false }).setView([-7.9797, 112.6304], 12);
    var base = window.balaiBaseMap ? window.balaiBaseMap(map, el) : null;
    fetch(el.dataset.areasUrl).then(function (r) { return r.json(); }).then(function (data) {
      var areas = L.geoJSON(data, { style: { color: "#505a5f", weight: 1, fillOpacity: 0.03 },
        onEachFeature: function (feature, layer) { if (base) base.area(layer); } }).addTo(map);
      if (areas.getBounds().isValid()) map.fitBounds(areas.getBounds());
    });
    var points = L.layerGroup().addTo(map);
    function draw() {
      fetch(el.dataset.pointsUrl, { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          points.clearLayers();
          data.features.forEach(function (f) {
            var c = f.geometry.coordinates;
            L.circleMarker([c[1], c[0]], { radius: 6, weight: 1, color: "#0b0c0c",
              fillColor: STATUS_COLOURS[f.properties.status] || "#505a5f", fillOpacity: 0.85 })
              .bindTooltip(f.properties.code + " · " + f.properties.category)
              .addTo(points);
          });
          el.dataset.count = String(data.features.length);
        });
    }
    draw();
    window.setInterval(draw, 60000);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
