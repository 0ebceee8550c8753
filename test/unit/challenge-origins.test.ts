// Where a 3-D Secure challenge page may come from (the controller's list, read from its own page;
// its check of the gateway's confirm answer) and when a status read says the challenge is over
// (the modal's test for a bank page that says nothing), in Chromium.
import { expect } from '@esm-bundle/chai';
import { readChallengeOrigins } from '../../iframe/challenge-origins.ts';
import { readConfirmAnswer } from '../../iframe/gateway/payment-intent-answers.ts';
import { challengeIsOver } from '../../src/host/challenge-status.ts';

const GATEWAY = 'https://api.psp.example';
const HOOKS = 'https://hooks.psp.example';
const CLIENT_SECRET = 'pi_3Abc123_secret_xyz';

function withMeta(content: string | undefined, run: () => void): void {
  const meta = document.createElement('meta');
  meta.name = 'payframe-challenge-origins';
  if (content !== undefined) {
    meta.content = content;
    document.head.append(meta);
  }
  try {
    run();
  } finally {
    meta.remove();
  }
}

function challengeAnswer(url: string): unknown {
  return { id: 'pi_3Abc123', object: 'payment_intent', status: 'requires_action', next_action: { type: 'redirect_to_url', redirect_to_url: { url } } };
}

describe('challenge origins', () => {
  it('are the listed exact origins, skipping anything that is not one', () => {
    withMeta(`${GATEWAY}  ${HOOKS} https://x.example/path javascript:alert(1) nonsense`, () => {
      expect(readChallengeOrigins(`${GATEWAY}/v1`)).to.deep.equal([GATEWAY, HOOKS]);
    });
  });

  it("are the gateway's own origin on a page without the tag or with it unfilled", () => {
    withMeta(undefined, () => expect(readChallengeOrigins(`${GATEWAY}/v1`)).to.deep.equal([GATEWAY]));
    withMeta('{{PAYFRAME_CHALLENGE_ORIGINS}}', () => expect(readChallengeOrigins(GATEWAY)).to.deep.equal([GATEWAY]));
  });

  it('are none when the tag lists nothing valid', () => {
    withMeta('', () => expect(readChallengeOrigins(GATEWAY)).to.deep.equal([]));
  });

  it('let through a challenge URL on a listed origin other than the API', () => {
    expect(readConfirmAnswer(challengeAnswer(`${HOOKS}/3ds/abc?x=1`), CLIENT_SECRET, [GATEWAY, HOOKS])).to.deep.equal({ action: { url: `${HOOKS}/3ds/abc?x=1` } });
  });

  it('refuse a URL on any other origin, or with credentials, as challenge_unavailable, naming no URL', () => {
    for (const url of [`https://evil.example/3ds/abc`, `${HOOKS}/3ds/abc`, `https://user:pw@api.psp.example/3ds/abc`, 'javascript:alert(1)']) {
      const answer = readConfirmAnswer(challengeAnswer(url), CLIENT_SECRET, [GATEWAY]);
      expect(answer && 'error' in answer ? answer.error.code : answer, url).to.equal('challenge_unavailable');
      expect(JSON.stringify(answer)).not.to.contain('3ds');
    }
  });
});

describe('a challenge is over', () => {
  it('once the intent has left requires_action', () => {
    expect(challengeIsOver({ paymentIntent: { id: 'pi_1', status: 'requires_action' } })).to.equal(false);
    for (const status of ['succeeded', 'requires_capture', 'processing'] as const) expect(challengeIsOver({ paymentIntent: { id: 'pi_1', status } })).to.equal(true);
  });

  it("when the intent holds why it failed, not when the read itself failed", () => {
    expect(challengeIsOver({ error: { code: 'payment_intent_authentication_failure', message: 'm' } })).to.equal(true);
    for (const code of ['network_error', 'timeout', 'gateway_unavailable', 'rate_limited'] as const) expect(challengeIsOver({ error: { code, message: 'm' } })).to.equal(false);
  });
});
