/* Twinnings maps (Leaflet). Everything is drawn from the site's own data, so maps work
   without internet: a dotted basemap of the gazetteer's inhabited places, a graticule,
   and great-circle lines between twins. OpenStreetMap tiles are optional (off by default).
   Data comes from data-* attributes and same-origin JSON URLs; no inline scripts. */
(function () {
  "use strict";

  var TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
  var TILE_ATTRIBUTION = 'Map data © <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';
  var TILES_KEY = "twinnings.tiles";
  var COLORS = {
    line: "#f2a541",
    hub: "#f2a541",
    home: "#ffffff",
    dot: "rgba(168, 190, 224, 0.42)",
    grid: "rgba(255, 255, 255, 0.07)",
    equator: "rgba(255, 255, 255, 0.13)"
  };
  var requests = {};

  function getJSON(url) {
    if (!requests[url]) {
      requests[url] = fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) throw new Error(url + ": HTTP " + response.status);
          return response.json();
        });
    }
    return requests[url];
  }

  function parse(element, name, fallback) {
    var raw = element.getAttribute(name);
    if (!raw) return fallback;
    try { return JSON.parse(raw); } catch (e) { return fallback; }
  }

  /* ---- Basemap: dots for grid cells holding places, and a 30° graticule ---------------- */

  var DotLayer = L.GridLayer.extend({
    options: { attribution: '<a href="https://www.geonames.org/">GeoNames</a>', minZoom: 0, maxZoom: 18 },

    initialize: function (cells, step, options) {
      L.GridLayer.prototype.initialize.call(this, options);
      this._cells = cells;
      this._step = step;
      this._buckets = {};
    },

    _bucketsFor: function (zoom) {
      if (this._buckets[zoom]) return this._buckets[zoom];
      var buckets = {};
      var size = this.getTileSize().x;
      var crs = this._map.options.crs;
      for (var i = 0; i < this._cells.length; i += 2) {
        var point = crs.latLngToPoint(L.latLng(this._cells[i] * this._step, this._cells[i + 1] * this._step), zoom);
        var key = Math.floor(point.x / size) + ":" + Math.floor(point.y / size);
        (buckets[key] = buckets[key] || []).push(point.x, point.y);
      }
      this._buckets[zoom] = buckets;
      return buckets;
    },

    createTile: function (coords) {
      var tile = L.DomUtil.create("canvas", "leaflet-tile");
      var size = this.getTileSize();
      var ratio = window.devicePixelRatio || 1;
      tile.width = size.x * ratio;
      tile.height = size.y * ratio;
      var ctx = tile.getContext("2d");
      ctx.scale(ratio, ratio);
      var originX = coords.x * size.x;
      var originY = coords.y * size.y;
      var crs = this._map.options.crs;
      this._drawGraticule(ctx, crs, coords.z, originX, originY, size);
      var cellPixels = (this._step / 360) * size.x * Math.pow(2, coords.z);
      var radius = Math.max(0.7, Math.min(cellPixels * 0.34, 2));
      ctx.fillStyle = COLORS.dot;
      var buckets = this._bucketsFor(coords.z);
      for (var dx = -1; dx <= 1; dx++) {
        for (var dy = -1; dy <= 1; dy++) {
          var points = buckets[(coords.x + dx) + ":" + (coords.y + dy)];
          if (!points) continue;
          for (var i = 0; i < points.length; i += 2) {
            var x = points[i] - originX;
            var y = points[i + 1] - originY;
            if (x < -radius || y < -radius || x > size.x + radius || y > size.y + radius) continue;
            if (radius < 1.2) {
              ctx.fillRect(x - radius, y - radius, radius * 2, radius * 2);
            } else {
              ctx.beginPath();
              ctx.arc(x, y, radius, 0, 2 * Math.PI);
              ctx.fill();
            }
          }
        }
      }
      return tile;
    },

    _drawGraticule: function (ctx, crs, zoom, originX, originY, size) {
      ctx.lineWidth = 1;
      for (var lon = -180; lon <= 180; lon += 30) {
        var x = crs.latLngToPoint(L.latLng(0, lon), zoom).x - originX;
        if (x < -1 || x > size.x + 1) continue;
        ctx.strokeStyle = lon === 0 ? COLORS.equator : COLORS.grid;
        ctx.beginPath(); ctx.moveTo(x + 0.5, 0); ctx.lineTo(x + 0.5, size.y); ctx.stroke();
      }
      for (var lat = -60; lat <= 60; lat += 30) {
        var y = crs.latLngToPoint(L.latLng(lat, 0), zoom).y - originY;
        if (y < -1 || y > size.y + 1) continue;
        ctx.strokeStyle = lat === 0 ? COLORS.equator : COLORS.grid;
        ctx.beginPath(); ctx.moveTo(0, y + 0.5); ctx.lineTo(size.x, y + 0.5); ctx.stroke();
      }
    }
  });

  /* ---- Geometry ------------------------------------------------------------------------ */

  var RAD = Math.PI / 180;

  /* Points along the great circle from a to b ([lat, lon]), longitudes unwrapped so that the
     line crosses the antimeridian instead of the whole map. */
  function greatCircle(a, b) {
    var lat1 = a[0] * RAD, lon1 = a[1] * RAD, lat2 = b[0] * RAD, lon2 = b[1] * RAD;
    var d = 2 * Math.asin(Math.sqrt(
      Math.pow(Math.sin((lat2 - lat1) / 2), 2) +
      Math.cos(lat1) * Math.cos(lat2) * Math.pow(Math.sin((lon2 - lon1) / 2), 2)));
    if (!isFinite(d) || d < 0.02) return [a, unwrap(a[1], b)];
    var steps = Math.min(48, Math.max(4, Math.ceil(d / (2.5 * RAD))));
    var points = [];
    var previous = a[1];
    for (var i = 0; i <= steps; i++) {
      var f = i / steps;
      var A = Math.sin((1 - f) * d) / Math.sin(d);
      var B = Math.sin(f * d) / Math.sin(d);
      var x = A * Math.cos(lat1) * Math.cos(lon1) + B * Math.cos(lat2) * Math.cos(lon2);
      var y = A * Math.cos(lat1) * Math.sin(lon1) + B * Math.cos(lat2) * Math.sin(lon2);
      var z = A * Math.sin(lat1) + B * Math.sin(lat2);
      var lat = Math.atan2(z, Math.sqrt(x * x + y * y)) / RAD;
      var lon = Math.atan2(y, x) / RAD;
      while (lon - previous > 180) lon -= 360;
      while (lon - previous < -180) lon += 360;
      previous = lon;
      points.push([lat, lon]);
    }
    return points;
  }

  function unwrap(reference, point) {
    var lon = point[1];
    while (lon - reference > 180) lon -= 360;
    while (lon - reference < -180) lon += 360;
    return [point[0], lon];
  }

  /* ---- Shared pieces ------------------------------------------------------------------- */

  function placeUrl(element, id) {
    return (element.getAttribute("data-place-url") || "/places/0/").replace("/0/", "/" + id + "/");
  }

  function label(text, detail) {
    var box = document.createElement("span");
    var strong = document.createElement("strong");
    strong.textContent = text;
    box.appendChild(strong);
    if (detail) {
      box.appendChild(document.createElement("br"));
      box.appendChild(document.createTextNode(detail));
    }
    return box;
  }

  function linkMarker(element, marker, id) {
    marker.on("click", function () { window.location.assign(placeUrl(element, id)); });
  }

  function createMap(element) {
    var map = L.map(element, {
      minZoom: 1,
      maxZoom: 12,
      worldCopyJump: true,
      fadeAnimation: false,
      zoomControl: false,
      preferCanvas: true,
      attributionControl: true
    });
    map.attributionControl.setPrefix('<a href="https://leafletjs.com/">Leaflet</a>');
    L.control.zoom({
      zoomInTitle: element.getAttribute("data-zoom-in") || "Zoom in",
      zoomOutTitle: element.getAttribute("data-zoom-out") || "Zoom out"
    }).addTo(map);
    map.setView([25, 10], 2);
    var renderer = L.canvas({ padding: 0.5 });
    var basemap = null;
    getJSON(element.getAttribute("data-basemap-url")).then(function (data) {
      basemap = new DotLayer(data.cells, data.step, { pane: "tilePane" });
      if (!element.classList.contains("has-tiles")) basemap.addTo(map);
    }).catch(function () { /* the lines still draw without the basemap */ });
    setupTiles(element, map, function () { return basemap; });
    return { map: map, renderer: renderer };
  }

  function setupTiles(element, map, basemap) {
    var figure = element.closest(".map-figure");
    var toggle = figure && figure.querySelector("[data-tiles-toggle]");
    var tiles = null;
    function apply(on) {
      var credit = document.querySelector("[data-osm-credit]");
      if (on) {
        tiles = tiles || L.tileLayer(TILE_URL, {
          attribution: element.getAttribute("data-osm-attribution") || TILE_ATTRIBUTION, maxZoom: 19
        });
        tiles.addTo(map);
        if (basemap()) map.removeLayer(basemap());
      } else {
        if (tiles) map.removeLayer(tiles);
        if (basemap() && !map.hasLayer(basemap())) basemap().addTo(map);
      }
      element.classList.toggle("has-tiles", on);
      if (credit) credit.hidden = !document.querySelector(".map.has-tiles");
    }
    if (!toggle) return;
    var stored = false;
    try { stored = window.localStorage.getItem(TILES_KEY) === "on"; } catch (e) { stored = false; }
    toggle.checked = stored;
    if (stored) apply(true);
    toggle.addEventListener("change", function () {
      try { window.localStorage.setItem(TILES_KEY, toggle.checked ? "on" : "off"); } catch (e) { /* private mode */ }
      apply(toggle.checked);
    });
  }

  function showError(element) {
    var message = document.createElement("p");
    message.className = "map-error";
    message.textContent = element.getAttribute("data-error") || "The map data could not be loaded.";
    element.appendChild(message);
  }

  /* ---- Map kinds ----------------------------------------------------------------------- */

  function drawNetwork(element, view, data, fit) {
    var lines = data.lines.map(function (l) { return greatCircle([l[0], l[1]], [l[2], l[3]]); });
    var many = lines.length > 1500;
    L.polyline(lines, {
      renderer: view.renderer, interactive: false, color: COLORS.line,
      weight: many ? 0.6 : 1, opacity: many ? 0.16 : 0.4, smoothFactor: 1.5
    }).addTo(view.map);
    var top = data.places.length ? data.places[0][5] : 1;
    var bounds = [];
    data.places.forEach(function (p) {
      var marker = L.circleMarker([p[1], p[2]], {
        renderer: view.renderer, radius: 1.5 + 5.5 * Math.sqrt(p[5] / top),
        color: "#13294b", weight: 1, fillColor: COLORS.hub, fillOpacity: 0.9
      }).addTo(view.map);
      marker.bindTooltip(label(p[3], p[4] + " · " + p[5]), { direction: "top", offset: [0, -4] });
      linkMarker(element, marker, p[0]);
      if (!fit || p[4] === fit) bounds.push([p[1], p[2]]);
    });
    if (fit && bounds.length) {  // the country's places, zoomed out one step to show its partners around
      var box = L.latLngBounds(bounds);
      var zoom = Math.min(4, view.map.getBoundsZoom(box, false, L.point(60, 60)));
      view.map.setView(box.getCenter(), Math.max(1, zoom - 1), { animate: false });
    }
  }

  function worldMap(element) {
    var view = createMap(element);
    view.map.fitBounds([[-42, -135], [66, 150]]);
    getJSON(element.getAttribute("data-lines-url")).then(function (data) {
      drawNetwork(element, view, data, null);
    }).catch(function () { showError(element); });
  }

  function countryMap(element) {
    var view = createMap(element);
    getJSON(element.getAttribute("data-lines-url")).then(function (data) {
      drawNetwork(element, view, data, element.getAttribute("data-country"));
    }).catch(function () { showError(element); });
  }

  function placeMap(element) {
    var view = createMap(element);
    var center = parse(element, "data-center", null);
    var twins = parse(element, "data-twins", []);
    if (!center) return;
    var home = [center[0], center[1]];
    var bounds = [home];
    var lines = [];
    twins.forEach(function (t) {
      var target = unwrap(home[1], [t[1], t[2]]);
      lines.push(greatCircle(home, target));
      bounds.push(target);
      var marker = L.circleMarker(target, {
        renderer: view.renderer, radius: 5, color: "#13294b", weight: 1.5, fillColor: COLORS.hub, fillOpacity: 1
      }).addTo(view.map);
      marker.bindTooltip(label(t[3], t[4]), { direction: "top", offset: [0, -4] });
      linkMarker(element, marker, t[0]);
    });
    if (lines.length) {
      L.polyline(lines, {
        renderer: view.renderer, interactive: false, color: COLORS.line, weight: 1.6, opacity: 0.75
      }).addTo(view.map);
    }
    var marker = L.circleMarker(home, {
      renderer: view.renderer, radius: 8, color: "#f2a541", weight: 3, fillColor: COLORS.home, fillOpacity: 1
    }).addTo(view.map);
    marker.bindTooltip(label(center[2]), { direction: "top", offset: [0, -6] });
    if (bounds.length > 1) view.map.fitBounds(bounds, { padding: [36, 36], maxZoom: 7, animate: false });
    else view.map.setView(home, 6);
  }

  function init() {
    if (typeof L === "undefined") return;
    document.querySelectorAll("[data-map]").forEach(function (element) {
      var kind = element.getAttribute("data-map");
      if (kind === "world") worldMap(element);
      else if (kind === "country") countryMap(element);
      else if (kind === "place") placeMap(element);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
