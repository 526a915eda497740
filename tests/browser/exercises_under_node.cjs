#!/usr/bin/env node
// Calls to the browser build's functions (exercises/browser.cpp), under node, for the tests:
//
//   node exercises_under_node.cjs build/browser/nnwb.js < calls
//
// `calls` has one JSON array per line: the function's name, then its arguments, each a text or
// {"file": PATH}, which passes that file's text (read as a page reads a file, File.text(): UTF-8,
// an invalid byte as U+FFFD; the tests pass valid UTF-8 only, which arrives byte for byte). Prints
// one JSON array of the results, in order, each the text the function returned: left as text, since
// a seed has 64 bits, which a JavaScript number would round. One node process loads the module once
// for every call.
'use strict';
const fs = require('fs');
const path = require('path');

const calls = fs.readFileSync(0, 'utf8').split('\n').filter((line) => line !== '').map((line) => JSON.parse(line));
require(path.resolve(process.argv[2]))().then((nnwb) => {
  const results = calls.map(([name, ...args]) =>
    nnwb[name](...args.map((arg) => (typeof arg === 'object' ? fs.readFileSync(arg.file, 'utf8') : arg))));
  process.stdout.write(JSON.stringify(results));
});
