// The "Print this page" button starts hidden: without JavaScript it could do nothing, so it stays hidden.
(function () {
  "use strict";
  document.querySelectorAll("[data-print-button]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
