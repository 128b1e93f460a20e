import type { Rule } from "./rule";
import missingMetadata from "./missing-metadata";
import requiredSection from "./required-section";
import emptySection from "./empty-section";
import duplicateSection from "./duplicate-section";
import sectionOrder from "./section-order";
import sectionLength from "./section-length";
import malformedCitation from "./malformed-citation";
import unknownSource from "./unknown-source";
import duplicateSourceKey from "./duplicate-source-key";
import unusedSource from "./unused-source";
import unlistedSource from "./unlisted-source";
import uncitedClaim from "./uncited-claim";
import quoteMismatch from "./quote-mismatch";
import numberMismatch from "./number-mismatch";
import weakSupport from "./weak-support";
import sourceUnreadable from "./source-unreadable";
import markdownlintSkipped from "./markdownlint-skipped";
import locatorMismatch from "./locator-mismatch";
import noSourceText from "./no-source-text";
import nameMismatch from "./name-mismatch";
import polarityMismatch from "./polarity-mismatch";
import roleMismatch from "./role-mismatch";
import modelDisagrees from "./model-disagrees";
import unverifiedClaim from "./unverified-claim";
import vagueLikelihood from "./vague-likelihood";
import estimativeVocabularyMix from "./estimative-vocabulary-mix";
import likelihoodWithConfidence from "./likelihood-with-confidence";
import judgmentWithoutConfidence from "./judgment-without-confidence";
import unhedgedForecast from "./unhedged-forecast";
import judgmentInDescription from "./judgment-in-description";
import singleSourceJudgment from "./single-source-judgment";
import sourceAfterBrief from "./source-after-brief";
import probabilityMismatch from "./probability-mismatch";

/** Every brief rule, in the order of the format's tables. */
export const RULES: readonly Rule[] = [
  missingMetadata,
  requiredSection,
  emptySection,
  duplicateSection,
  sectionOrder,
  sectionLength,
  malformedCitation,
  unknownSource,
  duplicateSourceKey,
  unusedSource,
  unlistedSource,
  uncitedClaim,
  quoteMismatch,
  numberMismatch,
  weakSupport,
  locatorMismatch,
  nameMismatch,
  polarityMismatch,
  roleMismatch,
  modelDisagrees,
  unverifiedClaim,
  noSourceText,
  sourceUnreadable,
  markdownlintSkipped,
  // Tradecraft (ICD 203): one family, `"tradecraft": false` turns it off.
  vagueLikelihood,
  estimativeVocabularyMix,
  likelihoodWithConfidence,
  judgmentWithoutConfidence,
  unhedgedForecast,
  judgmentInDescription,
  singleSourceJudgment,
  sourceAfterBrief,
  probabilityMismatch,
];

export const RULE_NAMES: readonly string[] = RULES.map((r) => r.name);

export function findRule(name: string): Rule | undefined {
  return RULES.find((r) => r.name === name);
}

export type { Rule, RuleContext, Report, ResolvedSource } from "./rule";
