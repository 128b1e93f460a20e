/** The brief-author engine: no editor dependency; the CLI and the extension both build on it. */
export * from "./types";
export * from "./text";
export * from "./fs";
export * from "./config";
export { BriefService, closestKeys, DEFAULT_MARKDOWNLINT, MARKDOWNLINT_CONFIG_FILES, type BriefServiceOptions, type CheckResult, type Logger } from "./service";
export { parseBrief, type Brief, type Section, type Sentence } from "./parse/brief";
export { RULES, RULE_NAMES, findRule, type Rule, type RuleContext, type ResolvedSource } from "./rules";
export { ruleDocUrl } from "./rules/rule";
export { SourceLibrary, isSourceFile, isExtracted, type SourceEntry, type ExtractionCache } from "./sources/library";
export { extractedView, type ExtractedView } from "./features/extractedView";
export type { Extractors, ExtractedDocument, ExtractResult, BibEntry, BibParseResult } from "./sources/extracted";
export { citationAt, sentenceAt } from "./features/citationAt";
export { citationHover, type HoverResult } from "./features/hover";
export { citationDefinition, type DefinitionResult } from "./features/definition";
export { keyCompletionContext, keysInCitationAt, rankSources, type SourceSuggestion } from "./features/completion";
export { citedKeys, updateSourcesSectionEdit } from "./features/sourcesSection";
export { BUILT_IN_TEMPLATES, fillTemplate, templateSnippet, escapeSnippet, briefFileName, slugify, templateFromFile, today, type BriefTemplate } from "./features/templates";
export { isValidKey } from "./parse/citations";
