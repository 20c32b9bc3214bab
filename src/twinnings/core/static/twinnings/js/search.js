/* Search-as-you-type: htmx fetches the result list; this file makes it a keyboard-accessible
   combobox (arrow keys, Enter, Escape) following the WAI-ARIA combobox pattern. */
(function () {
  "use strict";

  function setup(form) {
    var input = form.querySelector("[data-search-input]");
    var panel = form.querySelector("[data-search-results]");
    var status = form.querySelector("[data-search-status]");
    if (!input || !panel) return;
    var active = -1;

    function options() {
      return Array.prototype.slice.call(panel.querySelectorAll('[role="option"]'));
    }

    function open(isOpen) {
      input.setAttribute("aria-expanded", String(isOpen));
      panel.classList.toggle("is-open", isOpen);
    }

    function highlight(index) {
      var items = options();
      items.forEach(function (item, i) {
        item.setAttribute("aria-selected", String(i === index));
        item.classList.toggle("is-active", i === index);
      });
      active = index;
      if (index >= 0 && items[index]) {
        input.setAttribute("aria-activedescendant", items[index].id);
        items[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    panel.addEventListener("htmx:afterSwap", function () {
      var items = options();
      items.forEach(function (item, i) {
        item.id = panel.id + "-option-" + i;
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      var hasContent = panel.textContent.trim() !== "";
      open(hasContent && input.value.trim() !== "");
      if (status) {
        var message = panel.querySelector("[data-status]");
        status.textContent = message ? message.getAttribute("data-status") : "";
      }
    });

    input.addEventListener("keydown", function (event) {
      var items = options();
      if (event.key === "ArrowDown" && items.length) {
        event.preventDefault();
        open(true);
        highlight(active + 1 >= items.length ? 0 : active + 1);
      } else if (event.key === "ArrowUp" && items.length) {
        event.preventDefault();
        highlight(active <= 0 ? items.length - 1 : active - 1);
      } else if (event.key === "Enter" && active >= 0 && items[active]) {
        event.preventDefault();
        var link = items[active].querySelector("a");
        if (link) window.location.assign(link.href);
      } else if (event.key === "Escape") {
        if (panel.classList.contains("is-open")) {
          event.preventDefault();
          open(false);
          highlight(-1);
        }
      }
    });

    input.addEventListener("input", function () {
      if (input.value.trim() === "") {
        panel.innerHTML = "";
        open(false);
      }
    });

    input.addEventListener("focus", function () {
      if (panel.textContent.trim() !== "" && input.value.trim() !== "") open(true);
    });

    document.addEventListener("click", function (event) {
      if (!form.contains(event.target)) open(false);
    });
  }

  function init() {
    document.querySelectorAll("form[data-search]").forEach(setup);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
