// Counts as people read them: 10,000 rather than 10000.

export const formatCount = (n: number): string => n.toLocaleString('en');
