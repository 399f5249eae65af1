/**
 * @jest-environment jsdom
 */
import { columnChoicesFrom } from '../../src/core/columnChoices';
import { localDays, shortDate } from '../../src/core/days';
import { parseEndpoint } from '../../src/core/endpoint';
import { authShortLabel, schemeLabel, schemeWords } from '../../src/core/labels';
import { colorOf } from '../../src/core/surfaceText';
import { COLUMNS, visibleColumns } from '../../src/ui/shared/tableColumns';
import { armEndpoint } from '../support/payloads';

/** Issue 18: the words and columns of a table that reads at a glance. */

describe('labels people read', () => {
  it.each([
    ['UsernamePassword', 'User name and password'],
    ['InstallationToken', 'GitHub App'],
    ['PersonalAccessToken', 'Personal access token'],
    ['OAuth2', 'OAuth'],
    ['None', 'No authentication'],
    ['', 'No authentication'],
    ['SomeFutureScheme', 'Some future scheme'],
    ['constructor', 'Constructor'],
  ])('scheme "%s" reads "%s", never the raw value', (scheme, label) => {
    expect(schemeWords(scheme)).toBe(label);
  });

  it.each([
    [{ scheme: 'ServicePrincipal' }, 'Secret (automatic)'],
    [{ scheme: 'ServicePrincipal', authenticationType: 'spnCertificate' }, 'Certificate (automatic)'],
    [{ scheme: 'WorkloadIdentityFederation' }, 'Workload identity federation (automatic)'],
  ])('an Azure Resource Manager connection %j reads "%s"', (options, label) => {
    const c = parseEndpoint(armEndpoint(options as Parameters<typeof armEndpoint>[0]));
    expect(authShortLabel(c)).toBe(label);
  });

  it('a GitHub App or a user name and password connection never shows its raw scheme', () => {
    for (const scheme of ['InstallationToken', 'UsernamePassword']) {
      const c = parseEndpoint({ ...armEndpoint(), type: 'github', authorization: { scheme, parameters: {} } });
      expect(authShortLabel(c)).not.toContain(scheme);
      expect(schemeLabel(c)).not.toContain(scheme);
    }
  });
});

describe('one date format', () => {
  it.each([
    ['2026-12-02T23:30:00Z', '12/2/2026'],
    ['2027-01-28T00:00:00.000Z', '1/28/2027'],
    [null, ''],
    ['not a date', ''],
  ])('%s is the viewer’s short date of its UTC day: "%s"', (iso, text) => {
    expect(shortDate(iso)).toBe(text);
  });

  it('ISO days in the core’s sentences become the viewer’s short dates; other numbers stay', () => {
    expect(localDays('Client secret expires in 3 days (2026-12-02), ticket 2026-1234.')).toBe(
      'Client secret expires in 3 days (12/2/2026), ticket 2026-1234.',
    );
  });
});

describe('column choice', () => {
  it.each([
    [
      { app: false, tenant: true },
      { app: false, tenant: true },
    ],
    [{ app: 'no', __proto__: true, 'x y': true }, {}],
    [['app'], null],
    ['app', null],
    [null, null],
  ])('the stored value %j reads as %j', (raw, choices) => {
    expect(columnChoicesFrom(raw)).toEqual(choices);
  });

  const ids = (ctx: { showProject: boolean; oneTenant: boolean }, choices = {}) =>
    visibleColumns(ctx, choices).map((c) => c.id);

  it('hides the tenant by default when every row has the same one, and shows the project in the organization hub', () => {
    expect(ids({ showProject: false, oneTenant: true })).not.toContain('tenant');
    expect(ids({ showProject: false, oneTenant: false })).toContain('tenant');
    expect(ids({ showProject: true, oneTenant: true })).toContain('project');
    expect(ids({ showProject: false, oneTenant: true })).not.toContain('project');
  });

  it('follows the viewer’s choice over the defaults, but never hides the name, expiry or status', () => {
    const chosen = ids(
      { showProject: false, oneTenant: true },
      { tenant: true, app: false, name: false, status: false },
    );
    expect(chosen).toContain('tenant');
    expect(chosen).not.toContain('app');
    expect(chosen).toEqual(expect.arrayContaining(['name', 'expiry', 'status']));
  });

  it('merges type and authentication into one column: no separate authentication column', () => {
    expect(COLUMNS.map((c) => c.id)).not.toContain('auth');
    expect(COLUMNS.find((c) => c.id === 'type')?.name).toBe('Type and authentication');
  });
});

describe('pill text contrast', () => {
  // WCAG 2 relative luminance and contrast ratio.
  const lum = (c: { red: number; green: number; blue: number }) => {
    const ch = (v: number) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * ch(c.red) + 0.7152 * ch(c.green) + 0.0722 * ch(c.blue);
  };
  const ratio = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

  it.each(['expired', 'critical', 'warning'] as const)(
    'the %s pill: the text Azure DevOps draws on it (white on dark, black on light) is at least 4.5:1',
    (status) => {
      const c = colorOf(status);
      // azure-devops-ui Utilities/Color isDark, which Pill uses to pick its text colour.
      const dark = c.red * 0.299 + c.green * 0.587 + c.blue * 0.114 <= 128;
      expect(ratio(lum(c), dark ? 1 : 0)).toBeGreaterThanOrEqual(4.5);
    },
  );
});
