/* Read the GPS position from a JPEG's EXIF, in the browser, before upload.
   Only what we need: APP1 "Exif", the GPS IFD, rationals. Returns null when absent. */
(function (global) {
  "use strict";
  function readGps(buffer) {
    var view = new DataView(buffer);
    if (view.byteLength < 4 || view.getUint16(0) !== 0xffd8) return null;
    var offset = 2;
    while (offset + 4 < view.byteLength) {
      var marker = view.getUint16(offset);
      var size = view.getUint16(offset + 2);
      if (marker === 0xffe1 && view.getUint32(offset + 4) === 0x45786966) {
        return parseTiff(view, offset + 10);
      }
      if ((marker & 0xff00) !== 0xff00) return null;
      offset += 2 + size;
    }
    return null;
  }
  function parseTiff(view, start) {
    var little = view.getUint16(start) === 0x4949;
    function u16(o) { return view.getUint16(start + o, little); }
    function u32(o) { return view.getUint32(start + o, little); }
    function findTag(ifd, tag) {
      var count = u16(ifd);
      for (var i = 0; i < count; i++) {
        var entry = ifd + 2 + i * 12;
        if (u16(entry) === tag) return entry;
      }
      return null;
    }
    var ifd0 = u32(4);
    var gpsEntry = findTag(ifd0, 0x8825);
    if (gpsEntry === null) return null;
    var gps = u32(gpsEntry + 8);
    function ref(tag) {
      var e = findTag(gps, tag);
      return e === null ? null : String.fromCharCode(view.getUint8(start + e + 8));
    }
    function dms(tag) {
      var e = findTag(gps, tag);
      if (e === null) return null;
      var at = u32(e + 8), parts = [];
      for (var i = 0; i < 3; i++) {
        var den = u32(at + i * 8 + 4);
        parts.push(den ? u32(at + i * 8) / den : 0);
      }
      return parts[0] + parts[1] / 60 + parts[2] / 3600;
    }
    var lat = dms(2), lng = dms(4);
    if (lat === null || lng === null) return null;
    if (ref(1) === "S") lat = -lat;
    if (ref(3) === "W") lng = -lng;
    if (lat === 0 && lng === 0) return null;
    return { lat: lat, lng: lng };
  }
  global.balaiReadGps = function (file) {
    return file.slice(0, 256 * 1024).arrayBuffer().then(readGps).catch(function () { return null; });
  };
})(window);
