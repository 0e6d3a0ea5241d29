/* The staff case map: the reported pin, its kelurahan's outline and the nearest road. */
(function () {
  "use strict";
  var el = document.getElementById("case-map");
  if (!el || !window.L) return;
  var data = JSON.parse(document.getElementById("case-map-data").textContent);
  var map = L.map(el).setView([data.lat, data.lng], 16);
  var base = window.balaiBaseMap(map, el);
  if (data.kelurahan) {
    var area = L.geoJSON({ type: "Feature", properties: { name: data.kelurahan_name }, geometry: data.kelurahan },
      { style: { color: "#0b5394", weight: 2, fillOpacity: 0.04 } }).addTo(map);
    area.eachLayer(function (layer) { base.area(layer); });
  }
  if (data.road) {
    L.geoJSON(data.road, { style: { color: "#d4351c", weight: 5, opacity: 0.8 } })
      .bindTooltip(data.road_name, { sticky: true }).addTo(map);
  }
  L.marker([data.lat, data.lng]).addTo(map);
})();
