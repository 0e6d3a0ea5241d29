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

  // A file input drawn as a "Pilih foto" button (core.forms.FileInput) hides the browser's
  // own text, so the names of the chosen files are written next to it.
  function showChosenFiles() {
    document.querySelectorAll("[data-file-input]").forEach(function (box) {
      var input = box.querySelector("input[type='file']");
      var chosen = box.querySelector(".file-input__chosen");
      if (!input || !chosen) {
        return;
      }
      function show() {
        var names = Array.prototype.map.call(input.files || [], function (file) {
          return file.name;
        });
        chosen.textContent = names.length ? names.join(", ") : box.getAttribute("data-none");
      }
      input.addEventListener("change", show);
      show();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusErrorSummary();
    linkErrorsToFields();
    showChosenFiles();
  });
})();
