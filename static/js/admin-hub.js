/* The admin's widgets as assistive technology needs them (axe-core, WCAG 2.2 AA):
   - the language switch modeltranslation adds above a translated form gets a name
     (axe "select-name"); the text comes from a <meta> of templates/admin/base_site.html, in the
     admin's language;
   - jQuery UI's language tabs keep their role="tab" items focusable and drop the href of the
     links inside them, which made interactive controls nested in interactive controls (axe
     "nested-interactive"); the tabs are bound to their panels by aria-controls, not the href;
   - the filter boxes of the two-list choosers are labelled by an icon whose aria-label needs a
     role to count (axe "aria-prohibited-attr"): it becomes role="img";
   - the search-as-you-type choosers (select2) are named by their field's label, then the value
     chosen (axe "aria-input-field-name"); the value's own box is not a second text field.
   And one for curators: the language tabs open on the admin's language, so a French or Arabic
   curator saw an empty title for an English document, as if it had none. A group whose shown
   field is empty opens on the first language that has a value instead.
   Everything here runs once the admin's own scripts have built their widgets (on "load"). */
(function () {
  "use strict";

  function nameTranslationSwitch() {
    var meta = document.querySelector('meta[name="hub-translation-switch-label"]');
    var select = document.getElementById("modeltranslation-main-switch");
    if (meta && select && !select.hasAttribute("aria-label")) {
      select.setAttribute("aria-label", meta.getAttribute("content"));
    }
  }

  function showFilledTabs() {
    document.querySelectorAll(".ui-tabs").forEach(function (group) {
      var tabs = Array.prototype.slice.call(group.querySelectorAll('[role="tab"]'));
      var filled = tabs.map(function (tab) {
        var panel = document.getElementById(tab.getAttribute("aria-controls"));
        var field = panel && panel.querySelector("input.mt, textarea.mt");
        return Boolean(field && field.value.trim());
      });
      var shown = tabs.findIndex(function (tab) {
        return tab.getAttribute("aria-selected") === "true";
      });
      var first = filled.indexOf(true);
      if (shown !== -1 && !filled[shown] && first !== -1) {
        tabs[first].querySelector("a").click();
      }
    });
  }

  function flattenTabs() {
    var jQuery = window.django && window.django.jQuery;
    if (!jQuery) {
      return;
    }
    document.querySelectorAll(".ui-tabs").forEach(function (group) {
      var tabs = jQuery(group).tabs("instance");
      if (!tabs) {
        return;
      }
      // jQuery UI takes a link without a "#panel" href for a tab loaded over the network; these
      // panels are all in the page (found by aria-controls).
      tabs._isLocal = function () {
        return true;
      };
      group.querySelectorAll('.ui-tabs-nav [role="tab"] a[href]').forEach(function (link) {
        link.removeAttribute("href");
        link.removeAttribute("tabindex");
      });
    });
  }

  function labelFilterIcons() {
    document.querySelectorAll(".search-label-icon[aria-label]").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  function nameAutocompletes() {
    document.querySelectorAll("select.admin-autocomplete[id]").forEach(function (select) {
      var label = document.querySelector('label[for="' + select.id + '"]');
      var container = select.parentElement.querySelector(".select2-container");
      if (!label || !container) {
        return;
      }
      label.id = label.id || select.id + "-label";
      var rendered = container.querySelector(".select2-selection__rendered");
      var names = [label.id];
      if (rendered) {
        rendered.removeAttribute("role");
        rendered.removeAttribute("aria-readonly");
        if (rendered.id) {
          names.push(rendered.id);
        }
      }
      var box = container.querySelector(".select2-selection");
      if (box) {
        box.setAttribute("aria-labelledby", names.join(" "));
      }
    });
  }

  function improve() {
    showFilledTabs();
    nameTranslationSwitch();
    flattenTabs();
    labelFilterIcons();
    nameAutocompletes();
  }

  // After every other "load" handler (SelectFilter2 builds its lists on "load").
  window.addEventListener("load", function () {
    window.setTimeout(improve, 0);
  });
})();
