// Training videos: the page links to the video; on a click the player is loaded in its place
// (only hosts the server allows are marked data-video-embed; the CSP frame-src allows the same).
document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-video-embed]");
  if (!link) return;
  event.preventDefault();
  const frame = document.createElement("iframe");
  frame.src = link.dataset.videoEmbed;
  frame.title = link.dataset.videoTitle || link.textContent;
  frame.allow = "fullscreen; picture-in-picture";
  frame.setAttribute("allowfullscreen", "");
  frame.referrerPolicy = "strict-origin-when-cross-origin";
  link.replaceWith(frame);
});
