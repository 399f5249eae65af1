import { azureDevOpsUiDefaults, THEMES, themeFrom } from '../../src/devhost/themes';
import { LIGHT_PALETTE, THEME_NAMES, type ThemeName } from '../../src/devhost/themePalettes';

/** The local host's three themes: azure-devops-ui's own light set rebuilt exactly, and readable text in each. */

/** "rgba(0, 0, 0, .9)" → same text whatever the spacing or number style. */
const normal = (v: string) => v.replace(/\s+/g, '').replace(/\d*\.\d+/g, (n) => String(Number(n)));

type Rgba = [number, number, number, number];
function parse(css: string): Rgba {
  const m = /rgba?\(([^)]*)\)/.exec(css);
  if (!m) throw new Error(`not a colour: ${css}`);
  const [r, g, b, a = 1] = m[1].split(',').map(Number);
  return [r, g, b, a];
}
/** WCAG 2 relative luminance of an opaque colour. */
function luminance([r, g, b]: Rgba): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}
/** Contrast of `fg` (composited over `bg` when translucent) on an opaque `bg`. */
function contrast(fg: string, bg: string): number {
  const back = parse(bg);
  const [r, g, b, a] = parse(fg);
  const over: Rgba = [r * a + back[0] * (1 - a), g * a + back[1] * (1 - a), b * a + back[2] * (1 - a), 1];
  const [hi, lo] = [luminance(over), luminance(back)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe('local host themes', () => {
  it("the light theme is azure-devops-ui's own default set, variable for variable", () => {
    const defaults = azureDevOpsUiDefaults();
    const light = themeFrom(LIGHT_PALETTE);
    expect(Object.keys(light).sort()).toEqual(Object.keys(defaults).sort());
    for (const [key, value] of Object.entries(defaults))
      expect([key, normal(light[key])]).toEqual([key, normal(value)]);
  });

  it.each(THEME_NAMES)('%s sets every variable azure-devops-ui reads', (name) => {
    expect(Object.keys(THEMES[name]).sort()).toEqual(Object.keys(azureDevOpsUiDefaults()).sort());
  });

  // Text the hubs and surfaces draw on the page background, and the text on a primary button.
  const ON_BACKGROUND = [
    'text-primary-color',
    'text-secondary-color',
    'communication-foreground',
    'status-error-text',
    'status-warning-text',
    'status-success-foreground',
  ];
  const pairs: [ThemeName, string, string][] = THEME_NAMES.flatMap((name) => [
    ...ON_BACKGROUND.map((fg): [ThemeName, string, string] => [name, fg, 'background-color']),
    [name, 'text-on-communication-background', 'communication-background'],
  ]);
  it.each(pairs)('%s: %s on %s is at least 4.5:1', (name, fg, bg) => {
    const theme = THEMES[name];
    expect(contrast(theme[fg], theme[bg])).toBeGreaterThanOrEqual(4.5);
  });
});
