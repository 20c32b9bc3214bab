/* Insights charts (Chart.js), drawn from the page's JSON twin (data-insights-url).
   Labels come from data-* attributes translated on the server. */
(function () {
  "use strict";

  var NAVY = "#13294b";
  var NAVY_2 = "#3f65a2";
  var ACCENT = "#f2a541";
  var TEAL = "#2a9d8f";
  var GRID = "rgba(19, 41, 75, 0.08)";

  function attr(canvas, name, fallback) {
    return canvas.getAttribute(name) || fallback;
  }

  function number(value) {
    return new Intl.NumberFormat(document.documentElement.lang || undefined).format(value);
  }

  function baseOptions(canvas, extra) {
    var options = {
      responsive: true,
      maintainAspectRatio: false,
      animation: window.matchMedia("(prefers-reduced-motion: reduce)").matches ? false : { duration: 400 },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: function (ctx) { return attr(canvas, "data-label", "") + ": " + number(ctx.parsed.y); } } }
      },
      scales: {
        x: { grid: { display: false }, ticks: { color: "#5a6478" }, title: { display: !!canvas.getAttribute("data-x-label"), text: attr(canvas, "data-x-label", ""), color: "#5a6478" } },
        y: { grid: { color: GRID }, ticks: { color: "#5a6478", callback: function (v) { return number(v); } }, title: { display: !!canvas.getAttribute("data-y-label"), text: attr(canvas, "data-y-label", ""), color: "#5a6478" } }
      }
    };
    return Object.assign(options, extra || {});
  }

  /* Ticks of a logarithmic axis: only powers of ten, formatted. */
  function logTick(value) {
    var exponent = Math.log10(value);
    return Math.abs(exponent - Math.round(exponent)) < 1e-9 ? number(value) : "";
  }

  var charts = {
    distance: function (canvas, data) {
      return {
        type: "bar",
        data: { labels: data.distance.labels, datasets: [{ label: attr(canvas, "data-label", ""), data: data.distance.counts, backgroundColor: NAVY_2, borderRadius: 4 }] },
        options: baseOptions(canvas)
      };
    },

    domestic: function (canvas, data) {
      var labels = attr(canvas, "data-labels", "Domestic|International").split("|");
      return {
        type: "doughnut",
        data: { labels: labels, datasets: [{ data: [data.domestic, data.twinnings - data.domestic], backgroundColor: [ACCENT, NAVY], borderWidth: 0 }] },
        options: {
          responsive: true, maintainAspectRatio: false, cutout: "62%",
          plugins: {
            legend: { position: "right", labels: { color: "#1a2233", boxWidth: 14 } },
            tooltip: { callbacks: { label: function (ctx) { return ctx.label + ": " + number(ctx.parsed); } } }
          }
        }
      };
    },

    degree: function (canvas, data) {
      var points = data.degree.bins.filter(function (b) { return b.count > 0; }).map(function (b) {
        return { x: Math.sqrt(b.low * (b.high - 1 || 1)) || b.low, y: b.density, count: b.count, low: b.low, high: b.high };
      });
      var options = baseOptions(canvas);
      options.scales.x = { type: "logarithmic", grid: { color: GRID }, ticks: { color: "#5a6478", callback: logTick }, title: { display: true, text: attr(canvas, "data-x-label", ""), color: "#5a6478" } };
      options.scales.y = { type: "logarithmic", grid: { color: GRID }, ticks: { color: "#5a6478", callback: function (v) { var e = Math.log10(v); return Math.abs(e - Math.round(e)) < 1e-9 ? String(v) : ""; } }, title: { display: true, text: attr(canvas, "data-y-label", ""), color: "#5a6478" } };
      options.plugins.tooltip = { callbacks: { label: function (ctx) {
        var p = ctx.raw;
        return (p.high - 1 > p.low ? p.low + "–" + (p.high - 1) : p.low) + ": " + number(p.count) + " " + attr(canvas, "data-label", "");
      } } };
      return {
        type: "line",
        data: { datasets: [{ data: points, borderColor: ACCENT, backgroundColor: ACCENT, pointRadius: 5, pointHoverRadius: 7, tension: 0.2 }] },
        options: options
      };
    },

    components: function (canvas, data) {
      var rows = data.components.distribution;
      var options = baseOptions(canvas);
      options.scales.y.type = "logarithmic";
      options.scales.y.ticks = { color: "#5a6478", callback: logTick };
      return {
        type: "bar",
        data: {
          labels: rows.map(function (r) { return number(r.size); }),
          datasets: [{ label: attr(canvas, "data-label", ""), data: rows.map(function (r) { return r.components; }),
            backgroundColor: rows.map(function (r) { return r.size === data.components.largest ? ACCENT : TEAL; }), borderRadius: 3 }]
        },
        options: options
      };
    },

    sources: function (canvas, data) {
      var keys = Object.keys(data.sources_per_twinning).sort();
      return {
        type: "bar",
        data: { labels: keys, datasets: [{ label: attr(canvas, "data-label", ""), data: keys.map(function (k) { return data.sources_per_twinning[k]; }), backgroundColor: TEAL, borderRadius: 4 }] },
        options: baseOptions(canvas)
      };
    }
  };

  function init() {
    var page = document.querySelector("[data-insights-url]");
    if (!page || typeof Chart === "undefined") return;
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    fetch(page.getAttribute("data-insights-url"), { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        page.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
          var build = charts[canvas.getAttribute("data-chart")];
          if (build) new Chart(canvas, build(canvas, data));
        });
      });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
