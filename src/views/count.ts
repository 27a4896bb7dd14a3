// Counts as people read them: 10,000 rather than 10000. One formatter: toLocaleString builds a new one per call.

const format = new Intl.NumberFormat('en');

export const formatCount = (n: number): string => format.format(n);
