#!/usr/bin/env node
// A chapter of the browser build, run under node as a native chapter runs on the command line:
//
//   node chapter_under_node.cjs build/browser/nnwb.js CHAPTER [--format json] [--seed N | --student ID]
//
// It prints the trace JSON that the module's trace() returns (the native `CHAPTER --format json`),
// so that tests/compare_builds.py can compare the two builds value by value. JSON is the only
// format: the module returns the trace, and the pages render it.
//
//   node chapter_under_node.cjs build/browser/nnwb.js --serve
//
// loads the module once and answers many: each line of its input is a JSON array [chapter, seed,
// student id] ("" for none), and each answer is that trace's JSON followed by a NUL byte. (Loading
// the module takes longer than most chapters: compare_builds.py, given the module instead of a
// second bin/ folder, runs it this way.)
'use strict';

const [modulePath, chapter, ...rest] = process.argv.slice(2);
if (chapter === '--serve') {
  require(require('path').resolve(modulePath))().then((nnwb) => {
    const lines = require('readline').createInterface({input: process.stdin});
    lines.on('line', (line) => {
      const [name, seed, student] = JSON.parse(line);
      process.stdout.write(nnwb.trace(name, seed, student) + '\0');
    });
  });
  return;
}
let seed = '', student = '';
for (let i = 0; i < rest.length; ++i) {
  const option = rest[i], value = rest[i + 1];
  if (option === '--format' && value === 'json') ++i;
  else if (option === '--seed' && value !== undefined) { seed = value; ++i; }
  else if (option === '--student' && value !== undefined) { student = value; ++i; }
  else {
    process.stderr.write(`${chapter}: error: the browser build under node takes --format json, --seed N ` +
                         `or --student ID, not '${option}'\n`);
    process.exit(2);
  }
}

require(require('path').resolve(modulePath))().then((nnwb) => {
  const json = nnwb.trace(chapter, seed, student);
  const error = JSON.parse(json).error;
  if (error !== undefined) {
    process.stderr.write(`${chapter}: error: ${error}\n`);
    process.exit(1);
  }
  process.stdout.write(json);
});
