// Progressive enhancement of every <select multiple data-picker> (hub.widgets.PickerSelectMultiple)
// into a searchable, keyboard-friendly picker (Tom Select, from npm). Type to narrow the list,
// ArrowUp/ArrowDown and Enter to choose, Backspace to remove the last choice. The <select>
// stays in the form and keeps the choices, so what is posted is the same as without this file.
// Texts come translated from the page (data-picker-* attributes). No inline styles: Tom Select
// only sets style properties through the CSSOM, which the CSP allows.
"use strict";

(function () {
  function escapeHtml(text) {
    const span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML;
  }

  function labelRemoveButtons(picker, texts) {
    for (const item of picker.control.querySelectorAll(".item")) {
      const button = item.querySelector(".remove");
      const option = picker.options[item.dataset.value];
      if (button && option) {
        const label = texts.pickerRemove.replace("%(item)s", option.text);
        button.setAttribute("aria-label", label);
        button.title = label;
      }
    }
  }

  function enhance(select) {
    if (select.tomselect || typeof window.TomSelect !== "function") return;
    const texts = select.dataset;
    const picker = new window.TomSelect(select, {
      plugins: { remove_button: { label: "×", title: "" } },
      maxOptions: null, // all of them: the lists are short (themes, regions, member cities)
      // Narrow the list at each key, not after a pause: Enter right after typing must choose
      // from what was typed, not from the list as it was before.
      refreshThrottle: 0,
      placeholder: texts.pickerPlaceholder,
      hidePlaceholder: false,
      closeAfterSelect: false,
      render: {
        // An option that cannot be chosen: a listbox holds options only (ARIA), even this one.
        no_results: () =>
          `<div class="no-results" role="option" aria-disabled="true">${escapeHtml(texts.pickerNoResults)}</div>`,
      },
      onInitialize() {
        labelRemoveButtons(this, texts);
      },
      onItemAdd() {
        // Ready for the next choice: the words typed to find this one are done with.
        this.setTextboxValue("");
        this.refreshOptions(false);
        labelRemoveButtons(this, texts);
      },
    });
    // What described the native list (help text, errors) now describes the picker's input.
    for (const name of ["aria-describedby", "aria-invalid"]) {
      const value = select.getAttribute(name);
      if (value) picker.control_input.setAttribute(name, value);
    }
    // The hidden <select> lost its label to the picker's input; it is no longer for people.
    select.setAttribute("aria-hidden", "true");
  }

  function enhanceAll(root) {
    for (const select of root.querySelectorAll("select[multiple][data-picker]")) enhance(select);
  }

  document.addEventListener("DOMContentLoaded", () => enhanceAll(document));
  // Content put in place by another script (a form shown again with its errors).
  document.addEventListener("hub:content-replaced", (event) => enhanceAll(event.target));
})();
