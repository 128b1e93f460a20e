/** Matching a brief's quotes and figures against its sources' text. */
export { normalize, normalizeWithMap, toOriginalSpan, wordTokens, wordTokensOf, type NormalizedText, type WordToken } from "./normalize";
export {
  extractQuotes,
  findQuote,
  quotePieces,
  MIN_QUOTE_WORDS,
  MAX_ELISION_GAP,
  MIN_CLOSEST_SIMILARITY,
  type QuoteSpan,
  type QuoteResult,
  type ClosestQuote,
} from "./quotes";
export { extractFigures, findFigure, figureMatches, type Figure, type FigureKind } from "./figures";
