// The formulas of a live page (docs/live/; issue 12), typeset with KaTeX (Debian's libjs-katex,
// copied into the site): the math that render_html and the sheets write between \( \) and \[ \],
// with the notation's macros of the documentation site (docs/macros.js, as build_site.cjs put them
// in window.nnwbMacros). A formula KaTeX cannot read is shown as its TeX, in red (class
// katex-error), and the rest of the page is typeset all the same.
//
// Two things keep a new variant quick on a page of a thousand formulas:
// - each formula's typeset form is kept, by its TeX: a new variant changes the numbers, not the
//   formulas, so most of a page's formulas need no typesetting again;
// - typesetProgressively typesets the first screen at once and the rest a slice at a time, each
//   in a task of its own, so that the reader sees the new numbers while the rest is typeset
//   (and nnwb-live.css lets the browser lay out only the steps on screen).
'use strict';

(function () {
  // auto-render calls katex.render(tex, element, options) for each formula, looking it up on the
  // katex object at each call: this render() answers from the kept forms, or typesets and keeps.
  const kept = new Map();
  const limit = 50000;  // formulas kept; a page has at most a few thousand
  const render = window.katex.render;
  window.katex.render = function (tex, element, options) {
    const key = (options && options.displayMode ? 'D' : 'I') + tex;
    let typeset = kept.get(key);
    if (typeset === undefined) {
      typeset = document.createElement('span');
      render(tex, typeset, options);
      if (kept.size >= limit) kept.clear();
      kept.set(key, typeset);
    }
    element.replaceChildren(...typeset.cloneNode(true).childNodes);
  };

  const options = () => ({
    delimiters: [{ left: '\\[', right: '\\]', display: true }, { left: '\\(', right: '\\)', display: false }],
    macros: { ...window.nnwbMacros },  // a copy: KaTeX adds to the object it is given
    throwOnError: false,
    strict: false,
  });

  // The first screen: this many of the derivation's blocks (steps, headings, tables).
  const firstSlice = 30, slice = 60;
  let generation = 0;  // a newer call abandons the slices an older one has left

  window.nnwbMath = {
    // Typesets every formula in `element` now.
    typeset(element) {
      renderMathInElement(element, options());
    },
    // Typesets the children of `element` in reading order: the first screen now, then calls
    // shown(); the rest a slice per task, then calls done().
    typesetProgressively(element, shown, done) {
      const mine = ++generation;
      const blocks = [...element.children];
      const typesetBlocks = (from, to) => {
        for (const block of blocks.slice(from, to)) renderMathInElement(block, options());
      };
      typesetBlocks(0, firstSlice);
      shown();
      const next = (from) => {
        if (mine !== generation) return;
        if (from >= blocks.length) return done();
        typesetBlocks(from, from + slice);
        setTimeout(() => next(from + slice), 0);
      };
      setTimeout(() => next(firstSlice), 0);
    },
  };
})();
