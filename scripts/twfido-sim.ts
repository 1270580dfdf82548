/**
 * `npm run twfido-sim`: the 行動自然人憑證 (TW FidO) simulator as its own process, for development
 * and the demo (apps/server/src/modules/mobile-moica/simulator.ts). Open its URL in a browser (or
 * on a phone) to approve or refuse sign-in requests. Settings from the environment:
 * TWFIDO_SIM_PORT (default 3900), TWFIDO_SIM_HOST (default 127.0.0.1), TWFIDO_SP_SERVICE_ID and
 * TWFIDO_SP_KEY (default: the simulator's public demo values — point the server at the same ones).
 */
import { DEMO_SP_KEY, DEMO_SP_SERVICE_ID, startTwFidoSim } from '../apps/server/src/modules/mobile-moica/simulator.ts';

const sim = await startTwFidoSim({
  port: Number(process.env.TWFIDO_SIM_PORT ?? 3900),
  host: process.env.TWFIDO_SIM_HOST || '127.0.0.1',
  serviceId: process.env.TWFIDO_SP_SERVICE_ID || DEMO_SP_SERVICE_ID,
  key: process.env.TWFIDO_SP_KEY || DEMO_SP_KEY,
});
// The first line is read by scripts/twfido-sim-process.ts; keep its shape.
console.log(`TWFIDO_SIM_READY ${sim.url}`);
if (!process.env.TWFIDO_SP_KEY)
  console.log(
    `TW FidO simulator: point the server at it with TWFIDO_URL=${sim.url} TWFIDO_SP_SERVICE_ID=${sim.serviceId} TWFIDO_SP_KEY=${sim.key}`,
  );
const stop = () => void sim.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
