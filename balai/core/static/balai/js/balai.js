// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Move focus to the error summary so screen readers announce it (GOV.UK pattern).
  function focusErrorSummary() {
    var summary = document.querySelector("[data-autofocus]");
    if (summary) {
      summary.focus();
    }
  }

  // A link in the error summary puts the cursor in its field, not just scrolls to it.
  function linkErrorsToFields() {
    document.querySelectorAll(".error-summary a[href^='#']").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var target = document.getElementById(link.getAttribute("href").slice(1));
        if (target) {
          event.preventDefault();
          target.focus();
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusErrorSummary();
    linkErrorsToFields();
  });
})();
