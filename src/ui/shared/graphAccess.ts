/** Where the page stands with Microsoft Graph; drives the banner and the reason on unknown rows. */
export type GraphAccess =
  | { kind: 'pending' }
  | { kind: 'unconfigured' }
  | { kind: 'unavailable'; message: string }
  | { kind: 'ready' }
  | { kind: 'sign-in'; tenants: string[] }
  | { kind: 'error'; message: string };

export function noAccessMessage(access: GraphAccess): string | null {
  switch (access.kind) {
    case 'unconfigured':
      return 'no Entra app is configured for this organization (Settings)';
    case 'unavailable':
      return access.message;
    case 'error':
      return access.message;
    default:
      return null;
  }
}
