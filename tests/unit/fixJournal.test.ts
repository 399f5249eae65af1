import { endpointState, newSecretBody, schemeChangeBody, verifyDetails } from '../../src/core/fix/endpointBody';
import {
  leftToDo,
  newJournal,
  openStep,
  revertStepFor,
  type JournalEntry,
  type JournalStep,
} from '../../src/core/fix/journal';
import { armEndpoint, iso, NOW } from '../support/payloads';

const SECRET = 'Qx8~never-in-a-journal-0123456789abcdef';

describe('fix: PUT bodies from the connection as read', () => {
  const read: Record<string, unknown> = {
    ...armEndpoint(),
    data: { ...(armEndpoint().data as object), revertSchemeDeadline: iso(3) },
  };

  it.each([['WorkloadIdentityFederation'], ['ServicePrincipal']] as const)(
    'convert towards %s changes only the scheme and drops revertSchemeDeadline',
    (scheme) => {
      const body = schemeChangeBody(read, scheme);
      const expected = JSON.parse(JSON.stringify(read));
      expected.authorization.scheme = scheme;
      delete expected.data.revertSchemeDeadline;
      expect(body).toEqual(expected);
      expect((read.authorization as { scheme: string }).scheme).toBe('ServicePrincipal');
    },
  );

  it('a new secret changes only serviceprincipalkey (in its wire casing)', () => {
    const body = newSecretBody(armEndpoint({ creationMode: 'Manual' }), SECRET);
    const expected = JSON.parse(JSON.stringify(armEndpoint({ creationMode: 'Manual' })));
    expected.authorization.parameters.serviceprincipalkey = SECRET;
    expect(body).toEqual(expected);
    expect(verifyDetails(body)).toEqual({
      type: 'azurerm',
      url: 'https://management.azure.com/',
      authorization: expected.authorization,
      data: expected.data,
    });
  });

  it.each([[null], ['text'], [{ id: 'x' }]])('refuses a connection it cannot read: %j', (raw) => {
    expect(() => schemeChangeBody(raw, 'WorkloadIdentityFederation')).toThrow(/connection as read/);
  });

  it('the journal state of a connection holds no parameter but the scheme', () => {
    const raw = armEndpoint({ creationMode: 'Manual' });
    (raw.authorization as { parameters: Record<string, unknown> }).parameters.serviceprincipalkey = SECRET;
    const state = endpointState(raw);
    expect(state).toEqual({
      scheme: 'ServicePrincipal',
      authenticationType: 'spnKey',
      isReady: true,
      operationState: 'Ready',
      revertSchemeDeadline: null,
    });
    expect(JSON.stringify(state)).not.toContain(SECRET);
  });
});

function entry(
  action: 'convert' | 'rotate',
  steps: [JournalStep['step'], JournalStep['status']][],
  more: Partial<JournalEntry> = {},
): JournalEntry {
  return {
    connectionId: 'c1',
    project: 'Web',
    name: 'arm-prod',
    action,
    state: 'in-progress',
    steps: steps.map(([step, status]) => ({ step, status, at: iso(0) })),
    before: null,
    after: null,
    revertBy: null,
    appObjectId: null,
    newKeyId: null,
    removedKeyId: null,
    error: null,
    link: 'https://dev.azure.com/contoso/Web/_settings/adminservices?resourceId=c1',
    tenantId: null,
    environment: null,
    ...more,
  };
}

