// The search page: loads Pagefind's UI from the index the build wrote under
// pagefind/ and starts it in #search. Pagefind picks the index and the UI
// language from <html lang>, so results are in the page's language only.
// Pagefind stores paths from the site root; baseUrl puts base_url's path
// (e.g. /programme/) in front. A search for ?q=word starts at once.
(function () {
  "use strict";
  var box = document.getElementById("search");
  if (!box) {
    return;
  }
  var bundle = box.getAttribute("data-bundle");
  var script = document.createElement("script");
  script.src = bundle + "pagefind-ui.js";
  script.onload = function () {
    var ui = new window.PagefindUI({
      element: "#search",
      bundlePath: bundle,
      baseUrl: box.getAttribute("data-root"),
      showSubResults: false,
      showImages: false,
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
