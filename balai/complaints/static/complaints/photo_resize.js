/* The report form's photos, made smaller in the browser before upload (issue 21).

   A phone photo of 12 MP (3-5 MB) is drawn upright to a canvas with its long side at most
   2048 px and encoded as JPEG (quality 0.85): the upload is a tenth of the size and the
   worker decodes a tenth of the pixels. The chosen files are replaced in the file input
   (DataTransfer), so the form still posts multipart with the same field. The GPS position
   is read from the original first (exif.js; report.js puts the pin there); a canvas keeps
   no EXIF, so a photo whose GPS the pin does not carry yet is sent as it was and the
   server reads it. Whatever fails (an old browser, a HEIC the browser cannot decode), the
   original goes as it was: the server accepts full-size photos and re-encodes every
   photo anyway. No inline script, no eval (CSP). */
(function () {
  "use strict";
  var MAX_SIDE = 2048;
  var QUALITY = 0.85;
  var form = document.getElementById("report-form");
  var input = document.getElementById("id_photos");
  var latInput = document.getElementById("id_lat");
  if (!form || !input || !window.DataTransfer || !window.Promise) return;

  function decode(file) {
    // Upright by its EXIF orientation: asked for explicitly where the browser knows the
    // option, its default otherwise (which is upright in current browsers), then an <img>.
    if (window.createImageBitmap) {
      return createImageBitmap(file, { imageOrientation: "from-image" })
        .catch(function () { return createImageBitmap(file); })
        .catch(function () { return decodeWithImg(file); });
    }
    return decodeWithImg(file);
  }

  function decodeWithImg(file) {
    return new Promise(function (resolve, reject) {
      var url = URL.createObjectURL(file);
      var img = new Image();
      img.onload = function () { URL.revokeObjectURL(url); resolve(img); };
      img.onerror = function () { URL.revokeObjectURL(url); reject(new Error("decode")); };
      img.src = url;
    });
  }

  function sizeOf(image) {
    return { w: image.naturalWidth || image.width, h: image.naturalHeight || image.height };
  }

  /* A smaller JPEG File, or the original when it is small already, cannot be decoded or
     would not get smaller. */
  function shrink(file) {
    if (!/^image\//.test(file.type || "image/")) return Promise.resolve(file);
    return decode(file).then(function (image) {
      var size = sizeOf(image);
      var long = Math.max(size.w, size.h);
      if (!long || long <= MAX_SIDE) { if (image.close) image.close(); return file; }
      var ratio = MAX_SIDE / long;
      var canvas = document.createElement("canvas");
      canvas.width = Math.max(1, Math.round(size.w * ratio));
      canvas.height = Math.max(1, Math.round(size.h * ratio));
      var ctx = canvas.getContext("2d");
      ctx.imageSmoothingEnabled = true;
      ctx.imageSmoothingQuality = "high";
      ctx.fillStyle = "#fff"; // a transparent PNG gets the white the server would give it
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
      if (image.close) image.close();
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) {
          canvas.width = canvas.height = 0; // free the pixels now, not at the next GC
          if (!blob || blob.size >= file.size) { resolve(file); return; }
          var name = (file.name || "foto").replace(/\.[^.]*$/, "") + ".jpg";
          resolve(new File([blob], name, { type: "image/jpeg", lastModified: file.lastModified }));
        }, "image/jpeg", QUALITY);
      });
    }).catch(function () { return file; });
  }

  function gpsOf(file) {
    return window.balaiReadGps ? window.balaiReadGps(file) : Promise.resolve(null);
  }

  var pending = null;
  var generation = 0;

  input.addEventListener("change", function () {
    var originals = Array.prototype.slice.call(input.files || []);
    var mine = ++generation;
    if (!originals.length) { pending = null; return; }
    pending = Promise.all(originals.map(function (file) {
      // The GPS first, from the original (report.js sets the pin from the same read).
      return gpsOf(file).then(function (gps) {
        return shrink(file).then(function (smaller) { return { file: file, gps: gps, smaller: smaller }; });
      });
    })).then(function (results) {
      if (mine !== generation) return; // another choice was made meanwhile
      var changed = false;
      var dt = new DataTransfer();
      results.forEach(function (r) {
        // Without a pin, a photo with GPS goes whole: the server puts the pin there.
        var keep = r.gps && !latInput.value;
        var file = keep ? r.file : r.smaller;
        if (file !== r.file) changed = true;
        dt.items.add(file);
      });
      if (changed) input.files = dt.files;
    }).catch(function () { /* the originals stay chosen */ }).then(function () {
      if (mine === generation) pending = null;
    });
  });

  // A submit while photos are still being made smaller waits for them (a second or two).
  form.addEventListener("submit", function (e) {
    if (!pending) return;
    var waiting = pending;
    pending = null;
    e.preventDefault();
    var buttons = form.querySelectorAll("button[type=submit]");
    Array.prototype.forEach.call(buttons, function (b) { b.disabled = true; });
    waiting.then(function () { form.submit(); }, function () { form.submit(); });
  });
})();
