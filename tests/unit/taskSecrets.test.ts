import { scannerSignIn, secretsOf, type CredentialLike } from '../../src/adapters/auth/scannerAuth';
import { command } from '../../src/jobs/pipelineCommands';
import { TENANT } from '../support/payloads';
import { fakeJwt } from '../support/tokens';

/**
 * Issue 17 item 6: every token obtained at run time is registered with ##vso[task.setsecret] (src/task/main.ts wires
 * Secrets.onAdd to it) before anything else can be logged: before the sign-in hands the token to the caller.
 */

const graphJwt = fakeJwt({ aud: 'https://graph.microsoft.com', exp: 4102444800 }, 'graph-token-obtained-0123456789');
const devopsJwt = fakeJwt({ aud: '499b84ac-1321-427f-aa17-267ca6975798', exp: 4102444800 }, 'ado-token-obtained-01234');

/** A credential as @azure/identity's (getToken(scope, {tenantId}) → {token, expiresOnTimestamp}). */
const credential = async (): Promise<CredentialLike> => ({
  getToken: async (scope: string) => ({
    token: scope.startsWith('https://graph') ? graphJwt : devopsJwt,
    expiresOnTimestamp: 4102444800000,
  }),
});

describe('the task registers each token it obtains', () => {
  it('Graph and Azure DevOps tokens: one setsecret each, logged before the token is used, none for known secrets', async () => {
    const log: string[] = [];
    const secrets = secretsOf({ GRAPH_ACCESS_TOKEN: '', SYSTEM_ACCESSTOKEN: '' });
    secrets.onAdd((s) => log.push(command('task.setsecret', {}, s)));
    const signIn = scannerSignIn({}, secrets, null, credential);
    const header = await signIn.devops.header();
    log.push(`used ${header}`);
    const graph = await signIn.graph.getToken(TENANT, 'https://graph.microsoft.com');
    log.push(`used ${graph}`);
    await signIn.graph.getToken(TENANT, 'https://graph.microsoft.com');
    secrets.add(graphJwt); // already known: not registered twice
    expect(log).toEqual([
      `##vso[task.setsecret]${devopsJwt}`,
      `used Bearer ${devopsJwt}`,
      `##vso[task.setsecret]${graphJwt}`,
      `used ${graphJwt}`,
    ]);
  });

  it('secrets known before onAdd (the agent masks its own job token and secret variables) are not re-logged', () => {
    const log: string[] = [];
    const secrets = secretsOf({ SYSTEM_ACCESSTOKEN: 'job-access-token-0123456789' });
    secrets.onAdd((s) => log.push(s));
    secrets.add('job-access-token-0123456789');
    expect(log).toEqual([]);
    expect(secrets.scrub('x job-access-token-0123456789')).not.toContain('job-access-token');
  });
});
