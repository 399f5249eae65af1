import { parseEndpoint } from '../../src/core/endpoint';
import { parseApplication } from '../../src/core/graph';
import { ownerLabel, ownersNote, parseOwners, whoLine } from '../../src/core/owners';
import { buildReport } from '../../src/core/report';
import { computeVerdict } from '../../src/core/verdict';
import { application, armEndpoint, iso, NOW, seedEndpoint } from '../support/payloads';

/** Owners as Graph v1.0 sends them in `$expand=owners` (directoryObjects carrying `@odata.type`). */
const userFull = {
  '@odata.type': '#microsoft.graph.user',
  id: 'a1b2c3d4-0000-4000-8000-000000000101',
  businessPhones: [],
  displayName: 'Adele Vance',
  mail: 'AdeleV@contoso.com',
  userPrincipalName: 'AdeleV@contoso.com',
};
/** "only the @odata.type property for the object type and the id is returned, while other properties are indicated as null". */
const userIdOnly = {
  '@odata.type': '#microsoft.graph.user',
  id: 'a1b2c3d4-0000-4000-8000-000000000102',
  businessPhones: null,
  displayName: null,
  mail: null,
  userPrincipalName: null,
};
const principal = {
  '@odata.type': '#microsoft.graph.servicePrincipal',
  id: 'a1b2c3d4-0000-4000-8000-000000000103',
  appId: '00000000-0000-4000-8000-00000000aaaa',
  displayName: 'deploy-bot',
};

const withOwners = (owners: unknown) => ({
  ...application([{ start: iso(-10), end: iso(80) }]),
  ...(owners === undefined ? {} : { owners }),
});

describe('owners from the Graph application read', () => {
  it.each([
    ['not expanded (no owners key): unknown, not nobody', undefined, undefined],
    ['expanded and empty: nobody', [], []],
    ['a user Graph named', [userFull], [['user', 'Adele Vance (AdeleV@contoso.com)']]],
    [
      'a user without names (Application.Read.All only)',
      [userIdOnly],
      [['user', `user ${userIdOnly.id} (name not readable)`]],
    ],
    ['a service principal', [principal], [['servicePrincipal', 'deploy-bot']]],
    [
      'garbage entries are dropped',
      [null, 'x', { displayName: 'no id' }, userFull],
      [['user', 'Adele Vance (AdeleV@contoso.com)']],
    ],
  ])('%s', (_name, owners, expected) => {
    const parsed = parseOwners(withOwners(owners));
    expect(parsed?.map((o) => [o.kind, ownerLabel(o)])).toEqual(expected);
    expect(parseApplication(withOwners(owners))?.owners?.length).toBe(expected?.length);
  });

  it('says what adds the missing names, and only when some are missing', () => {
    expect(ownersNote(parseOwners(withOwners([userFull]))!)).toBeNull();
    expect(ownersNote(parseOwners(withOwners([userFull, userIdOnly]))!)).toMatch(/User\.ReadBasic\.All/);
  });

  it('marks a list of 20 (the $expand limit) as possibly cut', () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ ...userIdOnly, id: `id-${i}` }));
    expect(parseApplication(withOwners(many))?.ownersIncomplete).toBe(true);
    expect(parseApplication(withOwners(many.slice(1)))?.ownersIncomplete).toBeUndefined();
  });

  it('keeps a hostile owner name as data, cut to 256 characters', () => {
    const hostile = {
      ...userFull,
      displayName: `<img src=x onerror=alert(1)>##vso[task.setvariable]${'x'.repeat(400)}`,
    };
    const [owner] = parseOwners(withOwners([hostile]))!;
    expect(owner.displayName).toHaveLength(256);
    expect(owner.displayName?.startsWith('<img src=x')).toBe(true);
  });
});

describe('createdBy and the "nobody owns this" finding', () => {
  it('reads the connection creator from Azure DevOps (IdentityRef)', () => {
    const c = parseEndpoint(seedEndpoint());
    expect(c.createdBy).toEqual({
      id: '4d8a1c2e-0000-4000-8000-000000000002',
      displayName: 'John Doe',
      uniqueName: 'user@email.com',
    });
    expect(whoLine([], c.createdBy)).toBe('Owners: none, created by John Doe (user@email.com)');
    expect(whoLine(undefined, null)).toBe('Owners: not read, creator unknown');
  });

  it.each([
    ['no owners: the finding, saying who can add one', [], true],
    ['an owner: no finding', [userFull], false],
    ['owners not read: no claim', undefined, false],
  ])('%s', (_n, owners, found) => {
    const connection = parseEndpoint(armEndpoint());
    const app = parseApplication(withOwners(owners))!;
    const verdict = computeVerdict({ connection, lookup: { kind: 'found', app }, nowMs: NOW });
    const finding = verdict.findings.find((f) => f.code === 'no-owners');
    expect(!!finding).toBe(found);
    if (finding) {
      expect(finding.message).toMatch(/Nobody owns this app registration/);
      expect(finding.fix.join(' ')).toMatch(/Application Administrator/);
      expect(finding.severity).toBe('info');
    }
  });

  it('puts owners and createdBy in the scanner JSON', () => {
    const connection = parseEndpoint(armEndpoint());
    const app = parseApplication(withOwners([userIdOnly, principal]))!;
    const verdict = computeVerdict({ connection, lookup: { kind: 'found', app }, nowMs: NOW });
    const report = buildReport(
      [{ connection, verdict, project: 'Web', owners: app.owners }],
      'https://dev.azure.com/contoso',
      { warningDays: 30, criticalDays: 7 },
      new Date(NOW).toISOString(),
    );
    expect(report.connections[0].owners).toEqual([
      { id: userIdOnly.id, kind: 'user', displayName: null, userPrincipalName: null, mail: null },
      { id: principal.id, kind: 'servicePrincipal', displayName: 'deploy-bot', userPrincipalName: null, mail: null },
    ]);
    expect(report.connections[0].createdBy).toBeNull();
  });
});
