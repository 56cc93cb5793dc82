// Mocha: runs the compiled tests (unit tests beside the code, cross-cutting suites under test/).
'use strict';
module.exports = {
  spec: ['dist/**/*.test.js', 'dist/**/*.spec.js'],
  reporter: require.resolve('./test/support/summary-reporter.js'),
  timeout: 20000,
  exit: true,
};
