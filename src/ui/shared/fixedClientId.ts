import { isGuid } from '../../core/raw';

declare const __SCE_FIXED_CLIENT_ID__: string | null | undefined;

/** The Entra client ID fixed at packaging (ENTRA_CLIENT_ID, see webpack.config.js), if any; both hubs read it. */
export function fixedClientId(): string | null {
  const value = typeof __SCE_FIXED_CLIENT_ID__ === 'string' ? __SCE_FIXED_CLIENT_ID__ : null;
  return isGuid(value) ? value : null;
}
