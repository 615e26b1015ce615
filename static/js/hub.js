// Progressive enhancement only: every page works without this file.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // Filters apply on their button only; choosing a region narrows the country list at once.
  // The server does the same once the filters are applied, so this is a shortcut, not a need.
  for (const form of document.querySelectorAll("form[data-country-options]")) {
    narrowCountriesByRegion(form);
  }
  openOnWideScreens(document.querySelectorAll("details.nav-menu, details.filters-disclosure"));
  closeOnEscape(document.querySelectorAll("details.nav-menu, details.account-menu"));
  labelTableCells(document.querySelectorAll("table.table:not(.table--columns)"));
  focusErrorSummary(document.querySelector("[data-error-summary]"));
});

// hub.css draws these disclosures open on wide screens with ::details-content; where a browser
// lacks it, open them here (and hide their button) instead of showing a needless menu button.
function openOnWideScreens(disclosures) {
  if (!disclosures.length || CSS.supports("selector(::details-content)")) return;
  const wide = window.matchMedia("(min-width: 50rem)");
  const sync = () => {
    for (const details of disclosures) {
      details.classList.toggle("is-wide-open", wide.matches);
      details.open = wide.matches;
    }
  };
  sync();
  wide.addEventListener("change", sync);
}

// Escape, or a click elsewhere, closes the header's menus; Escape gives focus back to the button.
function closeOnEscape(menus) {
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    for (const details of menus) {
      if (details.open && !details.classList.contains("is-wide-open")) {
        details.open = false;
        if (details.contains(document.activeElement)) details.querySelector("summary").focus();
      }
    }
  });
  document.addEventListener("click", (event) => {
    for (const details of menus) {
      if (details.open && !details.classList.contains("is-wide-open") && !details.contains(event.target)) {
        details.open = false;
      }
    }
  });
}

// On a phone a table's rows become cards (hub.css, .table--cards) whose cells name their
// column; cells the template did not label get their column's heading here. Without this
// script such a table still fits the screen: its cells wrap.
function labelTableCells(tables) {
  for (const table of tables) {
    const headings = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
    if (!headings.length) continue;
    for (const row of table.querySelectorAll("tbody tr")) {
      [...row.cells].forEach((cell, i) => {
        // The first cell (the row's title) reads as the card's heading, without a label.
        if (i > 0 && headings[i] && !cell.hasAttribute("data-label")) {
          cell.dataset.label = headings[i];
        }
      });
    }
    table.classList.add("table--cards");
  }
}

function narrowCountriesByRegion(form) {
  const data = document.getElementById(form.dataset.countryOptions);
  const region = form.querySelector("select[name=region]");
  const country = form.querySelector("select[name=country]");
  if (!data || !region || !country) return;
  const countries = [...data.content.querySelectorAll("option")].map((option) => ({
    value: option.value,
    label: option.textContent,
    region: option.dataset.region,
  }));
  const allCountries = country.options[0];
  region.addEventListener("change", () => {
    const chosen = countries.filter((c) => !region.value || c.region === region.value);
    const kept = chosen.some((c) => c.value === country.value) ? country.value : "";
    country.replaceChildren(
      allCountries,
      ...chosen.map((c) => new Option(c.label, c.value, false, c.value === kept)),
    );
    country.value = kept;
  });
}

// A form sent back with errors: its summary (templates/hub/partials/_form_errors.html) takes the
// focus, so the reader hears what went wrong; each of its links focuses its field, with the
// field's label scrolled into view (a plain jump to the id would hide the label).
function focusErrorSummary(summary) {
  if (!summary) return;
  summary.focus();
  summary.addEventListener("click", (event) => {
    const link = event.target.closest("a[href^='#']");
    if (!link) return;
    const field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!field) return;
    event.preventDefault();
    const label = field.closest("fieldset")?.querySelector("legend") || document.querySelector(`label[for="${CSS.escape(field.id)}"]`);
    (label || field).scrollIntoView({ block: "center" });
    // A picker (Tom Select) hides its <select> and takes the focus in its stead.
    if (field.tomselect) field.tomselect.focus();
    else field.focus({ preventScroll: true });
  });
}
