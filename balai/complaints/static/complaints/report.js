/* The report form's map: pin, "use my location", kelurahan search, EXIF GPS, nearby cases.
   Progressive enhancement: without JS the form still posts, and the server reads the
   photo's GPS when no pin was set. */
(function () {
  "use strict";
  var form = document.getElementById("report-form");
  if (!form || !window.L) return;
  var latInput = document.getElementById("id_lat");
  var lngInput = document.getElementById("id_lng");
  var status = document.getElementById("pin-status");
  var categoryData = JSON.parse(document.getElementById("categories-data").textContent);
  var categorySelect = document.getElementById("id_category");
  var help = document.getElementById("category-help");
  var nearbyBox = document.getElementById("nearby");
  var text = JSON.parse(document.getElementById("report-text").textContent);

  var map = L.map("map", { zoomControl: true }).setView([-7.9797, 112.6304], 13);
  var base = window.balaiBaseMap(map, form);
  var marker = null;
  var areas = null;
  var names = [];

  function setPin(lat, lng, how) {
    latInput.value = lat.toFixed(7);
    lngInput.value = lng.toFixed(7);
    if (marker) { marker.setLatLng([lat, lng]); } else { marker = L.marker([lat, lng], { draggable: true }).addTo(map); marker.on("dragend", function () { var p = marker.getLatLng(); setPin(p.lat, p.lng, text.moved); }); }
    status.textContent = how + " (" + lat.toFixed(5) + ", " + lng.toFixed(5) + ")";
    checkNearby();
  }

  fetch(form.dataset.areasUrl).then(function (r) { return r.json(); }).then(function (data) {
    areas = L.geoJSON(data, {
      style: { color: "#0b5394", weight: 1, fillOpacity: 0.04 },
      onEachFeature: function (feature, layer) {
        layer.bindTooltip(feature.properties.name, { sticky: true });
        base.area(layer);
        names.push({ name: feature.properties.name, layer: layer });
      }
    }).addTo(map);
    if (data.features.length) map.fitBounds(areas.getBounds());
    var list = document.getElementById("place-list");
    names.sort(function (a, b) { return a.name.localeCompare(b.name); }).forEach(function (n) {
      var option = document.createElement("option");
      option.value = n.name;
      list.appendChild(option);
    });
    if (latInput.value && lngInput.value) setPin(parseFloat(latInput.value), parseFloat(lngInput.value), text.pinSet);
  });

  map.on("click", function (e) { setPin(e.latlng.lat, e.latlng.lng, text.pinSet); });

  var streets = [];
  fetch(form.dataset.streetsUrl).then(function (r) { return r.json(); }).then(function (data) {
    streets = data.streets;
    var list = document.getElementById("place-list");
    streets.forEach(function (s) {
      var option = document.createElement("option");
      option.value = s.name;
      list.appendChild(option);
    });
  });

  document.getElementById("place-search").addEventListener("change", function (e) {
    var wanted = e.target.value.trim().toLowerCase();
    names.forEach(function (n) {
      if (n.name.toLowerCase() === wanted) {
        map.fitBounds(n.layer.getBounds());
        var c = n.layer.getBounds().getCenter();
        setPin(c.lat, c.lng, text.fromSearch);
      }
    });
    streets.forEach(function (s) {
      if (s.name.toLowerCase() === wanted) {
        map.setView([s.lat, s.lng], 17);
        setPin(s.lat, s.lng, text.fromStreet);
      }
    });
  });

  document.getElementById("use-location").addEventListener("click", function () {
    if (!navigator.geolocation) { status.textContent = text.noGeo; return; }
    status.textContent = text.locating;
    navigator.geolocation.getCurrentPosition(function (pos) {
      setPin(pos.coords.latitude, pos.coords.longitude, text.fromDevice);
      map.setView([pos.coords.latitude, pos.coords.longitude], 17);
    }, function () { status.textContent = text.geoFailed; }, { enableHighAccuracy: true, timeout: 10000 });
  });

  document.getElementById("id_photos").addEventListener("change", function (e) {
    var files = Array.prototype.slice.call(e.target.files || []);
    if (latInput.value || !window.balaiReadGps) return;
    files.reduce(function (chain, file) {
      return chain.then(function (found) { return found || window.balaiReadGps(file); });
    }, Promise.resolve(null)).then(function (gps) {
      if (gps && !latInput.value) {
        setPin(gps.lat, gps.lng, text.fromPhoto);
        map.setView([gps.lat, gps.lng], 17);
      }
    });
  });

  function showHelp() {
    var id = parseInt(categorySelect.value, 10);
    var cat = categoryData.filter(function (c) { return c.id === id; })[0];
    help.hidden = !cat;
    help.textContent = "";
    if (!cat) return;
    if (cat.description) { var p = document.createElement("p"); p.textContent = cat.description; help.appendChild(p); }
    if (cat.out_of_scope) { var q = document.createElement("p"); q.textContent = text.outOfScope + " " + cat.out_of_scope; help.appendChild(q); }
    checkNearby();
  }
  categorySelect.addEventListener("change", showHelp);
  showHelp();

  function checkNearby() {
    if (!categorySelect.value || !latInput.value) return;
    var url = form.dataset.nearbyUrl + "?category=" + encodeURIComponent(categorySelect.value) +
      "&lat=" + latInput.value + "&lng=" + lngInput.value;
    fetch(url).then(function (r) { return r.json(); }).then(function (data) {
      nearbyBox.textContent = "";
      nearbyBox.hidden = !data.results.length;
      if (!data.results.length) return;
      var h = document.createElement("h3"); h.textContent = text.nearbyTitle; nearbyBox.appendChild(h);
      var p = document.createElement("p"); p.textContent = text.nearbyHint; nearbyBox.appendChild(p);
      var ul = document.createElement("ul");
      data.results.forEach(function (r) {
        var li = document.createElement("li");
        var a = document.createElement("a"); a.href = r.url; a.textContent = r.code + " — " + r.title;
        li.appendChild(a);
        li.appendChild(document.createTextNode(" (" + r.status + ", " + r.distance_m + " m) "));
        ul.appendChild(li);
      });
      nearbyBox.appendChild(ul);
    });
  }
})();
