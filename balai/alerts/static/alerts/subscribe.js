// "Use my location": fills the hidden point of the radius alert from the phone's GPS.
(function () {
  var button = document.getElementById("use-location");
  if (!button || !navigator.geolocation) { return; }
  button.hidden = false;
  button.addEventListener("click", function () {
    var status = document.getElementById("location-status");
    navigator.geolocation.getCurrentPosition(function (pos) {
      document.getElementById("id_lat").value = pos.coords.latitude.toFixed(6);
      document.getElementById("id_lng").value = pos.coords.longitude.toFixed(6);
      status.textContent = button.dataset.done;
    }, function () { status.textContent = button.dataset.failed; });
  });
})();
