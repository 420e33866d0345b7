// Progressive enhancement: when the site has a tile server configured, the drawn map
// beside results becomes a street map of the same area and pins (Leaflet, served by
// the site). Without JavaScript, or if anything here fails, the drawn map stays.
(function () {
  var data = document.getElementById("map-data");
  var figure = document.querySelector("figure.map");
  if (!data || !figure || !window.L) return;
  var m = JSON.parse(data.textContent);
  var svg = figure.querySelector("svg");
  var holder = document.createElement("div");
  holder.className = "street-map";
  holder.setAttribute("role", "region");
  holder.setAttribute("aria-label", figure.dataset.streetLabel + " " + svg.querySelector("desc").textContent);
  figure.insertBefore(holder, svg);
  // The attribution is shown as text, never as markup.
  var text = document.createElement("div");
  text.textContent = m.attribution;
  var map = L.map(holder, { scrollWheelZoom: false });
  // The view first: layers are drawn against it.
  map.fitBounds(L.latLng(m.lat, m.lng).toBounds(m.radius_m * 2));
  L.tileLayer(m.tiles, { attribution: text.innerHTML, maxZoom: 18 }).addTo(map);
  L.circle([m.lat, m.lng], { radius: m.radius_m, className: "street-area", fill: false }).addTo(map);
  m.pins.forEach(function (pin) {
    var link = document.createElement("a");
    link.href = pin.url;
    link.textContent = pin.number + ". " + pin.name;
    L.marker([pin.lat, pin.lng], {
      icon: L.divIcon({ className: "street-pin", html: String(pin.number), iconSize: [24, 24] }),
      title: pin.number + ". " + pin.name,
      alt: pin.number + ". " + pin.name
    }).bindPopup(link).addTo(map);
  });
  figure.classList.add("has-street-map");
})();
