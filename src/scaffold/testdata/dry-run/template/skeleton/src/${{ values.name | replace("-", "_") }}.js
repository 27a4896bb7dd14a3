export const queues = ${{ values.queues | dump }};
