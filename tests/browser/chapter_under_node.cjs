#!/usr/bin/env node
// A chapter of the browser build, run under node as a native chapter runs on the command line:
//
//   node chapter_under_node.cjs build/browser/nnwb.js CHAPTER [--format json] [--seed N | --student ID]
//
// It prints the trace JSON that the module's trace() returns (the native `CHAPTER --format json`),
// so that tests/compare_builds.py can compare the two builds value by value. JSON is the only
// format: the module returns the trace, and the pages render it.
'use strict';

const [modulePath, chapter, ...rest] = process.argv.slice(2);
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
