/** What `clientele serve` runs to act on the data continuously: alerts, audience syncs, outbox delivery. */
export { type ActivationOptions, activateOnce, startActivation } from './loop.js';
