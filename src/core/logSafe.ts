/**
 * Text written by the scanner (terminal, pipeline log, files) where names and messages come from other
 * people. Two dangers: Azure Pipelines logging commands and terminal control sequences.
 *
 * The agent's rules (microsoft/azure-pipelines-agent):
 * - src/Microsoft.VisualStudio.Services.Agent/Command.cs `TryParse`: `message.IndexOf("##vso[")` finds
 *   the command **anywhere** in a line of stdout or stderr. That IndexOf is culture-sensitive, and .NET's
 *   ICU comparison skips ignorable code points (format characters such as U+200B or U+00AD, controls),
 *   so `#\u200B#vso[` is found too.
 * - src/Microsoft.VisualStudio.Services.Agent/Logging.cs: `##[group]` / `##[endgroup]` are matched with
 *   `Contains(…, OrdinalIgnoreCase)`, and the log viewer formats `##[error]`, `##[warning]`,
 *   `##[section]`, `##[command]`, `##[debug]` (src/Agent.Worker/ExecutionContext.cs).
 * Our own commands escape their data as microsoft/azure-pipelines-task-lib node/taskcommand.ts does
 * (src/jobs/pipelineCommands.ts); this module makes sure nothing from data can start one.
 */

/** Code points .NET's ICU comparison may skip between the characters of `##vso[`. */
const IGNORABLE = String.raw`(?:\p{Cc}|\p{Cf}|\p{Variation_Selector}|\u034F|\u115F|\u1160|\u17B4|\u17B5|\u3164|\uFFA0)`;
const I = `${IGNORABLE}*`;
/** `##vso[` or `##[`, any case, with ignorable code points anywhere between its characters. */
const COMMAND_START = new RegExp(`#${I}#${I}(?:v${I}s${I}o${I})?\\[`, 'giu');

/** Breaks every `##vso[` and `##[` in the text: `##vso[x]` becomes `# #vso[x]` (visible, never ignorable). */
export function neutralizeCommands(text: string): string {
  // The inserted space is not ignorable and matches never overlap, so one pass leaves no command.
  return text.replace(COMMAND_START, (m) => `# ${m.slice(1)}`);
}

/** C0 controls (incl. ESC, CR, LF, TAB), DEL and C1 controls (incl. CSI U+009B) become spaces. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

export function withoutControls(text: string): string {
  return text.replace(CONTROL, ' ');
}

/**
 * Bidirectional overrides and embeddings (U+202A–U+202E), isolates (U+2066–U+2069), zero-width and
 * direction marks (U+200B–U+200F) and the BOM (U+FEFF): invisible, yet they reorder or hide what a name
 * reads as (`acr-\u202Egnp.exe-push` shows as "acr-hsup-exe.png"). In text output they are shown.
 */
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200B-\u200F\uFEFF]/g;

/** Each invisible or bidi control character written as a visible escape: `<U+202E>`. */
export function showInvisibles(text: string): string {
  return text.replace(INVISIBLE, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);
}

/** Text for a terminal, CSV or Markdown cell: no control character, every bidi/invisible one shown. */
export function plainText(text: string): string {
  return showInvisibles(withoutControls(text));
}

/** One line for a terminal or a pipeline log: no control characters, no hidden reordering, no logging command. */
export function safeLine(text: string): string {
  return neutralizeCommands(plainText(text));
}

/**
 * Several lines (a table, CSV, markdown, and JSON on stdout): each line made safe; `\n` and `\r\n` line
 * ends are kept, any other control character (a lone CR, ESC, TAB, U+009B…) becomes a space. Invisible
 * characters are left as they are (JSON must keep its data): text formats show them cell by cell with
 * plainText or showInvisibles.
 */
export function safeLines(text: string): string {
  return text
    .split(/(\r?\n)/)
    .map((part, i) => (i % 2 === 1 ? part : neutralizeCommands(withoutControls(part))))
    .join('');
}

/**
 * JSON text with the same data and no `##` or control character in it: a `#` followed by `#` is written
 * `\u0023`, DEL and C1 controls `\u007f`…`\u009f` (JSON.stringify escapes C0 already). `#` is never part
 * of JSON syntax or of an escape sequence, so JSON.parse gives back the original strings.
 */
export function safeJson(json: string): string {
  return neutralizeJsonCommands(json).replace(
    /[\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function neutralizeJsonCommands(json: string): string {
  // Any `#` that a later `#` could join (possibly across ignorable code points) is escaped.
  return json.replace(new RegExp(`#(?=${I}#)`, 'gu'), '\\u0023');
}
