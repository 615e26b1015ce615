// Progressive enhancement of the contribution form and the document page: drag and drop,
// upload progress, and the extraction state refreshed in place. Without it, the form posts
// normally and the page refreshes itself.
"use strict";

function enhanceUpload(form) {
  {
    const input = form.querySelector("input[type=file]");
    const zone = form.querySelector("[data-dropzone]");
    const progress = form.querySelector("[data-progress]");
    for (const name of ["dragenter", "dragover"]) {
      zone.addEventListener(name, (event) => { event.preventDefault(); zone.classList.add("is-over"); });
    }
    for (const name of ["dragleave", "drop"]) {
      zone.addEventListener(name, () => zone.classList.remove("is-over"));
    }
    zone.addEventListener("drop", (event) => {
      event.preventDefault();
      if (event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const request = new XMLHttpRequest();
      request.open("POST", form.action || window.location.href);
      progress.hidden = false;
      request.upload.addEventListener("progress", (e) => {
        if (e.lengthComputable) {
          progress.value = Math.round((100 * e.loaded) / e.total);
          progress.textContent = `${progress.value}%`;
        }
      });
      request.addEventListener("load", () => {
        if (request.status < 400 && request.responseURL) {
          window.location.assign(request.responseURL);
        } else {
          // Show the page again with its errors, as the server rendered it.
          const page = new DOMParser().parseFromString(request.responseText, "text/html");
          const main = document.querySelector("main");
          main.replaceChildren(...page.querySelector("main").childNodes);
          main.dispatchEvent(new Event("hub:content-replaced", { bubbles: true }));
          const fresh = main.querySelector("form[data-upload]");
          if (fresh) enhanceUpload(fresh);
          // The error summary takes the focus, as on a page the server sent (hub.js).
          const summary = main.querySelector("[data-error-summary]");
          if (summary && typeof window.focusErrorSummary === "function") {
            window.focusErrorSummary(summary);
          } else {
            main.focus();
          }
        }
      });
      request.addEventListener("error", () => form.submit());
      request.send(new FormData(form));
    });
  }
}

document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form[data-upload]");
  if (form) enhanceUpload(form);

  const status = document.querySelector("[data-poll]");
  if (status) {
    const poll = async () => {
      const current = document.getElementById("extraction-status");
      const url = current && current.dataset.poll;
      if (!url) return;
      try {
        const response = await fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin" });
        if (response.ok) current.outerHTML = await response.text();
      } catch (error) {
        // Offline for a moment: try again at the next tick.
      }
      window.setTimeout(poll, 1500);
    };
    window.setTimeout(poll, 1500);
  }
});
