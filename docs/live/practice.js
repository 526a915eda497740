// A practice page (issue 12): the student's sheet for their own numbers, an input per asked step
// shaped as its answer (a number, a vector, a matrix, yes or no), and Check, which grades the
// answers in the page with the grader of `nnwb-exercise` (nnwb.js, exercises/browser.cpp): the same
// tolerances and intervals, follow-through from the student's own earlier answers, named mistakes
// and points per step. The grade is also in #nnwb-grade, as `nnwb-exercise grade --format json`
// writes it. Answers are kept in the browser's storage, per exercise and variant; "Download answer
// file" writes the TOML file that `nnwb-exercise grade` and `batch` take. Inside an LMS (scorm.js),
// the variant is the learner's id there, and each Check reports the score to the LMS.
// body[data-state]: "loading", "ready" (sheet shown), "graded" (a grade shown), or "failed".
'use strict';

(function () {
  const exercise = document.body.dataset.exercise;
  const $ = (id) => document.getElementById(id);
  let nnwb = null, box = null;
  let sheet = null;  // what is shown: {variant, steps: [{id, kind, rows, cols, weight, inputs, feedback}]}

  function escaped(text) {
    return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  }

  // The sheet's Markdown as HTML. Its math is taken out before marked reads it (marked would turn
  // the _ and * of subscripts and products into emphasis) and put back between \( \) and \[ \].
  function markdownWithMath(text) {
    const math = [];
    const kept = text.replace(/\$\$([\s\S]+?)\$\$|\$([^$\n]+?)\$/g, (whole, display, inline) => {
      math.push(display !== undefined ? `\\[${display}\\]` : `\\(${inline}\\)`);
      return `@@math${math.length - 1}@@`;
    });
    return marked.parse(kept).replace(/@@math(\d+)@@/g, (whole, i) => escaped(math[Number(i)]));
  }

  function storageKey(variant) {
    return `nnwb:${exercise}:${variant.student ? `student:${variant.student}` : variant.seed ? `seed:${variant.seed}` : 'lecture'}`;
  }

  function saved(variant) {
    try {
      return JSON.parse(window.localStorage.getItem(storageKey(variant)) || '{}');
    } catch (e) {
      return {};  // storage refused (a private window) or spoilt: start afresh
    }
  }

  function save() {
    const answers = {};
    for (const step of sheet.steps) answers[step.id] = step.inputs.map((input) => input.value);
    try {
      window.localStorage.setItem(storageKey(sheet.variant), JSON.stringify(answers));
    } catch (e) {
      // No storage here: the answers live as long as the page does.
    }
  }

  // The inputs of one asked step, laid out as its answer: one box, a column of n, r rows of c, or
  // a yes/no choice.
  function answerBlock(step, previous) {
    const block = document.createElement('div');
    block.className = 'nnwb-answer';
    block.id = `answer-${step.id}`;
    const label = `${step.id}`;
    const make = (name) => {
      let input;
      if (step.kind === 'verdict') {
        input = document.createElement('select');
        for (const [value, text] of [['', '(no answer)'], ['true', 'yes'], ['false', 'no']]) {
          const option = document.createElement('option');
          option.value = value;
          option.textContent = text;
          input.appendChild(option);
        }
      } else {
        input = document.createElement('input');
        input.inputMode = 'decimal';
      }
      input.className = 'nnwb-exercise-input';
      input.setAttribute('aria-label', name);
      input.dataset.step = step.id;
      input.addEventListener('change', save);
      return input;
    };
    const rows = step.kind === 'vector' || step.kind === 'matrix' ? step.rows : 1;
    const cols = step.kind === 'matrix' ? step.cols : 1;
    const table = document.createElement('table');
    step.inputs = [];
    for (let r = 0; r < rows; ++r) {
      const tr = table.insertRow();
      for (let c = 0; c < cols; ++c) {
        const name = rows === 1 && cols === 1 ? label : cols === 1 ? `${label}, entry ${r + 1}` : `${label}, row ${r + 1}, column ${c + 1}`;
        const input = make(name);
        input.value = (previous || [])[step.inputs.length] || '';
        tr.insertCell().appendChild(input);
        step.inputs.push(input);
      }
    }
    block.appendChild(document.createTextNode('Your answer: '));
    block.appendChild(table);
    step.feedback = document.createElement('div');
    step.feedback.className = 'nnwb-feedback';
    step.feedback.setAttribute('role', 'status');
    block.appendChild(step.feedback);
    return block;
  }

  // Shows the sheet of `variant`; or returns the module's reason for refusing it.
  function show(variant) {
    const answer = JSON.parse(nnwb.practice(exercise, variant.seed || '', variant.student || ''));
    if (answer.error !== undefined) return answer.error;
    const main = $('nnwb-sheet');
    main.innerHTML = markdownWithMath(answer.sheet);
    sheet = { variant, steps: answer.steps };
    const previous = saved(variant);
    const blanks = [...main.querySelectorAll('p')].filter((p) => p.textContent.startsWith('Your answer:'));
    sheet.steps.forEach((step, i) => {
      const block = answerBlock(step, previous[step.id]);
      if (blanks[i]) blanks[i].replaceWith(block);
      else main.appendChild(block);  // (the sheet always has a blank per step; kept safe all the same)
    });
    $('nnwb-grade').textContent = '';
    $('nnwb-score').textContent = '';
    $('nnwb-status').textContent = `Your sheet for ${box.describe(variant)}: work each step, then check.`;
    window.nnwbMath.typeset(main);
    document.body.dataset.state = 'ready';
    return '';
  }

  // One input's text as a TOML number, or {problem}. A number is written back as JavaScript's
  // shortest form of the same double, which TOML reads as that double: "1." or ".5" become 1 and 0.5.
  function number(text) {
    const t = text.trim().replace(/\u2212/g, '-');  // a typographic minus, as the sheets print it
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return { problem: `'${t.slice(0, 30)}' is not a number` };
    const x = Number(t);
    if (!Number.isFinite(x)) return { problem: `'${t.slice(0, 30)}' is too large` };
    return { toml: String(x) };
  }

  // The step's answer as a TOML value ('""' when left blank), or {problem} naming the entry.
  function tomlValue(step) {
    const texts = step.inputs.map((input) => input.value);
    if (texts.every((t) => t.trim() === '')) return { toml: '""' };
    if (step.kind === 'verdict') return { toml: texts[0] };
    const numbers = [];
    for (let i = 0; i < texts.length; ++i) {
      if (texts[i].trim() === '') return { problem: 'an entry is empty: fill in every entry, or none', at: i };
      const n = number(texts[i]);
      if (n.problem) return { problem: n.problem, at: i };
      numbers.push(n.toml);
    }
    if (step.kind === 'scalar') return { toml: numbers[0] };
    if (step.kind === 'vector') return { toml: `[${numbers.join(', ')}]` };
    const rows = [];
    for (let r = 0; r < step.rows; ++r) rows.push(`[${numbers.slice(r * step.cols, (r + 1) * step.cols).join(', ')}]`);
    return { toml: `[${rows.join(', ')}]` };
  }

  // The answer file of what is typed, as `nnwb-exercise template` lays it out; or null, with a
  // message beside each input that is not a number.
  function answerFile() {
    let ok = true;
    const lines = [`# nnwb answer file: exercise ${exercise}, written by its practice page`,
                   `exercise = "${exercise}"`];
    if (sheet.variant.student) lines.push(`student = ${JSON.stringify(sheet.variant.student)}`);
    else if (sheet.variant.seed) lines.push(`seed = ${sheet.variant.seed}`);
    lines.push('', '[answers]');
    for (const step of sheet.steps) {
      step.inputs.forEach((input) => input.classList.remove('nnwb-invalid'));
      const value = tomlValue(step);
      if (value.problem) {
        ok = false;
        step.inputs[value.at].classList.add('nnwb-invalid');
        step.feedback.className = 'nnwb-feedback nnwb-message';
        step.feedback.textContent = `Not checked: ${value.problem}.`;
        continue;
      }
      lines.push(`${JSON.stringify(step.id)} = ${value.toml}`);
    }
    return ok ? lines.join('\n') + '\n' : null;
  }

  function check() {
    save();
    const file = answerFile();
    if (file === null) {
      $('nnwb-score').textContent = 'Some answers are not numbers: see the messages beside them.';
      return;
    }
    const started = performance.now();
    const text = nnwb.grade(exercise, file, 'answers.toml');
    const grade = JSON.parse(text);
    if (grade.error) {
      $('nnwb-score').textContent = `Not graded: ${grade.error}`;
      return;
    }
    $('nnwb-grade').textContent = text;
    for (const result of grade.steps) {
      const step = sheet.steps.find((s) => s.id === result.step);
      if (!step) continue;
      const points = `${result.score} of ${result.weight} point${result.weight === 1 ? '' : 's'}`;
      step.feedback.className = `nnwb-feedback nnwb-outcome-${result.outcome.replace(/[^a-z]+/g, '-')}`;
      step.feedback.textContent = `${points}: ${result.feedback}` +
        (result.outcome === 'blank' ? '' : ` (accepted: ${result.accepted})`);
    }
    $('nnwb-score').textContent = `Score: ${grade.score} of ${grade.max_score}`;
    if (window.nnwbLms && window.nnwbLms.report) window.nnwbLms.report(grade);
    document.body.dataset.gradeMs = String(Math.round(performance.now() - started));
    document.body.dataset.state = 'graded';
  }

  function download() {
    const file = answerFile();
    if (file === null) return;
    const who = sheet.variant.student || (sheet.variant.seed ? `seed${sheet.variant.seed}` : 'lecture');
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([file], { type: 'application/toml' }));
    link.download = `${who}.toml`;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  $('nnwb-check').addEventListener('click', check);
  $('nnwb-download').addEventListener('click', download);
  box = window.nnwbVariantBox(show);
  // In an LMS (scorm.js found its API), the variant is the learner's id there, not the box's.
  function startInLms(lms) {
    $('nnwb-variant').hidden = true;
    document.querySelector('nav').hidden = true;  // the rest of the site is not in the package
    const problem = lms.problem || show({ student: lms.student });
    if (problem) {
      $('nnwb-status').textContent = `This exercise cannot start for your account in the LMS: ${problem}.`;
      return false;
    }
    return true;
  }

  createNnwb().then((module) => {
    nnwb = module;
    const started = window.nnwbLms ? startInLms(window.nnwbLms) : box.start();
    if (!started) document.body.dataset.state = 'failed';
  }, (error) => {
    $('nnwb-status').textContent = `The workbook could not start in this browser: ${error}`;
    document.body.dataset.state = 'failed';
  });
})();
