// Mocha's spec reporter, plus the run's totals written to test-results/<BRIEF_AUTHOR_SUITE or unit>.json,
// so .ci/run can print one "N passed, M failed" line over all suites.
const Mocha = require("mocha");
const fs = require("node:fs");
const path = require("node:path");

class CountReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const dir = path.join(__dirname, "..", "test-results");
      fs.mkdirSync(dir, { recursive: true });
      const s = runner.stats || {};
      const file = path.join(dir, `${process.env.BRIEF_AUTHOR_SUITE || "unit"}.json`);
      fs.writeFileSync(file, JSON.stringify({ passed: s.passes || 0, failed: s.failures || 0, pending: s.pending || 0 }));
    });
  }
}
module.exports = CountReporter;
