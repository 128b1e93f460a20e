/** Link reference definitions (micromark's factories for label, destination and title). Part of the light structure reader (../lightStructure.ts). */
import { BACKSLASH, COLON, DQUOTE, GT, LBRACKET, LF, LPAREN, LT, RBRACKET, RPAREN, SPACE, SQUOTE, TAB, isAsciiControl, isInlineSpace, isSpaceOrTab, skipSpacesAndTabs } from "./chars";

// ---------------------------------------------------------------------------------------
// Link reference definitions (micromark's factories for label, destination and title)

/** Past a definition starting at `i` (at its line's end, after trailing white space), or -1. */
export function definitionEnd(s: string, i: number, end: number): number {
  let j = labelEnd(s, i, end);
  if (j < 0 || j >= end || s.charCodeAt(j) !== COLON) return -1;
  j = skipWhitespaceAndLines(s, j + 1, end);
  const destination = destinationEnd(s, j, end);
  if (destination < 0) return -1;
  const titled = titleEnd(s, destination, end);
  if (titled >= 0) return titled;
  const after = skipSpacesAndTabs(s, destination, end);
  return after >= end || s.charCodeAt(after) === LF ? after : -1;
}

export function labelEnd(s: string, i: number, end: number): number {
  let size = 0;
  let seen = false;
  let j = i + 1;
  for (;;) {
    if (j >= end || size > 999) return -1;
    const c = s.charCodeAt(j);
    if (c === LBRACKET) return -1;
    if (c === RBRACKET) return seen ? j + 1 : -1;
    j++;
    if (c === LF) continue;
    size++;
    if (!isSpaceOrTab(c)) seen = true;
    if (c === BACKSLASH && j < end) {
      const e = s.charCodeAt(j);
      if (e === LBRACKET || e === BACKSLASH || e === RBRACKET) {
        j++;
        size++;
      }
    }
  }
}

export function skipWhitespaceAndLines(s: string, i: number, end: number): number {
  while (i < end && isInlineSpace(s.charCodeAt(i))) i++;
  return i;
}

export function destinationEnd(s: string, i: number, end: number): number {
  if (i >= end) return -1;
  let c = s.charCodeAt(i);
  if (c === LT) {
    for (let j = i + 1; j < end; j++) {
      c = s.charCodeAt(j);
      if (c === GT) return j + 1;
      if (c === LT || c === LF) return -1;
      if (c === BACKSLASH && j + 1 < end) {
        const e = s.charCodeAt(j + 1);
        if (e === LT || e === GT || e === BACKSLASH) j++;
      }
    }
    return -1;
  }
  if (c === SPACE || c === RPAREN || isAsciiControl(c)) return -1;
  let balance = 0;
  let j = i;
  for (; j < end; j++) {
    c = s.charCodeAt(j);
    if (balance === 0 && (c === RPAREN || c === SPACE || c === TAB || c === LF)) break;
    if (c === LPAREN) balance++;
    else if (c === RPAREN) balance--;
    else if (c === SPACE || isAsciiControl(c)) return -1;
    else if (c === BACKSLASH && j + 1 < end) {
      const e = s.charCodeAt(j + 1);
      if (e === LPAREN || e === RPAREN || e === BACKSLASH) j++;
    }
  }
  return balance === 0 ? j : -1;
}

/** Past an optional title after a destination, up to the end of its line, or -1. */
export function titleEnd(s: string, i: number, end: number): number {
  if (i >= end || !isInlineSpace(s.charCodeAt(i))) return -1;
  let j = skipWhitespaceAndLines(s, i, end);
  const open = j < end ? s.charCodeAt(j) : -1;
  if (open !== DQUOTE && open !== SQUOTE && open !== LPAREN) return -1;
  const close = open === LPAREN ? RPAREN : open;
  for (j++; ; j++) {
    if (j >= end) return -1;
    const c = s.charCodeAt(j);
    if (c === close) break;
    if (c === BACKSLASH && j + 1 < end && (s.charCodeAt(j + 1) === close || s.charCodeAt(j + 1) === BACKSLASH)) j++;
  }
  const after = skipSpacesAndTabs(s, j + 1, end);
  return after >= end || s.charCodeAt(after) === LF ? after : -1;
}
