/**
 * Text from a server or an org, made safe where it meets our own words: it cannot form a link
 * (VS Code turns `[label](command:…)` in a notification or an input box's message into a link
 * that runs the command), and a right-to-left name cannot pull our words into its run.
 */

/** First strong isolate and pop directional isolate: the name's direction stays inside them. */
export const FSI = '\u2068';
export const PDI = '\u2069';

// Embeddings, overrides, isolates and marks: a name's own controls could reorder what follows it,
// or close our isolate early.
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

// Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic and their presentation forms; the
// historic right-to-left scripts and Adlam above the BMP.
const STRONG_RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

/** `text` without its bidi controls (the characters themselves, right-to-left or not, are kept). */
export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/**
 * A name to put beside our own words: bidi controls removed and, if it holds right-to-left letters, wrapped
 * in FSI … PDI so the counts and words around it keep their order. Other names are left as they are.
 */
export function isolate(name: string): string {
  const clean = stripBidiControls(name);
  return STRONG_RTL.test(clean) ? `${FSI}${clean}${PDI}` : clean;
}

/**
 * `text` in which no `[label](target)` link can form: VS Code's parser (`parseLinkedText` in
 * vs/base/common/linkedText.ts) needs `](` side by side, so a space goes between every `]` and the
 * `(` after it. The text reads as it did; nothing else changes.
 */
export function defuseLinks(text: string): string {
  return text.replace(/\](?=\()/g, '] ');
}
