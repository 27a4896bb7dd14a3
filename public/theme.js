// Before first paint, from a blocking script in every page's <head>: marks JavaScript as on and applies a remembered
// theme, so a page never flashes the wrong one. A file rather than inline in each page, where it was ~200 bytes of
// every page (242 bytes per entity at 10,000 entities); cached once like the stylesheets it sits beside.
(function () {
  var d = document.documentElement;
  d.classList.add('js');
  try {
    var t = localStorage.getItem('backlot.theme');
    if (t === 'light' || t === 'dark') d.setAttribute('data-theme', t);
  } catch (e) {}
})();
