/*
 * Material's script (9.8.1) takes every <link rel="alternate"> in the head (the hreflang
 * links and the feed links) for the root of a version of the site: at DOMContentLoaded it
 * requests "sitemap.xml" beside each (a failed request per link: /en/posts/x/sitemap.xml,
 * /series/x/sitemap.xml...), then intercepts clicks on links under them and sends them to
 * that root (the language switcher lost its ?q= that way). The site's links are real
 * alternates, not versions: this deferred script (run after Material's, before
 * DOMContentLoaded) hides their rel from Material's DOMContentLoaded handler, and puts it
 * back in a handler of its own, which runs after Material's. The HTML is unchanged.
 */
(function () {
  "use strict";
  var links = Array.prototype.slice.call(document.querySelectorAll("link[rel=alternate]"));
  if (!links.length || document.readyState === "complete") return;
  links.forEach(function (link) { link.setAttribute("rel", "alternate-held"); });
  document.addEventListener("DOMContentLoaded", function () {
    links.forEach(function (link) { link.setAttribute("rel", "alternate"); });
  }, { once: true });
})();
