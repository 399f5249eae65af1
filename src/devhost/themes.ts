import { readFileSync } from 'fs';
import { join } from 'path';
import { packageRoot } from './staticFiles';
import {
  DARK_PALETTE,
  HIGH_CONTRAST_PALETTE,
  LIGHT_PALETTE,
  type Palette,
  type Rgb,
  type ThemeName,
} from './themePalettes';

/** The theme variables the local host sends, built from themePalettes.ts by the light set's own formulas. */

const rgba = (rgb: Rgb, alpha: number | string = 1) => `rgba(${rgb}, ${alpha})`;

/** Every variable of azure-devops-ui's set, from a palette, by the formulas the light set follows. */
export function themeFrom(p: Palette): Record<string, string> {
  const n = p.neutral;
  const pr = p.primary;
  const ink = (alpha: number | string) => rgba(n[100], alpha);
  const out: Record<string, string> = {
    'palette-primary-darken-6': rgba(p.darkened6),
    'palette-primary-darken-10': rgba(p.darkened10),
    'palette-primary-darkened-6': p.darkened6,
    'palette-primary-darkened-10': p.darkened10,
    'palette-primary-shade-30': pr['shade-30'],
    'palette-primary-shade-20': pr['shade-20'],
    'palette-primary-shade-10': pr['shade-10'],
    'palette-primary': pr.base,
    'palette-primary-tint-10': pr['tint-10'],
    'palette-primary-tint-20': pr['tint-20'],
    'palette-primary-tint-30': pr['tint-30'],
    'palette-primary-tint-40': pr['tint-40'],
  };
  for (const step of [100, 80, 70, 60, 30, 20, 10, 8, 6, 4, 2, 0] as const) out[`palette-neutral-${step}`] = n[step];
  Object.assign(out, {
    'palette-error': 'rgba(232, 17, 35, 1)',
    'palette-error-6': 'rgba(203, 15, 31, 1)',
    'palette-error-10': 'rgba(184, 14, 28, 1)',
  });
  // "Black" alphas are the theme's ink: white ones in a dark theme.
  for (const a of [0, 2, 4, 6, 8, 10, 20, 30, 60, 70, 80, 100]) out[`palette-black-alpha-${a}`] = ink(a / 100);
  for (const [name, a] of [
    ['accent1', p.accent1],
    ['accent2', p.accent2],
    ['accent3', p.accent3],
  ] as const) {
    out[`palette-${name}-light`] = a.light;
    out[`palette-${name}`] = a.base;
    out[`palette-${name}-dark`] = a.dark;
  }
  Object.assign(out, {
    'communication-foreground': rgba(pr['shade-20']),
    'communication-background': rgba(pr.base),
    'status-error-foreground': 'rgba(205, 74, 69, 1)',
    'status-error-background': rgba(p.accent1.light),
    'status-error-text': rgba(p.accent1.base),
    'status-error-strong': rgba(p.accent1.dark),
    'status-info-foreground': rgba(pr.base),
    'status-info-background': rgba(pr.base),
    'status-success-foreground': rgba(p.accent2.dark),
    'status-success-background': rgba(p.accent2.light),
    'status-success-text': 'rgba(127, 184, 0, 1)',
    'status-warning-icon-foreground': 'rgba(177, 133, 37, 1)',
    'status-warning-foreground': 'rgba(250, 157, 45, 1)',
    'status-warning-background': rgba(p.accent3.light),
    'status-warning-text': 'rgba(184, 94, 6, 1)',
    'background-color': rgba(n[0]),
    'text-primary-color': ink(0.9),
    'text-secondary-color': ink(0.55),
    'text-disabled-color': ink(0.38),
    'text-on-communication-background': 'rgba(255, 255, 255, 1)',
    'border-subtle-color': ink(0.08),
    'splitter-border-color': ink(0.42),
    'callout-background-color': rgba(n[0]),
    'callout-filtered-background-color': rgba(n[0], 0.86),
    'callout-shadow-color': 'rgba(0, 0, 0, .132)',
    'callout-shadow-secondary-color': 'rgba(0, 0, 0, .108)',
    'panel-shadow-color': 'rgba(0, 0, 0, .22)',
    'panel-shadow-secondary-color': 'rgba(0, 0, 0, .18)',
    'focus-pulse-max-color': rgba(pr.base, 0.23),
    'focus-pulse-min-color': rgba(pr.base, 0.15),
    'focus-border-color': rgba(pr.base),
    'third-party-icon-filter': 'none',
    'icon-folder-color': '#dcb67a',
    'component-menu-selected-item-background': rgba(n[4]),
    'component-errorBoundary-border-color': rgba(p.accent1.base),
    'component-errorBoundary-background-color': rgba(p.accent1.light),
    'component-grid-row-hover-color': ink(0.02),
    'component-grid-selected-row-color': rgba(pr['tint-30']),
    'component-grid-focus-border-color': rgba(pr.base),
    'component-grid-link-selected-row-color': rgba(pr['shade-20']),
    'component-grid-link-hover-color': rgba(pr['shade-20']),
    'component-grid-action-hover-color': rgba(n[8]),
    'component-grid-action-selected-cell-hover-color': rgba(pr['tint-30']),
    'component-grid-cell-bottom-border-color': rgba(n[8]),
    'component-grid-drag-source-color': rgba(n[0], 0.4),
    'component-label-default-color': rgba(n[4]),
    'component-label-default-color-hover': rgba(n[10]),
    'component-htmlEditor-background-color': rgba(n[0]),
    'component-htmlEditor-foreground-color': ink(0.9),
    'component-status-success': 'rgba(85, 163, 98, 1)',
    'component-status-error': 'rgba(205, 74, 69, 1)',
    'component-status-warning': rgba(p.accent3.base),
    'component-status-info': rgba(pr.base),
    'component-status-neutral': rgba(n[60]),
    'nav-header-background': rgba(n[0]),
    'nav-header-item-hover-background': ink(0.02),
    'nav-header-active-item-background': ink(0.08),
    'nav-header-text-primary-color': ink(0.9),
    'nav-header-text-secondary-color': ink(0.55),
    'nav-header-text-disabled-color': ink(0.38),
    'nav-header-product-color': rgba(pr.base),
    'nav-vertical-background-color': ink(0.08),
    'nav-vertical-item-hover-background': ink(0.08),
    'nav-vertical-active-group-background': ink(0.08),
    'nav-vertical-active-item-background': ink(0.2),
    'nav-vertical-text-primary-color': ink(0.9),
    'nav-vertical-text-secondary-color': ink(0.55),
    'diff-color-original': 'rgba(172, 0, 0, 0.1)',
    'diff-color-modified': 'rgba(51, 153, 51, 0.1)',
    'search-match-background': 'rgba(255, 255, 0, 0.6)',
    'search-selected-match-background': 'rgba(245, 139, 31, 0.8)',
    'build-output-error-color': 'rgb(233, 45, 61)',
  });
  return { ...out, ...p.fixed } as Record<string, string>;
}

/** azure-devops-ui's own defaults (its light theme), read where npm put it. */
export function azureDevOpsUiDefaults(): Record<string, string> {
  const file = join(packageRoot(__dirname), 'node_modules', 'azure-devops-ui', 'buildScripts', 'cssDefaults.json');
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
}

export const THEMES: Record<ThemeName, Record<string, string>> = {
  light: themeFrom(LIGHT_PALETTE),
  dark: themeFrom(DARK_PALETTE),
  'high-contrast': themeFrom(HIGH_CONTRAST_PALETTE),
};
