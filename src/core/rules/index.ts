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
];

export const RULE_NAMES: readonly string[] = RULES.map((r) => r.name);

export function findRule(name: string): Rule | undefined {
  return RULES.find((r) => r.name === name);
}

export type { Rule, RuleContext, Report, ResolvedSource } from "./rule";
