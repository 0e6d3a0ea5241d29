/* The field officer's inspection form on a poor connection.
   Sent by fetch when the phone is online; without a connection (or when the send fails on
   the network) the form, photos included, is kept in localStorage and sent as soon as the
   browser says it is online again, or when the page is next opened. Each form carries its
   own client_uuid, so a form sent twice is recorded once. Without JavaScript the form posts
   as a plain form. */
(function () {
  "use strict";
  var form = document.getElementById("field-form");
  if (!form || !window.fetch || !window.localStorage) return;
  var KEY = "balai:towers:outbox";
  var text = JSON.parse(document.getElementById("field-text").textContent);
  var towers = JSON.parse(document.getElementById("field-towers").textContent);
  var statusBox = document.getElementById("field-status");
  var statusText = document.getElementById("field-status-text");
  var queueText = document.getElementById("field-queue");
  var gpsButton = document.getElementById("use-gps");
  var gpsStatus = document.getElementById("gps-status");
  var uuidInput = form.querySelector("[name=client_uuid]");
  var sending = false;

  function say(message, kind) {
    statusBox.hidden = false;
    statusBox.className = "notification notification--" + (kind || "info");
    statusText.textContent = message;
  }
  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_m, k) { return values[k]; });
  }
  function outbox() {
    try { return JSON.parse(localStorage.getItem(KEY) || "[]"); } catch (e) { return []; }
  }
  function store(items) {
    localStorage.setItem(KEY, JSON.stringify(items));
    showQueue();
  }
  function showQueue() {
    var n = outbox().length;
    queueText.textContent = n ? fill(text.queued, { n: n }) : "";
  }
  function newUuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return "10000000-1000-4000-8000-100000000000".replace(/[018]/g, function (c) {
      return (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16);
    });
  }

  function readFile(file) {
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () { resolve({ name: file.name, type: file.type, data: reader.result }); };
      reader.onerror = reject;
      reader.readAsDataURL(file);
    });
  }
  function toBlob(dataUrl) {
    var parts = dataUrl.split(","), bytes = atob(parts[1]);
    var buffer = new Uint8Array(bytes.length);
    for (var i = 0; i < bytes.length; i++) buffer[i] = bytes.charCodeAt(i);
    return new Blob([buffer], { type: parts[0].split(":")[1].split(";")[0] });
  }

  /* The form as a plain object (fields) plus its photos as data URLs. */
  function snapshot() {
    var fields = {};
    new FormData(form).forEach(function (value, name) {
      if (name !== "photos" && name !== "csrfmiddlewaretoken") fields[name] = value;
    });
    fields.inspected_at = new Date().toISOString();
    var files = Array.prototype.slice.call(form.querySelector("[name=photos]").files || []);
    return Promise.all(files.map(readFile)).then(function (photos) {
      return { fields: fields, photos: photos };
    });
  }
  function post(item) {
    var data = new FormData();
    Object.keys(item.fields).forEach(function (k) { data.append(k, item.fields[k]); });
    item.photos.forEach(function (p) { data.append("photos", toBlob(p.data), p.name); });
    data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    return fetch(form.action, { method: "POST", body: data, credentials: "same-origin",
                                headers: { "Accept": "application/json" } });
  }
  function keep(item) {
    var items = outbox();
    items.push(item);
    try {
      store(items);
    } catch (e) {
      items[items.length - 1].photos = [];
      store(items);
      say(text.tooBig, "warning");
      return;
    }
    say(text.saved, "warning");
  }
  function reset() {
    form.reset();
    uuidInput.value = newUuid();
  }

  /* Send what the phone kept, oldest first; stop at the first network failure. */
  function flush() {
    if (sending || !navigator.onLine) return;
    var items = outbox();
    if (!items.length) return;
    sending = true;
    say(text.sending, "info");
    var item = items[0];
    post(item).then(function (response) {
      return response.json().then(function (body) {
        var rest = outbox().filter(function (i) { return i.fields.client_uuid !== item.fields.client_uuid; });
        store(rest);
        if (body.ok) say(fill(text.sent, { code: body.code }), "success");
        else say(text.failed + " " + body.errors.join(" "), "error");
        sending = false;
        flush();
      });
    }).catch(function () { sending = false; showQueue(); });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    snapshot().then(function (item) {
      if (!navigator.onLine) { keep(item); reset(); return; }
      say(text.sending, "info");
      post(item).then(function (response) {
        return response.json().then(function (body) {
          if (body.ok) { say(fill(text.sent, { code: body.code }), "success"); reset(); }
          else say(text.failed + " " + body.errors.join(" "), "error");
        });
      }).catch(function () { keep(item); reset(); });
    });
  });

  window.addEventListener("online", flush);
  showQueue();
  flush();

  /* The nearest registered tower from the phone's GPS fix, found on the phone itself. */
  if (navigator.geolocation) {
    gpsButton.hidden = false;
    gpsButton.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (pos) {
        var lat = pos.coords.latitude, lng = pos.coords.longitude;
        form.querySelector("[name=gps_lat]").value = lat.toFixed(7);
        form.querySelector("[name=gps_lng]").value = lng.toFixed(7);
        form.querySelector("[name=gps_accuracy_m]").value = Math.round(pos.coords.accuracy);
        var best = null, bestM = Infinity;
        towers.forEach(function (t) {
          var dy = (t.lat - lat) * 111320, dx = (t.lng - lng) * 111320 * Math.cos(lat * Math.PI / 180);
          var m = Math.sqrt(dx * dx + dy * dy);
          if (m < bestM) { bestM = m; best = t; }
        });
        if (best) {
          form.querySelector("[name=tower_code]").value = best.code;
          gpsStatus.textContent = fill(text.nearest, { code: best.code, m: Math.round(bestM), acc: Math.round(pos.coords.accuracy) });
        }
      }, function () { gpsStatus.textContent = text.noGps; }, { enableHighAccuracy: true, timeout: 20000 });
    });
  }
})();
