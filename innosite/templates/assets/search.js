// The search page: loads Pagefind's UI from the index the build wrote under
// pagefind/ and starts it in #search. Pagefind picks the index from <html lang>,
// so results are in the page's language only; its words come from the page
// (data-translations: the site's catalogs). Each result shows its type and date
// (data-pagefind-meta of the entry pages) under labels in the page's language,
// and the number of results is told to screen readers (#search-status).
// Pagefind stores paths from the site root; baseUrl puts base_url's path
// (e.g. /programme/) in front. A search for ?q=word starts at once.
(function () {
  "use strict";
  var box = document.getElementById("search");
  if (!box) {
    return;
  }
  var bundle = box.getAttribute("data-bundle");
  var strings = JSON.parse(box.getAttribute("data-translations") || "{}");
  var status = document.getElementById("search-status");

  // The result's metadata as tags: its type, then its date, each under its label.
  function labelled(result) {
    var meta = result.meta || {};
    var shown = { title: meta.title, url: meta.url };
    if (meta.image) {
      shown.image = meta.image;
      shown.image_alt = meta.image_alt;
    }
    if (meta.type) {
      shown[box.getAttribute("data-label-type")] = meta.type;
    }
    if (meta.date) {
      shown[box.getAttribute("data-label-date")] = meta.date;
    }
    result.meta = shown;
    return result;
  }

  // Tells the count (or that nothing was found) once the results stop changing: not at every key press, and
  // never the "Searching for ..." in between.
  function announceResults() {
    var timer = null;
    var input = null;
    function settle() {
      var message = box.querySelector(".pagefind-ui__message");
      var query = input ? input.value.trim() : "";
      var searching = (strings.searching || "").replace("[SEARCH_TERM]", query);
      if (!query || !message) {
        status.textContent = "";
        return;
      }
      if (message.textContent.trim() === searching || box.querySelector(".pagefind-ui__loading")) {
        timer = window.setTimeout(settle, 300);
        return;
      }
      status.textContent = message.textContent.trim();
    }
    new MutationObserver(function () {
      input = input || box.querySelector(".pagefind-ui__search-input");
      if (input && !input.hasAttribute("aria-describedby")) {
        input.setAttribute("aria-describedby", "search-hint");
      }
      window.clearTimeout(timer);
      timer = window.setTimeout(settle, 500);
    }).observe(box, { childList: true, subtree: true, characterData: true });
  }

  var script = document.createElement("script");
  script.src = bundle + "pagefind-ui.js";
  script.onload = function () {
    if (status) {
      announceResults();
    }
    var ui = new window.PagefindUI({
      element: "#search",
      bundlePath: bundle,
      baseUrl: box.getAttribute("data-root"),
      showSubResults: false,
      showImages: false,
      translations: strings,
      processResult: labelled,
    });
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) {
      ui.triggerSearch(query);
    }
  };
  script.onerror = function () {
    var note = document.createElement("p");
    note.className = "search-unavailable";
    note.textContent = box.getAttribute("data-unavailable");
    box.appendChild(note);
  };
  document.head.appendChild(script);
})();
