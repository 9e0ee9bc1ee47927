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
})();
