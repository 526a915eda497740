#!/usr/bin/env node
// Builds the live site (issue 12) from the browser build's module, at build time:
//
//   node build_site.cjs build/browser/nnwb.js docs/live build/site
//
// writes into build/site
//   chapter_<id>.html   a live page per chapter (chapter.html with its id, number and title);
//   exercise_<id>.html  a practice page per exercise (exercise.html);
//   index.html          the lists of chapters and exercises (index.html's template);
//   layouts.js          where Graphviz's dot places each computation graph's nodes, wires and labels
//                       on the lecture's variant (dot -Tjson, Debian's graphviz): the pages draw every
//                       variant's numbers on that layout (figures.js);
//   nnwb.js             the module, and the pages' own scripts and style, copied.
// Every page gets head.html (with the notation's macros, docs/macros.js) and variant-form.html.
// KaTeX, d3 and marked are copied in by CMake (docs/live/CMakeLists.txt).
'use strict';

const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const vm = require('vm');

const [modulePath, sourceDir, siteDir] = process.argv.slice(2);

function escaped(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function filled(template, values) {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key) => {
    if (!(key in values)) throw new Error(`${whole} in a template has no value`);
    return values[key];
  });
}

// dot's "x,y" and "e,x,y p1 p2 …" (points, y upwards) as numbers.
const point = (text) => text.split(',').map(Number);

// The layout of one graph, reduced to what figures.js draws: the drawing's size, each node's
// centre and size, and each wire's spline, arrow tip and label position, in the figure's order.
function layoutOf(figure, where) {
  const graph = JSON.parse(execFileSync('dot', ['-Tjson'], { input: figure.dot }));
  const [, , width, height] = graph.bb.split(',').map(Number);
  const nodes = {};
  const names = [];
  for (const object of graph.objects || []) {
    names[object._gvid] = object.name;
    nodes[object.name] = { at: point(object.pos), size: [72 * Number(object.width), 72 * Number(object.height)] };
  }
  const edges = (graph.edges || []).map((edge) => {
    const parts = edge.pos.split(' ');
    const arrow = parts[0].startsWith('e,') ? point(parts.shift().slice(2)) : null;
    if (parts[0].startsWith('s,')) parts.shift();
    return { from: names[edge.tail], to: names[edge.head], points: parts.map(point), arrow,
             label: edge.lp ? point(edge.lp) : null };
  });
  // dot lists the wires in an order of its own: put them back in the figure's.
  const inOrder = figure.edges.map((wanted) => {
    const at = edges.findIndex((e) => e && e.from === wanted.from && e.to === wanted.to);
    if (at < 0) throw new Error(`${where}: dot did not lay out the wire ${wanted.from} -> ${wanted.to}`);
    const found = edges[at];
    edges[at] = null;
    return found;
  });
  return { size: [width, height], nodes, edges: inOrder };
}

// The notation's macros, written once for the documentation site's MathJax (docs/macros.js calls
// MathJax.Hub.Config with TeX.Macros), as KaTeX takes them: {"\\vx": "\\mathbf{x}", …}. A macro with
// arguments, [body, count] for MathJax, is its body for KaTeX, which reads #1, #2 in it.
function katexMacros(macrosJs) {
  let config = null;
  vm.runInNewContext(macrosJs, { MathJax: { Hub: { Config: (c) => { config = c; } } } });
  const macros = {};
  for (const [name, body] of Object.entries(((config || {}).TeX || {}).Macros || {}))
    macros[`\\${name}`] = Array.isArray(body) ? body[0] : body;
  if (!Object.keys(macros).length) throw new Error('docs/macros.js gave no macros');
  return macros;
}

require(path.resolve(modulePath))().then((nnwb) => {
  fs.mkdirSync(siteDir, { recursive: true });
  const read = (file) => fs.readFileSync(path.join(sourceDir, file), 'utf8');
  const template = read('chapter.html');
  // What every page shares: its <head> (with the notation's macros, \vx, \pd{E}{w}, …, as the
  // documentation site has them) and the variant box.
  const shared = { head: filled(read('head.html'), { macros: JSON.stringify(katexMacros(read('../macros.js'))) }),
                   variant_form: read('variant-form.html') };
  const catalogue = JSON.parse(nnwb.catalogue());
  const layouts = {};
  for (const chapter of catalogue.chapters) {
    const page = JSON.parse(nnwb.page(chapter.id, '', ''));
    if (page.error !== undefined) throw new Error(`${chapter.id}: ${page.error}`);
    for (const figure of page.figures)
      if (figure.kind === 'diagram') layouts[`${chapter.id}.${figure.name}`] = layoutOf(figure, `${chapter.id}.${figure.name}`);
    fs.writeFileSync(path.join(siteDir, `chapter_${chapter.id}.html`),
                     filled(template, { ...shared, id: escaped(chapter.id), number: escaped(chapter.number),
                                        title: escaped(chapter.title) }));
  }
  const practice = read('exercise.html');
  for (const exercise of catalogue.exercises)
    fs.writeFileSync(path.join(siteDir, `exercise_${exercise.id}.html`),
                     filled(practice, { ...shared, id: escaped(exercise.id), chapter: escaped(exercise.chapter),
                                        title: escaped(exercise.title) }));
  const chapters = catalogue.chapters.map((c) =>
    `<li><a href="chapter_${escaped(c.id)}.html">Chapter ${escaped(c.number)}: ${escaped(c.title)}</a></li>`).join('\n');
  const exercises = catalogue.exercises.map((e) =>
    `<li><a href="exercise_${escaped(e.id)}.html">${escaped(e.title)}</a> (<code>${escaped(e.id)}</code>)</li>`).join('\n');
  fs.writeFileSync(path.join(siteDir, 'index.html'),
                   filled(read('index.html'), { chapters, exercises }));
  fs.writeFileSync(path.join(siteDir, 'layouts.js'),
                   '// Written by docs/live/build_site.cjs: dot\'s layout of every computation graph.\n' +
                   `window.nnwbLayouts = ${JSON.stringify(layouts)};\n`);
  for (const file of ['nnwb-live.js', 'nnwb-live.css', 'figures.js', 'variant-box.js', 'practice.js', 'scorm.js', 'math.js'])
    fs.copyFileSync(path.join(sourceDir, file), path.join(siteDir, file));
  fs.copyFileSync(modulePath, path.join(siteDir, 'nnwb.js'));
}).catch((error) => {
  process.stderr.write(`build_site.cjs: ${error.message}\n`);
  process.exit(1);
});
