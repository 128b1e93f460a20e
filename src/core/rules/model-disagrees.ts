import type { Rule } from "./rule";

/**
 * Reported after the rules, only with a model the user configured (src/core/verify/model.ts): the
 * model judges that the cited passages do not support a claim no check could confirm. Listed here
 * for its severity, its documentation and inline comments.
 */
const rule: Rule = {
  name: "model-disagrees",
  defaultSeverity: "warning",
  description: "Only with a model the user configured (the `briefAuthor.model.*` user settings, or `--model-endpoint`): the model, shown a claim no check could confirm and its best cited passage, answers that the passage does not support it; the message names the model.",
  example: "The two ministers agreed to reopen the border [@talks-report]. (the model, shown the best passage, answers No)",
};
export default rule;
