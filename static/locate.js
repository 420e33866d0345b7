// Progressive enhancement: "Use my location" fills the place field with the
// browser's coordinates. Without JavaScript the button stays hidden.
document.querySelectorAll("button.locate").forEach(function (button) {
  if (!("geolocation" in navigator)) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    var target = document.getElementById(button.dataset.target);
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(function (pos) {
      target.value = pos.coords.latitude.toFixed(4) + "," + pos.coords.longitude.toFixed(4);
      button.disabled = false;
    }, function () {
      button.disabled = false;
      button.textContent = button.dataset.unavailable;
    }, { timeout: 10000 });
  });
});
