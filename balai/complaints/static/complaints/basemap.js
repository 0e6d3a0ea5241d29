/* The complaint maps' background: OpenStreetMap tiles (MAP_TILE_URL) when they load; when
   there is no tile server, or its tiles fail (offline), the imported roads with their names
   and the kelurahan names are drawn over the outlines so the map still reads. */
(function () {
  "use strict";
  var ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap contributors</a>';

  window.balaiBaseMap = function (map, el) {
    var drawn = false;
    var areaLayers = [];
    function drawVectors() {
      if (drawn) return;
      drawn = true;
      el.classList.add("map-offline");
      areaLayers.forEach(function (layer) {
        layer.bindTooltip(layer.feature.properties.name, { permanent: true, direction: "center", className: "map-area-name" });
      });
      if (!el.dataset.roadsUrl) return;
      fetch(el.dataset.roadsUrl).then(function (r) { return r.json(); }).then(function (data) {
        L.geoJSON(data, {
          style: { color: "#6f777b", weight: 3, opacity: 0.9 },
          onEachFeature: function (feature, layer) {
            layer.bindTooltip(feature.properties.name, { permanent: true, direction: "center", className: "map-road-name" });
          }
        }).addTo(map);
      });
    }
    /* Names only where they fit: kelurahan from zoom 13, streets from zoom 14. */
    function labelsForZoom() {
      el.classList.toggle("map-hide-area-names", map.getZoom() < 13);
      el.classList.toggle("map-hide-road-names", map.getZoom() < 14);
    }
    map.on("zoomend", labelsForZoom);
    labelsForZoom();
    var tileUrl = el.dataset.tileUrl;
    if (tileUrl) {
      var errors = 0;
      var tiles = L.tileLayer(tileUrl, { maxZoom: 19, attribution: ATTRIBUTION });
      tiles.on("tileerror", function () { errors += 1; if (errors >= 2) drawVectors(); });
      tiles.addTo(map);
    } else {
      drawVectors();
    }
    return {
      /* Each kelurahan layer, named on the map when the tiles are missing. */
      area: function (layer) {
        areaLayers.push(layer);
        if (drawn) layer.bindTooltip(layer.feature.properties.name, { permanent: true, direction: "center", className: "map-area-name" });
      }
    };
  };
})();
