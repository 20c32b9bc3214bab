// Suggestions for place fields (data-place-picker): as the user types a name, a datalist offers
// "Name, Country (#id)" entries from the places API; the form accepts a name or an id without it.
(function () {
  "use strict";

  function attach(input, index) {
    var list = document.createElement("datalist");
    list.id = "place-picker-" + index;
    input.setAttribute("list", list.id);
    input.after(list);
    var timer = null;
    var controller = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var query = input.value.trim();
      if (query.length < 2 || /\(#\d+\)$/.test(query) || /^#?\d+$/.test(query)) return;
      timer = setTimeout(function () {
        if (controller) controller.abort();
        controller = new AbortController();
        fetch("/api/v1/places?limit=8&q=" + encodeURIComponent(query), {
          headers: { Accept: "application/json" },
          signal: controller.signal,
        })
          .then(function (response) { return response.ok ? response.json() : { items: [] }; })
          .then(function (data) {
            list.replaceChildren.apply(list, data.items.map(function (place) {
              var option = document.createElement("option");
              option.value = place.name + ", " + place.country + " (#" + place.id + ")";
              return option;
            }));
          })
          .catch(function () { /* a newer query replaced this one */ });
      }, 150);
    });
  }

  document.querySelectorAll("input[data-place-picker]").forEach(attach);
})();
