import { createService } from '@kestrel/node-kit';
import Fastify from 'fastify';

const svc = await createService({ name: '${{ values.name }}' });
const app = Fastify({ logger: svc.log });

app.get('/healthz', async () => ({ ok: true }));

await app.listen({ host: '0.0.0.0', port: Number(process.env.PORT ?? ${{ values.port }}) });
svc.shutdownOnSignal(() => app.close());
