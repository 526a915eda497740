// The formulas of a live page (docs/live/; issue 12), typeset with KaTeX (Debian's libjs-katex,
// copied into the site): the math that render_html and the sheets write between \( \) and \[ \],
// with the notation's macros of the documentation site (docs/macros.js, as build_site.cjs put them
// in window.nnwbMacros). KaTeX typesets as it is called, a page of formulas in a few milliseconds
// per hundred, so that a new variant shows at once; a formula it cannot read is shown as its TeX,
// in red (class katex-error), and the rest of the page is typeset all the same.
'use strict';

window.nnwbMath = {
  typeset(element) {
    renderMathInElement(element, {
      delimiters: [{ left: '\\[', right: '\\]', display: true }, { left: '\\(', right: '\\)', display: false }],
      macros: { ...window.nnwbMacros },  // a copy: KaTeX adds to the object it is given
      throwOnError: false,
      strict: false,
    });
  },
};
