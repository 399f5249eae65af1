import { clientIdDocument, readClientIdSetting } from '../../src/core/clientIdSetting';
import { checkThresholds } from '../../src/core/thresholds';

const A = '6a3c9f10-5b2e-4d7a-9c1e-0f4b8d2a7e55';
const B = '11111111-2222-4333-8444-555555555555';

describe('thresholds have floors and ceilings', () => {
  it.each([
    ['30 / 7 (defaults)', 30, 7, true],
    ['1 / 1', 1, 1, true],
    ['365 / 365', 365, 365, true],
    ['critical 0 (tomorrow would show healthy)', 30, 0, false],
    ['warning 0', 0, 0, false],
    ['warning above 365', 366, 7, false],
    ['critical above warning', 10, 20, false],
    ['negative', -5, -10, false],
    ['not whole days', 30.5, 7, false],
  ])('%s → %s', (_n, warning, critical, ok) => {
    expect(checkThresholds(warning, critical).ok).toBe(ok);
  });
});

describe('the client ID document keeps who changed it', () => {
  it('adds each change on top, keeps the last five, and the etag for the write', () => {
    let stored: unknown = null;
    for (let i = 0; i < 7; i++) {
      const current = readClientIdSetting(stored);
      const doc = clientIdDocument(current, i % 2 ? A : B, `user ${i}`, `2026-11-2${i}T10:00:00.000Z`);
      stored = { ...doc, __etag: (current.etag ?? 0) + 1 };
    }
    const read = readClientIdSetting(stored);
    expect(read.clientId).toBe(B);
    expect(read.etag).toBe(7);
    expect(read.history.map((h) => h.by)).toEqual(['user 6', 'user 5', 'user 4', 'user 3', 'user 2']);
  });

  it.each([
    ['the value setValue left (no history)', { id: 'entraClientId', value: A }, A, 0],
    ['a value that is not a GUID', { value: 'https://evil.example' }, null, 0],
    [
      'history entries someone else wrote badly are dropped',
      {
        value: A,
        history: [
          { clientId: A, by: 'ok', at: '2026-11-20T00:00:00Z' },
          { clientId: 'x', by: 'bad id kept as cleared', at: '2026-11-19T00:00:00Z' },
          { clientId: A, by: 5, at: '2026-11-18T00:00:00Z' },
          { clientId: A, by: 'no date', at: 'yesterday' },
          null,
        ],
      },
      A,
      2,
    ],
    ['nothing stored', null, null, 0],
  ])('reads %s', (_n, raw, clientId, historyLength) => {
    const s = readClientIdSetting(raw);
    expect(s.clientId).toBe(clientId);
    expect(s.history).toHaveLength(historyLength);
  });
});
