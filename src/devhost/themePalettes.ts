/**
 * The theme variables the local host sends as `themeData` (handshake) and with `themeChanged`, as Azure DevOps
 * does; the SDK's applyTheme writes them as CSS variables. Light is azure-devops-ui's own default set
 * (node_modules/azure-devops-ui/buildScripts/cssDefaults.json: what its CSS falls back to, i.e. the light theme).
 * Dark and high contrast are that set rebuilt from another palette by the same formulas (themeFrom; a unit test
 * proves the formulas give back the light set exactly). The dark palette is Azure DevOps's dark theme as read from
 * dev.azure.com (gist manne/5977d70e98cd7e37aed59688d1204c25, "Defined custom properties of Azure DevOps Dark
 * Theme"); Azure DevOps does not publish its high-contrast variables, so that palette follows Windows High Contrast
 * Black's system colours (Canvas #000, CanvasText #fff, LinkText #ff0, Highlight #1aebff, GrayText #3ff23f).
 */

export type ThemeName = 'light' | 'dark' | 'high-contrast';
export const THEME_NAMES: ThemeName[] = ['light', 'dark', 'high-contrast'];
export const THEME_LABELS: Record<ThemeName, string> = {
  light: 'Light',
  dark: 'Dark',
  'high-contrast': 'High contrast',
};

export type Rgb = string;

/** The named colours a theme is built from ("r, g, b" triplets, as Azure DevOps writes them). */
export interface Palette {
  primary: Record<'shade-30' | 'shade-20' | 'shade-10' | 'base' | 'tint-10' | 'tint-20' | 'tint-30' | 'tint-40', Rgb>;
  darkened6: Rgb;
  darkened10: Rgb;
  neutral: Record<0 | 2 | 4 | 6 | 8 | 10 | 20 | 30 | 60 | 70 | 80 | 100, Rgb>;
  accent1: { light: Rgb; base: Rgb; dark: Rgb };
  accent2: { light: Rgb; base: Rgb; dark: Rgb };
  accent3: { light: Rgb; base: Rgb; dark: Rgb };
  /** Variables set outright, after the formulas (colours that are not palette steps in the light set). */
  fixed: Partial<Record<string, string>>;
}

export const LIGHT_PALETTE: Palette = {
  primary: {
    'shade-30': '0, 69, 120',
    'shade-20': '0, 90, 158',
    'shade-10': '16, 110, 190',
    base: '0, 120, 212',
    'tint-10': '43, 136, 216',
    'tint-20': '199, 224, 244',
    'tint-30': '222, 236, 249',
    'tint-40': '239, 246, 252',
  },
  darkened6: '0, 103, 181',
  darkened10: '0, 91, 161',
  neutral: {
    100: '0, 0, 0',
    80: '51, 51, 51',
    70: '76, 76, 76',
    60: '102, 102, 102',
    30: '166, 166, 166',
    20: '200, 200, 200',
    10: '218, 218, 218',
    8: '234, 234, 234',
    6: '239, 239, 239',
    4: '244, 244, 244',
    2: '248, 248, 248',
    0: '255, 255, 255',
  },
  accent1: { light: '249, 235, 235', base: '218, 10, 0', dark: '168, 0, 0' },
  accent2: { light: '223, 246, 221', base: '186, 216, 10', dark: '16, 124, 16' },
  accent3: { light: '251, 242, 236', base: '214, 127, 60', dark: '171, 102, 48' },
  fixed: {},
};

export const DARK_PALETTE: Palette = {
  primary: {
    'shade-30': '184, 216, 255',
    'shade-20': '152, 198, 255',
    'shade-10': '121, 181, 255',
    base: '0, 120, 212',
    'tint-10': '82, 143, 217',
    'tint-20': '73, 126, 191',
    'tint-30': '55, 96, 145',
    'tint-40': '34, 59, 89',
  },
  // The same primary as light: its darkened steps are the light theme's.
  darkened6: LIGHT_PALETTE.darkened6,
  darkened10: LIGHT_PALETTE.darkened10,
  neutral: {
    100: '255, 255, 255',
    80: '225, 223, 221',
    70: '190, 187, 184',
    60: '161, 159, 157',
    30: '121, 119, 117',
    20: '96, 94, 92',
    10: '72, 70, 68',
    8: '59, 58, 57',
    6: '50, 49, 48',
    4: '41, 40, 39',
    2: '37, 36, 35',
    0: '32, 31, 30',
  },
  accent1: { light: '68, 39, 38', base: '241, 112, 123', dark: '241, 112, 123' },
  accent2: { light: '57, 61, 27', base: '146, 195, 83', dark: '146, 195, 83' },
  // Not in the captured dark set: light's orange, with a dark tint for its background.
  accent3: { light: '67, 49, 31', base: '214, 127, 60', dark: '214, 127, 60' },
  fixed: {
    // Light's text-on-white colours, which are not palette steps, as the dark set's accents.
    'status-error-foreground': 'rgba(241, 112, 123, 1)',
    'status-success-text': 'rgba(146, 195, 83, 1)',
    'status-warning-text': 'rgba(250, 157, 45, 1)',
  },
};

export const HIGH_CONTRAST_PALETTE: Palette = {
  primary: {
    'shade-30': '255, 255, 0',
    'shade-20': '255, 255, 0',
    'shade-10': '255, 255, 0',
    base: '26, 235, 255',
    'tint-10': '26, 235, 255',
    'tint-20': '0, 70, 100',
    'tint-30': '0, 55, 80',
    'tint-40': '0, 40, 60',
  },
  darkened6: '26, 235, 255',
  darkened10: '26, 235, 255',
  neutral: {
    100: '255, 255, 255',
    80: '255, 255, 255',
    70: '230, 230, 230',
    60: '200, 200, 200',
    30: '160, 160, 160',
    20: '128, 128, 128',
    10: '100, 100, 100',
    8: '255, 255, 255',
    6: '40, 40, 40',
    4: '20, 20, 20',
    2: '10, 10, 10',
    0: '0, 0, 0',
  },
  accent1: { light: '60, 0, 0', base: '255, 128, 128', dark: '255, 128, 128' },
  accent2: { light: '0, 50, 0', base: '63, 242, 63', dark: '63, 242, 63' },
  accent3: { light: '60, 40, 0', base: '255, 200, 0', dark: '255, 200, 0' },
  fixed: {
    // No translucent text or borders in high contrast; text on the cyan highlight is black (HighlightText).
    'text-secondary-color': 'rgba(255, 255, 255, 1)',
    'text-disabled-color': 'rgba(63, 242, 63, 1)',
    'border-subtle-color': 'rgba(255, 255, 255, 1)',
    'text-on-communication-background': 'rgba(0, 0, 0, 1)',
    'status-error-foreground': 'rgba(255, 128, 128, 1)',
    'status-success-text': 'rgba(63, 242, 63, 1)',
    'status-warning-foreground': 'rgba(255, 200, 0, 1)',
    'status-warning-icon-foreground': 'rgba(255, 200, 0, 1)',
    'status-warning-text': 'rgba(255, 200, 0, 1)',
    'component-status-success': 'rgba(63, 242, 63, 1)',
    'component-status-error': 'rgba(255, 128, 128, 1)',
  },
};
