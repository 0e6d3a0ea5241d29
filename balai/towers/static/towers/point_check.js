/* "Cek titik": a tap on the map fills the latitude and longitude fields; the zones in force
   are drawn (green: cell-plan zones, red: prohibited, orange: airport safety). Without
   JavaScript the two fields are typed by hand. */
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || !window.L) return;
  var lat = document.getElementById("id_lat"), lng = document.getElementById("id_lng");
  var colours = { allowed: "#00703c", prohibited: "#d4351c", kkop: "#f47738" };
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
  var zones = JSON.parse(document.getElementById("zones-data").textContent);
  L.geoJSON(zones, {
    style: function (f) { return { color: colours[f.properties.kind], weight: 2, fillOpacity: 0.12 }; },
    pointToLayer: function (f, ll) {
      return L.circle(ll, { radius: f.properties.radius_m, color: colours[f.properties.kind], weight: 2, fillOpacity: 0.12 });
    },
    onEachFeature: function (f, layer) { layer.bindTooltip(f.properties.name); }
  }).addTo(map);
  var marker = null;
  function put(ll) {
    if (marker) marker.setLatLng(ll); else marker = L.marker(ll).addTo(map);
  }
  if (lat.value && lng.value) {
    var ll = [parseFloat(lat.value), parseFloat(lng.value)];
    put(ll);
    map.setView(ll, 15);
  }
  map.on("click", function (e) {
    put(e.latlng);
    lat.value = e.latlng.lat.toFixed(6);
    lng.value = e.latlng.lng.toFixed(6);
  });
})();
