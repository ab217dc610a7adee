// Copy-link button of a post (overrides/partials/blog/post-header.html): shown only where
// the script runs; copies the page's canonical address and says so in a live region.
(() => {
  const button = document.querySelector(".post-copy");
  if (!button || !navigator.clipboard) return;
  const status = button.parentElement.querySelector(".post-copy__status");
  const canonical = document.querySelector('link[rel="canonical"]');
  const url = () => (canonical ? canonical.href : location.href.split("#")[0]);
  let clear;
  button.hidden = false;
  button.addEventListener("click", async () => {
    const address = url();
    try {
      await navigator.clipboard.writeText(address);
      status.textContent = button.dataset.copied;
    } catch {
      status.textContent = button.dataset.failed.replace("{url}", address);
    }
    clearTimeout(clear);
    clear = setTimeout(() => (status.textContent = ""), 4000);
  });
})();
