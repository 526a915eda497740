// The box of a live page (docs/live/; issue 12) where a reader asks for their own numbers: a student
// id (hashed to a seed, as the command line does) or a seed, or the lecture's numbers. Shared by the
// chapter pages (nnwb-live.js) and the practice pages (practice.js).
//
// ?seed=N or ?student=ID in the address asks for that variant, so that a link carries it; the box
// changes it, and the address follows. A variant is {} (the lecture's), {seed: "42"} or
// {student: "s1234567"}: seeds stay text, since a 64-bit seed does not fit a JavaScript number.
'use strict';

window.nnwbVariantBox = function (show) {
  const $ = (id) => document.getElementById(id);
  const form = $('nnwb-variant'), kind = $('nnwb-variant-kind'), input = $('nnwb-variant-value');
  const message = $('nnwb-variant-message');

  // A message beside the box ('' clears it).
  function say(text) {
    message.textContent = text;
    input.classList.toggle('nnwb-invalid', text !== '');
  }

  // The variant asked for as a seed or a student id, or {problem} saying what is wrong with it.
  // The module checks the rest (a seed too large, an id the grader refuses) and says why.
  function checked(asked, text) {
    const value = text.trim();
    if (value === '')
      return { problem: asked === 'seed' ? 'Type a seed: a whole number such as 42.'
                                         : 'Type your student id, as your course gave it.' };
    if (asked === 'seed' && !/^[0-9]+$/.test(value))
      return { problem: `A seed is a whole number such as 42, not '${value.slice(0, 40)}'.` };
    return asked === 'seed' ? { seed: value } : { student: value };
  }

  function putInAddress(variant) {
    const query = variant.student ? `?student=${encodeURIComponent(variant.student)}`
                : variant.seed ? `?seed=${encodeURIComponent(variant.seed)}` : '';
    try {
      window.history.replaceState(null, '', window.location.pathname + query);
    } catch (e) {
      // Some browsers refuse to change a file:// address; the page works all the same.
    }
  }

  // `show(variant)` returns '' when it showed the variant, or why it could not (the module's words).
  function ask(variant) {
    if (variant.problem) return say(variant.problem);
    const problem = show(variant);
    say(problem);
    if (!problem) putInAddress(variant);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    ask(checked(kind.value, input.value));
  });
  $('nnwb-variant-lecture').addEventListener('click', () => {
    input.value = '';
    ask({});
  });

  return {
    // Shows the variant the address asks for; one it gets wrong shows the lecture's numbers, with
    // the reason beside the box. False if nothing could be shown.
    start() {
      const query = new URLSearchParams(window.location.search);
      const asked = ['student', 'seed'].find((name) => query.has(name));
      let variant = {};
      if (asked) {
        kind.value = asked;
        input.value = query.get(asked);
        variant = checked(asked, query.get(asked));
      }
      const problem = variant.problem || show(variant);
      const shown = !problem || !show({});
      say(problem);
      return shown;
    },
    describe(variant) {
      if (variant.student) return `student ${variant.student}`;
      if (variant.seed) return `seed ${variant.seed}`;
      return "the lecture's own numbers";
    },
  };
};
