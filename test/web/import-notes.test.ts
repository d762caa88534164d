import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createElement, Fragment } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { fileNames } from '../../web/src/file-names.js';

// The import result's notes mark the file's column names by the names the importer sends with each note
// (ImportSummary.notes), not by the quotes in the sentence: a column name may hold an apostrophe.
const html = (text: string, columns: string[]) =>
  renderToStaticMarkup(createElement(Fragment, null, ...fileNames(text, columns)));

it("a column named customer's email is marked whole, without its quotes", () => {
  assert.equal(
    html(
      "column 'customer's email' looked like the field “Email” by its name, but x; kept as a trait 'customer's email' instead",
      ["customer's email"],
    ),
    'column <span class="raw">customer&#x27;s email</span> looked like the field “Email” by its name, but x; kept as a trait <span class="raw">customer&#x27;s email</span> instead',
  );
});

it('several names, the longest first where one holds another; a sentence without names stays whole', () => {
  assert.equal(
    html('email, email_2 are read as an identifier already', ['email', 'email_2']),
    '<span class="raw">email</span>, <span class="raw">email_2</span> are read as an identifier already',
  );
  assert.equal(html("the file's rows are reviews", []), 'the file&#x27;s rows are reviews');
});
