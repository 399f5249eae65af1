import { csvCell } from '../../src/core/csv';
import { plainText, safeLine, safeLines, showInvisibles } from '../../src/core/logSafe';

/** Issue 21 item 5: bidi controls and invisible characters are shown in text output, as `<U+202E>`. */

const RANGES = [
  ...Array.from({ length: 5 }, (_, i) => 0x202a + i),
  ...Array.from({ length: 4 }, (_, i) => 0x2066 + i),
  ...Array.from({ length: 5 }, (_, i) => 0x200b + i),
  0xfeff,
];

describe('showInvisibles', () => {
  it.each(RANGES.map((cp) => [cp.toString(16).toUpperCase().padStart(4, '0'), cp]))(
    'U+%s becomes a visible escape',
    (hex, cp) => {
      expect(showInvisibles(`a${String.fromCharCode(cp as number)}b`)).toBe(`a<U+${hex}>b`);
    },
  );

  it('leaves ordinary text, accents, RTL letters and emoji alone', () => {
    for (const text of ['acr-push', 'Déploiement', 'שלום-prod', 'مرحبا', 'prod 🚀', 'a\u2010b', 'x\u2028y'])
      expect(showInvisibles(text)).toBe(text);
  });

  it('the audit name reads as written in every text output', () => {
    const name = 'acr-\u202Egnp.exe-push';
    const shown = 'acr-<U+202E>gnp.exe-push';
    expect(safeLine(name)).toBe(shown);
    // safeLines keeps data (the JSON report passes through it); text formats escape cell by cell.
    expect(safeLines(`${name}\n`)).toBe(`${name}\n`);
    expect(plainText(`${name}\t`)).toBe(`${shown} `);
    expect(csvCell(name)).toBe(shown);
    // A zero-width space can no longer hide a formula or a logging command.
    expect(csvCell('\u200B=HYPERLINK("x")')).toBe('"<U+200B>=HYPERLINK(""x"")"');
    expect(safeLine('#\u200B#vso[task.setvariable]x')).not.toMatch(/#.?#vso\[/u);
  });
});
