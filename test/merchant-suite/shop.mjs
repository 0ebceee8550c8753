// A shop for the checkout tests: its own web server, as a merchant has. "/" is the drop-in with a
// new PaymentIntent per visit (made with the secret key, on the server); "/split" holds split fields.
import http from 'node:http';

const { SHOP_PORT = '3000', FIELDS_ORIGIN = 'http://127.0.0.1:4243', SANDBOX_URL = 'http://127.0.0.1:4244' } = process.env;
const PUBLISHABLE_KEY = 'pk_test_payframe_sandbox';
const SECRET_KEY = 'sk_test_payframe_sandbox';

async function createPaymentIntent() {
  const response = await fetch(`${SANDBOX_URL}/v1/payment_intents`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${SECRET_KEY}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ amount: '1999', currency: 'eur' }),
  });
  return response.json();
}

const page = (body) => `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>A shop</title><script src="${FIELDS_ORIGIN}/payframe.js" defer></script></head>
  <body>${body}</body>
</html>`;

http
  .createServer(async (request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://shop');
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    if (pathname === '/') {
      const intent = await createPaymentIntent();
      response.end(page(`<h1>Checkout</h1>
<payframe-checkout publishable-key="${PUBLISHABLE_KEY}" amount="1999" currency="eur" client-secret="${intent.client_secret}"></payframe-checkout>`));
    } else if (pathname === '/split') {
      response.end(page(`<h1>Save a card</h1>
<payframe-card-group publishable-key="${PUBLISHABLE_KEY}">
  <payframe-card-number></payframe-card-number>
  <payframe-card-expiry></payframe-card-expiry>
  <payframe-card-cvc></payframe-card-cvc>
</payframe-card-group>`));
    } else {
      response.statusCode = 404;
      response.end();
    }
  })
  .listen(Number(SHOP_PORT));
