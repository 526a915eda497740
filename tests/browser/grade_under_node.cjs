#!/usr/bin/env node
// Answer files graded by the browser build, under node, as `nnwb-exercise grade EXERCISE FILE
// --format json` grades them:
//
//   node grade_under_node.cjs build/browser/nnwb.js < list
//
// `list` has one "EXERCISE<tab>FILE" per line. Prints one JSON object, FILE → the grade's JSON text
// (the module's grade(), given the file as text and its path for messages), left as text: a seed
// has 64 bits, which a JavaScript number would round. One node process loads the module once for
// the whole list.
'use strict';
const fs = require('fs');
const path = require('path');

const lines = fs.readFileSync(0, 'utf8').split('\n').filter((line) => line !== '');
require(path.resolve(process.argv[2]))().then((nnwb) => {
  const grades = {};
  for (const line of lines) {
    const [exercise, file] = line.split('\t');
    // As a page reads a file (File.text()): UTF-8, an invalid byte read as U+FFFD. The list holds
    // valid UTF-8 files only, which reach the grader byte for byte, as the native build reads them.
    const text = fs.readFileSync(file, 'utf8');
    grades[file] = nnwb.grade(exercise, text, file);
  }
  process.stdout.write(JSON.stringify(grades));
});
