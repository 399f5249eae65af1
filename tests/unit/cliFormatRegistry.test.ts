import { parseArgs } from '../../src/cli/args';
import { FORMATS, OUTPUT_FORMATS } from '../../src/jobs/format/formats';
import { HELP } from '../../src/cli/help';
import { run } from '../../src/cli/run';
import { captureIo, withSampleOrg } from '../support/fakeOrg';
import { NOW } from '../support/payloads';
import { graphToken } from '../support/tokens';

/** The output-format registry is what --format accepts, what --help lists and what the pipeline branch reads. */

const defaults = () => {
  const parsed = parseArgs(['scan', '--org', 'contoso']);
  if (parsed.kind !== 'scan') throw new Error(parsed.kind);
  return parsed.options;
};

describe('--help', () => {
  it('states the defaults the parser applies', () => {
    const o = defaults();
    expect(HELP).toContain(`${o.format} (default)`);
    expect(HELP).toContain(`${o.failOn} (default)`);
    expect(HELP).toContain(`within N days (default ${o.thresholds.warningDays})`);
    expect(HELP).toContain(`Critical within N days (default ${o.thresholds.criticalDays})`);
    expect(HELP).toContain(`in flight per service (default ${o.concurrency})`);
    expect(HELP).toContain(`Per-request timeout (default ${o.timeoutMs / 1000})`);
  });

  it.each(FORMATS)('lists the %s format with its description, and --format accepts it', (format) => {
    expect(HELP).toContain(`  ${format.padEnd(10)} ${OUTPUT_FORMATS[format].description}`);
    const parsed = parseArgs(['scan', '--org', 'contoso', '--format', format]);
    expect(parsed.kind === 'scan' && parsed.options.format).toBe(format);
  });

  it('refuses a format the registry does not hold, naming the ones it does', () => {
    expect(parseArgs(['scan', '--org', 'contoso', '--format', 'xml'])).toEqual({
      kind: 'error',
      message: `--format must be one of ${FORMATS.join(', ')} (got "xml")`,
    });
  });
});

describe('each format in a pipeline (TF_BUILD=True)', () => {
  it.each(FORMATS)(
    '%s: logging commands stay off stdout exactly when the format is machine-readable',
    async (format) => {
      await withSampleOrg({}, async (fakes) => {
        const { io, captured } = captureIo(NOW);
        const env = {
          AZURE_DEVOPS_EXT_PAT: 'registry-test-pat-1234',
          GRAPH_ACCESS_TOKEN: graphToken(),
          TF_BUILD: 'True',
        };
        const code = await run(
          ['scan', '--org', fakes.orgUrl, '--graph-url', fakes.graphUrl, '--format', format],
          env,
          io,
        );
        expect(code).toBe(1);
        const onStdout = captured.stdout.includes('##vso[');
        expect(onStdout).toBe(!OUTPUT_FORMATS[format].machineReadable);
        expect(captured.stderr.includes('##vso[task.logissue')).toBe(OUTPUT_FORMATS[format].machineReadable);
        if (format === 'json') expect(() => JSON.parse(captured.stdout)).not.toThrow();
      });
    },
  );
});
