/* An agenda item's map pin: shown on its page; on the staff form a tap on the map fills
   the latitude and longitude (typed by hand without JavaScript). */
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || !window.L) return;
  var lat = document.getElementById("id_lat"), lng = document.getElementById("id_lng");
  var start = el.dataset.lat ? [parseFloat(el.dataset.lat), parseFloat(el.dataset.lng)]
    : (lat && lat.value ? [parseFloat(lat.value), parseFloat(lng.value)] : null);
  var map = L.map(el).setView(start || [-7.9797, 112.6304], start ? 16 : 12);
  window.balaiBaseMap(map, el);
  var marker = start ? L.marker(start).addTo(map) : null;
  if (!lat) return;
  map.on("click", function (e) {
    if (marker) marker.setLatLng(e.latlng); else marker = L.marker(e.latlng).addTo(map);
    lat.value = e.latlng.lat.toFixed(6);
    lng.value = e.latlng.lng.toFixed(6);
  });
})();
