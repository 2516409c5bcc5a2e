/*
 * Signalen mensenhandel – progressive enhancement. De applicatie werkt volledig zonder
 * dit script; het wordt als extern bestand geladen (strikte CSP, geen inline scripts).
 */
(function () {
  "use strict";

  // Na een mislukte verzending: focus naar de foutsamenvatting, zodat toetsenbord- en
  // schermlezergebruikers direct horen wat er mis is.
  function focusFoutsamenvatting() {
    var samenvatting = document.getElementById("foutsamenvatting");
    if (samenvatting && typeof samenvatting.focus === "function") {
      samenvatting.focus();
    }
  }

  // Een link in de foutsamenvatting zet de focus op het veld zelf (niet alleen scrollen).
  function koppelFoutlinks() {
    var samenvatting = document.getElementById("foutsamenvatting");
    if (!samenvatting) {
      return;
    }
    samenvatting.addEventListener("click", function (gebeurtenis) {
      var link = gebeurtenis.target.closest ? gebeurtenis.target.closest("a[href^='#']") : null;
      if (!link) {
        return;
      }
      var doel = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      if (!doel) {
        return;
      }
      gebeurtenis.preventDefault();
      doel.scrollIntoView({ block: "center" });
      if (!doel.matches("input, select, textarea, button, a[href], [tabindex]")) {
        var veld = doel.querySelector("input, select, textarea, button");
        if (veld) {
          doel = veld;
        } else {
          doel.setAttribute("tabindex", "-1");
        }
      }
      doel.focus({ preventScroll: true });
    });
  }

  function start() {
    koppelFoutlinks();
    focusFoutsamenvatting();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
