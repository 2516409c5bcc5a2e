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

  // Een rapport dat wordt gemaakt: de voortgangsbalk bijwerken zonder de pagina te herladen.
  // Zonder JavaScript ververst de pagina zichzelf (meta refresh in <noscript>).
  function volgVoortgang() {
    var blok = document.querySelector("[data-voortgang-url]");
    if (!blok || !window.fetch) {
      return;
    }
    var balk = document.getElementById("voortgang-balk");
    var procent = document.getElementById("voortgang-procent");
    var stap = document.getElementById("voortgang-stap");
    function vraag() {
      fetch(blok.getAttribute("data-voortgang-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (antwoord) {
          return antwoord.ok ? antwoord.json() : null;
        })
        .then(function (stand) {
          if (!stand) {
            window.setTimeout(vraag, 3000);
            return;
          }
          balk.value = stand.voortgang;
          balk.textContent = stand.voortgang + "%";
          procent.textContent = stand.voortgang + "%";
          stap.textContent = stand.stap || stand.status_tekst;
          if (stand.status === "wacht" || stand.status === "bezig") {
            window.setTimeout(vraag, 1000);
          } else {
            window.location.reload();
          }
        })
        .catch(function () {
          window.setTimeout(vraag, 3000);
        });
    }
    window.setTimeout(vraag, 1000);
  }

  function start() {
    koppelFoutlinks();
    focusFoutsamenvatting();
    volgVoortgang();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