describe('fix journal: what --revert does with each entry', () => {
  it.each([
    [
      'convert interrupted while polling',
      entry(
        'convert',
        [
          ['convert', 'done'],
          ['wait-ready', 'started'],
        ],
        { revertBy: iso(7) },
      ),
      'revert-convert',
    ],
    [
      'convert done, inside the deadline',
      entry(
        'convert',
        [
          ['convert', 'done'],
          ['check', 'done'],
        ],
        { state: 'done', revertBy: iso(7) },
      ),
      'revert-convert',
    ],
    [
      'convert done, past the deadline',
      entry('convert', [['convert', 'done']], { state: 'done', revertBy: iso(-1) }),
      'cannot',
    ],
    [
      'convert rolled back',
      entry(
        'convert',
        [
          ['convert', 'done'],
          ['revert', 'done'],
        ],
        { state: 'rolled-back' },
      ),
      'nothing',
    ],
    ['convert never sent', entry('convert', []), 'nothing'],
    [
      'rotate: password added, not saved',
      entry(
        'rotate',
        [
          ['add-password', 'done'],
          ['wait-token', 'started'],
        ],
        { newKeyId: 'k-new' },
      ),
      'remove-new-password',
    ],
    [
      'rotate: saved',
      entry(
        'rotate',
        [
          ['add-password', 'done'],
          ['save', 'done'],
        ],
        { newKeyId: 'k-new', state: 'done' },
      ),
      'cannot',
    ],
    ['rotate: nothing added', entry('rotate', [['add-password', 'started']]), 'nothing'],
    [
      'rotate: new password already removed',
      entry(
        'rotate',
        [
          ['add-password', 'done'],
          ['remove-new-password', 'done'],
        ],
        { newKeyId: 'k', state: 'rolled-back' },
      ),
      'nothing',
    ],
  ])('%s → %s', (_name, e, kind) => {
    expect(revertStepFor(e, NOW).kind).toBe(kind);
  });

  it('says plainly why a rotation cannot be undone', () => {
    const kept = revertStepFor(entry('rotate', [['save', 'done']], { state: 'done' }), NOW);
    const removed = revertStepFor(entry('rotate', [['save', 'done']], { state: 'done', removedKeyId: 'k-old' }), NOW);
    expect(kept).toMatchObject({ why: expect.stringMatching(/old secret is still valid/) });
    expect(removed).toMatchObject({ why: expect.stringMatching(/keyId k-old\) was removed and cannot be restored/) });
  });
});

describe('fix journal: what is left to do', () => {
  const journalWith = (e: JournalEntry) => ({ ...newJournal('https://dev.azure.com/contoso', iso(0)), entries: [e] });
  const revert = 'sc-expiry fix --revert j.json --org https://dev.azure.com/contoso';

  it.each([
    [
      'convert interrupted',
      entry('convert', [
        ['convert', 'done'],
        ['wait-ready', 'started'],
      ]),
      /interrupted during "wait-ready".*sc-expiry fix --revert j.json/,
    ],
    [
      'convert done',
      entry('convert', [['convert', 'done']], { state: 'done', revertBy: iso(7) }),
      /converted; revertible until/,
    ],
    [
      'convert failed, revert failed',
      entry('convert', [['revert', 'failed']], { state: 'failed', error: 'revert refused' }),
      /revert refused; revert it in Azure DevOps/,
    ],
    [
      'rotate added not saved',
      entry('rotate', [['add-password', 'done']], { newKeyId: 'k-new' }),
      /keyId k-new\) was added and not saved; remove it with: sc-expiry fix --revert/,
    ],
    [
      'rotate interrupted saving',
      entry(
        'rotate',
        [
          ['add-password', 'done'],
          ['save', 'started'],
        ],
        { newKeyId: 'k-new' },
      ),
      /interrupted after saving.*Check now/,
    ],
    [
      'rotate failed after save',
      entry(
        'rotate',
        [
          ['save', 'done'],
          ['check', 'failed'],
        ],
        { newKeyId: 'k-new', state: 'failed', error: 'the check failed' },
      ),
      /the check failed\. The new secret \(keyId k-new\)/,
    ],
  ])('%s', (_name, e, message) => {
    const left = leftToDo(journalWith(e), NOW, revert);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(message);
  });

  it.each([
    ['convert past its deadline', entry('convert', [['convert', 'done']], { state: 'done', revertBy: iso(-1) })],
    ['rolled back', entry('convert', [['revert', 'done']], { state: 'rolled-back' })],
    ['rotated', entry('rotate', [['save', 'done']], { state: 'done' })],
  ])('nothing left: %s', (_name, e) => {
    expect(leftToDo(journalWith(e), NOW, revert)).toEqual([]);
  });

  it('the open step is the last one started and not ended', () => {
    expect(
      openStep(
        entry('convert', [
          ['convert', 'done'],
          ['wait-ready', 'started'],
        ]),
      ),
    ).toBe('wait-ready');
    expect(openStep(entry('convert', [['convert', 'done']]))).toBeNull();
  });
});
