import { safeJson, safeLines } from '../../core/logSafe';
import type { Report, ReportEntry } from '../../core/report';
import type { Unread } from '../readFailure';
import type { ScanProblem } from '../scan';
import { formatCsv } from './csv';
import { formatMarkdown } from './markdown';
import { formatTable } from './table';

/** The scanner JSON contract (core buildReport, docs/contracts.md), plus what could not be read. */
export type ScanReport = Report & { errors: ScanProblem[] };

export interface RenderInput {
  report: ScanReport;
  entries: ReportEntry[];
  orgUrl: string;
  /** The scan read nothing: the human formats say what failed, never a zero summary (JSON and CSV stay data). */
  unread?: Unread | null;
}

export interface OutputFormat {
  /** What `--help` says about it. */
  description: string;
  /** Read by programs: in a pipeline, logging commands then go to stderr so stdout stays parseable. */
  machineReadable: boolean;
  render(input: RenderInput): string;
}

/**
 * Every `--format`, in the order `--help` lists them. `--format` validation, the help text and the
 * pipeline branch read this table; a new format is one entry here (and its tests).
 */
export const OUTPUT_FORMATS = {
  table: {
    description: 'aligned columns for a terminal, most severe first',
    machineReadable: false,
    render: ({ report, entries, unread }) => formatTable(report, entries, unread),
  },
  json: {
    description: 'the scanner JSON (docs/contracts.md)',
    machineReadable: true,
    render: ({ report }) => `${safeJson(JSON.stringify(report, null, 2))}\n`,
  },
  csv: {
    description: 'one row per connection, for spreadsheets',
    machineReadable: true,
    render: ({ report, entries }) => formatCsv(report, entries),
  },
  markdown: {
    description: 'a summary for pipeline runs and wikis',
    machineReadable: false,
    render: ({ report, entries, orgUrl, unread }) => formatMarkdown(report, entries, orgUrl, report.errors, unread),
  },
} satisfies Record<string, OutputFormat>;

export type Format = keyof typeof OUTPUT_FORMATS;

export const FORMATS = Object.keys(OUTPUT_FORMATS) as Format[];

export const DEFAULT_FORMAT: Format = 'table';

/**
 * Every format, on stdout or in a file (a later step may print it), holds no logging command and no
 * terminal control character from data (core/logSafe); the JSON keeps its data (`#` as \u0023).
 */
export function render(format: Format, input: RenderInput): string {
  const text = OUTPUT_FORMATS[format].render(input);
  return format === 'json' ? text : safeLines(text);
}
