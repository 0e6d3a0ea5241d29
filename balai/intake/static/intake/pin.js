/* Completing an e-mail: a tap on the map fills the latitude and longitude fields (kept as
   plain fields, typed by hand without JavaScript). */
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || !window.L) return;
  var lat = document.getElementById("id_lat"), lng = document.getElementById("id_lng");
  var map = L.map(el).setView([-7.9797, 112.6304], 12);
  var base = window.balaiBaseMap(map, el);
  if (el.dataset.areasUrl) {
    fetch(el.dataset.areasUrl).then(function (r) { return r.json(); }).then(function (data) {
      L.geoJSON(data, {
        style: { color: "#0b5394", weight: 1, fillOpacity: 0.03 },
        interactive: false,
        onEachFeature: function (feature, layer) { base.area(layer); }
      }).addTo(map).bringToBack();
    });
  }
  var marker = null;
  function put(ll) {
    if (marker) marker.setLatLng(ll); else marker = L.marker(ll).addTo(map);
  }
  if (lat.value && lng.value) {
    var ll = [parseFloat(lat.value), parseFloat(lng.value)];
    put(ll);
    map.setView(ll, 16);
  }
  map.on("click", function (e) {
    put(e.latlng);
    lat.value = e.latlng.lat.toFixed(6);
    lng.value = e.latlng.lng.toFixed(6);
  });
})();
