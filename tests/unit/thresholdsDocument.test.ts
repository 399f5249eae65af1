import { thresholdsFromDocument, thresholdsReadFailed, usableThresholds } from '../../src/core/thresholdsDocument';

/** Issue 17 item 2: one reader for a project's thresholds document, never a silent default. */
describe('the thresholds document reader', () => {
  it.each([
    ['no document: the defaults stand', null, 'missing', { warningDays: 30, criticalDays: 7 }],
    [
      'the project set 60/14',
      { id: 'p', warningDays: 60, criticalDays: 14, __etag: 3 },
      'set',
      { warningDays: 60, criticalDays: 14 },
    ],
    [
      'numbers as text (an older writer)',
      { warningDays: '45', criticalDays: '10' },
      'set',
      { warningDays: 45, criticalDays: 10 },
    ],
    ['critical above warning (hostile or broken)', { warningDays: 5, criticalDays: 20 }, 'unreadable', null],
    ['zero days', { warningDays: 0, criticalDays: 0 }, 'unreadable', null],
    ['not numbers', { warningDays: 'sixty', criticalDays: null }, 'unreadable', null],
    ['an array', [60, 14], 'unreadable', null],
    ['a string', 'warningDays=60', 'unreadable', null],
  ])('%s', (_name, doc, kind, thresholds) => {
    const reading = thresholdsFromDocument(doc);
    expect(reading.kind).toBe(kind);
    expect(usableThresholds(reading)).toEqual(thresholds);
    // Read whole but not valid: known to be broken, so Settings may overwrite it (a failed read may not).
    if (reading.kind === 'unreadable')
      expect(reading).toEqual({ kind: 'unreadable', reason: expect.stringMatching(/thresholds/), invalid: true });
  });

  it('a failed read is "could not read", with why, never the defaults', () => {
    const reading = thresholdsReadFailed(new Error('TF400813: not authorized (401)'));
    expect(reading).toEqual({
      kind: 'unreadable',
      reason: 'the thresholds could not be read (TF400813: not authorized (401))',
    });
    expect(usableThresholds(reading)).toBeNull();
  });
});
