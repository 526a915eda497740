// A live chapter page (issue 12): the chapter runs in the page, in the library compiled to
// WebAssembly (nnwb.js, exercises/browser.cpp), for the variant the reader asks for in the box
// (variant-box.js: the lecture's numbers, a seed, or a student id). What it shows:
//   #nnwb-derivation   every step with its formula, numbers and value (render_html, math.js);
//   #nnwb-pictures     the figures for these numbers (figures.js);
//   #nnwb-trace        the trace itself in the JSON trace format, for scripts and tests.
// body[data-state] is "loading", then "typesetting" once the numbers are on the page and its first
// screen typeset, "ready" once every formula is, or "failed"; body[data-shown-ms] is how long the
// last variant took to compute and show its first screen, body[data-render-ms] to typeset it all.
'use strict';

(function () {
  const chapter = document.body.dataset.chapter;
  const $ = (id) => document.getElementById(id);
  let nnwb = null, box = null;

  // Runs the chapter for `variant` and shows it; or returns the module's reason for refusing the
  // variant, and the page keeps what it showed.
  function show(variant) {
    const started = performance.now();
    const answer = JSON.parse(nnwb.page(chapter, variant.seed || '', variant.student || ''));
    if (answer.error !== undefined) return answer.error;
    const derivation = $('nnwb-derivation');
    derivation.innerHTML = answer.html;
    $('nnwb-trace').textContent = answer.trace;
    window.nnwbFigures.draw($('nnwb-pictures'), chapter, answer.figures);
    $('nnwb-status').textContent = `Computed in your browser for ${box.describe(variant)}.`;
    const since = () => String(Math.round(performance.now() - started));
    document.body.dataset.state = 'typesetting';
    // …At: since the page was opened (performance.now()), for the speed benchmark.
    window.nnwbMath.typesetProgressively(derivation, () => {
      document.body.dataset.shownMs = since();
      document.body.dataset.shownAt = String(Math.round(performance.now()));
    }, () => {
      document.body.dataset.renderMs = since();
      document.body.dataset.readyAt = String(Math.round(performance.now()));
      document.body.dataset.state = 'ready';
    });
    return '';
  }

  box = window.nnwbVariantBox(show);
  createNnwb().then((module) => {
    nnwb = module;
    if (!box.start()) document.body.dataset.state = 'failed';
  }, (error) => {
    $('nnwb-status').textContent = `The workbook could not start in this browser: ${error}`;
    document.body.dataset.state = 'failed';
  });
})();
