// Drag and drop on the roadmap board, with SortableJS (served from node_modules). Each drop
// posts the release's new column and place; the arrow and Move buttons beside every release
// do the same from the keyboard, and without JavaScript.
(function () {
  "use strict";
  var board = document.querySelector("[data-roadmap-board]");
  if (!board || typeof Sortable === "undefined") { return; }
  var status = document.getElementById("roadmap-status");

  function fail(message) {
    if (status) { status.textContent = message; status.hidden = false; }
    window.setTimeout(function () { window.location.reload(); }, 2500);
  }

  board.querySelectorAll("ul[data-horizon]").forEach(function (list) {
    Sortable.create(list, {
      group: "roadmap",
      draggable: "li[data-id]",
      filter: "a, button, select, input, label",
      preventOnFilter: false,
      animation: 150,
      onEnd: function (event) {
        if (event.from === event.to && event.oldIndex === event.newIndex) { return; }
        var body = new FormData();
        body.append(board.dataset.csrfField, board.dataset.csrf);
        body.append("horizon", event.to.dataset.horizon);
        body.append("position", String(event.newIndex + 1));
        body.append("_version", event.item.dataset.version);  // 409 when the board changed
        fetch(board.dataset.base + "/" + event.item.dataset.id + "/place", {
          method: "POST", body: body, credentials: "same-origin",
          headers: {"Accept": "application/json", "X-CSRF-Token": board.dataset.csrf}
        }).then(function (response) {
          if (response.ok) { window.location.reload(); return; }
          return response.json().then(function (data) { fail(data.message); },
                                      function () { fail("The move was not saved."); });
        }, function () { fail("The move was not saved: the server did not answer."); });
      }
    });
  });
}());
