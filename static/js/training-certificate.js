// Progressive enhancement only: without this file the certificate page refreshes itself and the
// panel links to it. While a certificate is being made, ask for its panel again every couple of
// seconds and put it in place; stop once it is ready (the new panel no longer asks to be polled).
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  let tries = 0;
  const poll = async () => {
    const current = document.getElementById("certificate-panel");
    const url = current && current.dataset.certificatePoll;
    if (!url || tries > 90) return;
    tries += 1;
    try {
      const response = await fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin" });
      if (response.ok) {
        const template = document.createElement("template");
        template.innerHTML = (await response.text()).trim();
        const panel = template.content.getElementById("certificate-panel");
        if (panel) current.replaceWith(panel);
      }
    } catch (error) {
      // Offline for a moment: try again at the next tick.
    }
    window.setTimeout(poll, 2000);
  };
  window.setTimeout(poll, 1500);
});
