// The staff decision form shows the fieldsets of the chosen outcome only.
// Progressive enhancement: without this file every fieldset is shown, each labelled with
// the outcomes it belongs to, and the server ignores the fields of other outcomes.
(function () {
  "use strict";

  function enhance(form) {
    var radios = form.querySelectorAll("input[name$='outcome'][type='radio']");
    var sets = form.querySelectorAll("fieldset[data-outcomes]");
    if (!radios.length || !sets.length) {
      return;
    }
    function update() {
      var chosen = form.querySelector("input[name$='outcome'][type='radio']:checked");
      var value = chosen ? chosen.value : "";
      sets.forEach(function (set) {
        var show = value !== "" && set.getAttribute("data-outcomes").split(" ").indexOf(value) !== -1;
        set.hidden = !show;
        // Hidden fields are not sent, so a value typed for another outcome never goes with it.
        set.disabled = !show;
      });
    }
    radios.forEach(function (radio) {
      radio.addEventListener("change", update);
    });
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-decision-form]").forEach(enhance);
  });
})();
