// Progressive enhancement only: without this file the page's "refresh" link does the same.
// While the toolkit's ZIP is being built, fetch this page again every two seconds and put its
// status in place, until the archive is ready or has failed.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const initial = document.getElementById("archive-status");
  if (!initial) return;
  const poll = async () => {
    const current = document.getElementById("archive-status");
    if (!current || !["pending", "building"].includes(current.dataset.state)) return;
    try {
      const response = await fetch(window.location.href, { credentials: "same-origin" });
      if (!response.ok) return;
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = page.getElementById("archive-status");
      // The live region stays in place (so its changes are announced); its content changes.
      if (fresh) {
        current.innerHTML = fresh.innerHTML;
        current.dataset.state = fresh.dataset.state;
      }
    } catch (error) {
      // A lost connection: try again at the next tick.
    }
    window.setTimeout(poll, 2000);
  };
  window.setTimeout(poll, 2000);
});
