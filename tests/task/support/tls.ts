import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/**
 * A throwaway self-signed certificate for 127.0.0.1: the fake Entra ID and the agent's OIDC endpoint
 * are HTTPS like the real ones (MSAL refuses an http:// authority). The task's process trusts it
 * through NODE_EXTRA_CA_CERTS, as an agent machine trusts login.microsoftonline.com.
 */
export function selfSignedCertificate(): { key: string; cert: string; certPath: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sc-expiry-tls-'));
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
        '-keyout',
        keyPath,
        '-out',
        certPath,
      ],
      { stdio: 'pipe' },
    );
  } catch (e) {
    throw new Error(
      `openssl is needed for the task tests' HTTPS fakes (apt-get install -y openssl): ${(e as Error).message}`,
    );
  }
  return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8'), certPath };
}
