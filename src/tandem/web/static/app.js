// Small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  // Ask before destructive form submissions marked with data-confirm.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form && form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  }, true);

  // Select read-only values (like a new API token) when focused, for easy copying.
  document.addEventListener("focusin", function (event) {
    var el = event.target;
    if (el && el.hasAttribute && el.hasAttribute("data-select-on-focus")) {
      el.select();
    }
  });

  // A one-click button refused as stale answers 409 with the part of the page redrawn as
  // it is now and a message saying so (header X-Stale-Fragment): swap it in like a success.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail && event.detail.xhr;
    if (xhr && xhr.status === 409 && xhr.getResponseHeader("X-Stale-Fragment")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // htmx does not swap error responses: show their text in the page's error banner.
  document.addEventListener("htmx:responseError", function (event) {
    var box = document.getElementById("htmx-error");
    var xhr = event.detail && event.detail.xhr;
    if (!box || !xhr) { return; }
    box.textContent = xhr.responseText && xhr.responseText.length < 400
      ? xhr.responseText : "That did not work (error " + xhr.status + "). Reload and try again.";
    box.hidden = false;
    box.scrollIntoView({block: "nearest"});
  });

  // After a quick link, keep keyboard focus inside the updated control.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (target && target.classList && target.classList.contains("quick")) {
      var fresh = document.getElementById(target.id);
      var summary = fresh && fresh.querySelector("summary, a");
      if (summary) { summary.focus(); }
    }
  });
  // Bulk action bars: "select all on this page", the count of rows ticked, and the bar's
  // buttons enabled only when something is ticked (the server checks all of it again).
  function bulkBoxes(formId) {
    return document.querySelectorAll('input[type="checkbox"][name="ids"][form="' + formId + '"]');
  }
  function bulkRefresh(formId) {
    var boxes = bulkBoxes(formId), ticked = 0, i;
    for (i = 0; i < boxes.length; i++) { if (boxes[i].checked) { ticked++; } }
    var form = document.getElementById(formId);
    if (!form) { return; }
    var n = form.querySelector("[data-bulk-n]");
    if (n) { n.textContent = String(ticked); }
    var buttons = form.querySelectorAll("[data-bulk-action]");
    for (i = 0; i < buttons.length; i++) { buttons[i].disabled = ticked === 0; }
    var all = document.querySelector('[data-select-all="' + formId + '"]');
    if (all) {
      all.checked = ticked > 0 && ticked === boxes.length;
      all.indeterminate = ticked > 0 && ticked < boxes.length;
    }
  }
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (!el || !el.getAttribute) { return; }
    var formId = el.getAttribute("data-select-all");
    if (formId) {
      var boxes = bulkBoxes(formId);
      for (var i = 0; i < boxes.length; i++) { boxes[i].checked = el.checked; }
      bulkRefresh(formId);
    } else if (el.name === "ids" && el.getAttribute("form")) {
      bulkRefresh(el.getAttribute("form"));
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    var bars = document.querySelectorAll("[data-bulk-count]");
    for (var i = 0; i < bars.length; i++) { bulkRefresh(bars[i].getAttribute("data-bulk-count")); }
  });
})();
