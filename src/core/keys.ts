/** The identity of one Graph lookup: an app in a tenant (case-insensitive). */
export function appKey(tenantId: string, appId: string): string {
  return `${tenantId.toLowerCase()}|${appId.toLowerCase()}`;
}
